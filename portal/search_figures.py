"""The search engine's figures, kept in each process until content changes."""

from functools import partial

from portal.content_version import kept_until_content_changes
from search.engine import Figures


class KeptFigures(Figures):
    def readable_revisions(self):
        return kept_until_content_changes("readable-revisions", super().readable_revisions)

    def vocabulary(self):
        return kept_until_content_changes("search-vocabulary", super().vocabulary)

    def passage_count(self, audience):
        return kept_until_content_changes(f"passages:{audience}", partial(super().passage_count, audience))

    def urgency_passage_count(self, audience):
        return kept_until_content_changes(
            f"urgency-passages:{audience}", partial(super().urgency_passage_count, audience)
        )

    def matching_count(self, alternatives, audience):
        return kept_until_content_changes(
            f"matching:{audience}:{alternatives!r}", partial(super().matching_count, alternatives, audience)
        )


KEPT_FIGURES = KeptFigures()
