import json

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from content.audience import UnknownAudience, parse_audience
from guideline.answers import answers_from_payload
from guideline.models import count_outcome
from guideline.report import api_outcome, citation_index, outcome_report, questions_json, topic_revision
from guideline.ruleset import get_ruleset
from guideline.triage import evaluate
from portal.anonymous import anonymous_write
from portal.audience import chosen_audience
from portal.content_version import kept_until_content_changes
from portal.pages import page_html
from portal.self_check.flow import checklist_page, patient_page
from portal.views import render_for_audience

NOT_JSON = 'The body must be JSON: {"answers": {...}}.'
# Outcomes one client may ask for in an hour, through the JSON API or FHIR alike.
SELF_CHECK_LIMIT = {
    "limit": lambda: settings.PORTAL_SELF_CHECKS_PER_HOUR,
    "period_seconds": 3600,
    "as_json": True,
}


def topic_citations(ruleset, audience):
    """The citations of the topic revision readers see now, read once per content version."""
    return kept_until_content_changes(
        f"self-check-citations:{ruleset.slug}:{audience}",
        lambda: citation_index(ruleset, audience, topic_revision(ruleset.slug)),
    )


def ruleset_or_404(slug):
    ruleset = get_ruleset(slug)
    if ruleset is None:
        raise Http404(f"No self-check for {slug}")
    return ruleset


# Answers never reach a log or an error report: the decorators below hide the POST and
# the views' variables from Django's error reports.
@sensitive_variables()
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def self_check(request, slug):
    ruleset = ruleset_or_404(slug)
    audience = chosen_audience(request)
    data = request.POST if request.method == "POST" else None
    page = (checklist_page if audience == "clinician" else patient_page)(ruleset, data)
    revision = topic_revision(slug)
    context = {"ruleset": ruleset, "revision": revision, "page": page}
    if page.outcome is None:
        template = "self_check/checklist.html" if audience == "clinician" else "self_check/step.html"
        return render_for_audience(request, audience, template, {**context, "form": page.form})
    count_outcome(page.outcome.triage)
    report = outcome_report(ruleset, page.outcome, audience, topic_citations(ruleset, audience), page.answers)
    context |= {"report": report, "disclaimer_html": page_html(f"disclaimer-{audience}", top_heading=2)}
    return render_for_audience(request, audience, "self_check/outcome.html", context)


def errors(status, messages):
    return JsonResponse({"errors": messages}, status=status)


# The API changes nothing anyone could forge a request for, so it needs no CSRF token.
@sensitive_variables()
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@anonymous_write("self-check", **SELF_CHECK_LIMIT, methods=["POST"])
def api_self_check(request, slug):
    ruleset = get_ruleset(slug)
    if ruleset is None:
        return errors(404, {"slug": f"No self-check for '{slug}'."})
    if request.method in ("GET", "HEAD"):
        return JsonResponse(questions_json(ruleset))
    try:
        audience = parse_audience(request.GET.get("for"))
    except UnknownAudience as error:
        return errors(400, {"for": str(error)})
    try:
        payload = json.loads(request.body)
    # ValueError covers malformed JSON, bad encodings and numbers too long to read.
    except (ValueError, RecursionError):
        return errors(400, {"body": NOT_JSON})
    answers, problems = answers_from_payload(ruleset, payload)
    if problems:
        return errors(400, problems)
    outcome = evaluate(ruleset, answers)
    count_outcome(outcome.triage)
    report = outcome_report(ruleset, outcome, audience, topic_citations(ruleset, audience), answers)
    return JsonResponse(api_outcome(report))
