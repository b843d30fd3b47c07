"""The words of the rules: plain for patients, and never advice the topic warns against."""

import pytest

from content.audience import AUDIENCES
from guideline.tests.helpers import advice, grade, shipped, texts

# Interventions the topic advises against (content/articles/pain-between-shoulder-blades/).
ADVISED_AGAINST = ["radiofrequency", "ablation", "epidural", "injection", "shot", "opioid", "steroid"]


def test_patients_read_the_rules_at_school_grade_8_or_lower():
    assert grade(texts(shipped(), "patient")) <= 8


def test_clinicians_read_the_rules_in_professional_language():
    assert grade(texts(shipped(), "clinician")) > grade(texts(shipped(), "patient")) + 3


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_outcome_recommends_what_the_topic_advises_against(audience):
    for text in advice(shipped(), audience):
        for words in ADVISED_AGAINST:
            assert words not in text.lower(), text
        if "bed" in text:
            assert "does not help" in text or "rather than bed rest" in text, text


def test_self_care_says_no_scan_is_needed_yet():
    self_care = shipped().levels["self_care"]

    assert "You do not need a scan now." in self_care.summary.patient
    assert self_care.next_steps.clinician[0].text.startswith("No initial imaging")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_reason_cites_references_the_topic_page_numbers_for_that_audience(shipped_article, audience):
    cited_on_page = set(shipped_article.latest_revision.citations(audience))
    ruleset = shipped()

    for rule in (*ruleset.flags, *ruleset.considerations):
        assert set(rule.cite) <= cited_on_page, rule.name
    for steps in [level.next_steps for level in ruleset.levels.values()] + [
        flag.next_steps for flag in ruleset.flags
    ]:
        for step in steps(audience):
            assert set(step.cite) <= cited_on_page, step.text


def test_the_emergency_advice_tells_each_audience_to_act_now():
    advice = shipped().emergency_advice

    assert "Call your local emergency number" in advice.patient
    assert "emergency assessment now" in advice.clinician
