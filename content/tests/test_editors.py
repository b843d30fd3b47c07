"""Editors: the dashboard, review dates, restoring, unpublishing, assigning reviewers."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import approve
from content import editing
from content.models import Article, Revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_the_dashboard_lists_topics_by_status_and_reviews_falling_due(
    editor_client, sample_article, reviewer
):
    approve(sample_article.latest_revision, reviewer)
    Article.objects.filter(pk=sample_article.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=3)
    )
    other = Article.objects.create(slug="other-topic")
    draft = Revision.objects.create(
        article=other,
        number=1,
        title="What is a draft?",
        summary="s",
        patient_markdown="p",
        clinician_markdown="c",
    )

    Article.objects.filter(pk=other.pk).update(latest_revision=draft)

    html = editor_client.get(reverse("editorial:dashboard")).content.decode()

    due = html[html.index("Review due within 30 days") : html.index("Topics by the status")]
    assert "What is a sample topic?" in due and "<strong>Overdue</strong>" in due
    by_status = html[html.index("Topics by the status") :]
    assert by_status.index("Draft") < by_status.index("What is a draft?") < by_status.index("Approved")
    assert by_status.index("Approved") < by_status.index("What is a sample topic?")


def test_a_review_due_in_more_than_30_days_is_not_listed(editor_client, sample_article, reviewer):
    approve(sample_article.latest_revision, reviewer)

    html = editor_client.get(reverse("editorial:dashboard")).content.decode()

    assert "No published topic is due for review in the next 30 days." in html


def test_an_editor_restores_an_old_revision_as_a_new_draft(editor_client, editor, sample_article, author):
    editing.save_draft(
        {**sample_article.latest_revision.content(), "title": "A worse title?"},
        by=author,
        base_number=1,
        article=sample_article,
    )
    first = sample_article.revisions.get(number=1)

    response = editor_client.post(reverse("editorial:revision-restore", args=[first.pk]))

    restored = sample_article.revisions.get(number=3)
    assert response["Location"] == reverse("editorial:revision", args=[restored.pk])
    assert (restored.status, restored.author, restored.title) == ("draft", editor, "What is a sample topic?")


def test_an_editor_unpublishes_a_topic_and_readers_no_longer_see_it(
    editor_client, sample_article, reviewer, settings
):
    settings.PORTAL_SHOW_PENDING = False
    approved = approve(sample_article.latest_revision, reviewer)
    assert editor_client.get(reverse("article", args=["sample-topic"])).status_code == 200

    editor_client.post(
        reverse("editorial:revision-move", args=[approved.pk]),
        {"to_status": "unpublished", "comment": "Outdated."},
    )

    sample_article.refresh_from_db()
    assert sample_article.published_revision is None
    assert editor_client.get(reverse("article", args=["sample-topic"])).status_code == 404


def test_only_editors_restore_unpublish_or_assign(client, reviewer, second_reviewer, sample_article):
    approved = approve(sample_article.latest_revision, second_reviewer)
    client.force_login(reviewer)

    restore = client.post(reverse("editorial:revision-restore", args=[approved.pk]))
    unpublish = client.post(
        reverse("editorial:revision-move", args=[approved.pk]), {"to_status": "unpublished", "comment": "x"}
    )
    assign = client.post(reverse("editorial:revision-assign", args=[approved.pk]), {"reviewer": reviewer.pk})

    assert (restore.status_code, unpublish.status_code, assign.status_code) == (403, 403, 403)
    assert Revision.objects.count() == 1
    sample_article.refresh_from_db()
    assert sample_article.published_revision == approved


def test_an_editor_assigns_a_reviewer_who_then_sees_it_in_the_queue(editor_client, sample_article, reviewer):
    revision = sample_article.latest_revision

    editor_client.post(reverse("editorial:revision-assign", args=[revision.pk]), {"reviewer": reviewer.pk})

    revision.refresh_from_db()
    assert revision.assigned_reviewer == reviewer
    assert "Rita Reviewer" in editor_client.get(reverse("editorial:queue")).content.decode()
