"""Checking answers: the one function the API, the forms and the command share."""

import pytest

from guideline.answers import answers_from_payload, validate_answers
from guideline.tests.helpers import answers, shipped

WHOLE_AGE = "Must be a whole number from 18 to 120."
REQUIRED_AGE = "Required: a whole number from 18 to 120."
ADULTS_ONLY = (
    "This check is for adults aged 18 or over. "
    "For a child or teenager with back or neck pain, contact their doctor. "
    "If you think they need help right now, call your local emergency number."
)
WHOLE_WEEKS = "Must be a whole number from 0 to 520."
BOOLEAN = "Must be true or false."
IMPROVED = "improved_with_conservative_care"
TRI_STATE = "Must be true, false or null (not tried yet)."

WRONG = [
    ("an unknown field", {"colour": "blue"}, "colour", "Not a question of this self-check."),
    ("a JSON true for an age", {"age": True}, "age", WHOLE_AGE),
    ("a string for an age", {"age": "40"}, "age", WHOLE_AGE),
    ("a decimal age", {"age": 40.5}, "age", WHOLE_AGE),
    ("a decimal that looks whole", {"age": 40.0}, "age", WHOLE_AGE),
    ("a list for weeks", {"duration_weeks": [3]}, "duration_weeks", WHOLE_WEEKS),
    ("a JSON false for weeks", {"duration_weeks": False}, "duration_weeks", WHOLE_WEEKS),
    ("too young", {"age": 17}, "age", ADULTS_ONLY),
    ("a sex not offered", {"sex": "x"}, "sex", 'Must be one of "female", "male", or null (not given).'),
    ("too old", {"age": 121}, "age", "Must be from 18 to 120."),
    ("negative weeks", {"duration_weeks": -1}, "duration_weeks", "Must be from 0 to 520."),
    ("more than ten years", {"duration_weeks": 521}, "duration_weeks", "Must be from 0 to 520."),
    ("no age", {"age": None}, "age", REQUIRED_AGE),
    ("a string for a boolean", {"fever": "yes"}, "fever", BOOLEAN),
    ("a number for a boolean", {"fever": 1}, "fever", BOOLEAN),
    ("null for a yes/no question", {"osteoporosis": None}, "osteoporosis", BOOLEAN),
    ("a string for the tri-state", {IMPROVED: "no"}, IMPROVED, TRI_STATE),
    ("a number for the tri-state", {IMPROVED: 0}, IMPROVED, TRI_STATE),
]  # fmt: skip


@pytest.mark.parametrize(
    "given, field, message", [case[1:] for case in WRONG], ids=[case[0] for case in WRONG]
)
def test_each_kind_of_wrong_answer_is_named_with_its_field(given, field, message):
    cleaned, errors = validate_answers(shipped(), answers(**given))

    assert errors == {field: message}
    assert cleaned == {}


@pytest.mark.parametrize("left_out", ["age", "duration_weeks"])
def test_age_and_duration_are_required(left_out):
    given = answers()
    del given[left_out]

    _, errors = validate_answers(shipped(), given)

    assert list(errors) == [left_out]
    assert errors[left_out].startswith("Required:")


def test_every_field_at_fault_is_named_at_once():
    _, errors = validate_answers(shipped(), {"age": "old", "fever": "no", "colour": 1})

    assert set(errors) == {"age", "fever", "colour", "duration_weeks"}


@pytest.mark.parametrize("age, weeks", [(18, 0), (120, 520)])
def test_the_ends_of_each_range_are_allowed(age, weeks):
    _, errors = validate_answers(shipped(), {"age": age, "duration_weeks": weeks})

    assert errors == {}


def test_good_answers_come_back_complete_with_their_defaults():
    cleaned, errors = validate_answers(shipped(), answers(fever=True))

    assert errors == {}
    assert set(cleaned) == {question.name for question in shipped().questions}
    assert cleaned["fever"] is True
    assert cleaned["osteoporosis"] is False
    assert cleaned["improved_with_conservative_care"] is None


def test_a_part_of_the_questions_can_be_checked_alone():
    """A patient's step checks its own questions; age is required only on the step that asks it."""
    cleaned, errors = validate_answers(shipped(), {"fever": True}, fields=["fever", "recent_infection"])

    assert (cleaned, errors) == ({"fever": True, "recent_infection": False}, {})
    assert validate_answers(shipped(), {}, fields=["age"])[1] == {
        "age": "Required: a whole number from 18 to 120."
    }


@pytest.mark.parametrize("payload", [[], "answers", None, {}, {"answers": []}, {"answers": "age=40"}])
def test_a_body_without_an_answers_object_is_refused(payload):
    _, errors = answers_from_payload(shipped(), payload)

    assert list(errors) == ["answers"]
