import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_readable_topics_with_their_review_state(client, sample_article):
    html = client.get(reverse("home")).content.decode()

    assert '<a href="/articles/sample-topic/">What is a sample topic?</a>' in html
    assert "A topic written for the tests." in html
    assert "Pending medical review" in html


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
