"""How pages show a revision: each audience's pane for editors, the review tracker for
readers. The models say what a revision holds; this says how a page lays it out."""

from content.audience import AUDIENCES, PATIENT
from content.models import Status, readable_glossary
from content.readability import PATIENT_GRADE_LIMIT, prose_from_html

# The steps a reader's tracker shows, in order; other statuses show none as current.
REVIEW_STEPS = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.APPROVED)


def panes(revision):
    """Each audience's text as readers see it, with its reading level, for editors."""
    glossary = readable_glossary()
    return [pane(revision, audience, glossary) for audience in AUDIENCES]


def pane(revision, audience, glossary):
    text = revision.audience_text(audience)
    for_patients = audience == PATIENT
    return {
        "audience": audience,
        "label": audience.capitalize(),
        "html": revision.reader_html(audience, glossary),
        "grade": text.grade,
        "smog": text.smog,
        "reading_ease": text.reading_ease,
        "too_hard": for_patients and (text.grade or 0) > PATIENT_GRADE_LIMIT,
        "unexplained_words": glossary.unexplained_words(prose_from_html(text.html)) if for_patients else [],
        "references": revision.reference_list(audience),
    }


def review_steps(revision):
    """The reader's review tracker: [(label, "done" | "current" | "to do")]."""
    current = REVIEW_STEPS.index(revision.status) if revision.status in REVIEW_STEPS else -1
    return [
        (step.label, "done" if index < current else "current" if index == current else "to do")
        for index, step in enumerate(REVIEW_STEPS)
    ]
