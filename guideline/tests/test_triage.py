"""The rules of issue 11 (version 2), vignette by vignette: answers in, level and flags out."""

import pytest

from guideline.ruleset import LEVELS
from guideline.tests.helpers import BOOLEANS, answers, shipped, weeks
from guideline.triage import evaluate

EVERYTHING = dict.fromkeys(BOOLEANS, True) | weeks(10, improved=False) | {"age": 90, "sex": "female"}
ALL_CONSIDERATIONS = ("axial_spondyloarthritis", "dorsal_scapular_nerve", "herpes_zoster", "scapulothoracic")
# Raised by everything at once: the rest are the lesser form of a flag raised here.
EVERY_EMERGENCY_AND_MORE = (
    "acute_coronary", "aortic", "cardiopulmonary", "fracture", "inflammatory", "major_trauma", "malignancy",
    "myelopathy", "nerve_involvement", "night_pain", "no_improvement", "prior_fusion", "pulmonary_embolism",
    "shingles", "spinal_infection",
)  # fmt: skip


def aged(age, sex=None, **given):
    return answers(age=age, sex=sex, **given)


# (what the vignette is, answers, triage, flags, considerations): issue 11's rule table, version 2.
VIGNETTES = [
    ("nothing of note", answers(), "self_care", (), ()),
    ("the youngest adult", answers(age=18), "self_care", (), ()),
    # Age alone is in Chou's "defer imaging" group: routine, never urgent.
    ("aged 50 is not over 50", aged(50), "self_care", (), ()),
    ("aged 51 is over 50", aged(51), "routine", ("malignancy_risk",), ()),
    ("a man of 65 is not older", aged(65, "male"), "routine", ("malignancy_risk",), ()),
    ("a man of 66 is older", aged(66, "male"), "routine", ("fracture_risk", "malignancy_risk"), ()),
    ("65, sex not given, is not older", aged(65), "routine", ("malignancy_risk",), ()),
    ("66, sex not given, counts as older", aged(66), "routine", ("fracture_risk", "malignancy_risk"), ()),
    ("a woman of 66 is not older", aged(66, "female"), "routine", ("malignancy_risk",), ()),
    ("a woman of 75 is not older", aged(75, "female"), "routine", ("malignancy_risk",), ()),
    ("a woman of 76 is older", aged(76, "female"), "routine", ("fracture_risk", "malignancy_risk"), ()),
    ("a man of 76 is older", aged(76, "male"), "routine", ("fracture_risk", "malignancy_risk"), ()),
    ("the oldest age allowed", aged(120), "routine", ("fracture_risk", "malignancy_risk"), ()),
    # Two fracture risk factors: urgent; one: routine.
    ("a man of 66 with osteoporosis", aged(66, "male", osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("a woman of 70 with osteoporosis", aged(70, "female", osteoporosis=True), "routine",
     ("fracture_risk", "malignancy_risk"), ()),
    ("a woman of 76 with osteoporosis", aged(76, "female", osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("osteoporosis and long-term steroids", answers(osteoporosis=True, chronic_steroid_use=True), "urgent",
     ("fracture",), ()),
    ("a lifting injury and long-term steroids", answers(significant_trauma=True, chronic_steroid_use=True),
     "urgent", ("fracture",), ()),
    ("osteoporosis alone", answers(osteoporosis=True), "routine", ("fracture_risk",), ()),
    ("long-term steroids alone", answers(chronic_steroid_use=True), "routine", ("fracture_risk",), ()),
    ("a fall from standing alone", answers(significant_trauma=True), "routine", ("fracture_risk",), ()),
    # Malignancy: a history of cancer, or two of the weaker risk factors.
    ("history of cancer", answers(history_of_cancer=True), "urgent", ("malignancy",), ()),
    ("unexplained weight loss alone", answers(unexplained_weight_loss=True), "routine", ("malignancy_risk",),
     ()),
    ("over 50 with weight loss", aged(51, unexplained_weight_loss=True), "urgent", ("malignancy",), ()),
    ("over 50, 4 weeks without improvement", weeks(4, improved=False) | {"age": 51}, "urgent",
     ("malignancy", "no_improvement"), ()),
    ("over 50, 3 weeks without improvement", weeks(3, improved=False) | {"age": 51}, "routine",
     ("malignancy_risk",), ()),
    ("over 50, 4 weeks and improving", weeks(4, improved=True) | {"age": 51}, "routine",
     ("malignancy_risk",), ()),
    ("over 50, 4 weeks, care not tried", weeks(4, improved=None) | {"age": 51}, "routine",
     ("malignancy_risk",), ()),
    ("weight loss, 4 weeks without improvement", weeks(4, improved=False) | {"unexplained_weight_loss": True},
     "urgent", ("malignancy", "no_improvement"), ()),
    ("cancer, over 50 and weight loss", aged(60, history_of_cancer=True, unexplained_weight_loss=True),
     "urgent", ("malignancy",), ()),
    # Duration and response to care.
    ("3 weeks without improvement", weeks(3, improved=False), "self_care", (), ()),
    ("4 weeks without improvement", weeks(4, improved=False), "routine", ("no_improvement",), ()),
    ("4 weeks, care not tried yet", weeks(4, improved=None), "self_care", (), ()),
    ("4 weeks, improving", weeks(4, improved=True), "self_care", (), ()),
    ("11 weeks, care not tried yet", weeks(11, improved=None), "self_care", (), ()),
    ("12 weeks, care not tried yet", weeks(12, improved=None), "routine", ("persistent",), ()),
    ("12 weeks, improving", weeks(12, improved=True), "self_care", (), ()),
    ("12 weeks without improvement", weeks(12, improved=False), "routine", ("no_improvement",), ()),
    ("new pain, care already failed", weeks(0, improved=False), "self_care", (), ()),
    # Emergencies.
    ("urinary retention", answers(urinary_retention=True), "emergency", ("myelopathy",), ()),
    ("new urinary incontinence", answers(urinary_incontinence=True), "emergency", ("myelopathy",), ()),
    ("fecal incontinence", answers(fecal_incontinence=True), "emergency", ("myelopathy",), ()),
    ("saddle anesthesia", answers(saddle_anesthesia=True), "emergency", ("myelopathy",), ()),
    ("leg weakness or numbness", answers(leg_weakness_or_numbness=True), "emergency", ("myelopathy",), ()),
    ("unsteady walking", answers(unsteady_walking=True), "emergency", ("myelopathy",), ()),
    ("chest pain or breathlessness", answers(chest_pain_or_shortness_of_breath=True), "emergency",
     ("cardiopulmonary",), ()),
    ("sweating, nausea or fainting", answers(fainting_sweating_or_nausea=True), "emergency",
     ("cardiopulmonary",), ()),
    ("sudden severe pain alone", answers(sudden_severe_pain=True), "emergency", ("aortic",), ()),
    ("tearing radiating pain", answers(tearing_pain_radiating=True), "emergency", ("aortic",), ()),
    ("a car crash", answers(high_energy_trauma=True), "emergency", ("major_trauma",), ()),
    ("fever and injecting drugs", answers(fever=True, iv_drug_use=True), "emergency", ("spinal_infection",),
     ()),
    ("fever and immunosuppression", answers(fever=True, immunocompromised=True), "emergency",
     ("spinal_infection",), ()),
    ("fever and a recent infection", answers(fever=True, recent_infection=True), "emergency",
     ("spinal_infection",), ()),
    ("fever after a spinal procedure", answers(fever=True, recent_spinal_procedure=True), "emergency",
     ("spinal_infection",), ()),
    ("pleuritic pain ten days after giving birth", answers(pleuritic_pain=True, clot_risk=True),
     "emergency", ("pulmonary_embolism",), ()),
    ("exertional pain in the past 12 hours", answers(pain_with_exertion=True, exertional_pain_last_12h=True),
     "emergency", ("acute_coronary",), ()),
    # Same day.
    ("fever alone", answers(fever=True), "urgent", ("fever",), ()),
    ("injecting drugs, no fever", answers(iv_drug_use=True), "urgent", ("infection_risk",), ()),
    ("immunosuppressed, no fever", answers(immunocompromised=True), "urgent", ("infection_risk",), ()),
    ("after a spinal procedure, no fever", answers(recent_spinal_procedure=True), "urgent",
     ("infection_risk",), ()),
    ("a recent infection without fever", answers(recent_infection=True), "self_care", (), ()),
    ("pleuritic pain without clot risk", answers(pleuritic_pain=True), "urgent", ("pleuritic",), ()),
    ("clot risk without pleuritic pain", answers(clot_risk=True), "self_care", (), ()),
    ("exertional pain, not in the past 12 hours", answers(pain_with_exertion=True), "urgent",
     ("exertional_pain",), ()),
    ("the 12-hour answer without exertional pain", answers(exertional_pain_last_12h=True), "self_care", (),
     ()),
    ("a one-sided rash", answers(rash=True), "urgent", ("shingles",), ("herpes_zoster",)),
    # Routine and self-care.
    ("previous thoracic fusion", answers(prior_thoracic_fusion=True), "routine", ("prior_fusion",), ()),
    ("night pain", answers(night_pain=True), "routine", ("night_pain",), ()),
    ("inflammatory features", answers(inflammatory_features=True), "routine", ("inflammatory",),
     ("axial_spondyloarthritis",)),
    ("scapular winging", answers(scapular_winging=True), "routine", ("nerve_involvement",),
     ("dorsal_scapular_nerve",)),
    ("overhead work only", answers(overhead_work_or_postural_strain=True), "self_care", (),
     ("dorsal_scapular_nerve",)),
    ("snapping scapula only", answers(snapping_or_grinding=True), "self_care", (), ("scapulothoracic",)),
    # The most urgent level wins.
    ("emergency beats urgent and routine",
     aged(70, "male", chest_pain_or_shortness_of_breath=True, inflammatory_features=True, fever=True),
     "emergency", ("cardiopulmonary", "fever", "fracture_risk", "inflammatory", "malignancy_risk"),
     ("axial_spondyloarthritis",)),
    ("urgent beats routine", weeks(6, improved=False) | {"fever": True}, "urgent",
     ("fever", "no_improvement"), ()),
    ("both emergencies", answers(urinary_retention=True, tearing_pain_radiating=True), "emergency",
     ("aortic", "myelopathy"), ()),
    ("routine beats self-care", answers(snapping_or_grinding=True, scapular_winging=True), "routine",
     ("nerve_involvement",), ("dorsal_scapular_nerve", "scapulothoracic")),
    ("everything at once", EVERYTHING, "emergency", EVERY_EMERGENCY_AND_MORE, ALL_CONSIDERATIONS),
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

    assert len(VIGNETTES) >= 60
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
        shipped(), weeks(5, improved=False) | {"age": 80, "sex": "female", "osteoporosis": True}
    )

    assert outcome.triggers["fracture"] == ("osteoporosis", "sex", "age")
    assert outcome.triggers["malignancy"] == ("age", "duration_weeks", "improved_with_conservative_care")
    assert outcome.triggers["no_improvement"] == ("duration_weeks", "improved_with_conservative_care")
    assert "malignancy_risk" not in outcome.triggers


def test_a_lesser_flag_names_no_answer_for_the_greater_one_it_was_not():
    outcome = evaluate(shipped(), answers(fever=True))

    assert outcome.triggers["fever"] == ("fever",)


def test_the_outcome_reports_the_ruleset_version():
    assert evaluate(shipped(), answers()).ruleset_version == shipped().version == "3.0"


def test_sex_not_given_uses_the_lower_fracture_age():
    not_given = evaluate(shipped(), aged(70, osteoporosis=True))
    male = evaluate(shipped(), aged(70, "male", osteoporosis=True))
    female = evaluate(shipped(), aged(70, "female", osteoporosis=True))

    assert not_given.triage == male.triage == "urgent"
    assert female.triage == "routine"
