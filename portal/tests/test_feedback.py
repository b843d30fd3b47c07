"""Readers say whether a page helped and report errors; editors read it; nobody is identified."""

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def feedback_url(sample_article):
    return reverse("article-feedback", args=["sample-topic"])


def test_the_topic_page_links_to_the_feedback_forms(client, feedback_url):
    topic = client.get(reverse("article", args=["sample-topic"]) + "?for=clinician").content.decode()
    page = client.get(f"{feedback_url}?for=clinician").content.decode()

    assert f'href="{feedback_url}?for=clinician"' in topic
    assert 'name="helpful" value="yes"' in page and 'name="message"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_a_reader_says_the_page_helped_and_is_thanked(client, feedback_url, sample_article):
    response = client.post(f"{feedback_url}?for=clinician", {"helpful": "yes"}, follow=True)

    assert "Thank you for your feedback." in response.content.decode()
    assert response.redirect_chain[-1][0] == "/articles/sample-topic/?for=clinician#feedback"
    stored = Feedback.objects.get()
    assert (stored.kind, stored.audience, stored.revision) == (
        "helpful",
        "clinician",
        sample_article.latest_revision,
    )


def test_a_vote_without_a_choice_is_asked_again_where_the_buttons_are(client, feedback_url):
    response = client.post(f"{feedback_url}?for=patient", {"helpful": "maybe"}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{feedback_url}?for=patient"
    assert "Please choose Yes or No." in html and 'name="helpful" value="yes"' in html
    assert not Feedback.objects.exists()


def test_a_reader_reports_an_error(client, feedback_url):
    client.post(feedback_url, {"message": "The second reference link is broken."})

    assert Feedback.objects.get().message == "The second reference link is broken."


@pytest.mark.parametrize("message, error", [("", "This field is required."), ("x" * 2001, "at most 2000")])
def test_a_bad_report_is_refused_and_what_was_typed_is_kept(client, feedback_url, message, error):
    response = client.post(feedback_url, {"message": message})

    html = response.content.decode()
    assert response.status_code == 400
    assert error in html
    assert f"\n{message}</textarea>" in html
    assert not Feedback.objects.exists()


def test_nothing_that_identifies_the_reader_is_stored(client, feedback_url, author):
    client.force_login(author)
    client.post(feedback_url, {"helpful": "no"}, REMOTE_ADDR="203.0.113.9")

    stored = Feedback.objects.values().get()
    assert set(stored) == {"id", "article_id", "revision_id", "audience", "kind", "message", "created_at"}
    assert "203.0.113.9" not in str(stored)


def test_a_client_sending_too_much_is_slowed_down(client, feedback_url):
    for _ in range(20):
        assert client.post(feedback_url, {"helpful": "yes"}).status_code == 302

    refused = client.post(feedback_url, {"helpful": "yes"})
    other_client = Client(REMOTE_ADDR="198.51.100.7").post(feedback_url, {"helpful": "yes"})

    assert refused.status_code == 429
    assert "try again in an hour" in refused.content.decode()
    assert other_client.status_code == 302
    assert Feedback.objects.count() == 21


def test_an_oversized_body_is_refused(client, feedback_url):
    response = client.post(feedback_url, {"message": "x" * 20_000})

    assert response.status_code == 413
    assert not Feedback.objects.exists()


def test_the_feedback_form_needs_a_csrf_token(feedback_url):
    response = Client(enforce_csrf_checks=True).post(feedback_url, {"helpful": "yes"})

    assert response.status_code == 403
    assert not Feedback.objects.exists()


def test_editors_read_the_feedback_by_topic(client, feedback_url, author, outsider):
    client.post(feedback_url, {"helpful": "yes"})
    client.post(feedback_url, {"helpful": "no"})
    client.post(feedback_url, {"message": "Typo in the first heading."})
    anonymous = client.get(reverse("feedback-list"))

    client.force_login(outsider)
    refused = client.get(reverse("feedback-list"))
    client.force_login(author)
    html = client.get(reverse("feedback-list")).content.decode()

    assert anonymous.status_code == 302
    assert refused.status_code == 403
    assert (
        "Helpful: <strong>1</strong> · Not helpful: <strong>1</strong> · Error reports: <strong>1</strong>"
        in html
    )
    assert "Typo in the first heading." in html
