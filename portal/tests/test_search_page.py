"""The search page: highlighted, linked results, bad input, and pages kept until content changes."""

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG
from content.models import Revision
from content.workflow import transition
from portal.search_figures import KeptFigures
from search.tests.helpers import draft_saying

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(shipped_article):
    return shipped_article


def test_matches_are_highlighted_and_linked_to_their_section(client, shipped):
    html = client.get(reverse("search"), {"q": "heating pad"}).content.decode()

    assert "<mark>heating</mark>" in html or "<mark>heating pad</mark>" in html
    assert f'href="/articles/{SHIPPED_SLUG}/?for=patient#what-you-can-do-first"' in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR",
        "NEAR(scan pain)",
        "(",
        ")",
        "-scan",
        "scan -",
        'scan" OR "x',
        "a AND",
        "^",
        "scan:*",
        "\\",
        "'",
    ],
)
def test_search_syntax_characters_never_break_the_page(client, shipped, query):
    response = client.get(reverse("search"), {"q": query})

    assert response.status_code == 200


def test_an_empty_query_gets_a_friendly_prompt(client, shipped):
    html = client.get(reverse("search"), {"q": "   "}).content.decode()

    assert "Type a word or a few words" in html


def test_an_over_long_query_is_refused_with_a_message(client, shipped):
    response = client.get(reverse("search"), {"q": "scan " * 120})

    assert response.status_code == 400
    assert "Please keep it under 500 characters." in response.content.decode()
    assert 'value="scan scan' in response.content.decode()  # what was typed is kept


def test_a_repeated_search_is_kept_until_the_content_changes(
    client, shipped, author, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("search") + "?q=zanzibar"
    assert b"Nothing in our topics matches" in client.get(url).content
    with django_assert_max_num_queries(0):
        assert b"Nothing in our topics matches" in client.get(url).content

    draft = draft_saying(shipped, author, "Zanzibar is no remedy [@chou-2011].")
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, Revision.Status.SUBMITTED, by=author)

    assert b"<mark>Zanzibar</mark> is no remedy" in client.get(url).content


def test_the_portal_keeps_the_engines_figures_until_the_content_changes(
    shipped, author, django_assert_num_queries, django_capture_on_commit_callbacks
):
    figures = KeptFigures()
    readable = figures.readable_revisions()
    with django_assert_num_queries(0):
        assert figures.readable_revisions() == readable

    draft = draft_saying(shipped, author, "Zanzibar is no remedy [@chou-2011].")
    with django_capture_on_commit_callbacks(execute=True):
        submitted = transition(draft, Revision.Status.SUBMITTED, by=author)

    assert submitted.pk in figures.readable_revisions()


def test_each_topics_results_offer_that_topics_own_self_check(client, shipped):
    html = client.get(reverse("search"), {"q": "numbness"}).content.decode()

    for slug in ("low-back-pain", "neck-pain", SHIPPED_SLUG):
        group = html.partition(f'href="/articles/{slug}/?for=patient#')[2].split("</section>")[0]
        assert f'href="/self-check/{slug}/?for=patient">Check your symptoms: ' in group
