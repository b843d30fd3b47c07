import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.models import Revision, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("ed.editor", "ed@example.org", "pw-ed-editor")
    client.force_login(admin)
    return client


def test_an_editor_sees_topics_revisions_and_their_statuses(admin_client, sample_article):
    topics = admin_client.get(reverse("admin:content_article_changelist")).content.decode()
    revisions = admin_client.get(reverse("admin:content_revision_changelist")).content.decode()
    topic = admin_client.get(
        reverse("admin:content_article_change", args=[sample_article.pk])
    ).content.decode()

    assert "sample-topic" in topics
    assert "What is a sample topic?" in revisions
    assert "Submitted" in revisions
    assert "What is a sample topic?" in topic and "Submitted" in topic


def test_the_admin_cannot_rewrite_a_revision_or_its_history(admin_client, sample_article):
    revision = sample_article.latest_revision
    change = StatusChange.objects.get(revision=revision)

    admin_client.post(
        reverse("admin:content_revision_change", args=[revision.pk]), {"patient_markdown": "rewritten"}
    )
    delete_history = admin_client.post(
        reverse("admin:content_statuschange_delete", args=[change.pk]), {"post": "yes"}
    )
    delete_revision = admin_client.post(
        reverse("admin:content_revision_delete", args=[revision.pk]), {"post": "yes"}
    )

    assert Revision.objects.get().patient_markdown != "rewritten"
    assert delete_history.status_code == 403
    assert delete_revision.status_code == 403
    assert StatusChange.objects.filter(pk=change.pk).exists()


def test_people_who_are_not_staff_are_sent_to_log_in(client, author, sample_article):
    client.force_login(author)

    response = client.get(reverse("admin:content_revision_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
