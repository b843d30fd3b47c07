from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_POST

from content.access import editorial_view
from content.models import Article, readable_glossary_revision
from guideline.ruleset import get_ruleset
from portal import feedback
from portal.anonymous import anonymous_write
from portal.audience import AUDIENCE_LABELS, chosen_audience, remember_audience
from portal.forms import ErrorReportForm, HelpfulForm
from portal.page_cache import cached_for_anonymous
from portal.pages import PAGE_TITLES, page_html
from portal.seo import canonical_url, json_ld_script, medical_web_page


def render_for_audience(request, audience, template, context):
    context = {
        **context,
        "audience": audience,
        "audience_label": AUDIENCE_LABELS[audience],
        "audience_labels": AUDIENCE_LABELS,
    }
    response = render(request, template, context)
    # The same address shows different text to a remembered patient and clinician.
    patch_vary_headers(response, ["Cookie"])
    return remember_audience(request, response, audience)


@cached_for_anonymous
def home(request):
    topics = Article.objects.with_readable_revisions()
    return render_for_audience(request, chosen_audience(request), "portal/home.html", {"topics": topics})


def readable_topic(slug):
    """(article, the revision readers see) or 404."""
    queryset = Article.objects.readable().select_related("published_revision__approved_by")
    topic = get_object_or_404(queryset, slug=slug)
    revision = topic.readable_revision()
    if revision is None:
        raise Http404("This topic has nothing readers may see yet.")
    return topic, revision


@cached_for_anonymous
def article(request, slug):
    topic, revision = readable_topic(slug)
    response = render_article(request, topic, revision)
    response["Last-Modified"] = http_date((revision.approved_at or revision.created_at).timestamp())
    return response


def render_article(request, topic, revision, status=200, error_form=None):
    audience = chosen_audience(request)
    references = revision.reference_list(audience)
    url = canonical_url(request, topic)
    context = {
        "article": topic,
        "revision": revision,
        "body_html": revision.reader_html(audience),
        "references": references,
        "disclaimer_html": page_html("disclaimer", top_heading=2),
        "canonical_url": url,
        "json_ld": json_ld_script(medical_web_page(url, revision, audience, references)),
        "error_form": error_form or ErrorReportForm(),
        "self_check": get_ruleset(topic.slug),
    }
    response = render_for_audience(request, audience, "portal/article.html", context)
    response.status_code = status
    return response


@require_POST
@anonymous_write("feedback", limit=20, period_seconds=3600)
def article_feedback(request, slug):
    topic, revision = readable_topic(slug)
    audience = chosen_audience(request)
    if "message" in request.POST:
        form = ErrorReportForm(request.POST)
        if not form.is_valid():
            return render_article(request, topic, revision, status=400, error_form=form)
        feedback.record_error_report(topic, revision, audience, form.cleaned_data["message"])
        messages.success(request, "Thank you for telling us. An editor will check this page.")
    else:
        form = HelpfulForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Please choose Yes or No.")
            return redirect(f"{topic.get_absolute_url()}?for={audience}#feedback")
        feedback.record_helpful(topic, revision, audience, form.cleaned_data["helpful"])
        messages.success(request, "Thank you for your feedback.")
    return redirect(f"{topic.get_absolute_url()}?for={audience}#feedback")


@editorial_view()
def feedback_list(request):
    return render(request, "portal/feedback_list.html", {"topics": feedback.feedback_by_topic()})


@cached_for_anonymous
def glossary_page(request):
    version = readable_glossary_revision()
    terms = version.glossary().terms if version else []
    return render(request, "portal/glossary.html", {"version": version, "terms": terms})


@cached_for_anonymous
def page(request, name):
    context = {"title": PAGE_TITLES[name], "body_html": page_html(name)}
    return render(request, "portal/page.html", context)


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /editorial/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
