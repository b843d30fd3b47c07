"""A topic page costs a constant handful of queries, answers 304s, and is never stale."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import approve
from content.models import Article, Revision
from content.workflow import transition

pytestmark = pytest.mark.django_db

REFERENCE = {"kind": "research", "authors": "Doe J", "title": "A study", "source": "Journal", "year": 2020}


def big_topic():
    """60 references and 50 revisions, the newest submitted."""
    article = Article.objects.create(slug="big-topic")
    references = [{**REFERENCE, "key": f"ref-{n}"} for n in range(60)]
    citing = " ".join(f"Claim {n} [@ref-{n}]." for n in range(60))
    for number in range(1, 51):
        revision = Revision.objects.create(
            article=article,
            number=number,
            title="What is a big topic?",
            summary=f"Version {number}.",
            references=references,
            patient_markdown=citing,
            clinician_markdown=citing,
        )
    Article.objects.filter(pk=article.pk).update(latest_revision=revision)
    transition(revision, Revision.Status.SUBMITTED)
    return article


@pytest.mark.parametrize("make_topic", ["sample", "big"])
def test_a_topic_page_needs_few_queries_whatever_its_size(
    client, sample_article, make_topic, django_assert_max_num_queries
):
    slug = "sample-topic" if make_topic == "sample" else big_topic().slug

    with django_assert_max_num_queries(4):  # topic, revision, reviewer, glossary
        first = client.get(reverse("article", args=[slug]))
    with django_assert_max_num_queries(0):
        again = client.get(reverse("article", args=[slug]))

    assert first.status_code == again.status_code == 200
    assert first.content.count(b'<li id="ref-') == (2 if make_topic == "sample" else 60)


def test_a_page_view_renders_no_markdown_and_scores_nothing(client, sample_article, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("rendering or scoring on a page view")

    monkeypatch.setattr("content.models.topics.render_markdown", forbidden)
    monkeypatch.setattr("content.models.topics.readability", forbidden)

    assert client.get(reverse("article", args=["sample-topic"])).status_code == 200


def test_a_repeat_visit_gets_a_304(client, sample_article):
    first = client.get(reverse("article", args=["sample-topic"]))

    again = client.get(reverse("article", args=["sample-topic"]), HTTP_IF_NONE_MATCH=first["ETag"])
    since = client.get(
        reverse("article", args=["sample-topic"]), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )

    assert first["ETag"] and first["Last-Modified"]
    assert "must-revalidate" in first["Cache-Control"] and "Cookie" in first["Vary"]
    assert again.status_code == 304
    assert since.status_code == 304


def test_a_kept_page_carries_nothing_of_one_reader(client, sample_article):
    first = client.get(reverse("article", args=["sample-topic"]))
    again = client.get(reverse("article", args=["sample-topic"]))

    assert first.content == again.content
    assert b"csrfmiddlewaretoken" not in again.content
    assert not again.cookies  # no CSRF or session cookie: any cache in front may share it
    assert "public" in again["Cache-Control"]
    assert int(again["Content-Length"]) == len(again.content)


def test_a_reader_choosing_an_audience_gets_a_private_copy(client, sample_article):
    client.get(reverse("article", args=["sample-topic"]) + "?for=clinician")  # kept

    chosen = Client().get(reverse("article", args=["sample-topic"]) + "?for=clinician")

    assert chosen.cookies["audience"].value == "clinician"
    assert "private" in chosen["Cache-Control"]


def test_a_page_kept_for_one_host_names_its_own_address_on_another(client, sample_article):
    url = reverse("article", args=["sample-topic"])
    client.get(url, HTTP_HOST="localhost")

    page = client.get(url, HTTP_HOST="127.0.0.1").content.decode()
    refused = client.get(url, HTTP_HOST="evil.example")

    assert '<link rel="canonical" href="http://127.0.0.1/articles/sample-topic/">' in page
    assert refused.status_code == 400


def test_a_flood_of_new_queries_never_pushes_the_topic_page_out(
    client, sample_article, django_assert_max_num_queries
):
    client.get(reverse("article", args=["sample-topic"]))
    for number in range(600):  # more than either memory keeps
        client.get(reverse("search"), {"q": f"rest {number}"})

    with django_assert_max_num_queries(0):
        assert client.get(reverse("article", args=["sample-topic"])).status_code == 200


def test_a_kept_page_has_the_security_headers(client, sample_article):
    client.get(reverse("article", args=["sample-topic"]))

    again = client.get(reverse("article", args=["sample-topic"]))

    assert "script-src 'self'" in again["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    assert again["X-Content-Type-Options"] == "nosniff"


def test_approval_replaces_the_cached_page_at_once(
    client, sample_article, reviewer, django_capture_on_commit_callbacks
):
    before = client.get(reverse("article", args=["sample-topic"]))
    assert b"Not yet reviewed by the Medical Advisory Board" in before.content

    with django_capture_on_commit_callbacks(execute=True):
        approve(sample_article.latest_revision, reviewer)
    after = client.get(reverse("article", args=["sample-topic"]), HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert b"Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>" in after.content


def test_a_cache_server_that_lost_the_content_version_serves_no_old_page(client, sample_article, reviewer):
    client.get(reverse("article", args=["sample-topic"]))  # kept in this process
    approve(sample_article.latest_revision, reviewer)  # its version bump never ran
    cache.clear()  # as a restarted Redis would be

    after = client.get(reverse("article", args=["sample-topic"]))

    assert b"Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>" in after.content


def test_logged_in_editors_never_get_a_shared_copy(client, sample_article, author):
    client.get(reverse("article", args=["sample-topic"]))
    client.force_login(author)

    html = client.get(reverse("article", args=["sample-topic"])).content.decode()

    assert "Log out ann.author" in html
