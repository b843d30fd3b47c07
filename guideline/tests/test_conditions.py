"""The condition language of the rules files, read from TOML-shaped data and evaluated."""

import pytest

from guideline.conditions import ConditionError, Reader
from guideline.ruleset import Question, Words

NO_WORDS = Words("", "")
QUESTIONS = {
    "fever": Question("fever", "boolean", NO_WORDS, NO_WORDS),
    "rash": Question("rash", "boolean", NO_WORDS, NO_WORDS),
    "age": Question("age", "integer", NO_WORDS, NO_WORDS, minimum=18, maximum=120),
    "sex": Question("sex", "choice", NO_WORDS, NO_WORDS, options=("female", "male")),
    "improved": Question("improved", "boolean_or_null", NO_WORDS, NO_WORDS),
}


def met_by(written, answers, raised=None, **reader):
    return Reader(QUESTIONS, **reader).read(written).met_by(answers, raised or {})


def test_a_question_name_holds_for_yes_only():
    assert met_by("fever", {"fever": True}) == ("fever",)
    assert met_by("fever", {"fever": False}) is None
    assert met_by("fever", {"fever": 1}) is None


def test_any_and_all_name_the_answers_that_met_them():
    assert met_by({"any": ["fever", "rash"]}, {"rash": True}) == ("rash",)
    assert met_by({"all": ["fever", "rash"]}, {"rash": True}) is None
    assert met_by({"all": ["fever", "rash"]}, {"fever": True, "rash": True}) == ("fever", "rash")


def test_at_least_counts_the_conditions_that_hold():
    two_of = {"at_least": 2, "of": ["fever", "rash", {"answer": "age", "above": 50}]}

    assert met_by(two_of, {"fever": True, "age": 51}) == ("fever", "age")
    assert met_by(two_of, {"fever": True, "age": 50}) is None


def test_not_holds_when_its_condition_does_not_and_names_no_answer():
    assert met_by({"all": ["fever", {"not": "rash"}]}, {"fever": True}) == ("fever",)
    assert met_by({"all": ["fever", {"not": "rash"}]}, {"fever": True, "rash": True}) is None


def test_a_choice_and_a_null_are_tested_by_value():
    female = {"answer": "sex", "is": "female"}

    assert met_by(female, {"sex": "female"}) == ("sex",)
    assert met_by(female, {"sex": None}) is None
    assert met_by({"not": female}, {"sex": None}) == ()
    assert met_by({"answer": "improved", "is_null": True}, {"improved": None}) == ("improved",)
    assert met_by({"answer": "improved", "is": False}, {"improved": None}) is None


def test_a_missing_number_meets_no_comparison():
    assert met_by({"answer": "age", "at_least": 18}, {}) is None


def test_a_flag_condition_asks_whether_an_earlier_flag_was_raised():
    written = {"all": ["fever", {"not": {"flag": "infection"}}]}

    assert met_by(written, {"fever": True}, flags={"infection"}) == ("fever",)
    assert met_by(written, {"fever": True}, {"infection": ("fever",)}, flags={"infection"}) is None


def test_a_named_condition_is_used_where_it_is_named():
    older = Reader(QUESTIONS).read({"answer": "age", "above": 65})

    assert met_by({"condition": "older"}, {"age": 66}, named={"older": older}) == ("age",)


@pytest.mark.parametrize(
    "written, message",
    [
        ("fevr", "names an unknown answer 'fevr'"),
        (3, "3 is neither a question's name nor a table"),
        ({"any": []}, "'any' must be a non-empty list"),
        ({"either": ["fever"]}, "a table with either"),
        ({"at_least": 0, "of": ["fever"]}, "'at_least' must be a whole number from 1 to 1"),
        ({"at_least": 2}, "a table with at_least"),
        ({"flag": "later"}, "flag 'later' is not a flag written before this one"),
        ({"condition": "nowhere"}, "names an unknown condition 'nowhere'"),
        (
            {"answer": "age", "is": True},
            "'age' is a question of type integer: test it with above or at_least",
        ),
        ({"answer": "sex", "is": "other"}, "'sex': 'is' takes one of female, male"),
        ({"answer": "fever", "is": "yes"}, "'fever': 'is' takes true or false"),
        ({"answer": "improved", "is_null": False}, "'improved': write is_null = true"),
        ({"answer": "age", "above": 50, "at_least": 1}, "a test of an answer needs exactly one of"),
    ],
)
def test_a_condition_it_cannot_read_is_refused_saying_why(written, message):
    with pytest.raises(ConditionError, match=message.replace("(", r"\(")):
        Reader(QUESTIONS).read(written)
