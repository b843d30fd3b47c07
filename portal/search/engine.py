"""Search and answers, from the passages of what readers may see."""

import hashlib
import logging
import math
import re
from dataclasses import dataclass
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from content.audience import AUDIENCES
from content.models import Article
from portal import counters
from portal.models import Passage, SearchWord
from portal.page_cache import CACHE_ERRORS, kept_until_content_changes
from portal.search.backends import MARK_END, MARK_START, backend
from portal.search.passages import passages_from_html
from portal.search.query import WORD_RE, corrected, coverage, parse

ANSWER_LIMIT = 3
# Passages ranked by the engine before the answer's own weighing picks the best.
ANSWER_CANDIDATES = 50
# Share of the question's concepts a passage must cover to count as an answer.
ANSWER_THRESHOLD = 0.5
MARKED_RE = re.compile(f"{MARK_START}(.*?){MARK_END}", re.S)
logger = logging.getLogger(__name__)
GENERATION_KEY = "search:generation"
# What is cached from one generation of the index is dropped this long after it is replaced.
INDEX_CACHE_TIMEOUT = 24 * 60 * 60
# Words a misspelling may be corrected to: shorter ones are too easily confused.
SPELLING_WORD_RE = re.compile(r"[a-z]{4,}")


@dataclass
class Result:
    article: Article
    passage: Passage
    score: float
    coverage: float
    marked_html: str  # the passage's words, escaped, with <mark> around matches

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
                )
                for audience in AUDIENCES
                for position, passage in enumerate(passages_from_html(revision.html_for(audience)))
            )
            add_words(passage.text for passage in passages)
        backend().refresh(article.pk)
        # After commit, or another process could cache counts of the old index as the new one's.
        transaction.on_commit(next_generation, robust=True)


def add_words(texts):
    words = {word for text in texts for word in SPELLING_WORD_RE.findall(text.lower())}
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in words], ignore_conflicts=True)


def generation():
    """Changes whenever the index does: what is cached from the index is keyed by it."""
    return counters.current(GENERATION_KEY)


def next_generation():
    counters.bump(GENERATION_KEY)


def cached(name, compute):
    """compute(), shared through the cache until the index changes; computed afresh while
    the cache cannot be reached."""
    try:
        name = f"{name} in generation {generation()}"
        key = f"search:{hashlib.sha256(name.encode()).hexdigest()}"  # safe for any words
        return cache.get_or_set(key, compute, timeout=INDEX_CACHE_TIMEOUT)
    except CACHE_ERRORS:
        logger.warning("Search computed afresh: the cache cannot be reached", exc_info=True)
        return compute()


@dataclass(frozen=True)
class Scope:
    """Where a query looks: one audience's passages of readable revisions, whatever the
    index holds, of one topic, or of all topics but one."""

    audience: str
    article_id: int | None = None
    exclude_id: int | None = None

    def indexed(self):
        """The index's passages in scope, readable or not: what ranking looks through."""
        passages = Passage.objects.filter(audience=self.audience)
        if self.article_id is not None:
            passages = passages.filter(article_id=self.article_id)
        if self.exclude_id is not None:
            passages = passages.exclude(article_id=self.exclude_id)
        return passages

    @staticmethod
    def readable_revisions():
        """Ids of the revisions readers may see now, read once per content version."""
        return kept_until_content_changes(
            "readable-revisions",
            lambda: set(Article.objects.readable().order_by().values_list("readable_revision_id", flat=True)),
        )


def vocabulary():
    """Every word readable text has used, for spelling suggestions."""
    return cached(
        "vocabulary", lambda: list(SearchWord.objects.order_by("word").values_list("word", flat=True))
    )


def run(query, scope, limit, weights=None):
    if not query.concepts:
        return []
    results = []
    for hit in backend().search(query.alternatives, scope, limit):
        # A passage is about its section too: "See a doctor soon if…" answers "should I see a doctor?"
        marked_words = [word.lower() for word in MARKED_RE.findall(hit.marked_text)]
        marked_words += WORD_RE.findall(hit.passage.heading.lower())
        html = escape(hit.marked_text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        share = coverage(query, marked_words, weights)
        results.append(Result(hit.passage.article, hit.passage, hit.score, share, html))
    return results


def concept_weights(query, audience):
    """Inverse document frequency of each concept: a rare word says more about the
    question than one on every page, and a word the content never uses weighs most.

    Counted over the whole index, not the passages a question is answered from, so that
    each count is cached until the index changes and shared by every question using it."""
    total = cached(f"{audience} passages", Passage.objects.filter(audience=audience).count)
    weights = {}
    for concept in query.concepts:
        matching = cached(
            f"{audience} passages matching {concept.alternatives}",
            partial(backend().count, concept.alternatives, audience),
        )
        weights[concept] = math.log((total + 1) / (matching + 1)) + 1
    return weights


def best_answers(query, scope, limit, weights):
    candidates = [
        result
        for result in run(query, scope, ANSWER_CANDIDATES, weights)
        if result.coverage >= ANSWER_THRESHOLD
    ]
    return sorted(candidates, key=lambda result: (-result.coverage, -result.score))[:limit]


def search(text, audience, article=None, limit=20):
    """Ranked passages for a query. Raises QueryError for an empty or over-long query."""
    query = parse(text)
    scope = Scope(audience, article_id=article and article.pk)
    results = run(query, scope, limit)
    if results:
        return Outcome(query, results)
    fixed = corrected(query, vocabulary())
    results = run(fixed, scope, limit) if fixed else []
    # The vocabulary keeps words of text no longer readable; one that finds nothing is not offered.
    return Outcome(query, results, corrected_to=fixed.text if results else None)


def answer(text, audience, article=None):
    """Up to three passages that answer a question: the topic's own first, then others'."""
    query = parse(text)
    if not query.concepts:
        return Outcome(query, [])
    weights = concept_weights(query, audience)
    results = best_answers(query, Scope(audience, article_id=article and article.pk), ANSWER_LIMIT, weights)
    if article is not None and len(results) < ANSWER_LIMIT:
        others = Scope(audience, exclude_id=article.pk)
        results += best_answers(query, others, ANSWER_LIMIT - len(results), weights)
    return Outcome(query, results)
