"""Search and answers, from the passages of what readers may see."""

import math
import re
from dataclasses import dataclass, field, replace
from functools import partial

from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content.audience import AUDIENCES
from content.models import Article
from search.backends import MARK_END, MARK_START, backend
from search.matchers import AskedMatcher, TopicMatcher
from search.models import Passage, SearchWord
from search.passages import passages_from_html
from search.query import (
    FUNCTION_WORDS,
    WORD_RE,
    ParsedQuery,
    Vocabulary,
    asks_what_no_topic_answers,
    corrected,
    coverage,
    emergency_phrase_in,
    is_symptom,
    names_a_symptom,
    parse,
    search_terms,
    without_regions,
)

ANSWER_LIMIT = 3
# Passages a search ranks before keeping one a section: enough that a section's best passage
# and the passages matching every word are among them.
SEARCH_CANDIDATES = 60
# Passages ranked by the engine before the answer's own weighing picks the best: every passage
# carries its section's questions, so enough that one long section cannot take every place.
ANSWER_CANDIDATES = 60
# Passages of the sections that say how soon to get help, ranked on their own when a question
# names a symptom, beside the candidates above.
URGENCY_CANDIDATES = 20
# How much a passage's own words count beside its section's questions, which say in readers'
# words what it answers: passages share their words with many questions they do not answer.
COVERAGE_WEIGHT = 0.5
# How well a passage must answer to be offered at all (its section's best question match plus
# its words' share), unless its words alone say most of what was asked ("what is a bursa?").
ANSWER_THRESHOLD = 0.45
COVERAGE_THRESHOLD = 0.5
# How far naming a topic ("lower back", "sciatica", "my neck") lifts its sections above other
# topics' among the answers: enough to choose the topic, never to answer with a weaker section.
TOPIC_WEIGHT = 0.5
# Ranking scores every passage that matches any word of the question: a word on more passages
# than this ("pain" on a site of thousands of topics) finds few candidates the question's other
# words do not, so it is left out of finding them, though it still counts in choosing among them.
CROWDED_MATCHES = 5000
MARKED_RE = re.compile(f"{MARK_START}(.*?){MARK_END}", re.S)
# Words a misspelling may be corrected to: shorter ones are too easily confused.
SPELLING_WORD_RE = re.compile(r"[a-z]{4,}")


@dataclass
class Result:
    article: Article
    passage: Passage
    score: float
    coverage: float
    marked_html: str  # the passage's words, escaped, with <mark> around matches
    matched_words: tuple = ()  # the passage's words that matched the query
    asked: float = 0.0  # how well the query matches a question the passage's section answers

    @property
    def answer_score(self):
        """How well the passage answers the query: the passage that says most of what was
        asked, in the section whose own questions ask it best."""
        return self.asked + COVERAGE_WEIGHT * self.coverage

    @property
    def url(self):
        anchor = f"#{self.passage.anchor}" if self.passage.anchor else ""
        return f"{self.article.get_absolute_url()}?for={self.passage.audience}{anchor}"

    @property
    def citation_links(self):
        base = f"{self.article.get_absolute_url()}?for={self.passage.audience}"
        return [{"number": number, "url": f"{base}#ref-{number}"} for number in self.passage.citations]

    @property
    def answer_html(self):
        """The passage as written, its citations pointing at the topic's reference list."""
        base = f"{self.article.get_absolute_url()}?for={self.passage.audience}"
        return mark_safe(self.passage.html.replace('href="#ref-', f'href="{base}#ref-'))

    def as_json(self):
        return {
            "topic": self.passage.revision.title,
            "section": self.passage.heading,
            "text": self.passage.text,
            "citations": self.citation_links,
            "url": self.url,
            "score": round(self.score, 4),
        }


@dataclass
class Outcome:
    query: object
    results: list
    corrected_to: str | None = None

    def by_topic(self):
        """[(article, its results)], topics in the order of their best result."""
        groups = {}
        for result in self.results:
            groups.setdefault(result.article.pk, (result.article, []))[1].append(result)
        return list(groups.values())


def reindex(article):
    """Index what readers see of `article` now; called whenever that may have changed."""
    article = Article.objects.readable().filter(pk=article.pk).first() or article
    revision = article.readable_revision() if getattr(article, "readable_revision_id", None) else None
    with transaction.atomic():
        Passage.objects.filter(article_id=article.pk).delete()
        if revision is not None:
            passages = Passage.objects.bulk_create(
                Passage(
                    article_id=article.pk,
                    revision=revision,
                    audience=audience,
                    position=position,
                    heading=passage.heading,
                    anchor=passage.anchor,
                    text=passage.text,
                    html=passage.html,
                    citations=passage.citations,
                    level=passage.level,
                    questions=passage.questions,
                )
                for audience in AUDIENCES
                for position, passage in enumerate(passages_from_html(revision.html(audience)))
            )
            add_words(f"{passage.text} {passage.questions}" for passage in passages)
        backend().refresh(article.pk)


