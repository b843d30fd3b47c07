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


@pytest.fixture
def superuser(db):
    """Made as the README says (`createsuperuser`), in no editorial group."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("sue.super", "sue@example.org", "pw-sue-long-enough")


def test_a_superuser_opens_every_editorial_page(client, superuser, pages):
    client.force_login(superuser)

    for name, url in pages.items():
        assert client.get(url).status_code == 200, name


def test_a_superuser_reviews_and_approves_someone_elses_revision(client, superuser, sample_article):
    revision = sample_article.latest_revision
    client.force_login(superuser)
    url = reverse("editorial:revision-move", args=[revision.pk])

    client.post(url, {"to_status": "under_review"})
    client.post(url, {"to_status": "approved", "comment": "Checked."})

    sample_article.refresh_from_db()
    assert sample_article.published_revision == revision


def test_a_superuser_still_may_not_review_their_own_revision(client, superuser, sample_article):
    from content.tests.editor_data import editor_post

    client.force_login(superuser)
    edit_url = reverse("editorial:topic-edit", args=["sample-topic"])
    client.post(edit_url, editor_post(base_number=1, save=None, submit="Submit for review"))
    own = sample_article.revisions.get(number=2)

    page = client.get(reverse("editorial:revision", args=[own.pk])).content.decode()
    forged = client.post(reverse("editorial:revision-move", args=[own.pk]), {"to_status": "under_review"})

    assert "Start review</button>" not in page
    assert forged.status_code == 403
    own.refresh_from_db()
    assert own.status == "submitted"


def test_an_inactive_superuser_holds_no_editorial_role(superuser):
    from content.roles import has_editorial_access

    superuser.is_active = False

    assert not has_editorial_access(superuser)
