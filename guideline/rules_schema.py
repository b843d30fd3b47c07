"""The format of a rules file (guideline/rules/<topic>.toml), declared part by part.

What a part holds and of which type is checked here; what depends on the rest of the
file or on the topic (names that must exist, the order of steps, citation keys) is
checked by guideline.ruleset once the file has this shape. Conditions are read by
guideline.conditions, which checks each name against the file's questions and flags.
"""

import re
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, create_model, field_validator
from pydantic_core import PydanticCustomError

from content.tomlfile import Schema, checked

# Most urgent first: the most urgent level any flag raises is the outcome.
LEVELS = ("emergency", "urgent", "routine", "self_care")
FLAG_LEVELS = LEVELS[:-1]
# The answers a yes/no/not-tried question offers, in the order of its `choices`.
TRI_STATE_VALUES = (True, False, None)
NAME_RE = re.compile(r"[\w-]+")
# How messages name the items of the file's collections.
RULES_PARTS = {
    "questions": ("question", "name"),
    "steps": ("step", "name"),
    "flags": ("flag", "name"),
    "considerations": ("consideration", "name"),
    "conditions": ("condition", None),
    "levels": ("level", None),
    "library_flags": ("library flag", None),
}

# Stripped, as the texts are shown: a text of spaces is empty.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]
Name = Annotated[str, checked(NAME_RE.fullmatch, "must be a name of letters, digits, _ or -")]
NonEmptyList = Field(min_length=1)


def distinct(message):
    return checked(lambda items: len(set(items)) == len(items), message)


Cites = Annotated[list[str], NonEmptyList, distinct("cites a reference twice")]
Condition = Any  # read by guideline.conditions, which knows the file's names


class Words(Schema):
    patient: Text
    clinician: Text


class OptionalWords(Schema):
    """Words either audience may go without."""

    patient: OptionalText = ""
    clinician: OptionalText = ""


class Labels(Schema):
    """A one-choice question's labels: one for each of its values, null last."""

    patient: list[Text]
    clinician: list[Text]


class Advice(Schema):
    text: Text
    cite: Cites = []


class NextSteps(Schema):
    patient: Annotated[list[Advice], NonEmptyList]
    clinician: Annotated[list[Advice], NonEmptyList]


class Question(Schema):
    name: Name
    text: Words
    help: OptionalWords = OptionalWords()


def labels_for(values):
    """A field validator: each audience's labels number one per value of the question."""

    def check(labels):
        shown = ", ".join("null" if value is None else str(value).lower() for value in values)
        for audience in ("patient", "clinician"):
            if len(getattr(labels, audience)) != len(values):
                raise PydanticCustomError(
                    "labels", f"'{audience}' must list {len(values)} labels: for {shown}"
                )
        return labels

    return check


class BooleanQuestion(Question):
    type: Literal["boolean"]


class IntegerQuestion(Question):
    type: Literal["integer"]
    minimum: int
    maximum: int
    required: bool = False
    below_minimum: OptionalText = ""  # what to say of an answer below the minimum

    @field_validator("maximum")
    @classmethod
    def at_least_minimum(cls, maximum, info):
        if maximum < info.data.get("minimum", maximum):
            raise PydanticCustomError("range", "must not be less than 'minimum'")
        return maximum


class BooleanOrNullQuestion(Question):
    type: Literal["boolean_or_null"]
    choices: Labels

    @field_validator("choices")
    @classmethod
    def one_label_a_value(cls, choices):
        return labels_for(TRI_STATE_VALUES)(choices)


class ChoiceQuestion(Question):
    type: Literal["choice"]
    options: Annotated[list[Name], NonEmptyList, distinct("lists a value twice")]
    choices: Labels

    @field_validator("choices")
    @classmethod
    def one_label_a_value(cls, choices, info):
        if "options" not in info.data:
            return choices  # the options are wrong, and that error says so
        return labels_for((*info.data["options"], None))(choices)


AnyQuestion = Annotated[
    BooleanQuestion | IntegerQuestion | BooleanOrNullQuestion | ChoiceQuestion, Field(discriminator="type")
]


class Step(Schema):
    name: Name
    questions: Annotated[list[str], NonEmptyList]
    title: Words
    hint: OptionalWords = OptionalWords()
    none_label: OptionalWords = OptionalWords()  # the "None of these" box of a patient's step
    when: Condition = None


class Flag(Schema):
    name: Name
    level: Literal[FLAG_LEVELS]
    when: Condition
    label: Words
    reason: Words
    cite: Cites
    next_steps: NextSteps


class Consideration(Schema):
    name: Name
    when: Condition
    label: Words
    text: Words
    cite: Cites


class Level(Schema):
    title: Words
    summary: Words
    next_steps: NextSteps


Levels = create_model("Levels", __base__=Schema, **dict.fromkeys(LEVELS, (Level, ...)))


class LibraryFlag(Flag):
    optional: bool = False  # used only by the self-checks that name it in `library_flags`


class LibraryFile(Schema):
    """Red flags several self-checks share (guideline/rules/library/<name>.toml): written once,
    with the same names, levels and wording wherever they are used."""

    name: Name
    questions: Annotated[list[AnyQuestion], NonEmptyList]
    conditions: dict[Name, Condition] = {}
    flags: Annotated[list[LibraryFlag], NonEmptyList]


class RulesFile(Schema):
    version: Text
    topic: Name
    title: Words
    intro: Words
    emergency_advice: Words
    library: Name | None = None  # the shared red flags this check uses, every one but the optional
    library_flags: Annotated[list[Name], distinct("names a flag twice")] = []  # optional ones it uses
    # Where the topic cites a source the library cites under another key: library key → topic key.
    library_references: dict[str, Name] = {}
    questions: list[AnyQuestion] = []  # its own; it asks the library's in its steps
    conditions: dict[Name, Condition] = {}
    steps: Annotated[list[Step], NonEmptyList]
    flags: Annotated[list[Flag], NonEmptyList]
    considerations: list[Consideration]
    levels: Levels