def add_words(texts):
    words = {word for text in texts for word in SPELLING_WORD_RE.findall(text.lower())}
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in words], ignore_conflicts=True)


class Figures:
    """What a query needs from the whole index and the content, computed afresh on each call.

    The same for every query until content changes: the portal passes a subclass that keeps
    them (portal/search_figures.py), so the engine itself never sees a cache."""

    def readable_revisions(self):
        """Ids of the revisions readers may see now."""
        return frozenset(Article.objects.readable().order_by().values_list("readable_revision_id", flat=True))

    def vocabulary(self):
        """Every word readable text has used, for spelling suggestions."""
        return Vocabulary([*SearchWord.objects.values_list("word", flat=True), *search_terms().synonym_words])

    def passage_count(self, audience):
        return Passage.objects.filter(audience=audience).count()

    def urgency_passage_count(self, audience):
        """Passages of sections that say how soon to get help: on a site with none, no
        question needs them looked for."""
        return Passage.objects.filter(audience=audience).exclude(level="").count()

    def matching_count(self, alternatives, audience):
        """Passages of the whole index, for one audience, that match any of `alternatives`."""
        return backend().count(alternatives, audience)


@dataclass(frozen=True)
class Scope:
    """Where a query looks: one audience's passages of readable revisions, whatever the
    index holds, of one topic, or of all topics but one."""

    audience: str
    readable: frozenset = field(default_factory=frozenset)  # ids of the revisions readers may see
    article_id: int | None = None
    exclude_id: int | None = None
    urgency_only: bool = False  # only the sections that say how soon to get help

    def indexed(self):
        """The index's passages in scope, readable or not: what ranking looks through."""
        passages = Passage.objects.filter(audience=self.audience)
        if self.article_id is not None:
            passages = passages.filter(article_id=self.article_id)
        if self.exclude_id is not None:
            passages = passages.exclude(article_id=self.exclude_id)
        if self.urgency_only:
            passages = passages.exclude(level="")
        return passages


