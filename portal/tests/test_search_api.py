"""The JSON API gives the same results as the pages."""

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG
from search.engine import answer, search

pytestmark = pytest.mark.django_db


def test_search_api_matches_the_search_page(client, shipped_article):
    data = client.get(reverse("api-search"), {"q": "heating pad", "for": "clinician"}).json()

    expected = search("heating pad", "clinician").results
    assert [r["text"] for r in data["results"]] == [r.passage.text for r in expected]
    first = data["results"][0]
    assert set(first) == {"topic", "section", "text", "citations", "url", "score"}
    topic = f"/articles/{expected[0].article.slug}/?for=clinician#"
    assert first["url"].startswith(topic)
    assert first["citations"] and all(c["url"].startswith(f"{topic}ref-") for c in first["citations"])


def test_ask_api_matches_the_ask_page(client, shipped_article):
    data = client.get(
        reverse("api-ask"), {"q": "should I stay in bed?", "topic": SHIPPED_SLUG, "for": "patient"}
    ).json()

    expected = answer("should I stay in bed?", "patient", shipped_article).results
    assert [r["text"] for r in data["results"]] == [r.passage.text for r in expected]
    assert data["emergency"] is False and data["emergency_advice"] is None
    assert data["self_check"] == f"http://testserver/self-check/{SHIPPED_SLUG}/?for=patient"


def test_ask_api_puts_emergency_advice_first(client, shipped_article):
    data = client.get(reverse("api-ask"), {"q": "chest pain and back pain", "topic": SHIPPED_SLUG}).json()

    assert data["emergency"] is True
    assert data["emergency_advice"].startswith("Call your local emergency number")
    assert data["self_check"] == f"http://testserver/self-check/{SHIPPED_SLUG}/?for=patient"


@pytest.mark.parametrize("name", ["api-search", "api-ask"])
@pytest.mark.parametrize(
    "query, message", [("", "Type a few words"), ("   ", "Type a few words"), ("x" * 500, "under 500")]
)
def test_an_empty_or_over_long_query_is_a_400_naming_the_field(client, db, name, query, message):
    response = client.get(reverse(name), {"q": query})

    assert response.status_code == 400
    assert message in response.json()["errors"]["q"]


@pytest.mark.parametrize("name", ["api-search", "api-ask"])
def test_a_query_of_499_characters_is_accepted(client, shipped_article, name):
    assert client.get(reverse(name), {"q": "scan " * 99 + "scan"}).status_code == 200


@pytest.mark.parametrize("name", ["api-search", "api-ask", "self_check:api"])
def test_every_api_refuses_an_unknown_audience_naming_the_field(client, shipped_article, name):
    url = reverse(name, args=[SHIPPED_SLUG]) if name == "self_check:api" else reverse(name)

    if name == "self_check:api":
        response = client.post(f"{url}?for=doctor", "{}", content_type="application/json")
    else:
        response = client.get(url, {"q": "heating pad", "for": "doctor"})

    assert response.status_code == 400
    assert response.json() == {"errors": {"for": "Must be patient or clinician."}}
