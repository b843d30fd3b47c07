import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from conftest import approve
from content.models import Revision
from content.roles import MEDICAL_ADVISORY_BOARD
from content.workflow import TransitionRefused, transition

pytestmark = pytest.mark.django_db
Status = Revision.Status


def test_approval_publishes_the_revision_and_sets_the_review_dates(sample_article, reviewer):
    revision = approve(sample_article.latest_revision, reviewer)

    sample_article.refresh_from_db()
    assert sample_article.published_revision == revision
    assert revision.approved_by == reviewer
    approved_on = revision.approved_at.date()
    assert sample_article.last_reviewed_at == revision.approved_at
    assert sample_article.next_review_due == approved_on.replace(year=approved_on.year + 2)
    moves = list(revision.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert moves[1:] == [
        ("submitted", "under_review", reviewer.pk),
        ("under_review", "approved", reviewer.pk),
    ]


@override_settings(PORTAL_REVIEW_CYCLE_MONTHS=6)
def test_the_review_cycle_comes_from_settings(sample_article, reviewer):
    revision = approve(sample_article.latest_revision, reviewer)

    sample_article.refresh_from_db()
    delta = sample_article.next_review_due - revision.approved_at.date()
    assert datetime.timedelta(days=180) <= delta <= datetime.timedelta(days=185)


def test_an_illegal_move_is_refused_naming_the_current_status(sample_article, reviewer):
    with pytest.raises(TransitionRefused, match="This revision is submitted; it cannot be moved to approved"):
        transition(sample_article.latest_revision, Status.APPROVED, by=reviewer)

    assert Revision.objects.get().status == Status.SUBMITTED


def test_no_one_reviews_their_own_revision(sample_article, author):
    Revision.objects.filter(pk=sample_article.latest_revision_id).update(author=author)

    author.groups.add(Group.objects.get(name=MEDICAL_ADVISORY_BOARD))

    with pytest.raises(PermissionDenied, match="own revision"):
        transition(sample_article.latest_revision, Status.UNDER_REVIEW, by=author)


def test_requesting_changes_needs_a_comment(sample_article, reviewer):
    revision = transition(sample_article.latest_revision, Status.UNDER_REVIEW, by=reviewer)

    with pytest.raises(TransitionRefused, match="comment is required"):
        transition(revision, Status.CHANGES_REQUESTED, by=reviewer, comment="  ")
    revision = transition(revision, Status.CHANGES_REQUESTED, by=reviewer, comment="Cite the 2022 update.")

    assert revision.status_changes.last().comment == "Cite the 2022 update."
