"""The database's own full-text engine: SQLite FTS5 or PostgreSQL, behind one interface."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from search.models import Passage

# Private-use characters mark matched words: they never occur in the text, and the
# passage is escaped before they become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"
FTS_TABLE = "portal_passage_fts"
# CROSS JOIN keeps the full-text match as SQLite's outer loop: driven from the passages
# instead, FTS5 runs the whole match once per passage (3-5 s a query at 300 topics, not
# 0.01 s; bench/search.py).
MATCHING_PASSAGES = f"{FTS_TABLE} CROSS JOIN portal_passage p ON p.id = {FTS_TABLE}.rowid"


# What a hit shows; not the revision's texts, which are large and not needed for it.
HIT_FIELDS = (
    "article__slug",
    "revision__title",
    "revision__name",  # what the topic is about, with its tags: which topic a question names
    "revision__tags",
    "revision__status",  # "pending review" beside a result
    "audience",
    "heading",
    "anchor",
    "text",
    "html",
    "citations",
    "level",
    "questions",
)


def hits(passages):
    return passages.select_related("article", "revision").only(*HIT_FIELDS)


@dataclass
class Hit:
    passage: Passage
    score: float
    marked_text: str  # the passage text with MARK_START/MARK_END around matched words


@dataclass
class Ranked:
    passage_id: int
    article_id: int
    score: float  # grows with relevance
    marked_text: str | None  # when the engine marks the words as it ranks


class Backend:
    """What both engines share: rank in the index, then keep what readers may see.

    Checking readability first would read every passage in scope on every query; the index
    holds only readable text but while a review move is being indexed, so the second, wider
    look that stale rows may need is rare."""

    def search(self, groups, scope, limit, every=False, one_a_section=False):
        """Passages matching any of the alternatives of `groups` (each a concept's ways of
        saying it) or, with `every`, at least one of each group's, best first; with
        `one_a_section`, each section's best passage only."""
        matching = self.matching(groups, every)
        wanted = limit
        while True:
            ranked = self.ranked(matching, scope, wanted, one_a_section)
            by_id = self.marked(hits(Passage.objects), matching).in_bulk([row.passage_id for row in ranked])
            found = []
            for row in ranked:
                passage = by_id.get(row.passage_id)
                if passage is not None and passage.revision_id in scope.readable:
                    marked = passage.marked if row.marked_text is None else row.marked_text
                    found.append(Hit(passage, row.score, marked))
            if len(found) >= limit or len(ranked) < wanted:
                return found[:limit]
            wanted *= 4

    def matching(self, groups, every=False):
        """The engine's query for passages matching any alternative of `groups` or, with
        `every`, one of each group's."""
        if every:
            return self.all_of([self.any_of(group) for group in groups])
        return self.any_of(sorted({alternative for group in groups for alternative in group}))

    def marked(self, passages, matching):
        return passages


class SqliteBackend(Backend):
    """FTS5 with the Porter stemmer; the table is kept in step by triggers (migration 0003)."""

    def refresh(self, article_id):
        pass  # the triggers did it

    @staticmethod
    def match_expression(alternatives):
        # Every word or phrase quoted: FTS5 reads nothing in a reader's query as syntax.
        return " OR ".join('"' + alternative.replace('"', '""') + '"' for alternative in alternatives)

    def any_of(self, alternatives):
        return self.match_expression(alternatives)

    @staticmethod
    def all_of(expressions):
        return " AND ".join(f"({expression})" for expression in expressions)

    def count(self, alternatives, audience):
        """Passages of the whole index, for one audience, that match."""
        sql = f"SELECT count(*) FROM {MATCHING_PASSAGES} WHERE {FTS_TABLE} MATCH %s AND p.audience = %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(alternatives), audience])
            return cursor.fetchone()[0]

    def ranked(self, matching, scope, limit, one_a_section=False):
        conditions, params = ["p.audience = %s"], [scope.audience]
        if scope.article_id is not None:
            conditions.append("p.article_id = %s")
            params.append(scope.article_id)
        if scope.exclude_id is not None:
            conditions.append("p.article_id != %s")
            params.append(scope.exclude_id)
        if scope.urgency_only:
            conditions.append("p.level != ''")
        sql = (
            f"SELECT p.id, p.article_id, bm25({FTS_TABLE}, 2.0, 1.0) AS score, "
            f"highlight({FTS_TABLE}, 1, %s, %s) AS marked, p.anchor FROM {MATCHING_PASSAGES} "
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(conditions)}"
        )
        if one_a_section:
            # FTS5's functions cannot be called in a window: the matches are ranked first.
            sql = (
                f"WITH matched AS MATERIALIZED ({sql}) SELECT id, article_id, score, marked FROM ("
                "SELECT *, row_number() OVER (PARTITION BY article_id, anchor ORDER BY score, id) AS nth "
                "FROM matched) WHERE nth = 1"
            )
        sql += " ORDER BY score, id LIMIT %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, matching, *params, limit])
            # bm25 is lower for better matches.
            return [Ranked(id_, article_id, -score, marked) for id_, article_id, score, marked, *_ in cursor]


class PostgresBackend(Backend):
    """PostgreSQL full-text search with the English stemmer over a GIN-indexed tsvector."""

    CONFIG = "english"

    def refresh(self, article_id):
        Passage.objects.filter(article_id=article_id).update(
            search_vector=SearchVector("heading", "questions", weight="A", config=self.CONFIG)
            + SearchVector("text", weight="B", config=self.CONFIG)
        )

    def search_query(self, alternatives):
        # One websearch query, each word or phrase quoted (a phrase stays a phrase) and OR-ed:
        # nothing in a reader's words is read as syntax, and one parameter compiles fast.
        expression = " OR ".join('"' + alternative.replace('"', " ") + '"' for alternative in alternatives)
        return SearchQuery(expression, config=self.CONFIG, search_type="websearch")

    def any_of(self, alternatives):
        return self.search_query(alternatives)

    @staticmethod
    def all_of(queries):
        return reduce(operator.and_, queries)

    def count(self, alternatives, audience):
        """Passages of the whole index, for one audience, that match."""
        query = self.search_query(alternatives)
        return Passage.objects.filter(audience=audience, search_vector=query).count()

    def ranked(self, query, scope, limit, one_a_section=False):
        rows = (
            scope.indexed().filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        )
        if one_a_section:
            best_first = [F("rank").desc(), F("pk").asc()]
            nth = Window(RowNumber(), partition_by=[F("article_id"), F("anchor")], order_by=best_first)
            rows = rows.annotate(nth=nth).filter(nth=1)
        rows = rows.order_by("-rank", "pk").values_list("pk", "article_id", "rank")[:limit]
        return [Ranked(id_, article_id, rank, None) for id_, article_id, rank in rows]

    def marked(self, passages, query):
        marked = SearchHeadline(
            "text",
            query,
            config=self.CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            highlight_all=True,
        )
        return passages.annotate(marked=marked)


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
