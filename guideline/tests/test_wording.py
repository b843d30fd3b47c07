"""The words of the rules: plain for patients, and never advice the topic warns against."""

import pytest
import textstat

from content.audience import AUDIENCES
from guideline.tests.helpers import shipped

# Interventions the topic advises against (content/articles/pain-between-shoulder-blades/).
ADVISED_AGAINST = ["radiofrequency", "ablation", "epidural", "injection", "shot", "opioid", "steroid"]


def texts(audience):
    """Every text the rules show one audience."""
    ruleset = shipped()
    found = [ruleset.title(audience), ruleset.intro(audience), ruleset.emergency_advice(audience)]
    for question in ruleset.questions:
        found += [
            question.text(audience),
            question.help(audience),
            *(question.choices(audience) if question.choices else ()),
        ]
    found += [step.title(audience) for step in ruleset.steps]
    found += [text for flag in ruleset.flags for text in (flag.label(audience), flag.reason(audience))]
    found += [step.text for flag in ruleset.flags for step in flag.next_steps(audience)]
    found += [text for item in ruleset.considerations for text in (item.label(audience), item.text(audience))]
    for level in ruleset.levels.values():
        found += [
            level.title(audience),
            level.summary(audience),
            *(step.text for step in level.next_steps(audience)),
        ]
    return [text for text in found if text]


def advice(audience):
    """What the outcome tells an audience to do, or what it says may be the cause."""
    ruleset = shipped()
    found = [item.text(audience) for item in ruleset.considerations]
    found += [step.text for flag in ruleset.flags for step in flag.next_steps(audience)]
    for level in ruleset.levels.values():
        found += [level.summary(audience), *(step.text for step in level.next_steps(audience))]
    return found


def grade(paragraphs):
    """The Flesch–Kincaid grade of texts read one after another, each ending a sentence."""
    prose = " ".join(text if text.endswith((".", "?", "!")) else f"{text}." for text in paragraphs)
    return textstat.flesch_kincaid_grade(prose)


def test_patients_read_the_rules_at_school_grade_8_or_lower():
    assert grade(texts("patient")) <= 8


def test_clinicians_read_the_rules_in_professional_language():
    assert grade(texts("clinician")) > grade(texts("patient")) + 3


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_outcome_recommends_what_the_topic_advises_against(audience):
    for text in advice(audience):
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
