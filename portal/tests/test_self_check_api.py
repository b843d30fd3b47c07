"""The JSON API: GET the questions, POST answers for an outcome."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from content.models import Revision
from content.workflow import transition
from guideline.tests.helpers import BOOLEANS, ISSUE_BOOLEANS, SLUG, answers, reference_numbers, shipped
from portal.tests.self_check import API_URL

pytestmark = pytest.mark.django_db

OUTCOME_FIELDS = {"triage", "flags", "considerations", "reasons", "next_steps", "ruleset_version"}
ADULTS_ONLY = (
    "This check is for adults aged 18 or over. "
    "For a child or teenager with back or neck pain, contact their doctor. "
    "If you think they need help right now, call your local emergency number."
)
SEX_ERROR = 'Must be one of "female", "male", or null (not given).'


def post(client, body, **params):
    query = "&".join(f"{name}={value}" for name, value in params.items())
    url = f"{API_URL}?{query}" if query else API_URL
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


def test_get_lists_every_question_in_both_wordings(client):
    response = client.get(API_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == SLUG
    assert body["ruleset_version"] == "3.0"
    by_name = {question["name"]: question for question in body["questions"]}
    assert set(by_name) == {*BOOLEANS, "age", "sex", "duration_weeks", "improved_with_conservative_care"}
    assert by_name["age"] | {"help": None} == {
        "name": "age", "type": "integer", "patient": "How old are you?", "clinician": "Age (years)",
        "required": True, "minimum": 18, "maximum": 120, "help": None,
    }  # fmt: skip
    assert (by_name["fever"]["type"], by_name["fever"]["default"]) == ("boolean", False)
    assert by_name["improved_with_conservative_care"]["default"] is None
    assert by_name["saddle_anesthesia"]["clinician"] == "Saddle anesthesia"
    assert [choice["value"] for choice in by_name["improved_with_conservative_care"]["choices"]] == [
        True, False, None,
    ]  # fmt: skip
    sex = by_name["sex"]
    assert (sex["type"], sex["required"], sex["default"]) == ("choice", False, None)
    assert sex["choices"] == [
        {"value": "female", "patient": "Female", "clinician": "Female"},
        {"value": "male", "patient": "Male", "clinician": "Male"},
        {"value": None, "patient": "Prefer not to say", "clinician": "Not given"},
    ]
    assert "fracture risk" in sex["help"]["clinician"] or "fracture" in sex["help"]["clinician"]


def test_post_gives_the_outcome_with_reasons_next_steps_and_version(client, shipped_article):
    response = post(client, {"answers": answers(age=70, fever=True, snapping_or_grinding=True)})

    assert response.status_code == 200
    outcome = response.json()
    assert set(outcome) == OUTCOME_FIELDS
    assert outcome["triage"] == "urgent"
    assert outcome["flags"] == ["fever", "fracture_risk", "malignancy_risk"]
    assert outcome["considerations"] == ["scapulothoracic"]
    assert [reason["flag"] for reason in outcome["reasons"]] == outcome["flags"]
    assert all(set(reason) == {"flag", "text", "citations"} for reason in outcome["reasons"])
    assert outcome["next_steps"][0].startswith("Get seen today")
    assert "If you cannot be seen today, go to the emergency department." in outcome["next_steps"]
    assert outcome["ruleset_version"] == "3.0"


def test_answers_of_the_first_rules_are_still_accepted(client, db):
    version_1 = answers(**dict.fromkeys(ISSUE_BOOLEANS, False), improved_with_conservative_care=None)

    response = post(client, {"answers": version_1})

    assert response.status_code == 200
    assert response.json()["triage"] == "self_care"


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_citations_carry_their_number_in_that_audiences_reference_list(client, shipped_article, audience):
    numbers = reference_numbers(shipped_article, audience)

    outcome = post(client, {"answers": answers(fever=True)}, **{"for": audience}).json()

    citations = outcome["reasons"][0]["citations"]
    assert {citation["key"] for citation in citations} == {"chou-2011", "davis-2004"}
    for citation in citations:
        assert citation["number"] == numbers[citation["key"]]
        assert {"key", "number", "title", "source", "year", "url"} <= set(citation)
    chou = next(citation for citation in citations if citation["key"] == "chou-2011")
    assert chou["year"] == 2011
    assert chou["url"] == "https://doi.org/10.7326/0003-4819-154-3-201102010-00008"


def test_the_clinician_wording_is_asked_for_with_for(client, db):
    patient = post(client, {"answers": answers(fever=True)}).json()
    clinician = post(client, {"answers": answers(fever=True)}, **{"for": "clinician"}).json()

    assert patient["reasons"][0]["text"].startswith("A fever with pain in the back or neck needs a doctor")
    assert clinician["reasons"][0]["text"].startswith("Fever with spinal pain warrants same-day assessment")
    assert clinician["next_steps"] != patient["next_steps"]


def test_citations_have_no_number_while_the_topic_has_nothing_readers_may_see(client, db):
    outcome = post(client, {"answers": answers(fever=True)}).json()

    citation = outcome["reasons"][0]["citations"][0]
    assert "number" not in citation
    assert citation["title"]


def test_citation_numbers_follow_the_topic_the_moment_it_changes(
    client, shipped_article, reviewer, django_capture_on_commit_callbacks
):
    def numbered():
        outcome = post(client, {"answers": answers(fever=True)}).json()
        return ["number" in citation for citation in outcome["reasons"][0]["citations"]]

    assert all(numbered())
    revision = transition(shipped_article.latest_revision, Revision.Status.UNDER_REVIEW, by=reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        transition(revision, Revision.Status.CHANGES_REQUESTED, by=reviewer, comment="Cite the 2024 review.")

    assert not any(numbered())  # nothing readers may see now, so no numbers to point at


ERRORS = [
    ("an unknown field", {"colour": "blue"}, {"colour": "Not a question of this self-check."}),
    ("true for an age", {"age": True}, {"age": "Must be a whole number from 18 to 120."}),
    ("a string for a boolean", {"fever": "yes"}, {"fever": "Must be true or false."}),
    ("an age under 18", {"age": 17}, {"age": ADULTS_ONLY}),
    ("an age over 120", {"age": 121}, {"age": "Must be from 18 to 120."}),
    ("a sex it does not offer", {"sex": "other"}, {"sex": SEX_ERROR}),
    ("a sex of the wrong type", {"sex": True}, {"sex": SEX_ERROR}),
    ("weeks out of range", {"duration_weeks": 521}, {"duration_weeks": "Must be from 0 to 520."}),
    ("two fields at fault", {"age": 200, "osteoporosis": "no"},
     {"age": "Must be from 18 to 120.", "osteoporosis": "Must be true or false."}),
]  # fmt: skip


@pytest.mark.parametrize("given, errors", [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS])
def test_bad_answers_get_400_naming_each_field(client, db, given, errors):
    response = post(client, {"answers": answers(**given)})

    assert response.status_code == 400
    assert response.json() == {"errors": errors}


@pytest.mark.parametrize("left_out", ["age", "duration_weeks"])
def test_a_missing_age_or_duration_gets_400(client, db, left_out):
    given = answers()
    del given[left_out]

    response = post(client, {"answers": given})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [left_out]


@pytest.mark.parametrize("body", ["age=40", "{not json", b"\xff\xfe\x00", "1" * 5000])
def test_a_body_that_is_not_json_gets_400(client, db, body):
    response = post(client, body)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["body"]


@pytest.mark.parametrize("body", [[], {"age": 40}, {"answers": [40]}])
def test_json_without_an_answers_object_gets_400(client, db, body):
    response = post(client, body)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["answers"]


def test_an_unknown_audience_gets_400(client, db):
    response = post(client, {"answers": answers()}, **{"for": "nurse"})

    assert response.status_code == 400
    assert response.json() == {"errors": {"for": "Must be patient or clinician."}}


def test_an_unknown_self_check_is_not_found(client, db):
    url = reverse("self_check:api", args=["knee-pain"])

    for response in (client.get(url), client.post(url, "{}", content_type="application/json")):
        assert response.status_code == 404
        assert response.json() == {"errors": {"slug": "No self-check for 'knee-pain'."}}


def test_the_api_needs_no_login_and_no_csrf_token(db):
    strict = Client(enforce_csrf_checks=True)

    response = post(strict, {"answers": answers()})

    assert response.status_code == 200
    assert response.json()["triage"] == "self_care"


def test_the_api_only_reads_and_answers(client, db):
    assert client.put(API_URL, "{}", content_type="application/json").status_code == 405
    assert client.delete(API_URL).status_code == 405


def test_no_outcome_is_kept_in_a_cache(client, db):
    response = post(client, {"answers": answers()})

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_every_question_the_api_lists_is_one_the_api_accepts(client, db):
    questions = client.get(API_URL).json()["questions"]
    lowest = {"boolean": False, "boolean_or_null": None, "choice": "female"}
    given = {
        question["name"]: question.get("minimum", lowest.get(question["type"])) for question in questions
    }

    assert post(client, {"answers": given}).status_code == 200
    assert len(given) == len(shipped().questions)


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_the_selfcheck_command_prints_what_the_api_returns(client, shipped_article, tmp_path, audience):
    body = {"answers": answers(age=72, sex="male", osteoporosis=True, rash=True, scapular_winging=True)}
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(body), encoding="utf-8")
    printed = io.StringIO()

    call_command("selfcheck", SLUG, "--answers", str(answers_file), "--for", audience, stdout=printed)

    assert json.loads(printed.getvalue()) == post(client, body, **{"for": audience}).json()
