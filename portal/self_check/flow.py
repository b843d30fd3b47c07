"""The two ways through a self-check: a patient's steps and a clinician's checklist.

Nothing is kept between requests on the server: a patient's earlier answers travel in
the form itself (hidden fields), so no session, row or log line ever holds them.
"""

from dataclasses import dataclass, field

from guideline.triage import Outcome, evaluate
from portal.self_check.forms import AnswersForm, none_field_name


@dataclass
class Page:
    """What to show next: a form (a step or the checklist) or an outcome."""

    form: AnswersForm | None = None
    step: int = 0  # the patient's step shown: its index in the ruleset, from 0
    step_number: int = 1  # its place among the steps this patient is asked, from 1
    step_count: int = 0
    carried: list = field(default_factory=list)  # [(name, value)] for hidden fields
    outcome: Outcome | None = None
    answers: dict = field(default_factory=dict)  # the checked answers behind an outcome


def step_form(ruleset, index, data=None, initial=None):
    return AnswersForm(ruleset, [ruleset.steps[index]], "patient", data, initial=initial, none_of_these=True)


def step_index(ruleset, raw):
    try:
        index = int(raw)
    except (TypeError, ValueError):
        return 0
    return min(max(index, 0), len(ruleset.steps) - 1)


def carried(ruleset, data, index):
    """The raw answers of every step but `index`, to travel as hidden fields."""
    if data is None:
        return []
    names = []
    for position, step in enumerate(ruleset.steps):
        if position != index:
            names += [*step.questions, none_field_name(step)]
    return [(name, data[name]) for name in names if data.get(name, "") != ""]


def asked_steps(ruleset, answers):
    """The indexes of the steps a patient with these answers so far is asked.

    A step with a condition (a follow-up question) is asked only when the answers of the
    steps before it meet it; steps not yet answered count as asked unless they have one.
    """
    return [index for index, step in enumerate(ruleset.steps) if step.asked(answers)]


def step_page(ruleset, index, answers, data=None, form=None):
    form = form or step_form(ruleset, index, initial=data)
    asked = asked_steps(ruleset, answers)
    return Page(
        form=form,
        step=index,
        step_number=asked.index(index) + 1,
        step_count=len(asked),
        carried=carried(ruleset, data, index),
    )


def answers_until(ruleset, data, index):
    """Check the steps up to `index` that the patient was asked, in order.

    Returns (answers, None) when all are valid, or (the answers before it, the first invalid
    step's index and form).
    """
    answers = {}
    for position in range(index + 1):
        if not ruleset.steps[position].asked(answers):
            continue
        form = step_form(ruleset, position, data)
        if not form.is_valid():
            return answers, (position, form)
        answers.update(form.answers)
    return answers, None


def patient_page(ruleset, data):
    """The page after a patient's request: `data` is the POST (None for the first visit).

    "next" checks the step shown; then the answers so far are evaluated, and an
    emergency ends the check at once. "back" shows the step before, answers kept.
    """
    if data is None:
        return step_page(ruleset, 0, {})
    index = step_index(ruleset, data.get("step"))
    if data.get("action") == "back":
        answers, _ = answers_until(ruleset, data, index - 1)
        earlier = [position for position in asked_steps(ruleset, answers) if position < index]
        return step_page(ruleset, earlier[-1] if earlier else 0, answers, data)
    answers, invalid = answers_until(ruleset, data, index)
    if invalid:
        position, form = invalid
        return step_page(ruleset, position, answers, data, form)
    outcome = evaluate(ruleset, answers)
    later = [position for position in asked_steps(ruleset, answers) if position > index]
    if outcome.triage == "emergency" or not later:
        return Page(outcome=outcome, answers=answers)
    return step_page(ruleset, later[0], answers, data)


def checklist_page(ruleset, data):
    """A clinician's checklist: every question on one page."""
    form = AnswersForm(ruleset, ruleset.steps, "clinician", data)
    if data is None or not form.is_valid():
        return Page(form=form)
    return Page(outcome=evaluate(ruleset, form.answers), answers=form.answers)
