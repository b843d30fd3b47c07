"""The low back pain self-check, vignette by vignette: answers in, level, flags and considerations out.

The rules are guideline/rules/low-back-pain.toml with the spine library
(guideline/rules/library/spine.toml); the topic is content/articles/low-back-pain/.
"""

import pytest
from django.conf import settings

from content.audience import AUDIENCES
from content.markdown import render_markdown
from content.sources import read_topic
from guideline.ruleset import LEVELS, get_ruleset
from guideline.tests.helpers import grade, texts
from guideline.triage import evaluate

SLUG = "low-back-pain"
# The answers the low back check asks, by step; their names are part of the API.
STEPS = {
    "bladder-bowels-legs": ["urinary_retention", "urinary_incontinence", "fecal_incontinence",
                            "saddle_anesthesia", "leg_weakness_or_numbness", "unsteady_walking"],
    "aorta": ["sudden_severe_pain", "tearing_pain_radiating", "fainting_or_collapse"],
    "injury-and-infection": ["high_energy_trauma", "fever", "recent_infection", "iv_drug_use",
                             "immunocompromised", "recent_spinal_procedure"],
    "about-you": ["age", "sex", "duration_weeks"],
    "cancer": ["history_of_cancer", "unexplained_weight_loss"],
    "bones": ["osteoporosis", "chronic_steroid_use", "significant_trauma"],
    "leg-pain": ["leg_pain_below_knee"],
    "care-so-far": ["improved_with_conservative_care"],
}  # fmt: skip
NUMBERS_AND_CHOICES = {"age", "sex", "duration_weeks", "improved_with_conservative_care"}
BOOLEANS = [name for names in STEPS.values() for name in names if name not in NUMBERS_AND_CHOICES]
# The library's flags (all but its optional cardiac ones) and this topic's own two.
FLAG_LEVELS = {
    "myelopathy": "emergency", "aortic": "emergency", "abdominal_aorta": "emergency",
    "major_trauma": "emergency", "spinal_infection": "emergency",
    "fever": "urgent", "infection_risk": "urgent", "malignancy": "urgent", "fracture": "urgent",
    "malignancy_risk": "routine", "fracture_risk": "routine", "no_improvement": "routine",
    "persistent": "routine", "sciatica": "routine",
}  # fmt: skip
EMERGENCY_STEPS = ["bladder-bowels-legs", "aorta", "injury-and-infection"]


def ruleset():
    return get_ruleset(SLUG)


def answers(**given):
    """A young adult with a week of low back pain and nothing else, changed by `given`."""
    return {"age": 30, "duration_weeks": 1, **given}


def aged(age, sex=None, **given):
    return answers(age=age, sex=sex, **given)


def weeks(duration, improved, **given):
    """Pain for `duration` weeks that got better with care (True), or not (False), or untried (None)."""
    return answers(duration_weeks=duration, improved_with_conservative_care=improved, **given)


EVERYTHING = dict.fromkeys(BOOLEANS, True) | weeks(10, improved=False) | {"age": 90, "sex": "female"}
# Raised by everything at once: the rest are the lesser form of a flag raised here, or
# (sciatica) stand aside for the cord and cauda equina flag.
EVERY_EMERGENCY_AND_MORE = (
    "abdominal_aorta", "aortic", "fracture", "major_trauma", "malignancy", "myelopathy", "no_improvement",
    "spinal_infection",
)  # fmt: skip
SCIATICA = {"leg_pain_below_knee": True}

