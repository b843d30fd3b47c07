"""Who may open the editorial area, and who is refused."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(sample_article):
    revision = sample_article.latest_revision
    return {
        "dashboard": reverse("editorial:dashboard"),
        "queue": reverse("editorial:queue"),
        "new topic": reverse("editorial:topic-new"),
        "edit": reverse("editorial:topic-edit", args=["sample-topic"]),
        "history": reverse("editorial:history", args=["sample-topic"]),
        "revision": reverse("editorial:revision", args=[revision.pk]),
    }


def test_an_anonymous_visitor_is_sent_to_log_in(client, pages):
    for url in pages.values():
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_a_user_outside_the_editorial_groups_sees_a_plain_no_access_page(client, outsider, pages):
    client.force_login(outsider)

    for url in pages.values():
        response = client.get(url)
        assert response.status_code == 403
        assert "<h1>No access</h1>" in response.content.decode()


def test_each_role_opens_the_pages_of_its_job(client, author, reviewer, editor, pages):
    allowed = {
        author: set(pages),
        reviewer: set(pages) - {"new topic", "edit"},
        editor: set(pages),
    }
    for user, names in allowed.items():
        client.force_login(user)
        for name, url in pages.items():
            expected = 200 if name in names else 403
            assert client.get(url).status_code == expected, (user.username, name)


def test_anonymous_posts_change_nothing(client, sample_article):
    revision = sample_article.latest_revision

    client.post(reverse("editorial:revision-move", args=[revision.pk]), {"to_status": "under_review"})

    revision.refresh_from_db()
    assert revision.status == "submitted"


def test_editorial_forms_need_a_csrf_token(author, sample_article):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post(reverse("editorial:revision-move", args=[sample_article.latest_revision_id]), {})

    assert response.status_code == 403
    assert "CSRF" in response.content.decode()


def test_the_groups_exist_after_migrating(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Authors",
        "Medical Advisory Board",
        "Editors",
    }
