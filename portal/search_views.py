from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from content.access import editorial_view
from content.audience import UnknownAudience, parse_audience
from content.models import Article
from guideline.ruleset import get_ruleset
from portal.anonymous import anonymous_write
from portal.audience import chosen_audience
from portal.page_cache import shared_page
from portal.pages import page_html
from portal.search_figures import KEPT_FIGURES
from portal.self_check import self_check_path
from portal.views import render_for_audience
from search import engine, questions
from search.query import QueryError, emergency_phrase_in

# Each question asked is stored: a reader asks a few, a script asking thousands is refused.
QUESTIONS_PER_HOUR = 60


def asked_topic(request):
    slug = request.GET.get("topic")
    return Article.objects.readable().filter(slug=slug).first() if slug else None


# For a question with emergency words that no topic's self-check speaks to.
EMERGENCY_ADVICE = {
    "patient": (
        "Call your local emergency number (such as 911) now, or go to the nearest emergency department."
    ),
    "clinician": "Arrange emergency assessment now.",
}


def offered_self_check(article, outcome):
    """The self-check of the topic asked about, else of the topic that answered best; or None."""
    topics = [article] if article else [result.article for result in outcome.results]
    return next((ruleset for topic in topics if (ruleset := get_ruleset(topic.slug))), None)


def emergency_advice(text, self_check, audience):
    """Emergency advice when the question has emergency words, else None."""
    if not emergency_phrase_in(text):
        return None
    return self_check.emergency_advice(audience) if self_check else EMERGENCY_ADVICE[audience]


@shared_page
def search_page(request):
    audience = chosen_audience(request)
    context = {"q": request.GET.get("q", ""), "outcome": None, "error": None}
    status = 200
    if context["q"].strip():
        try:
            context["outcome"] = outcome = engine.search(context["q"], audience, figures=KEPT_FIGURES)
        except QueryError as error:
            context["error"], status = str(error), 400
        else:
            # Each topic's results offer that topic's own self-check.
            context["groups"] = [
                (article, results, get_ruleset(article.slug)) for article, results in outcome.by_topic()
            ]
    response = render_for_audience(request, audience, "portal/search.html", context)
    response.status_code = status
    return response


@anonymous_write("questions", limit=QUESTIONS_PER_HOUR, period_seconds=3600)
def ask_page(request):
    audience = chosen_audience(request)
    article = asked_topic(request)
    context = {"q": request.GET.get("q", ""), "topic": article, "outcome": None, "error": None, "token": None}
    status = 200
    if context["q"].strip():
        try:
            outcome = engine.answer(context["q"], audience, article, figures=KEPT_FIGURES)
        except QueryError as error:
            context["error"], status = str(error), 400
        else:
            question = questions.record(context["q"].strip(), article, audience, bool(outcome.results))
            self_check = offered_self_check(article, outcome)
            context.update(
                outcome=outcome,
                token=questions.token_for(question),
                emergency=emergency_advice(context["q"], self_check, audience),
                disclaimer_html=page_html(f"disclaimer-{audience}", top_heading=2),
                self_check=self_check,
                # Nothing answered is no reviewed content either.
                all_reviewed=bool(outcome.results)
                and all(result.passage.revision.is_approved for result in outcome.results),
                # A question answered from a section that says how soon to get help is a worry:
                # the self-check is the next step.
                urgency=bool(context["q"] and emergency_phrase_in(context["q"]))
                or any(result.passage.level for result in outcome.results),
            )
    response = render_for_audience(request, audience, "portal/ask.html", context)
    response.status_code = status
    return response


@require_POST
@anonymous_write("answer-verdict", limit=30, period_seconds=3600)
def answer_verdict(request):
    if questions.record_verdict(request.POST.get("token", ""), request.POST.get("helpful") == "yes"):
        messages.success(request, "Thank you: your answer helps us improve.")
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/ask/") else "/ask/")


def api_error(message, field="q"):
    return JsonResponse({"errors": {field: message}}, status=400)


def api_search(request):
    try:
        audience = parse_audience(request.GET.get("for"))
        outcome = engine.search(request.GET.get("q", ""), audience, figures=KEPT_FIGURES)
    except UnknownAudience as error:
        return api_error(str(error), "for")
    except QueryError as error:
        return api_error(str(error))
    return JsonResponse({"results": [result.as_json() for result in outcome.results]})


@anonymous_write("questions", limit=QUESTIONS_PER_HOUR, period_seconds=3600, as_json=True)
def api_ask(request):
    article = asked_topic(request)
    try:
        audience = parse_audience(request.GET.get("for"))
        outcome = engine.answer(request.GET.get("q", ""), audience, article, figures=KEPT_FIGURES)
    except UnknownAudience as error:
        return api_error(str(error), "for")
    except QueryError as error:
        return api_error(str(error))
    questions.record(request.GET["q"].strip(), article, audience, bool(outcome.results))
    self_check = offered_self_check(article, outcome)
    advice = emergency_advice(request.GET["q"], self_check, audience)
    payload = {
        "emergency": advice is not None,
        "emergency_advice": advice,
        "self_check": self_check_url(request, self_check, audience),
        "results": [result.as_json() for result in outcome.results],
    }
    return JsonResponse(payload)


def self_check_url(request, self_check, audience):
    if self_check is None:
        return None
    return request.build_absolute_uri(self_check_path(self_check.slug, audience))


@editorial_view()
def unanswered_questions(request):
    return render(request, "portal/questions.html", {"groups": questions.unanswered_groups()})
