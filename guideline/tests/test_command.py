"""python manage.py selfcheck <slug> --answers FILE.json: the API's outcome, for scripts."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from guideline.tests.helpers import SLUG, answers, reference_numbers

pytestmark = pytest.mark.django_db


def selfcheck(*args):
    out = io.StringIO()
    call_command("selfcheck", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def answers_file(tmp_path):
    def write(body):
        path = tmp_path / "answers.json"
        path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
        return str(path)

    return write


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_it_prints_the_outcome_of_a_version_2_answer_file(shipped_article, answers_file, audience):
    body = {"answers": answers(age=72, sex="male", osteoporosis=True, rash=True, scapular_winging=True)}

    printed = selfcheck(SLUG, "--answers", answers_file(body), "--for", audience)

    numbers = reference_numbers(shipped_article, audience)
    assert set(printed) == {"triage", "flags", "considerations", "reasons", "next_steps", "ruleset_version"}
    assert printed["considerations"] == ["dorsal_scapular_nerve", "herpes_zoster"]
    shingles = next(reason for reason in printed["reasons"] if reason["flag"] == "shingles")
    assert [citation["number"] for citation in shingles["citations"]] == sorted(
        numbers[key] for key in ("cohen-2013", "dworkin-2007")
    )
    assert printed["ruleset_version"] == "3.0"
    assert printed["triage"] == "urgent"
    assert printed["flags"] == ["fracture", "malignancy_risk", "nerve_involvement", "shingles"]


def test_a_file_may_hold_the_answers_alone(answers_file):
    printed = selfcheck(SLUG, "--answers", answers_file(answers(urinary_retention=True)))

    assert printed["triage"] == "emergency"
    assert printed["next_steps"][0].startswith("Call your local emergency number")


def test_bad_answers_are_refused_listing_each_field(answers_file):
    path = answers_file({"answers": {"age": "40", "fever": "yes", "colour": "blue"}})

    with pytest.raises(CommandError) as refused:
        call_command("selfcheck", SLUG, "--answers", path)

    message = str(refused.value)
    assert message.startswith("The answers are not valid:")
    assert "  age: Must be a whole number from 18 to 120." in message
    assert "  fever: Must be true or false." in message
    assert "  colour: Not a question of this self-check." in message
    assert "  duration_weeks: Required: a whole number from 0 to 520." in message


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["knee-pain", "--answers", "x.json"],
            "No self-check for 'knee-pain'. There are: low-back-pain, neck-pain, " + SLUG,
        ),
        ([SLUG, "--answers", "/nonexistent/answers.json"], "Cannot read /nonexistent/answers.json"),
    ],
)
def test_an_unknown_self_check_or_a_missing_file_is_refused(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("selfcheck", *args)


def test_a_file_that_is_not_json_is_refused(answers_file):
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("selfcheck", SLUG, "--answers", answers_file("age: 40"))
