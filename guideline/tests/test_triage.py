"""The rules of issue 4, vignette by vignette: answers in, triage level, flags and considerations out."""

import pytest

from guideline.ruleset import LEVELS
from guideline.tests.helpers import ISSUE_BOOLEANS, answers, shipped, weeks
from guideline.triage import evaluate

EVERYTHING = dict.fromkeys(ISSUE_BOOLEANS, True) | weeks(10, improved=False) | {"age": 90}
ALL_FLAGS = ("cardiopulmonary", "fracture", "infection", "inflammatory", "malignancy", "myelopathy",
             "nerve_involvement", "no_improvement", "prior_fusion")  # fmt: skip
ALL_CONSIDERATIONS = ("axial_spondyloarthritis", "dorsal_scapular_nerve", "scapulothoracic")

# (what the vignette is, answers, triage, flags, considerations)
VIGNETTES = [
    ("nothing of note", answers(), "self_care", (), ()),
    ("the youngest adult", answers(age=18), "self_care", (), ()),
    ("aged 50 is not over 50", answers(age=50), "self_care", (), ()),
    ("aged 51 is over 50", answers(age=51), "urgent", ("malignancy",), ()),
    ("aged 65 is not over 65", answers(age=65), "urgent", ("malignancy",), ()),
    ("aged 66 is over 65", answers(age=66), "urgent", ("fracture", "malignancy"), ()),
    ("the oldest age allowed", answers(age=120), "urgent", ("fracture", "malignancy"), ()),
    ("3 weeks without improvement", weeks(3, improved=False), "self_care", (), ()),
    ("4 weeks without improvement", weeks(4, improved=False), "routine", ("no_improvement",), ()),
    ("4 weeks, care not tried yet", weeks(4, improved=None), "self_care", (), ()),
    ("4 weeks, improving", weeks(4, improved=True), "self_care", (), ()),
    ("a year without improvement", weeks(52, improved=False), "routine", ("no_improvement",), ()),
    ("new pain, care already failed", weeks(0, improved=False), "self_care", (), ()),
    ("urinary retention", answers(urinary_retention=True), "emergency", ("myelopathy",), ()),
    ("faecal incontinence", answers(fecal_incontinence=True), "emergency", ("myelopathy",), ()),
    ("saddle anaesthesia", answers(saddle_anesthesia=True), "emergency", ("myelopathy",), ()),
    ("leg weakness or numbness", answers(leg_weakness_or_numbness=True), "emergency", ("myelopathy",), ()),
    ("chest pain or breathlessness", answers(chest_pain_or_shortness_of_breath=True), "emergency",
     ("cardiopulmonary",), ()),
    ("tearing radiating pain", answers(tearing_pain_radiating=True), "emergency", ("cardiopulmonary",), ()),
    ("history of cancer", answers(history_of_cancer=True), "urgent", ("malignancy",), ()),
    ("unexplained weight loss", answers(unexplained_weight_loss=True), "urgent", ("malignancy",), ()),
    ("fever", answers(fever=True), "urgent", ("infection",), ()),
    ("recent infection", answers(recent_infection=True), "urgent", ("infection",), ()),
    ("intravenous drug use", answers(iv_drug_use=True), "urgent", ("infection",), ()),
    ("immunocompromised", answers(immunocompromised=True), "urgent", ("infection",), ()),
    ("osteoporosis", answers(osteoporosis=True), "urgent", ("fracture",), ()),
    ("long-term steroids", answers(chronic_steroid_use=True), "urgent", ("fracture",), ()),
    ("significant trauma", answers(significant_trauma=True), "urgent", ("fracture",), ()),
    ("previous thoracic fusion", answers(prior_thoracic_fusion=True), "urgent", ("prior_fusion",), ()),
    ("inflammatory features", answers(inflammatory_features=True), "routine", ("inflammatory",),
     ("axial_spondyloarthritis",)),
    ("scapular winging", answers(scapular_winging=True), "routine", ("nerve_involvement",),
     ("dorsal_scapular_nerve",)),
    ("overhead work only", answers(overhead_work_or_postural_strain=True), "self_care", (),
     ("dorsal_scapular_nerve",)),
    ("snapping scapula only", answers(snapping_or_grinding=True), "self_care", (), ("scapulothoracic",)),
    ("every likely cause at once",
     answers(scapular_winging=True, overhead_work_or_postural_strain=True, snapping_or_grinding=True,
             inflammatory_features=True),
     "routine", ("inflammatory", "nerve_involvement"), ALL_CONSIDERATIONS),
    ("emergency beats urgent and routine",
     answers(age=70, chest_pain_or_shortness_of_breath=True, inflammatory_features=True),
     "emergency", ("cardiopulmonary", "fracture", "inflammatory", "malignancy"),
     ("axial_spondyloarthritis",)),
    ("urgent beats routine", weeks(6, improved=False) | {"fever": True}, "urgent",
     ("infection", "no_improvement"), ()),
    ("both emergencies", answers(urinary_retention=True, tearing_pain_radiating=True), "emergency",
     ("cardiopulmonary", "myelopathy"), ()),
    ("routine beats self-care", answers(snapping_or_grinding=True, scapular_winging=True), "routine",
     ("nerve_involvement",), ("dorsal_scapular_nerve", "scapulothoracic")),
    ("older, with cancer and a fall", answers(age=80, history_of_cancer=True, significant_trauma=True),
     "urgent", ("fracture", "malignancy"), ()),
    ("everything at once", EVERYTHING, "emergency", ALL_FLAGS, ALL_CONSIDERATIONS),
]  # fmt: skip


