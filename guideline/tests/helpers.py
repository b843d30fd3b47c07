"""What the self-check tests share: the shipped ruleset, answers, and a browser-like form filler."""

from html.parser import HTMLParser

from django.urls import reverse

from guideline.flow import asked_steps
from guideline.forms import none_field_name, radio_values
from guideline.ruleset import get_ruleset

SLUG = "pain-between-shoulder-blades"
PAGE_URL = reverse("guideline:self-check", args=[SLUG])
API_URL = reverse("guideline:api", args=[SLUG])


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


class FormReader(HTMLParser):
    """What a browser would send from the page's self-check form (before any button)."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "self-check-form" in attrs.get("class", ""):
            self.in_form = True
        if tag != "input" or not self.in_form or "name" not in attrs:
            return
        kind = attrs.get("type", "text")
        if kind in ("checkbox", "radio") and "checked" not in attrs:
            return
        self.data[attrs["name"]] = attrs.get("value", "on")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def form_data(html):
    reader = FormReader()
    reader.feed(html)
    return reader.data


def step_data(step, given):
    """The boxes a patient ticks and the values they type for one step, from `given`."""
    ruleset = shipped()
    data = {}
    for name in step.questions:
        question = ruleset.question(name)
        if question.type == "boolean" and given.get(name):
            data[name] = "yes"
        elif question.type == "integer" and name in given:
            data[name] = str(given[name])
        elif question.values:
            sent = {value: choice for choice, value in radio_values(question)}
            data[name] = sent[given.get(name)]
    if any(ruleset.question(name).type == "boolean" for name in step.questions) and not any(
        name in data for name in step.questions if ruleset.question(name).type == "boolean"
    ):
        data[none_field_name(step)] = "yes"
    return data


def post_step(client, html, data, action="next"):
    """Submit the form on `html` as a browser would, with `data` typed or ticked."""
    return client.post(f"{PAGE_URL}?for=patient", {**form_data(html), **data, "action": action})


def walk(client, given):
    """Answer the patient's steps one by one from `given`, until an outcome. Returns the last response."""
    response = client.get(PAGE_URL, {"for": "patient"})
    for index in asked_steps(shipped(), given):
        response = post_step(client, response.content.decode(), step_data(shipped().steps[index], given))
        if is_outcome(response):
            break
    return response


def is_outcome(response):
    return '<article class="outcome">' in response.content.decode()


def reference_numbers(article, audience):
    """{key: number} in the reference list of the topic page for `audience`."""
    return {ref["key"]: ref["number"] for ref in article.latest_revision.reference_list(audience)}
