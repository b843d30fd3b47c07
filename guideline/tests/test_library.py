"""The spine red-flag library: every spine self-check uses its flags, with the same names,
levels and wording, and the same answers give the same level in each."""

import pytest

from guideline.ruleset import get_ruleset
from guideline.tests.helpers import answers, weeks
from guideline.triage import evaluate

SPINE_TOPICS = ("pain-between-shoulder-blades", "low-back-pain", "neck-pain")
# Answers that raise each shared flag, with the level it raises: the spine rule table.
SHARED_VIGNETTES = [
    ("myelopathy", answers(urinary_retention=True), "emergency"),
    ("myelopathy", answers(urinary_incontinence=True), "emergency"),
    ("myelopathy", answers(fecal_incontinence=True), "emergency"),
    ("myelopathy", answers(saddle_anesthesia=True), "emergency"),
    ("myelopathy", answers(leg_weakness_or_numbness=True), "emergency"),
    ("myelopathy", answers(unsteady_walking=True), "emergency"),
    ("aortic", answers(sudden_severe_pain=True), "emergency"),
    ("aortic", answers(tearing_pain_radiating=True), "emergency"),
    ("major_trauma", answers(high_energy_trauma=True), "emergency"),
    ("spinal_infection", answers(fever=True, iv_drug_use=True), "emergency"),
    ("spinal_infection", answers(fever=True, recent_spinal_procedure=True), "emergency"),
    ("fever", answers(fever=True), "urgent"),
    ("infection_risk", answers(immunocompromised=True), "urgent"),
    ("malignancy", answers(history_of_cancer=True), "urgent"),
    ("malignancy", answers(age=51, unexplained_weight_loss=True), "urgent"),
    ("fracture", answers(osteoporosis=True, chronic_steroid_use=True), "urgent"),
    ("fracture", answers(age=76, sex="female", significant_trauma=True), "urgent"),
    ("malignancy_risk", answers(age=51), "routine"),
    ("fracture_risk", answers(osteoporosis=True), "routine"),
    ("no_improvement", weeks(4, improved=False), "routine"),
    ("persistent", weeks(12, improved=None), "routine"),
]


@pytest.mark.parametrize("flag, given, level", SHARED_VIGNETTES)
def test_a_shared_red_flag_gives_the_same_level_in_every_spine_self_check(flag, given, level):
    outcomes = {topic: evaluate(get_ruleset(topic), given) for topic in SPINE_TOPICS}

    for topic, outcome in outcomes.items():
        assert flag in outcome.flags, topic
        assert outcome.triage == level, topic


def test_every_spine_self_check_uses_every_shared_flag_in_the_same_words():
    rulesets = [get_ruleset(topic) for topic in SPINE_TOPICS]
    shared = {flag for flag, _, _ in SHARED_VIGNETTES}

    for name in shared:
        flags = [ruleset.flag(name) for ruleset in rulesets]
        assert len({flag.level for flag in flags}) == 1, name
        assert len({(flag.label, flag.reason) for flag in flags}) == 1, name
        assert len({tuple(step.text for step in flag.next_steps.patient) for flag in flags}) == 1, name


def test_each_topic_cites_its_own_imaging_criteria_for_the_shared_flags():
    cited = {
        topic: set(get_ruleset(topic).flag("malignancy").next_steps.clinician[0].cite)
        for topic in SPINE_TOPICS
    }

    assert cited["pain-between-shoulder-blades"] == {"chou-2011", "acr-2024"}
    assert cited["low-back-pain"] == {"chou-2011", "acr-2021"}
    assert cited["neck-pain"] == {"chou-2011", "acr-2019"}
