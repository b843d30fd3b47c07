"""The neck-pain self-check (guideline/rules/neck-pain.toml), vignette by vignette: answers in,
level, flags and considerations out. The rules are the spine library's flags, its optional
cardiac ones, and the neck's own: cervical artery dissection, degenerative cervical myelopathy
and cervical radiculopathy."""

import pytest
from django.conf import settings

from content.audience import AUDIENCES
from content.markdown import render_markdown
from content.sources import read_topic
from guideline.ruleset import LEVELS, get_ruleset
from guideline.tests.helpers import advice, grade, texts
from guideline.triage import evaluate

SLUG = "neck-pain"
FLAG_LEVELS = {
    "myelopathy": "emergency", "cardiopulmonary": "emergency", "aortic": "emergency",
    "major_trauma": "emergency", "spinal_infection": "emergency", "acute_coronary": "emergency",
    "cervical_artery_dissection": "emergency",
    "fever": "urgent", "infection_risk": "urgent", "exertional_pain": "urgent", "malignancy": "urgent",
    "fracture": "urgent", "cervical_myelopathy": "urgent", "older_neck_injury": "urgent",
    "malignancy_risk": "routine", "fracture_risk": "routine", "no_improvement": "routine",
    "persistent": "routine", "cervical_radiculopathy": "routine",
}  # fmt: skip
CONSIDERATIONS = ("angina", "artery_dissection", "degenerative_cervical_myelopathy", "pinched_nerve")
# Interventions the topic advises against (Busse 2025), never an outcome's advice.
ADVISED_AGAINST = ["radiofrequency", "ablation", "epidural", "injection", "shot", "opioid"]


def neck():
    return get_ruleset(SLUG)


def answers(**given):
    """A young adult with a week of neck pain and nothing else, changed by `given`."""
    return {"age": 30, "duration_weeks": 1, **given}


def aged(age, sex=None, **given):
    return answers(age=age, sex=sex, **given)


def weeks(duration, improved, **given):
    """Pain for `duration` weeks that got better with care (True), or not (False), or untried (None)."""
    return answers(duration_weeks=duration, improved_with_conservative_care=improved, **given)


EVERYTHING = (
    dict.fromkeys((question.name for question in neck().questions if question.type == "boolean"), True)
    | weeks(10, improved=False)
    | {"age": 90, "sex": "female"}
)

