"""What the search tests (here and in portal/tests) share: drafts of the shipped topic."""

from content import editing


def draft_saying(shipped, author, patient_markdown):
    """A new draft of the shipped topic whose patient text is `patient_markdown`."""
    content = {**shipped.latest_revision.content(), "patient_markdown": patient_markdown}
    return editing.save_draft(content, by=author, base_number=1, article=shipped)


def headings(outcome):
    return [result.passage.heading for result in outcome.results]
