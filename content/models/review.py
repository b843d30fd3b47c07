"""What every reviewed thing shares: its status, who wrote and approved it, and the
append-only record of every move through review (content.workflow makes the moves)."""

import hashlib
import json

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    # A newer revision of the same topic was submitted while this one waited: only the
    # newest can be reviewed, so approving an older one never rolls the readers' page back.
    SUPERSEDED = "superseded", "Superseded"
    APPROVED = "approved", "Approved"
    UNPUBLISHED = "unpublished", "Unpublished"


PENDING_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW)
# Text that has been through review or is in it: what export writes to the repository.
REVIEWED_OR_PENDING = (Status.APPROVED, *PENDING_STATUSES)


class AppendOnly(Exception):
    """Raised on an attempt to change or delete a recorded move through review."""


class Reviewable(models.Model):
    """A revision of something readers see (a topic, the glossary), reviewed by the Board.

    What it revises holds two pointers, never one flag: `published_revision`, what
    readers see, which approval sets and unpublishing clears; and `latest_revision`,
    what editors work on. Each kind says where its pointers live (publish, withdraw).
    Its moves are recorded by a ReviewRecord with `related_name="status_changes"`.
    """

    Status = Status
    PENDING_STATUSES = PENDING_STATUSES
    REVIEWED_OR_PENDING = REVIEWED_OR_PENDING

    content_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for text imported from the repository.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_approved(self):
        return self.status == Status.APPROVED

    def apply_move(self, to_status, by, now):
        """Set the status (on approval, who approved and when) and move the readers'
        pointer; return the fields changed, for save(update_fields=…)."""
        self.status = to_status
        if to_status == Status.APPROVED:
            self.approved_by, self.approved_at = by, now
            self.publish(now)
        elif to_status == Status.UNPUBLISHED:
            self.withdraw()
        return ["status", "approved_by", "approved_at"]

    def lock_pointers(self):
        """Lock the row holding the pointers (the topic, the glossary), so the moves on
        one topic's revisions happen one at a time: who acts second sees what the first did.
        (A locking exists() takes the lock without loading the row.)"""
        raise NotImplementedError

    def siblings(self):
        """Every revision of the same topic (or of the glossary), this one included."""
        raise NotImplementedError

    def newer_submitted(self):
        """The newest revision of the same topic that has left draft after this one, or None."""
        newer = self.siblings().filter(number__gt=self.number).exclude(status=Status.DRAFT)
        return newer.order_by("-number").first()

    def older_waiting(self):
        """The older revisions of the same topic still waiting for review, locked."""
        older = self.siblings().filter(number__lt=self.number, status__in=PENDING_STATUSES)
        return older.select_for_update().order_by("number")

    def publish(self, now):
        """Point readers at this revision."""
        raise NotImplementedError

    def withdraw(self):
        """Point readers away from this revision, if they were shown it."""
        raise NotImplementedError

    def record_change(self, from_status, to_status, by, comment, action, **details):
        return self.status_changes.create(
            from_status=from_status,
            to_status=to_status,
            action=action,
            changed_by=by,
            comment=comment,
            **details,
        )


class ReviewRecord(models.Model):
    """One move through review: a status change, or a reviewer assigned. Recorded once, never changed."""

    from_status = models.CharField(max_length=20, choices=Status)
    to_status = models.CharField(max_length=20, choices=Status)
    action = models.CharField(
        max_length=60, help_text="The workflow's dotted name for the move, e.g. content.revision.approve."
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for a change made by the content import.",
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("a recorded status change cannot be edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("a recorded status change cannot be deleted")


def content_hash(content):
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()