# (what the vignette is, answers, triage, flags, considerations)
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
    # Two fracture risk factors: urgent; one: routine.
    ("a man of 70 with osteoporosis", aged(70, "male", osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("70, sex not given, with osteoporosis", aged(70, osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    ("a woman of 70 with osteoporosis", aged(70, "female", osteoporosis=True), "routine",
     ("fracture_risk", "malignancy_risk"), ()),
    ("a woman of 76 with osteoporosis", aged(76, "female", osteoporosis=True), "urgent",
     ("fracture", "malignancy_risk"), ()),
    # Chou's fracture ages for fracture risk; the Canadian C-spine rule's 65 in either sex
    # for an injury to the neck (NICE NG41).
    ("a woman of 70 after a fall from standing", aged(70, "female", significant_trauma=True), "urgent",
     ("fracture_risk", "malignancy_risk", "older_neck_injury"), ()),
    ("a woman of 64 after a fall from standing", aged(64, "female", significant_trauma=True), "routine",
     ("fracture_risk", "malignancy_risk"), ()),
    ("a man of 65 after a fall from standing", aged(65, "male", significant_trauma=True), "urgent",
     ("fracture_risk", "malignancy_risk", "older_neck_injury"), ()),
    ("a woman of 70 without an injury", aged(70, "female"), "routine", ("malignancy_risk",), ()),
    ("osteoporosis and long-term steroids", answers(osteoporosis=True, chronic_steroid_use=True), "urgent",
     ("fracture",), ()),
    ("long-term steroids alone", answers(chronic_steroid_use=True), "routine", ("fracture_risk",), ()),
    # Malignancy: a history of cancer, or two of the weaker risk factors.
    ("history of cancer", answers(history_of_cancer=True), "urgent", ("malignancy",), ()),
    ("unexplained weight loss alone", answers(unexplained_weight_loss=True), "routine", ("malignancy_risk",),
     ()),
    ("over 50 with weight loss", aged(51, unexplained_weight_loss=True), "urgent", ("malignancy",), ()),
    ("50 with weight loss", aged(50, unexplained_weight_loss=True), "routine", ("malignancy_risk",), ()),
    ("over 50, 4 weeks without improvement", weeks(4, improved=False, age=51), "urgent",
     ("malignancy", "no_improvement"), ()),
    ("over 50, 3 weeks without improvement", weeks(3, improved=False, age=51), "routine",
     ("malignancy_risk",), ()),
    # Duration and response to care.
    ("3 weeks without improvement", weeks(3, improved=False), "self_care", (), ()),
    ("4 weeks without improvement", weeks(4, improved=False), "routine", ("no_improvement",), ()),
    ("4 weeks, improving", weeks(4, improved=True), "self_care", (), ()),
    ("4 weeks, care not tried yet", weeks(4, improved=None), "self_care", (), ()),
    ("11 weeks, care not tried yet", weeks(11, improved=None), "self_care", (), ()),
    ("12 weeks, care not tried yet", weeks(12, improved=None), "routine", ("persistent",), ()),
    ("12 weeks, improving", weeks(12, improved=True), "self_care", (), ()),
    ("12 weeks without improvement", weeks(12, improved=False), "routine", ("no_improvement",), ()),
    # The library's emergencies.
    ("urinary retention", answers(urinary_retention=True), "emergency", ("myelopathy",), ()),
    ("new urinary incontinence", answers(urinary_incontinence=True), "emergency", ("myelopathy",), ()),
    ("fecal incontinence", answers(fecal_incontinence=True), "emergency", ("myelopathy",), ()),
    ("saddle anesthesia", answers(saddle_anesthesia=True), "emergency", ("myelopathy",), ()),
    ("leg weakness or numbness", answers(leg_weakness_or_numbness=True), "emergency", ("myelopathy",), ()),
    ("unsteady walking", answers(unsteady_walking=True), "emergency", ("myelopathy",),
     ("degenerative_cervical_myelopathy",)),
    ("chest pain or breathlessness", answers(chest_pain_or_shortness_of_breath=True), "emergency",
     ("cardiopulmonary",), ()),
    ("sweating, nausea or fainting", answers(fainting_sweating_or_nausea=True), "emergency",
     ("cardiopulmonary",), ()),
    ("sudden severe pain alone", answers(sudden_severe_pain=True), "emergency", ("aortic",), ()),
    ("tearing radiating pain", answers(tearing_pain_radiating=True), "emergency", ("aortic",), ()),
    ("a dangerous injury", answers(high_energy_trauma=True), "emergency", ("major_trauma",), ()),
    ("fever and injecting drugs", answers(fever=True, iv_drug_use=True), "emergency", ("spinal_infection",),
     ()),
    ("fever after a spinal procedure", answers(fever=True, recent_spinal_procedure=True), "emergency",
     ("spinal_infection",), ()),
    # Exertional neck or jaw pain: an anginal equivalent.
    ("exertional pain in the past 12 hours", answers(pain_with_exertion=True, exertional_pain_last_12h=True),
     "emergency", ("acute_coronary",), ("angina",)),
    ("exertional pain, not in the past 12 hours", answers(pain_with_exertion=True), "urgent",
     ("exertional_pain",), ("angina",)),
    ("the 12-hour answer without exertional pain", answers(exertional_pain_last_12h=True), "self_care", (),
     ()),
    # Cervical artery dissection.
    ("dizziness with the neck pain", answers(stroke_signs=True), "emergency",
     ("cervical_artery_dissection",), ("artery_dissection",)),
    ("stroke signs in a 45-year-old", aged(45, stroke_signs=True), "emergency",
     ("cervical_artery_dissection",), ("artery_dissection",)),
    ("a new headache with sudden severe neck pain", answers(new_headache=True, sudden_severe_pain=True),
     "emergency", ("aortic", "cervical_artery_dissection"), ("artery_dissection",)),
    ("a new headache with tearing pain, not sudden", answers(new_headache=True, tearing_pain_radiating=True),
     "emergency", ("aortic",), ("artery_dissection",)),
    ("a new headache alone", answers(new_headache=True), "self_care", (), ("artery_dissection",)),
    ("stroke signs and a new headache", answers(stroke_signs=True, new_headache=True), "emergency",
     ("cervical_artery_dissection",), ("artery_dissection",)),
    # Hands: degenerative cervical myelopathy; with unsteady walking or weak legs, the emergency.
    ("clumsy hands", answers(hand_symptoms=True), "urgent", ("cervical_myelopathy",),
     ("degenerative_cervical_myelopathy",)),
    ("clumsy hands in a 55-year-old", aged(55, hand_symptoms=True), "urgent",
     ("cervical_myelopathy", "malignancy_risk"), ("degenerative_cervical_myelopathy",)),
    ("clumsy hands and unsteady walking", answers(hand_symptoms=True, unsteady_walking=True), "emergency",
     ("myelopathy",), ("degenerative_cervical_myelopathy",)),
    ("clumsy hands and weak legs", answers(hand_symptoms=True, leg_weakness_or_numbness=True), "emergency",
     ("myelopathy",), ("degenerative_cervical_myelopathy",)),
    ("clumsy hands and arm pain", answers(hand_symptoms=True, arm_symptoms=True), "urgent",
     ("cervical_myelopathy",), ("degenerative_cervical_myelopathy", "pinched_nerve")),
    # Arms: cervical radiculopathy, routine unless a cord sign takes its place.
    ("pain down one arm", answers(arm_symptoms=True), "routine", ("cervical_radiculopathy",),
     ("pinched_nerve",)),
    ("pain down one arm and unsteady walking", answers(arm_symptoms=True, unsteady_walking=True), "emergency",
     ("myelopathy",), ("degenerative_cervical_myelopathy", "pinched_nerve")),
    ("pain down one arm with a fever", answers(arm_symptoms=True, fever=True), "urgent",
     ("cervical_radiculopathy", "fever"), ("pinched_nerve",)),
    ("pain down one arm, 4 weeks without improvement", weeks(4, improved=False, arm_symptoms=True), "routine",
     ("cervical_radiculopathy", "no_improvement"), ("pinched_nerve",)),
    # Infection risk.
    ("fever alone", answers(fever=True), "urgent", ("fever",), ()),
    ("injecting drugs, no fever", answers(iv_drug_use=True), "urgent", ("infection_risk",), ()),
    ("a recent infection without fever", answers(recent_infection=True), "self_care", (), ()),
    # The most urgent level wins.
    ("emergency beats urgent and routine", aged(70, "male", stroke_signs=True, fever=True, arm_symptoms=True),
     "emergency", ("cervical_artery_dissection", "cervical_radiculopathy", "fever", "fracture_risk",
                   "malignancy_risk"), ("artery_dissection", "pinched_nerve")),
    ("urgent beats routine", weeks(6, improved=False, hand_symptoms=True), "urgent",
     ("cervical_myelopathy", "no_improvement"), ("degenerative_cervical_myelopathy",)),
    ("exertional jaw pain yesterday with clumsy hands",
     answers(pain_with_exertion=True, hand_symptoms=True), "urgent",
     ("cervical_myelopathy", "exertional_pain"), ("angina", "degenerative_cervical_myelopathy")),
    ("everything at once", EVERYTHING, "emergency",
     ("acute_coronary", "aortic", "cardiopulmonary", "cervical_artery_dissection", "fracture", "major_trauma",
      "malignancy", "myelopathy", "no_improvement", "older_neck_injury", "spinal_infection"), CONSIDERATIONS),
]  # fmt: skip


@pytest.mark.parametrize(
    "given, triage, flags, considerations",
    [vignette[1:] for vignette in VIGNETTES],
    ids=[vignette[0] for vignette in VIGNETTES],
)
def test_each_vignette_gets_its_triage_flags_and_considerations(given, triage, flags, considerations):
    outcome = evaluate(neck(), given)

    assert (outcome.triage, outcome.flags, outcome.considerations) == (triage, flags, considerations)


def test_the_vignettes_cover_every_flag_level_and_consideration():
    assert len(VIGNETTES) >= 40
    assert {flag for vignette in VIGNETTES for flag in vignette[3]} == set(FLAG_LEVELS)
    assert {vignette[2] for vignette in VIGNETTES} == set(LEVELS)
    assert {name for vignette in VIGNETTES for name in vignette[4]} == set(CONSIDERATIONS)


def test_the_flags_are_the_library_s_the_cardiac_ones_and_the_neck_s_own():
    ruleset = neck()

    assert {flag.name: flag.level for flag in ruleset.flags} == FLAG_LEVELS
    assert tuple(sorted(item.name for item in ruleset.considerations)) == CONSIDERATIONS
    assert ruleset.version == "1.0"
    assert evaluate(ruleset, answers()).ruleset_version == "1.0"


def test_the_library_s_citations_are_renamed_to_the_neck_references():
    ruleset = neck()
    cited = {key for flag in ruleset.flags for key in flag.cite}
    cited |= {
        key for flag in ruleset.flags for audience in AUDIENCES for step in flag.next_steps(audience)
        for key in step.cite
    }  # fmt: skip

    assert not cited & {"acr-2024", "qaseem-2017"}
    assert "acr-2019" in ruleset.flag("malignancy").next_steps.clinician[0].cite
    assert ruleset.flag("persistent").cite == ("cote-2016",)


def test_the_steps_ask_the_emergency_questions_first_and_the_exertion_timing_only_after_exertion():
    ruleset = neck()
    names = [step.name for step in ruleset.steps]
    timing = next(step for step in ruleset.steps if step.name == "exertion-timing")

    assert names[:4] == ["vessels-heart-and-lungs", "exertion-timing", "bladder-bowels-legs",
                         "injury-and-infection"]  # fmt: skip
    assert not timing.asked(answers())
    assert timing.asked(answers(pain_with_exertion=True))
    assert {"stroke_signs", "new_headache", "hand_symptoms", "arm_symptoms"} <= set(ruleset.questions_by_name)


def test_an_emergency_is_raised_before_an_age_or_a_duration_is_given():
    assert evaluate(neck(), {}).triage == "self_care"
    assert evaluate(neck(), {"stroke_signs": True}).triage == "emergency"
    assert evaluate(neck(), {"hand_symptoms": True}).triage == "urgent"


def test_each_neck_flag_names_the_answers_that_raised_it():
    outcome = evaluate(neck(), answers(new_headache=True, sudden_severe_pain=True, arm_symptoms=True))
    hands = evaluate(neck(), answers(hand_symptoms=True, arm_symptoms=True))

    assert outcome.triggers["cervical_artery_dissection"] == ("new_headache", "sudden_severe_pain")
    assert outcome.triggers["cervical_radiculopathy"] == ("arm_symptoms",)
    assert hands.triggers["cervical_myelopathy"] == ("hand_symptoms",)
    assert "cervical_radiculopathy" not in hands.triggers


# The words of the rules.


def test_patients_read_the_rules_at_school_grade_8_or_lower():
    assert grade(texts(neck(), "patient")) <= 8
    assert grade(texts(neck(), "clinician")) > grade(texts(neck(), "patient")) + 3


@pytest.mark.parametrize("audience", AUDIENCES)
def test_no_outcome_recommends_what_the_topic_advises_against(audience):
    radiculopathy = neck().flag("cervical_radiculopathy").next_steps(audience)
    for text in advice(neck(), audience):
        for words in ADVISED_AGAINST:
            assert words not in text.lower(), text
        # A collar only for a pinched nerve (Kuijper 2009), never for other neck pain (Côté 2016).
        if "collar" in text and text not in {step.text for step in radiculopathy}:
            advised_against = text.startswith(("Skip the neck collar", "For grade I–II"))
            assert advised_against or "radiculopathy" in text, text


def test_the_emergency_advice_tells_each_audience_to_act_now():
    advice = neck().emergency_advice

    assert "Call your local emergency number" in advice.patient
    assert "emergency assessment now" in advice.clinician
    assert "You do not need a scan now." in neck().levels["self_care"].summary.patient


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_citation_of_the_rules_is_cited_in_the_topic_text_for_that_audience(audience):
    topic = read_topic(settings.CONTENT_ARTICLES_DIR / SLUG)
    keys = [reference["key"] for reference in topic.references]
    cited_in_text = set(render_markdown(topic.markdown(audience), keys).cited_keys)
    ruleset = neck()

    for rule in (*ruleset.flags, *ruleset.considerations):
        assert set(rule.cite) <= cited_in_text, rule.name
    for steps in [level.next_steps for level in ruleset.levels.values()] + [
        flag.next_steps for flag in ruleset.flags
    ]:
        for step in steps(audience):
            assert set(step.cite) <= cited_in_text, step.text
