"""Assigning a reviewer is a move through review like the others: locked, checked, recorded."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from conftest import approve
from content.models import StatusChange
from content.workflow import ASSIGN_REVIEWER, TransitionRefused, assign_reviewer

pytestmark = pytest.mark.django_db


def test_an_assignment_records_who_asked_whom_and_when(client, editor, reviewer, sample_article):
    revision = sample_article.latest_revision
    client.force_login(editor)

    client.post(reverse("editorial:revision-assign", args=[revision.pk]), {"reviewer": reviewer.pk})

    record = StatusChange.objects.get(revision=revision, action=ASSIGN_REVIEWER)
    assert (record.changed_by, record.assigned_reviewer) == (editor, reviewer)
    assert record.changed_at is not None
    assert record.from_status == record.to_status == "submitted"


def test_the_history_shows_each_action_and_whom_an_editor_asked(client, editor, reviewer, sample_article):
    assign_reviewer(sample_article.latest_revision, reviewer, by=editor)
    client.force_login(editor)

    html = client.get(reverse("editorial:history", args=["sample-topic"])).content.decode()

    assert "<td>Submit for review</td>" in html
    assert "<td>Assign a reviewer</td>" in html
    assert "Asked Rita Reviewer to review." in html


def test_every_status_change_keeps_the_name_of_its_action(reviewer, sample_article):
    approve(sample_article.latest_revision, reviewer)

    actions = StatusChange.objects.order_by("pk").values_list("action", flat=True)

    assert list(actions) == [
        "content.revision.submit",
        "content.revision.start_review",
        "content.revision.approve",
    ]


def test_a_revision_that_left_review_gets_no_reviewer(editor, reviewer, second_reviewer, sample_article):
    approved = approve(sample_article.latest_revision, second_reviewer)

    with pytest.raises(TransitionRefused, match="approved"):
        assign_reviewer(approved, reviewer, by=editor)
    assert not StatusChange.objects.filter(action=ASSIGN_REVIEWER).exists()


def test_only_editors_assign_and_only_board_members_review(author, editor, reviewer, sample_article):
    revision = sample_article.latest_revision

    with pytest.raises(PermissionDenied):
        assign_reviewer(revision, reviewer, by=reviewer)
    with pytest.raises(PermissionDenied):
        assign_reviewer(revision, author, by=editor)
    revision.refresh_from_db()
    assert revision.assigned_reviewer is None
