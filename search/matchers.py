"""How well a reader's question matches what a section says it answers, and which topic it
names: the answer's weighing of the candidates the full-text engine finds."""

import math
from collections import Counter
from functools import lru_cache

from search.query import FUNCTION_WORDS, WORD_RE, ConceptIndex, matches_word, with_age_words


class AskedMatcher:
    """How well the reader's question matches the best of a section's own questions: the
    harmonic mean of how much of the reader's question it covers and how much of it the
    reader's question covers.

    Words weigh by how few of the sections in view ask with them: every section of a topic
    names its subject ("upper back", "shoulder blades"), so only the rest tells them apart.
    Sections share most of their words, so each word is matched once."""

    def __init__(self, asked, sections):
        self.concepts_in = ConceptIndex(asked.concepts).concepts_in
        self.share_by_questions = {}
        words_by_section = [set(self.words(questions)) for questions in sections]
        counts = Counter(word for words in words_by_section for word in words)
        self.word_weight = {
            word: math.log((len(words_by_section) + 1) / (count + 1)) + 1 for word, count in counts.items()
        }
        # A concept no section asks with weighs most: it may be what the question is really about.
        self.concept_weight = dict.fromkeys(asked.concepts, math.log(len(words_by_section) + 1) + 1)
        asked_with = {}
        for word, weight in self.word_weight.items():
            for concept in self.concepts_in(word):
                asked_with[concept] = max(asked_with.get(concept, 0.0), weight)
        self.concept_weight.update(asked_with)
        self.total = sum(self.concept_weight.values())

    @staticmethod
    @lru_cache(maxsize=20_000)  # the sections' questions, asked of by every question
    def words(text):
        return tuple(
            word for word in WORD_RE.findall(with_age_words(text.lower())) if word not in FUNCTION_WORDS
        )

    def share(self, questions):
        """The best match among `questions`, the section's questions one a line."""
        if questions not in self.share_by_questions:
            self.share_by_questions[questions] = max(
                map(self.question_share, questions.splitlines()), default=0.0
            )
        return self.share_by_questions[questions]

    def question_share(self, question):
        words = self.words(question)
        if not words or not self.total:
            return 0.0
        found = set().union(*map(self.concepts_in, words))
        recall = sum(self.concept_weight[concept] for concept in found) / self.total
        said = sum(self.word_weight.get(word, 1.0) for word in words if self.concepts_in(word))
        precision = said / sum(self.word_weight.get(word, 1.0) for word in words)
        return 2 * recall * precision / (recall + precision) if recall and precision else 0.0


class TopicMatcher:
    """How clearly the reader's question names each topic: its words found in a topic's name
    and tags, each weighing by how few of the topics in view they name ("lower back" names one
    of three topics, "back" two, "pain" all three and so none).

    Each score is a share of the best topic's: 1 for the topic the question names most."""

    def __init__(self, asked, revisions):
        names = {
            revision.pk: [WORD_RE.findall(name.lower()) for name in (revision.name, *revision.tags)]
            for revision in revisions
        }
        named = {
            concept: {pk for pk, phrases in names.items() if any(self.names(concept, p) for p in phrases)}
            for concept in asked.concepts
        }
        scores = {
            pk: sum(math.log((len(names) + 1) / (len(pks) + 1)) for pks in named.values() if pk in pks)
            for pk in names
        }
        best = max(scores.values(), default=0.0)
        self.score = {pk: score / best if best else 0.0 for pk, score in scores.items()}

    @staticmethod
    def names(concept, words):
        """Whether any way of saying the concept is in `words`, word for word."""
        for alternative in concept.alternatives:
            wanted = WORD_RE.findall(alternative)
            for start in range(len(words) - len(wanted) + 1):
                if all(matches_word(word, words[start + at]) for at, word in enumerate(wanted)):
                    return True
        return False
