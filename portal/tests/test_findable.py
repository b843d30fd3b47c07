"""What search engines read: JSON-LD, canonical address, Open Graph, sitemap, robots.txt."""

import json
import re

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG, approve

pytestmark = pytest.mark.django_db


def json_ld(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_a_pending_topic_describes_itself_without_claiming_a_review(client, sample_article):
    html = client.get(reverse("article", args=["sample-topic"]), {"for": "clinician"}).content.decode()

    data = json_ld(html)
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "What is a sample topic?"
    assert data["about"] == [{"@type": "Thing", "name": "tests"}]
    assert data["medicalAudience"]["audienceType"] == "Clinician"
    assert data["inLanguage"] == "en"
    assert data["dateModified"].startswith(str(sample_article.latest_revision.created_at.date()))
    assert [work["name"] for work in data["citation"]] == ["A guideline written for the tests"]
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_an_approved_topic_names_its_reviewer_and_review_date(client, sample_article, reviewer):
    revision = approve(sample_article.latest_revision, reviewer)

    data = json_ld(client.get(reverse("article", args=["sample-topic"])).content.decode())

    assert data["lastReviewed"] == revision.approved_at.date().isoformat()
    assert data["reviewedBy"]["name"] == "Rita Reviewer"
    assert data["medicalAudience"]["audienceType"] == "Patient"
    assert len(data["citation"]) == 2  # the patient text cites both


def test_json_ld_cannot_break_out_of_its_script_block(client, sample_article):
    from content.models import Revision

    Revision.objects.filter(pk=sample_article.latest_revision_id).update(
        tags=["</script><script>alert(1)</script>"]
    )

    html = client.get(reverse("article", args=["sample-topic"])).content.decode()

    assert "</script><script>alert(1)" not in html
    assert json_ld(html)["about"][0]["name"] == "</script><script>alert(1)</script>"


def test_every_audience_shares_one_canonical_address_and_open_graph_card(client, sample_article):
    for audience in ("patient", "clinician"):
        html = client.get(reverse("article", args=["sample-topic"]), {"for": audience}).content.decode()
        assert '<link rel="canonical" href="http://testserver/articles/sample-topic/">' in html
        assert '<meta property="og:title" content="What is a sample topic?">' in html
        assert '<meta property="og:description" content="A topic written for the tests.">' in html


def test_the_sitemap_lists_readable_topics_with_their_dates(client, sample_article, settings):
    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/articles/sample-topic/</loc>" in xml
    assert f"<lastmod>{sample_article.latest_revision.created_at.date()}</lastmod>" in xml
    assert "<loc>http://testserver/editorial-policy/</loc>" in xml

    settings.PORTAL_SHOW_PENDING = False
    assert "sample-topic" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_editorial_area(client, db):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /editorial/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_the_structured_data_names_the_topic_for_the_audience_reading(client, shipped_article):
    revision = shipped_article.latest_revision
    patient = json_ld(
        client.get(reverse("article", args=[SHIPPED_SLUG]), {"for": "patient"}).content.decode()
    )
    clinician = json_ld(
        client.get(reverse("article", args=[SHIPPED_SLUG]), {"for": "clinician"}).content.decode()
    )

    assert patient["name"] == revision.title_for("patient")
    assert clinician["name"] == revision.title_for("clinician") != patient["name"]
    assert all(
        isinstance(work["author"], str) and ".." not in work["author"] for work in clinician["citation"]
    )
