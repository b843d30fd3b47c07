"""The outcome page: the level in words, the sources, and a summary that prints on one page."""

import re

import pytest
from django.conf import settings

from guideline.ruleset import LEVELS
from guideline.tests.helpers import answers, shipped
from portal.tests.self_check import PAGE_URL, walk

pytestmark = pytest.mark.django_db

# Checklist answers that reach each level.
REACHING = {
    "emergency": {"chest_pain_or_shortness_of_breath": "yes"},
    "urgent": {"fever": "yes"},
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

    assert '<span class="level-tag level-urgent">Urgent</span> Fever without spinal infection risk' in html


def test_the_outcome_lists_its_references_to_print_with_it(client, shipped_article):
    html = outcome_html(client, "urgent")

    references = html[html.index('class="outcome-references"') :]
    assert (
        '<li id="cited-acr-2024"><a href="/articles/pain-between-shoulder-blades/?for=clinician#ref-' in html
    )
    # As the topic's reference list gives it: AMA style, the full page range, the DOI a link.
    assert (
        "Boulter DJ, et al. ACR Appropriateness Criteria® thoracic back pain. "
        "<i>Journal of the American College of Radiology</i>. 2024;21(11S):S504-S517. "
        '<a class="reference-url" href="https://doi.org/10.1016/j.jacr.2024.08.016">'
    ) in references


def test_the_outcome_carries_the_disclaimer_the_version_and_a_way_back(client):
    html = outcome_html(client, "self_care")

    assert '<h2 id="disclaimer-heading">Medical disclaimer</h2>' in html
    assert "It is not a diagnosis." in html
    assert "rules version 3.0" in html
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


# What each level's page must say, for patients (walking the steps) and for clinicians.
PATIENT_PAGES = {
    "emergency": (answers(chest_pain_or_shortness_of_breath=True),
                  ["Emergency: call your local emergency number now", "for an ambulance now.",
                   "They will check your heart and lungs first."]),
    "urgent": (answers(iv_drug_use=True),
               ["Urgent: see a doctor today", "If you cannot be seen today, go to the emergency department.",
                "does not always cause a fever"]),
    "routine": (answers(age=80, sex="female"),
                ["See a doctor within 1 to 2 weeks", "in the next 1 to 2 weeks",
                 "a doctor will decide which test you need", "A scan is only worth thinking about"]),
    "self_care": (answers(),
                  ["Self-care: you can look after this at home for now",
                   "See a doctor if the pain is no better after 4 to 6 weeks, or sooner"]),
}  # fmt: skip
CLINICIAN_PAGES = {
    "emergency": ({"sudden_severe_pain": "yes"},
                  ["Emergency: immediate emergency assessment",
                   "Emergency evaluation for acute aortic syndrome now."]),
    "urgent": ({"osteoporosis": "yes", "chronic_steroid_use": "yes"},
               ["Urgent: same-day assessment", "if that is not possible today, the emergency department",
                "Image today when fracture is suspected: after an injury, as NICE NG41 sets out"]),
    "routine": ({"age": "70", "sex": "male"},
                ["Routine: clinical review within 1 to 2 weeks",
                 "Chou 2011 defers imaging for a single risk factor",
                 "otherwise with radiography as a usually appropriate first study"]),
    "self_care": ({}, ["Self-care: conservative management, no initial imaging",
                       "Reassess if there is no improvement after 4 to 6 weeks"]),
}  # fmt: skip


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_tells_a_patient_what_to_do_and_how_soon(client, level):
    given, said = PATIENT_PAGES[level]

    html = walk(client, given).content.decode()

    assert f'<header class="triage triage-{level}">' in html
    for words in said:
        assert words in html


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_tells_a_clinician_what_to_do_and_how_soon(client, level):
    data = {
        "age": "30",
        "duration_weeks": "1",
        "improved_with_conservative_care": "yes",
        **CLINICIAN_PAGES[level][0],
    }

    html = client.post(f"{PAGE_URL}?for=clinician", data).content.decode()

    assert f'<header class="triage triage-{level}">' in html
    for words in CLINICIAN_PAGES[level][1]:
        assert words in html


def test_a_heart_emergency_lists_no_spinal_cord_step(client):
    html = walk(client, answers(chest_pain_or_shortness_of_breath=True)).content.decode()
    steps = html[html.index('class="next-steps"') : html.index('class="reasons"')]

    assert "MRI" not in steps
    assert "heart and lungs" in steps


def test_an_urgent_outcome_never_says_the_emergency_department_is_not_needed(client):
    for given in (answers(fever=True), answers(rash=True), answers(history_of_cancer=True)):
        html = walk(client, given).content.decode()

        assert "Urgent: see a doctor today" in html
        assert "do not need to go to the emergency department" not in html.lower()
        assert "do not need the emergency department" not in html.lower()


def test_age_alone_never_sends_a_patient_for_a_scan_now(client):
    html = walk(client, answers(age=70)).content.decode()

    assert "See a doctor within 1 to 2 weeks" in html
    assert "rule out cancer" not in html
    assert "MRI" not in html
