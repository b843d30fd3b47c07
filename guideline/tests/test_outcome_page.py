"""The outcome page: the level in words, the sources, and a summary that prints on one page."""

import re

import pytest
from django.conf import settings

from guideline.ruleset import LEVELS
from guideline.tests.helpers import PAGE_URL, shipped

pytestmark = pytest.mark.django_db

# Checklist answers that reach each level.
REACHING = {
    "emergency": {"chest_pain_or_shortness_of_breath": "yes"},
    "urgent": {"prior_thoracic_fusion": "yes"},
    "routine": {"scapular_winging": "yes"},
    "self_care": {},
}


def outcome_html(client, level):
    data = {"age": "30", "duration_weeks": "1", "improved_with_conservative_care": "yes", **REACHING[level]}
    return client.post(f"{PAGE_URL}?for=clinician", data).content.decode()


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_is_said_in_words_and_marked_not_only_coloured(client, level):
    html = outcome_html(client, level)

    title = shipped().levels[level].title.clinician
    header = re.search(r'<header class="triage triage-([a-z_]+)">.*?</header>', html, re.S)
    assert header.group(1) == level
    assert title in header.group(0)
    assert re.search(r'<span class="triage-mark" aria-hidden="true">[^<]+</span>', header.group(0))
    assert f"<title>{title}" in html


def test_each_reason_says_its_level_in_words(client):
    html = outcome_html(client, "urgent")

    assert '<span class="level-tag level-urgent">Urgent</span> Previous thoracic spine fusion' in html


def test_the_outcome_lists_its_references_to_print_with_it(client, shipped_article):
    html = outcome_html(client, "urgent")

    references = html[html.index('class="outcome-references"') :]
    assert (
        '<li id="cited-acr-2024"><a href="/articles/pain-between-shoulder-blades/?for=clinician#ref-' in html
    )
    assert "<cite>ACR Appropriateness Criteria® thoracic back pain</cite>" in references


def test_the_outcome_carries_the_disclaimer_the_version_and_a_way_back(client):
    html = outcome_html(client, "self_care")

    assert '<h2 id="disclaimer-heading">Medical disclaimer</h2>' in html
    assert "It is not a diagnosis." in html
    assert "rules version 1.0" in html
    assert '<a href="/articles/pain-between-shoulder-blades/?for=clinician">Back to the topic:' in html
    assert (
        '<a href="/self-check/pain-between-shoulder-blades/?for=clinician">Start the self-check again' in html
    )


def test_the_stylesheet_prints_the_outcome_as_a_plain_summary():
    css = (settings.BASE_DIR / "static" / "css" / "guideline.css").read_text(encoding="utf-8")

    for level in LEVELS:
        assert f".triage-{level} {{" in css
    printed = css[css.index("@media print") :]
    assert ".site-header, .site-footer, .skip-link, .outcome-actions" in printed
    assert "print-color-adjust: exact" in printed
    assert "break-inside: avoid" in printed
