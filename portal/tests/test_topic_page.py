import re

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG, approve
from content.models import Article, Revision
from content.workflow import transition

pytestmark = pytest.mark.django_db


def topic_page(client, slug="sample-topic", **params):
    response = client.get(reverse("article", args=[slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_question_and_its_pending_review_state(client, sample_article):
    html = topic_page(client)

    assert "<h1>What is a sample topic?</h1>" in html
    assert "<strong>Pending medical review.</strong> Educational only" in html
    assert "Not yet reviewed by the Medical Advisory Board" in html
    assert re.search(r'<li class="step-current" aria-current="step">\s*<span[^>]*>●</span>\s*Submitted', html)
    assert html.count('aria-current="step"') == 1
    assert "Next review due</dt><dd>Not yet reviewed</dd>" in html
    assert f'href="{reverse("editorial-policy")}"' in html
    assert "Medical disclaimer" in html


def test_an_approved_topic_names_its_reviewer_and_review_dates(client, sample_article, reviewer):
    revision = approve(sample_article.latest_revision, reviewer)
    sample_article.refresh_from_db()

    html = topic_page(client)

    assert "Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>" in html
    assert revision.approved_at.strftime("%-d %B %Y") in html
    assert sample_article.next_review_due.strftime("%-d %B %Y") in html
    assert re.search(r'aria-current="step">\s*<span[^>]*>●</span>\s*Approved', html)
    assert "Pending medical review." not in html
    assert "✓</span> Reviewed by the Medical Advisory Board: Rita Reviewer" in html


def test_a_newer_unapproved_revision_never_reaches_readers(client, sample_article, reviewer):
    approve(sample_article.latest_revision, reviewer)
    current = sample_article.latest_revision
    newer = Revision.objects.create(
        article=sample_article, number=2, **{**current.content(), "title": "An unreviewed new title?"}
    )
    transition(newer, Revision.Status.SUBMITTED)

    html = topic_page(client)

    assert "What is a sample topic?" in html
    assert "unreviewed new title" not in html


def test_citations_link_to_a_reference_list_numbered_in_order_of_first_citation(client, sample_article):
    html = topic_page(client)

    assert re.findall(r'<a href="#ref-(\d)"', html) == ["1", "1", "2"]
    first, second = html.index('<li id="ref-1">'), html.index('<li id="ref-2">')
    assert first < second
    assert "A study written for the tests" in html[first:second]
    assert '<span class="reference-kind">Research</span>' in html[first:second]
    assert '<span class="reference-kind">Guideline</span>' in html[second:]
    assert '<a class="reference-url" href="https://example.org/guide">' in html


def test_an_unknown_or_unreadable_topic_is_not_found(client, db):
    Article.objects.create(slug="only-a-draft")

    assert client.get(reverse("article", args=["no-such-topic"])).status_code == 404
    assert client.get(reverse("article", args=["only-a-draft"])).status_code == 404


def test_the_shipped_topic_covers_what_readers_need(client, shipped_article):
    patient = topic_page(client, SHIPPED_SLUG, **{"for": "patient"})
    clinician = topic_page(client, SHIPPED_SLUG, **{"for": "clinician"})

    assert "<h1>What causes pain between the shoulder blades, and how is it treated?</h1>" in patient
    assert "check with a health professional before you act on it" in patient
    assert "alongside clinical judgment" in clinician
    assert "your care" not in clinician.split('<div class="topic-body')[0]
    for html in (patient, clinician):
        assert "<strong>Pending medical review.</strong>" in html
        assert len(re.findall(r'<li id="ref-\d+">', html)) >= 4
    assert len(re.findall(r'<li id="ref-\d+">', clinician)) >= 6
    assert "myelopathy" in clinician.lower()
    assert "dorsal scapular nerve" in clinician.lower()


def test_the_shipped_topic_ships_pending_review_with_six_real_kinds_of_reference(shipped_article):
    revision = shipped_article.latest_revision

    assert revision.status == Revision.Status.SUBMITTED
    assert shipped_article.published_revision is None
    assert len(revision.references) >= 6
    assert {reference["kind"] for reference in revision.references} >= {"guideline", "review"}
    assert revision.patient_grade <= 8
    assert revision.clinician_grade > revision.patient_grade


def test_the_disclaimer_is_worded_for_who_is_reading(client, shipped_article):
    patient = topic_page(client, SHIPPED_SLUG, **{"for": "patient"})
    clinician = topic_page(client, SHIPPED_SLUG, **{"for": "clinician"})

    assert "Do not ignore professional advice" in patient
    assert "For healthcare professionals" not in patient
    assert "does not replace your own clinical judgment" in clinician
    assert "Do not ignore professional advice" not in clinician


def test_the_topic_page_links_the_related_topics_readers_may_see(client, shipped_article):
    html = client.get(shipped_article.get_absolute_url()).content.decode()

    related = html.split('id="related-topics-heading"')[1].split("</section>")[0]
    assert related.index('href="/articles/neck-pain/">Neck pain</a>') < related.index(
        'href="/articles/low-back-pain/">Low back pain</a>'
    )
