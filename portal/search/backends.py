"""The database's own full-text engine: SQLite FTS5 or PostgreSQL, behind one interface."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F

from portal.models import Passage

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
    "audience",
    "heading",
    "anchor",
    "text",
    "html",
    "citations",
)


def hits(passages):
    return passages.select_related("article", "revision").only(*HIT_FIELDS)


@dataclass
class Hit:
    passage: Passage
    score: float
    marked_text: str  # the passage text with MARK_START/MARK_END around matched words


class SqliteBackend:
    """FTS5 with the Porter stemmer; the table is kept in step by triggers (migration 0003)."""

    def refresh(self, article_id):
        pass  # the triggers did it

    @staticmethod
    def match_expression(alternatives):
        # Every word or phrase quoted: FTS5 reads nothing in a reader's query as syntax.
        return " OR ".join('"' + alternative.replace('"', '""') + '"' for alternative in alternatives)

    def count(self, alternatives, audience):
        """Passages of the whole index, for one audience, that match."""
        sql = f"SELECT count(*) FROM {MATCHING_PASSAGES} WHERE {FTS_TABLE} MATCH %s AND p.audience = %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(alternatives), audience])
            return cursor.fetchone()[0]

    def search(self, alternatives, scope, limit):
        """The best matches readers may see. Ranked in the index, then checked against what
        is readable: checking all of that first would cost a read of every passage in scope
        on every query. The index holds only readable text but while a review move is being
        indexed, so a second, wider look is rare."""
        wanted = limit * 2
        while True:
            rows = self.ranked(alternatives, scope, wanted)
            readable = scope.passages(article_ids={row[1] for row in rows})
            by_id = hits(readable).in_bulk([row[0] for row in rows])
            # bm25 is lower for better matches; a score should grow with relevance.
            found = [Hit(by_id[row[0]], -row[2], row[3]) for row in rows if row[0] in by_id]
            if len(found) >= limit or len(rows) < wanted:
                return found[:limit]
            wanted *= 4

    def ranked(self, alternatives, scope, limit):
        """[(passage id, topic id, bm25, marked text)] of the best matches in scope."""
        conditions, params = ["p.audience = %s"], [scope.audience]
        if scope.article_id is not None:
            conditions.append("p.article_id = %s")
            params.append(scope.article_id)
        if scope.exclude_id is not None:
            conditions.append("p.article_id != %s")
            params.append(scope.exclude_id)
        sql = (
            f"SELECT p.id, p.article_id, bm25({FTS_TABLE}, 2.0, 1.0) AS score, "
            f"highlight({FTS_TABLE}, 1, %s, %s) FROM {MATCHING_PASSAGES} "
            f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(conditions)} ORDER BY score LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, self.match_expression(alternatives), *params, limit])
            return cursor.fetchall()


class PostgresBackend:
    """PostgreSQL full-text search with the English stemmer over a GIN-indexed tsvector."""

    CONFIG = "english"

    def refresh(self, article_id):
        Passage.objects.filter(article_id=article_id).update(
            search_vector=SearchVector("heading", weight="A", config=self.CONFIG)
            + SearchVector("text", weight="B", config=self.CONFIG)
        )

    def search_query(self, alternatives):
        return reduce(
            or_,
            [
                SearchQuery(
                    alternative, config=self.CONFIG, search_type="phrase" if " " in alternative else "plain"
                )
                for alternative in alternatives
            ],
        )

    def count(self, alternatives, audience):
        """Passages of the whole index, for one audience, that match."""
        query = self.search_query(alternatives)
        return Passage.objects.filter(audience=audience, search_vector=query).count()

    def search(self, alternatives, scope, limit):
        query = self.search_query(alternatives)
        rows = (
            hits(scope.passages().filter(search_vector=query))
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                marked=SearchHeadline(
                    "text",
                    query,
                    config=self.CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", "pk")[:limit]
        )
        return [Hit(row, row.rank, row.marked) for row in rows]


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
