"""The handout a clinician prints for a patient: the patient text's key points, when to get help and
what to do first, the review status, and a QR code to the whole topic at the public address."""

import re

import pytest
from django.conf import settings
from django.test import Client

from conftest import SHIPPED_SLUG, approve
from portal import topic_html
from portal.handout import handout_sections, qr_svg, topic_address

HANDOUT_URL = f"/articles/{SHIPPED_SLUG}/handout/?for=patient"

STORED = (
    '<h2 id="key-points">Key points<span data-questions="Is it bad?"></span></h2>\n'
    '<ul>\n<li>Keep moving <sup class="citation"><a href="#ref-1">1</a></sup>.</li>\n</ul>\n'
    '<div class="care-card care-card-emergency"><h2 id="now">Now</h2>\n<p>Call.</p>\n'
    '<p class="care-card-self-check"></p></div>'
    '<div class="care-card care-card-routine"><h2 id="soon">Soon</h2>\n<p>See a doctor.</p></div>'
    '<h2 id="what-you-can-do-first">What you can do first</h2>\n<p>Use heat.</p>\n'
    '<h2 id="later">Later</h2>\n<p>Not printed.</p>\n'
)


def test_a_section_is_taken_by_its_heading_id_up_to_the_next_heading_or_card():
    assert topic_html.section_html(STORED, "key-points").startswith('<h2 id="key-points">')
    assert topic_html.section_html(STORED, "key-points").endswith("</ul>\n")
    assert topic_html.section_html(STORED, "what-you-can-do-first").endswith("<p>Use heat.</p>\n")
    assert topic_html.section_html(STORED, "later").endswith("<p>Not printed.</p>\n")
    assert topic_html.section_html(STORED, "missing") == ""


def test_the_care_cards_are_taken_whole_and_in_order():
    cards = topic_html.care_cards(STORED)

    assert [re.search(r"care-card-(\w+)", card).group(1) for card in cards] == ["emergency", "routine"]
    assert all(card.endswith("</div>") for card in cards)


def test_paper_loses_citation_numbers_hidden_questions_and_the_self_check_place():
    printed = topic_html.printable(STORED)

    assert "citation" not in printed and "data-questions" not in printed
    assert "care-card-self-check" not in printed
    assert "<li>Keep moving.</li>" in printed


@pytest.mark.django_db
def test_the_handout_holds_the_key_points_the_care_cards_and_what_to_do_first(shipped_article):
    sections = handout_sections(shipped_article.readable_revision())

    assert sections["key_points"].startswith('<h2 id="key-points">')
    assert [re.search(r"care-card-(\w+)", card).group(1) for card in sections["care_cards"]] == [
        "emergency",
        "urgent",
        "routine",
    ]
    assert sections["what_to_do_first"].startswith('<h2 id="what-you-can-do-first">')
    assert "Do you need a scan?" not in "".join([sections["key_points"], *sections["care_cards"]])


@pytest.mark.django_db
def test_the_qr_code_is_an_svg_made_here_linking_to_the_public_address(shipped_article, settings):
    settings.PORTAL_BASE_URL = "https://health.example.org"

    address = topic_address(shipped_article)
    svg = qr_svg(address)

    assert address == f"https://health.example.org/articles/{SHIPPED_SLUG}/?for=patient"
    assert svg.startswith('<svg role="img" aria-label="QR code')
    assert "http" not in svg.split(">", 1)[1]  # nothing it would fetch


@pytest.mark.django_db
def test_the_page_is_public_with_no_form_and_says_where_review_stands(shipped_article):
    response = Client(enforce_csrf_checks=True).get(HANDOUT_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<form" not in page.split('<main id="main"', 1)[1]
    assert "csrfmiddlewaretoken" not in page
    assert "Pending medical review" in page
    assert shipped_article.readable_revision().title in page
    assert f"{settings.PORTAL_BASE_URL}/articles/{SHIPPED_SLUG}/?for=patient" in page
    assert page.count('class="care-card care-card-') == 3
    assert "What you can do first" in page
    assert 'class="citation"' not in page


@pytest.mark.django_db
def test_an_approved_topic_says_who_reviewed_it_and_when(shipped_article, reviewer):
    approve(shipped_article.latest_revision, reviewer)

    page = Client().get(HANDOUT_URL).content.decode()

    assert "Reviewed by the Medical Advisory Board on" in page
    assert "Pending medical review" not in page


@pytest.mark.django_db
def test_the_clinician_view_links_to_the_handout_and_the_patient_view_does_not(shipped_article):
    link = "Print for your patient"

    assert link in Client().get(f"/articles/{SHIPPED_SLUG}/?for=clinician").content.decode()
    assert link not in Client().get(f"/articles/{SHIPPED_SLUG}/?for=patient").content.decode()


@pytest.mark.django_db
def test_a_topic_nobody_may_read_has_no_handout(db):
    assert Client().get("/articles/no-such-topic/handout/").status_code == 404