def run(query, scope, limit, weights=None, covered=None, every=False, one_a_section=False):
    """Ranked passages matching any word of `query` (or, `every`, each of its concepts), each
    with the share it covers of the query `covered` (by default the same); with
    `one_a_section`, each section's best only."""
    if not query.concepts:
        return []
    results = []
    groups = [concept.alternatives for concept in query.concepts]
    for hit in backend().search(groups, scope, limit, every, one_a_section):
        matched = tuple(word.lower() for word in MARKED_RE.findall(hit.marked_text))
        # A passage is about its section too: "See a doctor soon if…" answers "should I see a doctor?"
        share = coverage(covered or query, [*matched, *WORD_RE.findall(hit.passage.heading.lower())], weights)
        html = escape(hit.marked_text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        results.append(Result(hit.passage.article, hit.passage, hit.score, share, html, matched))
    return results


def matching_counts(concepts, audience, figures):
    """How many passages of the whole index, for one audience, match each concept.

    Counted over the whole index, not the passages a question is answered from, so that
    each count can be kept until content changes and shared by every question using it."""
    return {concept: figures.matching_count(concept.alternatives, audience) for concept in concepts}


def concept_weights(counts, total):
    """Inverse document frequency of each concept of `counts` among `total` passages: a rare
    word says more about the question than one on every page, and a word the content never
    uses weighs most."""
    return {concept: math.log((total + 1) / (matching + 1)) + 1 for concept, matching in counts.items()}


def uncrowded(query, counts):
    """The query without the concepts that more than CROWDED_MATCHES passages use, or its
    rarest concept if all of them are."""
    kept = tuple(concept for concept in query.concepts if counts[concept] <= CROWDED_MATCHES)
    if kept or not query.concepts:
        return ParsedQuery(query.text, kept)
    return ParsedQuery(query.text, (min(query.concepts, key=counts.__getitem__),))


def best_answers(query, asked, scope, limit, counts, weights, emergency=False, urgency=False):
    """The sections whose own questions match the reader's first, then the passages whose
    words do; one passage a section, its best. After emergency words, the sections that say
    to get emergency help come first; with `urgency`, the best passage of each section that
    says how soon to get help is weighed whatever its rank."""
    # The question's words find the candidates (its own words are a superset of the query's)
    # but those that crowd the index; each passage's words are then weighed against the
    # query's. Within one topic its region is every passage's: the other words find them.
    searched = without_regions(asked) if scope.article_id is not None else asked
    searched = uncrowded(searched, counts)
    candidates = run(searched, scope, ANSWER_CANDIDATES, weights, covered=query)
    # Long sections that share the question's common words can fill every place.
    if urgency:
        found = {result.passage.pk for result in candidates}
        urgent_scope = replace(scope, urgency_only=True)
        urgent = run(searched, urgent_scope, URGENCY_CANDIDATES, weights, covered=query, one_a_section=True)
        candidates += [result for result in urgent if result.passage.pk not in found]
    matcher = AskedMatcher(asked, {result.passage.questions for result in candidates})
    for result in candidates:
        result.asked = matcher.share(result.passage.questions)
    # After emergency words a section that says to get emergency help is never left out for
    # want of matching the rest of a long question: "no answer" must not be all they get.
    kept = [
        result
        for result in candidates
        if result.answer_score >= ANSWER_THRESHOLD
        or result.coverage >= COVERAGE_THRESHOLD
        or (emergency and result.passage.level == "emergency")
    ]
    topics = TopicMatcher(asked, {result.passage.revision for result in kept})
    kept.sort(
        key=lambda result: (
            not (emergency and result.passage.level == "emergency"),
            -(result.answer_score + TOPIC_WEIGHT * topics.score[result.passage.revision_id]),
            -result.score,
        )
    )
    return best_of_each_section(kept)[:limit]


def ranked(query, scope, limit, counts):
    """Passages matching every word of the query first, then those matching some; among
    them, a passage whose section says how soon to get help and that matched a symptom the
    query names (numbness, fever…) first; then the more of the query matched, the higher,
    and the engine's score. One passage a section: its best.

    `counts` are the concepts' matching_counts: those matching some words are found by the
    words that do not crowd the index."""

    def rank(result):
        urgent_symptom = result.passage.level and any(map(is_symptom, result.matched_words))
        return (result.coverage < 1, not urgent_symptom, -result.coverage, -result.score)

    wanted = max(limit * 3, SEARCH_CANDIDATES)
    # Those matching every word are looked for on their own: among passages matching any, the
    # engine's own ranking may put many that repeat one common word before them.
    results = run(query, scope, wanted, every=True) if len(query.concepts) > 1 else []
    if len(results) < wanted:
        found = {result.passage.pk for result in results}
        some = run(uncrowded(query, counts), scope, wanted, covered=query)
        results += [result for result in some if result.passage.pk not in found]
    return best_of_each_section(sorted(results, key=rank))[:limit]


def best_of_each_section(results):
    """Ranked results with each section's first (best) one only, in their order."""
    best = {}
    for result in results:
        best.setdefault((result.passage.article_id, result.passage.anchor or result.passage.heading), result)
    return list(best.values())


def search(text, audience, article=None, limit=20, figures=None):
    """Ranked passages for a query. Raises QueryError for an empty or over-long query."""
    figures = figures or Figures()
    query = parse(text)
    scope = Scope(audience, figures.readable_revisions(), article_id=article and article.pk)
    results = ranked(query, scope, limit, matching_counts(query.concepts, audience, figures))
    if results:
        return Outcome(query, results)
    fixed = corrected(query, figures.vocabulary())
    results = ranked(fixed, scope, limit, matching_counts(fixed.concepts, audience, figures)) if fixed else []
    # The vocabulary keeps words of text no longer readable; one that finds nothing is not offered.
    return Outcome(query, results, corrected_to=fixed.text if results else None)


def answer(text, audience, article=None, figures=None):
    """Up to three passages that answer a question: the topic's own first, then others'.

    The question is compared with the questions each section answers (every word but the
    function words counts: "worry" and "serious" say a lot there), then with the passages
    (without the common words of questions); misspelt words are corrected first."""
    figures = figures or Figures()
    query, asked = parse(text), parse(text, stop_words=FUNCTION_WORDS)
    if not asked.concepts:
        return Outcome(query, [])
    vocabulary = figures.vocabulary()
    as_written = asked
    query, asked = corrected(query, vocabulary) or query, corrected(asked, vocabulary) or asked
    # As written and as put right: "dosage" is not in the topics (and might be "corrected" to a
    # word that is), while "siatica" names a region they are about.
    if asks_what_no_topic_answers(as_written, asked):
        return Outcome(query, [])
    # Each concept counted once, whether the question's words or the query's, or both, use it.
    counts = matching_counts(dict.fromkeys([*asked.concepts, *query.concepts]), audience, figures)
    weights = concept_weights(counts, figures.passage_count(audience))
    readable = figures.readable_revisions()
    scope = Scope(audience, readable, article_id=article and article.pk)
    emergency = emergency_phrase_in(text) is not None
    # A question naming a symptom needs the sections that say how soon to get help, where any exist.
    urgency = names_a_symptom(asked) and figures.urgency_passage_count(audience) > 0
    answers_in = partial(
        best_answers, query, asked, counts=counts, weights=weights, emergency=emergency, urgency=urgency
    )
    results = answers_in(scope, ANSWER_LIMIT)
    if article is not None and len(results) < ANSWER_LIMIT:
        results += answers_in(Scope(audience, readable, exclude_id=article.pk), ANSWER_LIMIT - len(results))
    return Outcome(query, results)
