"""Moving a revision through review: one table of allowed moves, one function for them,
and one for assigning a reviewer. Each locks the row, checks, acts, and leaves a record."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from content import notifications
from content.models import Revision
from content.roles import AUTHORS, EDITORS, MEDICAL_ADVISORY_BOARD, has_role
from content.signals import review_status_changed

Status = Revision.Status


@dataclass(frozen=True)
class Move:
    label: str  # the button, exactly
    roles: tuple  # who may make it (Editors may make every move)
    action: str  # the dotted name its record keeps and the history shows
    needs_comment: bool = False
    judges_the_text: bool = False  # so its author may never make it


MOVES = {
    (Status.DRAFT, Status.SUBMITTED): Move("Submit for review", (AUTHORS,), "content.revision.submit"),
    (Status.SUBMITTED, Status.UNDER_REVIEW): Move(
        "Start review", (MEDICAL_ADVISORY_BOARD,), "content.revision.start_review", judges_the_text=True
    ),
    # A reviewer says what they checked: the comment is the approval's record.
    (Status.UNDER_REVIEW, Status.APPROVED): Move(
        "Approve",
        (MEDICAL_ADVISORY_BOARD,),
        "content.revision.approve",
        needs_comment=True,
        judges_the_text=True,
    ),
    (Status.UNDER_REVIEW, Status.CHANGES_REQUESTED): Move(
        "Request changes",
        (MEDICAL_ADVISORY_BOARD,),
        "content.revision.request_changes",
        needs_comment=True,
        judges_the_text=True,
    ),
    (Status.APPROVED, Status.UNPUBLISHED): Move(
        "Unpublish", (), "content.revision.unpublish", needs_comment=True
    ),
}
ASSIGN_REVIEWER = "content.revision.assign_reviewer"
# What the history calls each recorded action.
ACTION_LABELS = {move.action: move.label for move in MOVES.values()} | {ASSIGN_REVIEWER: "Assign a reviewer"}


class TransitionRefused(Exception):
    """A move the workflow does not allow now; the message says why, for the editor."""


def check_permission(revision, move, user):
    """Raise PermissionDenied unless `user` may make `move` on `revision`."""
    if not has_role(user, *move.roles):
        raise PermissionDenied(f"Your role may not {move.label.lower()}.")
    if move.judges_the_text and user.pk == revision.author_id:
        raise PermissionDenied("No one may review their own revision.")


def available_moves(revision, user):
    """[(to_status, Move)] that `user` may make on `revision` now: the buttons to show."""
    moves = []
    for (from_status, to_status), move in MOVES.items():
        if from_status != revision.status:
            continue
        try:
            check_permission(revision, move, user)
        except PermissionDenied:
            continue
        moves.append((to_status, move))
    return moves


@transaction.atomic
def transition(revision, to_status, by=None, comment=""):
    """Move a topic's or the glossary's revision to `to_status`, record who did it, and
    return the fresh revision.

    `by` None is the content import, which only submits. The row is locked first, so
    of two editors acting at once exactly one moves it and the other is refused with
    the status it found.
    """
    locked = type(revision).objects.select_for_update().get(pk=revision.pk)
    from_status = locked.status
    move = MOVES.get((from_status, to_status))
    if move is None:
        raise TransitionRefused(
            f"This revision is {locked.get_status_display().lower()}; "
            f"it cannot be moved to {Status(to_status).label.lower()}."
        )
    if by is not None:
        check_permission(locked, move, by)
    elif to_status != Status.SUBMITTED:
        raise PermissionDenied("Only a person may review or publish a revision.")
    if move.needs_comment and not comment.strip():
        raise TransitionRefused(f"{move.label}: say why in a comment; a comment is required.")

    changed_fields = locked.apply_move(to_status, by, timezone.now())
    locked.save(update_fields=changed_fields)
    change = locked.record_change(from_status, to_status, by, comment, action=move.action)
    review_status_changed.send(sender=type(locked), revision=locked)
    transaction.on_commit(lambda: notifications.status_changed(change))
    return locked


def eligible_reviewers(revision):
    """Who may be asked to review `revision`: active Board members other than its author."""
    board = get_user_model().objects.filter(groups__name=MEDICAL_ADVISORY_BOARD, is_active=True)
    return board.exclude(pk=revision.author_id).order_by("username")


@transaction.atomic
def assign_reviewer(revision, reviewer, by):
    """Ask `reviewer` to review a topic's revision, record who asked whom, and return
    the fresh revision. Only Editors assign, and only while it awaits or is in review.
    """
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    if not has_role(by, EDITORS):
        raise PermissionDenied("Only Editors assign reviewers.")
    if locked.status not in Revision.PENDING_STATUSES:
        raise TransitionRefused(
            f"This revision is {locked.get_status_display().lower()}; "
            "only a revision awaiting or in review can be given a reviewer."
        )
    if not eligible_reviewers(locked).filter(pk=reviewer.pk).exists():
        raise PermissionDenied("Only another member of the Medical Advisory Board may review it.")
    locked.assigned_reviewer = reviewer
    locked.save(update_fields=["assigned_reviewer"])
    locked.record_change(
        locked.status, locked.status, by, "", action=ASSIGN_REVIEWER, assigned_reviewer=reviewer
    )
    return locked
