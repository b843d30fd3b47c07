"""What the self-check tests share: the shipped ruleset and answers to it."""

import textstat

from guideline.ruleset import get_ruleset

SLUG = "pain-between-shoulder-blades"


# The yes/no answers of issue 4: their names are part of the API.
ISSUE_BOOLEANS = [
    "history_of_cancer", "unexplained_weight_loss", "fever", "recent_infection", "iv_drug_use",
    "immunocompromised", "osteoporosis", "chronic_steroid_use", "significant_trauma", "prior_thoracic_fusion",
    "urinary_retention", "fecal_incontinence", "saddle_anesthesia", "leg_weakness_or_numbness",
    "chest_pain_or_shortness_of_breath", "tearing_pain_radiating", "inflammatory_features",
    "overhead_work_or_postural_strain", "scapular_winging", "snapping_or_grinding",
]  # fmt: skip
# The yes/no answers issue 11 added (rules version 2).
V2_BOOLEANS = [
    "fainting_sweating_or_nausea", "sudden_severe_pain", "pain_with_exertion", "urinary_incontinence",
    "unsteady_walking", "high_energy_trauma", "night_pain", "rash", "pleuritic_pain", "clot_risk",
    "recent_spinal_procedure", "exertional_pain_last_12h",
]  # fmt: skip
BOOLEANS = ISSUE_BOOLEANS + V2_BOOLEANS


def shipped():
    return get_ruleset(SLUG)


def answers(**given):
    """A young adult with a week of pain and nothing else, changed by `given`."""
    return {"age": 30, "duration_weeks": 1, **given}


def weeks(duration, improved):
    """Pain for `duration` weeks that got better with care (True), or not (False), or untried (None)."""
    return answers(duration_weeks=duration, improved_with_conservative_care=improved)


def reference_numbers(article, audience):
    """{key: number} in the reference list of the topic page for `audience`."""
    return {ref["key"]: ref["number"] for ref in article.latest_revision.reference_list(audience)}


def texts(ruleset, audience):
    """Every text a ruleset shows one audience."""
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


def advice(ruleset, audience):
    """What an outcome tells an audience to do, or what it says may be the cause."""
    found = [item.text(audience) for item in ruleset.considerations]
    found += [step.text for flag in ruleset.flags for step in flag.next_steps(audience)]
    for level in ruleset.levels.values():
        found += [level.summary(audience), *(step.text for step in level.next_steps(audience))]
    return found


def grade(paragraphs):
    """The Flesch–Kincaid grade of texts read one after another, each ending a sentence."""
    prose = " ".join(text if text.endswith((".", "?", "!")) else f"{text}." for text in paragraphs)
    return textstat.flesch_kincaid_grade(prose)
