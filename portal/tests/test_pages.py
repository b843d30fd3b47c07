import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_readable_topics_from_a_to_z_with_their_review_state(client, sample_article):
    html = client.get(reverse("home")).content.decode()

    assert '<a href="#topics-w">W</a>' in html
    assert '<h3 id="topics-w" class="index-letter">W</h3>' in html
    assert '<a class="topic-index-name" href="/articles/sample-topic/">What is a sample topic?</a>' in html
    assert "A topic written for the tests." in html
    assert '<span class="pending-tag">pending review</span>' in html
    assert "Topics marked <strong>pending</strong> have not yet been approved" in html
    assert "reviewed by our Medical Advisory Board" not in html


def test_the_home_page_leads_to_search_the_self_check_and_emergency_help(client, shipped_article):
    html = client.get(reverse("home")).content.decode()

    assert '<form method="get" action="/search/" role="search" class="home-search">' in html
    assert 'name="q"' in html
    assert 'href="/self-check/pain-between-shoulder-blades/?for=patient">' in html
    emergency = html[html.index('class="care-card care-card-emergency home-emergency"') :]
    assert "call your local emergency number (such as 911)" in emergency[:1000]


def test_the_home_page_says_when_nothing_is_published(client, db):
    assert "No topics have been published yet." in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "name, title, phrase",
    [
        ("editorial-policy", "Editorial policy", "Medical Advisory Board"),
        ("disclaimer", "Medical disclaimer", "emergency"),
    ],
)
def test_policy_pages_are_rendered_from_their_markdown(client, name, title, phrase):
    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in html
    assert "<h2" in html or "<p>" in html
    assert phrase in html
    assert "##" not in html


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get(reverse("home"))["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
