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
# The unary plus stops SQLite from driving the full-text scan by rowid from the subquery:
# it filters the matches instead (1.6 s → 0.012 s a query at 300 topics; bench/search.py).
ALLOWED_ROWS = "+rowid IN "


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
        sql = (
            f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND {ALLOWED_ROWS}(SELECT id FROM portal_passage WHERE audience = %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(alternatives), audience])
            return cursor.fetchone()[0]

    def search(self, alternatives, scope, limit):
        match = self.match_expression(alternatives)
        allowed_sql, allowed_params = scope.ids_sql()
        sql = (
            f"SELECT rowid, bm25({FTS_TABLE}, 2.0, 1.0), highlight({FTS_TABLE}, 1, %s, %s) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND {ALLOWED_ROWS}({allowed_sql}) "
            f"ORDER BY bm25({FTS_TABLE}, 2.0, 1.0) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, match, *allowed_params, limit])
            rows = cursor.fetchall()
        by_id = hits(Passage.objects).in_bulk([row[0] for row in rows])
        # bm25 is lower for better matches; a score should grow with relevance.
        return [Hit(by_id[row[0]], -row[1], row[2]) for row in rows if row[0] in by_id]


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