@pytest.mark.parametrize(
    "given, triage, flags, considerations",
    [vignette[1:] for vignette in VIGNETTES],
    ids=[vignette[0] for vignette in VIGNETTES],
)
def test_each_vignette_gets_its_triage_flags_and_considerations(given, triage, flags, considerations):
    outcome = evaluate(shipped(), given)

    assert (outcome.triage, outcome.flags, outcome.considerations) == (triage, flags, considerations)


def test_the_vignettes_cover_every_flag_level_and_consideration():
    ruleset = shipped()

    assert len(VIGNETTES) >= 30
    assert {flag for vignette in VIGNETTES for flag in vignette[3]} == {flag.name for flag in ruleset.flags}
    assert {vignette[2] for vignette in VIGNETTES} == set(LEVELS)
    assert {name for vignette in VIGNETTES for name in vignette[4]} == {
        item.name for item in ruleset.considerations
    }


def test_flags_and_considerations_come_sorted_by_name():
    outcome = evaluate(shipped(), VIGNETTES[-1][1])

    assert list(outcome.flags) == sorted(outcome.flags)
    assert list(outcome.considerations) == sorted(outcome.considerations)


def test_a_yes_no_answer_left_out_means_no():
    said_no = answers(**dict.fromkeys(("fever", "osteoporosis", "urinary_retention"), False))

    assert evaluate(shipped(), answers()) == evaluate(shipped(), said_no)


def test_improvement_left_out_means_not_tried_yet_rather_than_no():
    left_out = evaluate(shipped(), answers(duration_weeks=8))
    not_tried = evaluate(shipped(), weeks(8, improved=None))
    not_improved = evaluate(shipped(), weeks(8, improved=False))

    assert left_out.triage == not_tried.triage == "self_care"
    assert not_improved.triage == "routine"


def test_a_number_not_given_yet_meets_no_condition():
    """A patient's early steps are evaluated before they give an age or a duration."""
    assert evaluate(shipped(), {}).triage == "self_care"
    assert evaluate(shipped(), {"improved_with_conservative_care": False}).flags == ()
    assert evaluate(shipped(), {"fecal_incontinence": True}).triage == "emergency"


def test_each_flag_names_the_answers_that_raised_it():
    outcome = evaluate(
        shipped(), answers(age=70, osteoporosis=True, duration_weeks=5, improved_with_conservative_care=False)
    )

    assert outcome.triggers["fracture"] == ("age", "osteoporosis")
    assert outcome.triggers["malignancy"] == ("age",)
    assert outcome.triggers["no_improvement"] == ("duration_weeks", "improved_with_conservative_care")
    assert "infection" not in outcome.triggers


def test_the_outcome_reports_the_ruleset_version():
    assert evaluate(shipped(), answers()).ruleset_version == shipped().version == "1.0"
