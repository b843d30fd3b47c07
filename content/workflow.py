"""Moving a revision through review: one table of allowed moves, one function."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from content.models import Article, Revision, StatusChange

Status = Revision.Status

# (from, to) -> the action's name, as the log and the buttons say it.
ALLOWED_MOVES = {
    (Status.DRAFT, Status.SUBMITTED): "Submit for review",
    (Status.SUBMITTED, Status.UNDER_REVIEW): "Start review",
    (Status.UNDER_REVIEW, Status.APPROVED): "Approve",
    (Status.UNDER_REVIEW, Status.CHANGES_REQUESTED): "Request changes",
}
# Moves that judge a revision: its own author may never make them.
REVIEW_MOVES = {Status.UNDER_REVIEW, Status.APPROVED, Status.CHANGES_REQUESTED}


class TransitionRefused(Exception):
    """A move the workflow does not allow; the message says why, for the editor."""


def next_review_due(approved_at):
    return (approved_at + relativedelta(months=settings.PORTAL_REVIEW_CYCLE_MONTHS)).date()


@transaction.atomic
def transition(revision, to_status, by=None, comment=""):
    """Move a revision to `to_status`, record who did it, and return the fresh revision.

    The row is locked first, so of two editors acting at once exactly one moves it
    and the other is refused with the status it found.
    """
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    from_status = locked.status
    if (from_status, to_status) not in ALLOWED_MOVES:
        raise TransitionRefused(
            f"This revision is {locked.get_status_display().lower()}; "
            f"it cannot be moved to {Status(to_status).label.lower()}."
        )
    if to_status in REVIEW_MOVES and by is not None and by.pk == locked.author_id:
        raise TransitionRefused("No one may review their own revision.")
    if to_status == Status.CHANGES_REQUESTED and not comment.strip():
        raise TransitionRefused("Say what needs to change: a comment is required.")

    locked.status = to_status
    now = timezone.now()
    if to_status == Status.APPROVED:
        locked.approved_by = by
        locked.approved_at = now
        publish(locked, now)
    locked.save(update_fields=["status", "approved_by", "approved_at"])
    StatusChange.objects.create(
        revision=locked, from_status=from_status, to_status=to_status, changed_by=by, comment=comment
    )
    return locked


def publish(revision, approved_at):
    Article.objects.filter(pk=revision.article_id).update(
        published_revision=revision,
        last_reviewed_at=approved_at,
        next_review_due=next_review_due(approved_at),
    )
