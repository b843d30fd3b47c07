"""The self-check in FHIR R4: its questions as a Questionnaire, a QuestionnaireResponse in, the
outcome out as Parameters, and what is wrong as an OperationOutcome.

Every resource sent or accepted is checked against fhir.resources' R4B models (R4B keeps
R4's Questionnaire, QuestionnaireResponse and Parameters). The answers go through the same
checks as the JSON API (guideline.answers), so the same answers give the same outcome.
"""

from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from content.audience import AUDIENCES
from guideline.answers import validate_answers

GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
# The wording for the other audience travels with each item, in an extension of our own.
OTHER_WORDING = "https://openhealthportal.example/fhir/StructureDefinition/audience-text"
FHIR_TYPES = {"integer": "integer", "boolean": "boolean", "boolean_or_null": "boolean", "choice": "choice"}
VALUE_KEYS = {"integer": "valueInteger", "boolean": "valueBoolean", "choice": "valueCoding"}


class InvalidResource(ValueError):
    """A resource that cannot be read; `issues` are (where, message) pairs."""

    def __init__(self, issues):
        super().__init__("; ".join(f"{where}: {message}" for where, message in issues))
        self.issues = issues


def questionnaire(ruleset, audience, url):
    """The self-check as a FHIR Questionnaire, worded for `audience`."""
    other = next(name for name in AUDIENCES if name != audience)
    resource = {
        "resourceType": "Questionnaire",
        "id": ruleset.slug,
        "url": url,
        "version": ruleset.version,
        "name": ruleset.slug.replace("-", "_"),
        "title": ruleset.title(audience),
        "status": "draft",  # nothing here is approved by the Medical Advisory Board yet
        "description": ruleset.intro(audience),
        "item": [question_item(question, audience, other) for question in ruleset.questions],
    }
    return Questionnaire.model_validate(resource).model_dump(mode="json", exclude_none=True)


def question_item(question, audience, other):
    item = {
        "linkId": question.name,
        "text": question.text(audience),
        "type": FHIR_TYPES[question.type],
        "required": question.required,
        "extension": [{"url": OTHER_WORDING, "valueString": question.text(other)}],
    }
    if question.type == "integer":
        item["extension"] += [
            {"url": MIN_VALUE, "valueInteger": question.minimum},
            {"url": MAX_VALUE, "valueInteger": question.maximum},
        ]
    if question.type == "choice":
        labels = question.choices(audience)
        item["answerOption"] = [
            {"valueCoding": {"system": GENDER_SYSTEM, "code": option, "display": label}}
            for option, label in zip(question.options, labels, strict=False)
        ]
    return item


def answers_from_response(ruleset, resource):
    """The checked answers of a QuestionnaireResponse. Raises InvalidResource naming the item."""
    if not isinstance(resource, dict) or resource.get("resourceType") != "QuestionnaireResponse":
        raise InvalidResource([("resourceType", "not a valid QuestionnaireResponse")])
    try:
        response = QuestionnaireResponse.model_validate(resource)
    except (ValidationError, TypeError, ValueError) as error:
        raise InvalidResource([(where(error), "not a valid QuestionnaireResponse")]) from None
    given, issues = {}, []
    for item in response.item or []:
        question = ruleset.questions_by_name.get(item.linkId)
        if question is None:
            issues.append((f"item {item.linkId}", "not a question of this self-check"))
            continue
        value = answer_value(question, item)
        if isinstance(value, Problem):
            issues.append((f"item {item.linkId}", value.message))
        else:
            given[item.linkId] = value
    if not issues:
        answers, errors = validate_answers(ruleset, given)
        issues = [(f"item {name}", message) for name, message in errors.items()]
    if issues:
        raise InvalidResource(issues)
    return answers


class Problem:
    def __init__(self, message):
        self.message = message


def answer_value(question, item):
    """The answer an item holds, as the JSON API takes it (None when it holds none)."""
    answers = item.answer or []
    if len(answers) > 1:
        return Problem("give one answer at most")
    if not answers:
        return None
    key = VALUE_KEYS[FHIR_TYPES[question.type]]
    value = getattr(answers[0], key, None)
    if value is None:
        return Problem(f"answer with {key}")
    if question.type == "choice":
        if value.system != GENDER_SYSTEM:
            return Problem(f"code from {GENDER_SYSTEM}")
        return value.code
    return value


def parameters(report):
    """The outcome (an api_outcome of guideline.report) as a FHIR Parameters resource."""
    parts = [{"name": "triage", "valueCode": report["triage"]}]
    parts += [{"name": "flag", "valueCode": flag} for flag in sorted(report["flags"])]
    parts += [{"name": "consideration", "valueCode": name} for name in sorted(report["considerations"])]
    parts += [{"name": "reason", "valueString": reason["text"]} for reason in report["reasons"]]
    parts += [{"name": "rulesetVersion", "valueString": report["ruleset_version"]}]
    resource = {"resourceType": "Parameters", "parameter": parts}
    return Parameters.model_validate(resource).model_dump(mode="json", exclude_none=True)


def operation_outcome(issues):
    resource = {
        "resourceType": "OperationOutcome",
        "issue": [
            {"severity": "error", "code": "invalid", "diagnostics": message, "expression": [where]}
            for where, message in issues
        ],
    }
    return OperationOutcome.model_validate(resource).model_dump(mode="json", exclude_none=True)


def where(error):
    """The place a pydantic error names, as a FHIRPath-like string."""
    if isinstance(error, ValidationError) and error.errors():
        return ".".join(str(part) for part in error.errors()[0]["loc"]) or "QuestionnaireResponse"
    return "QuestionnaireResponse"