# (what the vignette is, answers, triage, flags, considerations).
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
    ("the oldest age allowed", aged(120), "routine", ("fracture_risk", "malignancy_risk"), ()),
    # Two fracture risk factors: same day; one: routine.
    ("a man of 66 with osteoporosis", aged(66, "male", osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("a man of 65 with osteoporosis", aged(65, "male", osteoporosis=True), "routine",
     ("fracture_risk", "malignancy_risk"), ()),
    ("a woman of 75 with osteoporosis", aged(75, "female", osteoporosis=True), "routine",
     ("fracture_risk", "malignancy_risk"), ()),
    ("a woman of 76 with osteoporosis", aged(76, "female", osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("66, sex not given, on long-term steroids", aged(66, chronic_steroid_use=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("osteoporosis and long-term steroids", answers(osteoporosis=True, chronic_steroid_use=True), "urgent",
     ("fracture",), ()),
    ("a lifting injury with osteoporosis", answers(significant_trauma=True, osteoporosis=True), "urgent",
     ("fracture",), ()),
    ("osteoporosis alone", answers(osteoporosis=True), "routine", ("fracture_risk",), ()),
    ("long-term steroids alone", answers(chronic_steroid_use=True), "routine", ("fracture_risk",), ()),
    ("a fall from standing alone", answers(significant_trauma=True), "routine", ("fracture_risk",), ()),
    # Malignancy: a history of cancer, or two of the weaker risk factors.
    ("history of cancer", answers(history_of_cancer=True), "urgent", ("malignancy",), ()),
    ("unexplained weight loss alone", answers(unexplained_weight_loss=True), "routine", ("malignancy_risk",),
     ()),
    ("over 50 with weight loss", aged(51, unexplained_weight_loss=True), "urgent", ("malignancy",), ()),
    ("aged 50 with weight loss", aged(50, unexplained_weight_loss=True), "routine", ("malignancy_risk",), ()),
    ("over 50, 4 weeks without improvement", weeks(4, improved=False, age=51), "urgent",
     ("malignancy", "no_improvement"), ()),
    ("over 50, 3 weeks without improvement", weeks(3, improved=False, age=51), "routine",
     ("malignancy_risk",), ()),
    ("over 50, 4 weeks and improving", weeks(4, improved=True, age=51), "routine", ("malignancy_risk",), ()),
    ("over 50, 4 weeks, care not tried", weeks(4, improved=None, age=51), "routine", ("malignancy_risk",),
     ()),
    ("aged 50, 4 weeks without improvement", weeks(4, improved=False, age=50), "routine",
     ("no_improvement",), ()),
    ("weight loss, 4 weeks without improvement", weeks(4, improved=False, unexplained_weight_loss=True),
     "urgent", ("malignancy", "no_improvement"), ()),
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
    # Emergencies: cord and cauda equina.
    ("urinary retention", answers(urinary_retention=True), "emergency", ("myelopathy",), ()),
    ("new urinary incontinence", answers(urinary_incontinence=True), "emergency", ("myelopathy",), ()),
    ("fecal incontinence", answers(fecal_incontinence=True), "emergency", ("myelopathy",), ()),
    ("saddle anesthesia", answers(saddle_anesthesia=True), "emergency", ("myelopathy",), ()),
    ("leg weakness or numbness", answers(leg_weakness_or_numbness=True), "emergency", ("myelopathy",), ()),
    ("unsteady walking", answers(unsteady_walking=True), "emergency", ("myelopathy",), ()),
    # Emergencies: the aorta, in the chest or the belly.
    ("sudden severe pain alone", answers(sudden_severe_pain=True), "emergency", ("aortic",), ()),
    ("tearing radiating pain", answers(tearing_pain_radiating=True), "emergency", ("aortic",), ()),
    ("fainting or collapse", answers(fainting_or_collapse=True), "emergency", ("abdominal_aorta",), ()),
    ("collapse with sudden severe pain", answers(fainting_or_collapse=True, sudden_severe_pain=True),
     "emergency", ("abdominal_aorta", "aortic"), ()),
    ("an older man who collapsed", aged(70, "male", fainting_or_collapse=True), "emergency",
     ("abdominal_aorta", "fracture_risk", "malignancy_risk"), ()),
    # Emergencies: trauma and infection.
    ("a car crash", answers(high_energy_trauma=True), "emergency", ("major_trauma",), ()),
    ("fever and injecting drugs", answers(fever=True, iv_drug_use=True), "emergency", ("spinal_infection",),
     ()),
    ("fever and immunosuppression", answers(fever=True, immunocompromised=True), "emergency",
     ("spinal_infection",), ()),
    ("fever and a recent infection", answers(fever=True, recent_infection=True), "emergency",
     ("spinal_infection",), ()),
    ("fever after a spinal procedure", answers(fever=True, recent_spinal_procedure=True), "emergency",
     ("spinal_infection",), ()),
    # Same day.
    ("fever alone", answers(fever=True), "urgent", ("fever",), ()),
    ("injecting drugs, no fever", answers(iv_drug_use=True), "urgent", ("infection_risk",), ()),
    ("immunosuppressed, no fever", answers(immunocompromised=True), "urgent", ("infection_risk",), ()),
    ("after a spinal procedure, no fever", answers(recent_spinal_procedure=True), "urgent",
     ("infection_risk",), ()),
    ("a recent infection without fever", answers(recent_infection=True), "self_care", (), ()),
    # Sciatica: routine on its own; the cord and cauda equina flag takes its place.
    ("sciatica alone", answers(**SCIATICA), "routine", ("sciatica",), ("disk_herniation",)),
    ("sciatica with a weak or numb leg", answers(**SCIATICA, leg_weakness_or_numbness=True), "emergency",
     ("myelopathy",), ("disk_herniation",)),
    ("sciatica with urinary retention", answers(**SCIATICA, urinary_retention=True), "emergency",
     ("myelopathy",), ("disk_herniation",)),
    ("sciatica with saddle anesthesia", answers(**SCIATICA, saddle_anesthesia=True), "emergency",
     ("myelopathy",), ("disk_herniation",)),
    ("sciatica with sudden severe pain", answers(**SCIATICA, sudden_severe_pain=True), "emergency",
     ("aortic", "sciatica"), ("disk_herniation",)),
    ("sciatica with a fever", answers(**SCIATICA, fever=True), "urgent", ("fever", "sciatica"),
     ("disk_herniation",)),
    ("sciatica over 50", aged(51, **SCIATICA), "routine", ("malignancy_risk", "sciatica"),
     ("disk_herniation",)),
    ("sciatica for 12 weeks, care not tried", weeks(12, improved=None, **SCIATICA), "routine",
     ("persistent", "sciatica"), ("disk_herniation",)),
    ("sciatica no better after 6 weeks", weeks(6, improved=False, **SCIATICA), "routine",
     ("no_improvement", "sciatica"), ("disk_herniation",)),
    # The most urgent level wins.
    ("emergency beats urgent and routine",
     aged(70, "male", fainting_or_collapse=True, fever=True, **SCIATICA), "emergency",
     ("abdominal_aorta", "fever", "fracture_risk", "malignancy_risk", "sciatica"), ("disk_herniation",)),
    ("urgent beats routine", weeks(6, improved=False, fever=True), "urgent", ("fever", "no_improvement"), ()),
    ("both emergencies", answers(urinary_retention=True, fainting_or_collapse=True), "emergency",
     ("abdominal_aorta", "myelopathy"), ()),
    ("everything at once", EVERYTHING, "emergency", EVERY_EMERGENCY_AND_MORE, ("disk_herniation",)),
]  # fmt: skip


@pytest.mark.parametrize(
    "given, triage, flags, considerations",
    [vignette[1:] for vignette in VIGNETTES],
    ids=[vignette[0] for vignette in VIGNETTES],
)
def test_each_vignette_gets_its_triage_flags_and_considerations(given, triage, flags, considerations):
    outcome = evaluate(ruleset(), given)

    assert (outcome.triage, outcome.flags, outcome.considerations) == (triage, flags, considerations)


def test_the_vignettes_cover_every_flag_level_and_consideration():
    assert len(VIGNETTES) >= 40
    assert len({vignette[0] for vignette in VIGNETTES}) == len(VIGNETTES)
    assert {flag for vignette in VIGNETTES for flag in vignette[3]} == {flag.name for flag in ruleset().flags}
    assert {vignette[2] for vignette in VIGNETTES} == set(LEVELS)
    assert {name for vignette in VIGNETTES for name in vignette[4]} == {
        item.name for item in ruleset().considerations
    }


def test_the_check_has_the_library_flags_and_its_own_at_their_levels():
    assert {flag.name: flag.level for flag in ruleset().flags} == FLAG_LEVELS
    assert {item.name for item in ruleset().considerations} == {"disk_herniation"}
    assert ruleset().version == evaluate(ruleset(), answers()).ruleset_version == "1.0"


def test_the_steps_ask_each_answer_once_emergency_questions_first():
    check = ruleset()
    conditions = {flag.name: flag.when for flag in check.flags}
    emergency = {
        name for flag in check.flags if flag.level == "emergency" for name in flag.when.answers(conditions)
    }

    assert {step.name: list(step.questions) for step in check.steps} == STEPS
    assert {question.name for question in check.questions} == {*BOOLEANS, *NUMBERS_AND_CHOICES}
    assert [step.name for step in check.steps[: len(EMERGENCY_STEPS)]] == EMERGENCY_STEPS
    assert {answer for step in EMERGENCY_STEPS for answer in STEPS[step]} == emergency
    assert not any(step.when for step in check.steps)


def test_the_library_questions_keep_their_types_and_ranges():
    questions = {question.name: question for question in ruleset().questions}

    assert all(questions[name].type == "boolean" for name in BOOLEANS)
    age, duration = questions["age"], questions["duration_weeks"]
    assert (age.type, age.minimum, age.maximum, age.required) == ("integer", 18, 120, True)
    assert (duration.type, duration.minimum, duration.maximum, duration.required) == ("integer", 0, 520, True)
    assert questions["improved_with_conservative_care"].type == "boolean_or_null"
    assert questions["sex"].values == ("female", "male", None)


def test_every_citation_is_a_reference_of_the_topic_and_acr_is_the_low_back_criteria():
    check = ruleset()
    keys = set(check.references)
    cited = [key for rule in (*check.flags, *check.considerations) for key in rule.cite]
    for steps in [level.next_steps for level in check.levels.values()] + [
        flag.next_steps for flag in check.flags
    ]:
        cited += [key for audience in AUDIENCES for step in steps(audience) for key in step.cite]

    assert set(cited) <= keys
    assert "acr-2024" not in cited and "acr-2021" in check.flag("malignancy").next_steps.clinician[0].cite
    assert all(flag.cite for flag in check.flags)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_citation_an_audience_reads_is_cited_in_its_topic_text(audience):
    topic = read_topic(settings.CONTENT_ARTICLES_DIR / SLUG)
    keys = [reference["key"] for reference in topic.references]
    cited_in_text = set(render_markdown(topic.markdown(audience), keys).cited_keys)
    check = ruleset()

    for rule in (*check.flags, *check.considerations):
        assert set(rule.cite) <= cited_in_text, rule.name
    for steps in [level.next_steps for level in check.levels.values()] + [
        flag.next_steps for flag in check.flags
    ]:
        for step in steps(audience):
            assert set(step.cite) <= cited_in_text, step.text


def test_patients_read_the_check_at_school_grade_8_or_lower():
    assert grade(texts(ruleset(), "patient")) <= 8


def test_self_care_says_no_scan_is_needed_yet_and_bed_rest_does_not_help():
    self_care = ruleset().levels["self_care"]

    assert "You do not need a scan now." in self_care.summary.patient
    assert self_care.next_steps.clinician[0].text.startswith("No initial imaging")
    for text in [step.text for step in self_care.next_steps.patient]:
        assert "bed" not in text or "does not help" in text, text


def test_the_emergency_advice_tells_each_audience_to_act_now():
    advice = ruleset().emergency_advice

    assert "Call your local emergency number" in advice.patient
    assert "emergency assessment now" in advice.clinician


def test_a_yes_no_answer_left_out_means_no():
    said_no = answers(**dict.fromkeys(("fainting_or_collapse", "leg_pain_below_knee", "fever"), False))

    assert evaluate(ruleset(), answers()) == evaluate(ruleset(), said_no)


def test_a_number_not_given_yet_meets_no_condition():
    """A patient's early steps are evaluated before they give an age or a duration."""
    assert evaluate(ruleset(), {}).triage == "self_care"
    assert evaluate(ruleset(), {"improved_with_conservative_care": False}).flags == ()
    assert evaluate(ruleset(), {"fainting_or_collapse": True}).triage == "emergency"
    assert evaluate(ruleset(), {"leg_pain_below_knee": True}).flags == ("sciatica",)


def test_each_flag_names_the_answers_that_raised_it():
    outcome = evaluate(
        ruleset(), aged(80, "female", fainting_or_collapse=True, osteoporosis=True, **SCIATICA)
    )

    assert outcome.triggers["abdominal_aorta"] == ("fainting_or_collapse",)
    assert outcome.triggers["sciatica"] == ("leg_pain_below_knee",)
    assert outcome.triggers["disk_herniation"] == ("leg_pain_below_knee",)
    assert outcome.triggers["fracture"] == ("osteoporosis", "sex", "age")


def test_sex_not_given_uses_the_lower_fracture_age():
    not_given = evaluate(ruleset(), aged(70, osteoporosis=True))
    male = evaluate(ruleset(), aged(70, "male", osteoporosis=True))
    female = evaluate(ruleset(), aged(70, "female", osteoporosis=True))

    assert not_given.triage == male.triage == "urgent"
    assert female.triage == "routine"
