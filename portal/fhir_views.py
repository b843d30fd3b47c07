"""The self-check over FHIR R4: GET its Questionnaire, POST a QuestionnaireResponse to $triage.

Like the JSON API, no login and no CSRF token (an electronic health record sends none), and
nothing about the person is stored: only the day's count of outcomes by level.
"""

import json

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_POST, require_safe

from content.audience import UnknownAudience, parse_audience
from guideline.models import count_outcome
from guideline.report import api_outcome, outcome_report
from guideline.ruleset import get_ruleset
from guideline.triage import evaluate
from portal import fhir
from portal.anonymous import anonymous_write
from portal.self_check.views import SELF_CHECK_LIMIT, topic_citations

FHIR_JSON = "application/fhir+json"


def fhir_response(resource, status=200):
    return JsonResponse(resource, status=status, content_type=FHIR_JSON)


def refused(status, issues):
    return fhir_response(fhir.operation_outcome(issues), status=status)


@require_safe
def questionnaire(request, slug):
    ruleset = get_ruleset(slug)
    if ruleset is None:
        return refused(404, [("Questionnaire", f"no self-check for '{slug}'")])
    try:
        audience = parse_audience(request.GET.get("for"))
    except UnknownAudience as error:
        return refused(400, [("for", str(error))])
    url = request.build_absolute_uri(reverse("fhir-questionnaire", args=[slug]))
    return fhir_response(fhir.questionnaire(ruleset, audience, url))


@sensitive_variables()
@csrf_exempt
@never_cache
@require_POST
@anonymous_write("self-check", **SELF_CHECK_LIMIT)
def triage(request, slug):
    ruleset = get_ruleset(slug)
    if ruleset is None:
        return refused(404, [("Questionnaire", f"no self-check for '{slug}'")])
    try:
        answers = fhir.answers_from_response(ruleset, json.loads(request.body))
    except (ValueError, RecursionError) as error:
        issues = error.issues if isinstance(error, fhir.InvalidResource) else [("body", "not JSON")]
        return refused(400, issues)
    outcome = evaluate(ruleset, answers)
    count_outcome(outcome.triage)
    report = outcome_report(ruleset, outcome, "clinician", topic_citations(ruleset, "clinician"), answers)
    return fhir_response(fhir.parameters(api_outcome(report)))
