"""The self-check as FHIR R4: the Questionnaire, and $triage giving what the JSON API gives."""

import json

import pytest
from django.test import Client
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.questionnaire import Questionnaire

from guideline.tests.helpers import SLUG, answers, shipped
from guideline.tests.test_triage import VIGNETTES
from portal.fhir import GENDER_SYSTEM
from portal.tests.self_check import API_URL

pytestmark = pytest.mark.django_db

QUESTIONNAIRE_URL = f"/fhir/Questionnaire/{SLUG}"
TRIAGE_URL = f"/fhir/Questionnaire/{SLUG}/$triage"


def response_for(given):
    """A QuestionnaireResponse holding `given` (answers as the JSON API takes them)."""
    items = []
    for name, value in given.items():
        if value is None:
            continue
        if isinstance(value, bool):
            answer = {"valueBoolean": value}
        elif isinstance(value, int):
            answer = {"valueInteger": value}
        else:
            answer = {"valueCoding": {"system": GENDER_SYSTEM, "code": value}}
        items.append({"linkId": name, "answer": [answer]})
    return {"resourceType": "QuestionnaireResponse", "status": "completed", "item": items}


def item(link_id, **answer):
    return {"linkId": link_id, "answer": [answer]}


def post_fhir(client, resource):
    body = resource if isinstance(resource, str) else json.dumps(resource)
    return client.post(TRIAGE_URL, body, content_type="application/fhir+json")


def parameter_values(resource, name):
    return [next(v for k, v in part.items() if k.startswith("value")) for part in resource["parameter"]
            if part["name"] == name]  # fmt: skip


def test_the_questionnaire_is_valid_fhir_with_one_item_per_answer(client, db):
    response = client.get(QUESTIONNAIRE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    questionnaire = Questionnaire.model_validate(response.json())
    items = {item.linkId: item for item in questionnaire.item}
    assert set(items) == {question.name for question in shipped().questions}
    assert questionnaire.version == shipped().version
    assert items["fever"].type == "boolean" and items["fever"].text == "I have a fever"
    age = items["age"]
    assert (age.type, age.required) == ("integer", True)
    extensions = {extension.url: extension for extension in age.extension}
    assert extensions["http://hl7.org/fhir/StructureDefinition/minValue"].valueInteger == 18
    assert extensions["http://hl7.org/fhir/StructureDefinition/maxValue"].valueInteger == 120
    sex = items["sex"]
    assert (sex.type, sex.required) == ("choice", False)
    assert [(option.valueCoding.system, option.valueCoding.code) for option in sex.answerOption] == [
        (GENDER_SYSTEM, "female"), (GENDER_SYSTEM, "male"),
    ]  # fmt: skip


def test_the_questionnaire_speaks_to_the_audience_asked_for_and_carries_the_other_wording(client, db):
    clinician = client.get(QUESTIONNAIRE_URL, {"for": "clinician"}).json()
    fever = next(item for item in clinician["item"] if item["linkId"] == "saddle_anesthesia")

    assert fever["text"] == "Saddle anesthesia"
    assert fever["extension"][0]["valueString"] == "My skin is numb between my legs or around my bottom"
    assert client.get(QUESTIONNAIRE_URL, {"for": "nurse"}).status_code == 400


@pytest.mark.parametrize("given", [vignette[1] for vignette in VIGNETTES], ids=[v[0] for v in VIGNETTES])
def test_triage_gives_what_the_json_api_gives_for_every_vignette(client, db, given):
    from_api = client.post(
        f"{API_URL}?for=clinician", {"answers": given}, content_type="application/json"
    ).json()

    response = post_fhir(client, response_for(given))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    resource = Parameters.model_validate(response.json()).model_dump(mode="json", exclude_none=True)
    assert parameter_values(resource, "triage") == [from_api["triage"]]
    assert parameter_values(resource, "flag") == sorted(from_api["flags"])
    assert parameter_values(resource, "consideration") == sorted(from_api["considerations"])
    assert parameter_values(resource, "reason") == [reason["text"] for reason in from_api["reasons"]]
    assert parameter_values(resource, "rulesetVersion") == [from_api["ruleset_version"]]


@pytest.mark.parametrize(
    "change, where, says",
    [
        (lambda r: r["item"].append(item("colour", valueBoolean=True)), "item colour", "not a question"),
        (lambda r: r["item"].__setitem__(0, item("age", valueBoolean=True)), "item age", "valueInteger"),
        (lambda r: r["item"].__setitem__(0, item("age", valueInteger=15)), "item age", "adults aged 18"),
        (lambda r: r["item"].append(item("sex", valueCoding={"system": "x", "code": "f"})), "item sex",
         GENDER_SYSTEM),
        (lambda r: r.__setitem__("resourceType", "Patient"), "resourceType", "not a valid Questionnaire"),
        (lambda r: r["item"].__setitem__(0, {"answer": [{"valueInteger": 40}]}), "item", "not a valid"),
    ],
)  # fmt: skip
def test_an_invalid_response_is_a_400_operation_outcome_naming_the_item(client, db, change, where, says):
    resource = response_for(answers(age=40))
    change(resource)

    response = post_fhir(client, resource)

    assert response.status_code == 400
    outcome = OperationOutcome.model_validate(response.json())
    issue = outcome.issue[0]
    assert issue.expression[0].startswith(where)
    assert says in issue.diagnostics


def test_a_missing_age_is_named_and_a_body_that_is_not_json_refused(client, db):
    missing = post_fhir(client, response_for({"duration_weeks": 2}))
    garbage = post_fhir(client, "{not json")

    assert missing.status_code == 400
    assert missing.json()["issue"][0]["expression"] == ["item age"]
    assert garbage.status_code == 400


def test_fhir_needs_no_login_no_csrf_token_and_stores_only_the_count(db):
    from guideline.models import OutcomeCount

    strict = Client(enforce_csrf_checks=True)

    response = post_fhir(strict, response_for(answers(fever=True)))

    assert response.status_code == 200
    assert OutcomeCount.objects.get().level == "urgent"
