"""What the self-check page and API tests share: its addresses and a browser-like form filler."""

from html.parser import HTMLParser

from django.urls import reverse

from guideline.tests.helpers import SLUG, shipped
from portal.self_check.flow import asked_steps
from portal.self_check.forms import none_field_name, radio_values

PAGE_URL = reverse("self_check:self-check", args=[SLUG])
API_URL = reverse("self_check:api", args=[SLUG])


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
