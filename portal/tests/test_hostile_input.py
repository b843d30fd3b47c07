"""Input no reader means to send: a clear 4xx, and nothing stored."""

import json

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG
from portal.models import Feedback
from search.models import Question

pytestmark = pytest.mark.django_db

SELF_CHECK_API = reverse("self_check:api", args=[SHIPPED_SLUG])


@pytest.mark.parametrize(
    "url, params, field",
    [
        ("/ask/", {"q": "scan\x00now"}, "q"),
        ("/search/", {"q": "scan\x00now"}, "q"),
        ("/api/ask/", {"q": "scan\x00now"}, "q"),
        ("/api/ask/", {"q": "scan now", "topic": "\x00"}, "topic"),
        ("/api/search/", {"q": "pain", "for": "patient\x00"}, "for"),
    ],
)
def test_a_nul_in_a_question_or_parameter_is_refused_and_nothing_is_stored(
    client, shipped_article, url, params, field
):
    response = client.get(url, params)

    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json() == {"errors": {field: "Must not contain a NUL character."}}
    else:
        assert "a character no one types" in response.content.decode()
    assert not Question.objects.exists()


def test_a_nul_in_a_posted_form_is_refused_and_nothing_is_stored(client, shipped_article):
    url = reverse("article-feedback", args=[SHIPPED_SLUG])

    response = client.post(url, {"message": "A typo\x00 in the title."})

    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_the_self_check_api_refuses_a_body_over_16_kb_and_counts_nothing(client, shipped_article):
    body = json.dumps({"answers": {"age": 40, "duration_weeks": 1}, "padding": "x" * 17_000})

    response = client.post(SELF_CHECK_API, body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {"errors": {"request": "Request body too large."}}
    assert client.get(reverse("self_check:api", args=[SHIPPED_SLUG])).status_code == 200


def test_the_self_check_api_limits_each_client_but_not_reading_its_questions(
    client, shipped_article, settings
):
    settings.PORTAL_SELF_CHECKS_PER_HOUR = 5
    body = json.dumps({"answers": {"age": 40, "duration_weeks": 1}})
    for _ in range(5):
        client.post(SELF_CHECK_API, body, content_type="application/json")

    refused = client.post(SELF_CHECK_API, body, content_type="application/json")

    assert refused.status_code == 429
    assert refused.json() == {"errors": {"request": "Too many requests; try again later."}}
    assert client.get(SELF_CHECK_API).status_code == 200


@pytest.mark.parametrize("url", [f"/self-check/{SHIPPED_SLUG}/", f"/api/self-check/{SHIPPED_SLUG}/"])
def test_head_is_answered_like_get(client, shipped_article, url):
    assert client.head(url).status_code == 200
