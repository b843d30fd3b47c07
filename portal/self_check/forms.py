"""The self-check's questions as a Django form: a patient's step, or a clinician's checklist.

The fields only turn what was typed into values; whether a value is allowed (ranges,
required answers) is decided by guideline.answers, as it is for the API.
"""

from django import forms

from guideline.answers import not_a_whole_number, validate_answers
from guideline.ruleset import TRI_STATE_VALUES
from guideline.triage import evaluate

# What the radio buttons send for true, false and null (not tried yet).
TRI_STATE_CHOICES = ("yes", "no", "not_tried")
# What a choice's radio button sends for null (prefer not to say).
NOT_GIVEN = "not_given"
CHOOSE_ONE = "Choose one answer."
NONE_OR_SOME = "Tick the ones that apply, or tick “None of these”."
NONE_AND_SOME = "You ticked “None of these” and another answer. Untick one of them."


def radio_values(question):
    """[(what its radio button sends, the answer it means)] for a one-choice question."""
    if question.type == "boolean_or_null":
        return list(zip(TRI_STATE_CHOICES, TRI_STATE_VALUES, strict=True))
    return [*((option, option) for option in question.options), (NOT_GIVEN, None)]


def form_field(question, audience):
    if question.type == "integer":
        return forms.IntegerField(required=False, error_messages={"invalid": not_a_whole_number(question)})
    if question.type == "boolean":
        return forms.BooleanField(required=False)
    sent = [value for value, _ in radio_values(question)]
    return forms.TypedChoiceField(
        choices=list(zip(sent, question.choices(audience), strict=True)),
        coerce=dict(radio_values(question)).get,
        empty_value=None,
        # A choice (such as sex) may be left unanswered; the tri-state must be answered.
        required=question.type == "boolean_or_null",
        error_messages={"required": CHOOSE_ONE},
    )


def none_field_name(step):
    return f"none-{step.name}"


class AnswersForm(forms.Form):
    """The questions of some steps of a ruleset, worded for one audience.

    With `none_of_these`, a group of yes/no questions also offers "None of these", and
    one of the two must be ticked: a patient says no on purpose rather than by skipping.
    """

    def __init__(self, ruleset, steps, audience, *args, none_of_these=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ruleset = ruleset
        self.steps = list(steps)
        self.questions = [ruleset.question(name) for step in self.steps for name in step.questions]
        self.audience = audience
        for question in self.questions:
            self.fields[question.name] = form_field(question, audience)
        self.yes_no = [question for question in self.questions if question.type == "boolean"]
        # "None of these" belongs to one group of questions: a patient's step.
        self.none_name = none_field_name(self.steps[0]) if none_of_these and self.yes_no else None
        if self.none_name:
            self.fields[self.none_name] = forms.BooleanField(required=False)

    def clean(self):
        cleaned = super().clean()
        given = {
            question.name: cleaned[question.name] for question in self.questions if question.name in cleaned
        }
        _, errors = validate_answers(
            self.ruleset, given, fields=[question.name for question in self.questions]
        )
        for name, message in errors.items():
            if name not in self.errors:  # one message a field: "not a number" says enough
                self.add_error(name, message)
        if self.none_name:
            ticked = any(cleaned.get(question.name) for question in self.yes_no)
            if ticked == bool(cleaned.get(self.none_name)) and not self.ticked_an_emergency(given):
                self.add_error(None, NONE_AND_SOME if ticked else NONE_OR_SOME)
        return cleaned

    def ticked_an_emergency(self, given):
        """An emergency ticked beside "None of these" is still an emergency, never an error."""
        return evaluate(self.ruleset, given).triage == "emergency"

    @property
    def answers(self):
        """The checked answers ({name: value}); only after is_valid()."""
        return {question.name: self.cleaned_data[question.name] for question in self.questions}

    def items(self):
        """What the template needs to show each question, its help, its value and its error."""
        items = []
        for question in self.questions:
            bound = self[question.name]
            value = bound.value()
            item = {
                "question": question,
                "name": question.name,
                "id": f"q-{question.name}",
                "text": question.text(self.audience),
                "help": question.help(self.audience),
                "error": bound.errors[0] if bound.errors else "",
                "value": "" if value is None else value,
            }
            if question.values:
                labels = question.choices(self.audience)
                item["options"] = [
                    {
                        "value": choice,
                        "label": label,
                        "id": f"q-{question.name}-{choice}",
                        "checked": value == choice,
                    }
                    for (choice, _), label in zip(radio_values(question), labels, strict=True)
                ]
                item["target"] = item["options"][0]["id"]
            else:
                item["target"] = item["id"]
            describedby = [f"{item['id']}-help"] if item["help"] else []
            if item["error"]:
                describedby.append(f"{item['id']}-error")
            item["describedby"] = " ".join(describedby)
            items.append(item)
        return items

    def groups(self):
        """The form's questions step by step, as the templates show them."""
        items = {item["name"]: item for item in self.items()}
        groups = []
        for step in self.steps:
            group_items = [items[name] for name in step.questions]
            hint = step.hint(self.audience)
            error = self.group_error if self.none_name else ""
            describedby = [f"{step.name}-hint"] if hint else []
            if error:
                describedby.append(f"{step.name}-error")
            groups.append({
                "name": step.name,
                "title": step.title(self.audience),
                "hint": hint,
                "error": error,
                "describedby": " ".join(describedby),
                "items": group_items,
                "none_of_these": self.none_of_these,
                "none_label": step.none_label(self.audience),
                # A lone number or choice has its own label or legend; anything else is grouped.
                "fieldset": len(group_items) > 1 or group_items[0]["question"].type == "boolean",
            })  # fmt: skip
        return groups

    @property
    def none_of_these(self):
        """The "None of these" box, when the form has one."""
        if not self.none_name:
            return None
        return {
            "name": self.none_name,
            "id": f"q-{self.none_name}",
            "checked": bool(self[self.none_name].value()),
        }

    @property
    def group_error(self):
        errors = self.non_field_errors()
        return errors[0] if errors else ""

    def error_summary(self):
        """[{href, text}] for the summary at the top: each error, linked to its field."""
        summary = []
        if self.group_error:
            summary.append({"href": f"#q-{self.yes_no[0].name}", "text": self.group_error})
        for item in self.items():
            if item["error"]:
                summary.append({"href": f"#{item['target']}", "text": f"{item['text']}: {item['error']}"})
        return summary
