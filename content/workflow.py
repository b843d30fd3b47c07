"""Moving a revision through review: one table of allowed moves, one function for them,
and one for assigning a reviewer. Each locks, checks, acts, and leaves a record. Only the
newest revision of a topic goes through review: submitting one supersedes the older ones."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
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
# Not a button: submitting a revision supersedes the older ones still waiting for review.
SUPERSEDE = "content.revision.supersede"
# What the history calls each recorded action.
ACTION_LABELS = {move.action: move.label for move in MOVES.values()} | {
    ASSIGN_REVIEWER: "Assign a reviewer",
    SUPERSEDE: "Superseded by a newer revision",
}


class TransitionRefused(Exception):
    """A move the workflow does not allow now; the message says why, for the editor."""


def check_permission(revision, move, user):
    """Raise PermissionDenied unless `user` may make `move` on `revision`."""
    if not has_role(user, *move.roles):
        raise PermissionDenied(f"Your role may not {move.label.lower()}.")
    if move.judges_the_text and user.pk == revision.author_id:
        raise PermissionDenied("No one may review their own revision.")


def check_newest(revision, to_status):
    """Raise TransitionRefused when a newer revision of the topic has left draft: only the
    newest goes to or through review, so an older one can never replace it for readers.
    Unpublishing is the exception: it only ever takes a page away."""
    if to_status == Status.UNPUBLISHED:
        return
    newer = revision.newer_submitted()
    if newer is not None:
        raise TransitionRefused(
            f"Revision {newer.number} is newer and is {newer.get_status_display().lower()}; "
            "only the newest revision can be submitted or reviewed."
        )


def available_moves(revision, user):
    """[(to_status, Move)] that `user` may make on `revision` now: the buttons to show."""
    moves = []
    for (from_status, to_status), move in MOVES.items():
        if from_status != revision.status:
            continue
        try:
            check_permission(revision, move, user)
            check_newest(revision, to_status)
        except (PermissionDenied, TransitionRefused):
            continue
        moves.append((to_status, move))
    return moves


@transaction.atomic
def transition(revision, to_status, by=None, comment=""):
    """Move a topic's or the glossary's revision to `to_status`, record who did it, and
    return the fresh revision.

    `by` None is the content import, which only submits. The topic and then the row are
    locked first, so of two editors acting on one topic at once the second sees what the
    first did and is refused with the status it found. Submitting supersedes the older
    revisions still waiting, so only the newest can be reviewed and approved.
    """
    revision.lock_pointers()
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
    check_newest(locked, to_status)
    if move.needs_comment and not comment.strip():
        raise TransitionRefused(f"{move.label}: say why in a comment; a comment is required.")

    changed_fields = locked.apply_move(to_status, by, timezone.now())
    locked.save(update_fields=changed_fields)
    change = locked.record_change(from_status, to_status, by, comment, action=move.action)
    if to_status == Status.SUBMITTED:
        supersede_older(locked, by)
    review_status_changed.send(sender=type(locked), revision=locked)
    transaction.on_commit(lambda: notifications.status_changed(change))
    return locked


def supersede_older(revision, by):
    """Retire the older revisions of `revision`'s topic still waiting for review, with a
    record each. Readers would otherwise be sent back to older text if one were approved
    after this one. Called under the topic's lock, so none is being moved meanwhile."""
    for older in revision.older_waiting():
        from_status = older.status
        older.status = Status.SUPERSEDED
        older.save(update_fields=["status"])
        older.record_change(
            from_status, Status.SUPERSEDED, by, f"Revision {revision.number} was submitted.", action=SUPERSEDE
        )


def eligible_reviewers(revision):
    """Who may be asked to review `revision`: active Board members (and superusers, who hold
    every role) other than its author."""
    board = get_user_model().objects.filter(Q(groups__name=MEDICAL_ADVISORY_BOARD) | Q(is_superuser=True))
    return board.filter(is_active=True).exclude(pk=revision.author_id).distinct().order_by("username")


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
