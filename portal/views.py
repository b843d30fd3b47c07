import string

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods

from content.access import editorial_view
from content.audience import AUDIENCE_LABELS, PATIENT
from content.models import Article, readable_glossary_revision
from guideline.ruleset import get_ruleset
from portal import feedback, handout, topic_html
from portal.anonymous import anonymous_write
from portal.audience import chosen_audience, remember_audience
from portal.forms import ErrorReportForm, HelpfulForm
from portal.page_cache import shared_page
from portal.pages import PAGE_TITLES, page_html
from portal.self_check import self_check_path
from portal.seo import canonical_url, json_ld_script, medical_web_page, share_image_url


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


@shared_page
def home(request):
    topics = Article.objects.with_readable_revisions()
    context = {
        "letters": a_to_z(topics, name=lambda topic: index_name(topic[1])),
        "self_checks": [
            (revision, ruleset) for article, revision in topics if (ruleset := get_ruleset(article.slug))
        ],
        "pending": any(not revision.is_approved for _, revision in topics),
        "topic_count": len(topics),
    }
    return render_for_audience(request, chosen_audience(request), "portal/home.html", context)


def index_name(revision):
    """What a topic is listed under from A to Z: its short name, not its question."""
    return getattr(revision, "name", "") or revision.title


def readable_topic(slug):
    """(article, the revision readers see) or 404."""
    queryset = Article.objects.readable().select_related("published_revision__approved_by")
    topic = get_object_or_404(queryset, slug=slug)
    revision = topic.readable_revision()
    if revision is None:
        raise Http404("This topic has nothing readers may see yet.")
    return topic, revision


@shared_page
def article(request, slug):
    topic, revision = readable_topic(slug)
    response = render_article(request, topic, revision)
    response["Last-Modified"] = http_date((revision.approved_at or revision.created_at).timestamp())
    return response


SELF_CHECK_WORDS = {
    "patient": "Check your symptoms: how soon should you get care?",
    "clinician": "Red-flag checklist: triage level, reasons and next steps",
}


def render_article(request, topic, revision):
    audience = chosen_audience(request)
    references = revision.reference_list(audience)
    url = canonical_url(request, topic)
    self_check = get_ruleset(topic.slug)
    self_check_url = self_check and self_check_path(topic.slug, audience)
    body_html = revision.reader_html(audience)
    context = {
        "article": topic,
        "revision": revision,
        "title": revision.title_for(audience),
        "summary": revision.summary_for(audience),
        "body_html": topic_html.with_self_check_links(body_html, self_check_url, SELF_CHECK_WORDS[audience]),
        "sections": topic_html.sections(body_html),
        "references": references,
        "disclaimer_html": page_html(f"disclaimer-{audience}", top_heading=2),
        "canonical_url": url,
        "share_image_url": share_image_url(request),
        "json_ld": json_ld_script(medical_web_page(url, revision, audience, references)),
        "self_check": self_check,
        "self_check_url": self_check_url,
        "related_topics": related_topics(revision),
    }
    return render_for_audience(request, audience, "portal/article.html", context)


def related_topics(revision):
    """[(article, its readable revision)] of the topics `revision` names as related, in its
    order; those readers may not see yet are left out."""
    readable = dict(Article.objects.filter(slug__in=revision.related).with_readable_revisions())
    by_slug = {article.slug: (article, related) for article, related in readable.items()}
    return [by_slug[slug] for slug in revision.related if slug in by_slug]


@shared_page
def article_handout(request, slug):
    """The patient text a clinician prints and hands over; the same page whoever asks for it."""
    topic, revision = readable_topic(slug)
    address = handout.topic_address(topic)
    context = {
        "article": topic,
        "revision": revision,
        "title": revision.title_for(PATIENT),
        **handout.handout_sections(revision),
        "topic_address": address,
        "qr_svg": mark_safe(handout.qr_svg(address)),
    }
    response = render(request, "portal/handout.html", context)
    response["Last-Modified"] = http_date((revision.approved_at or revision.created_at).timestamp())
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def article_feedback(request, slug):
    """The topic page links here, so that it carries no form and can be shared by all readers."""
    if request.method == "POST":
        return send_article_feedback(request, slug)
    return render_feedback_page(request, *readable_topic(slug), ErrorReportForm())


def render_feedback_page(request, topic, revision, error_form, status=200):
    context = {"article": topic, "revision": revision, "error_form": error_form}
    response = render_for_audience(request, chosen_audience(request), "portal/feedback.html", context)
    response.status_code = status
    return response


@anonymous_write("feedback", limit=20, period_seconds=3600)
def send_article_feedback(request, slug):
    topic, revision = readable_topic(slug)
    audience = chosen_audience(request)
    if "message" in request.POST:
        form = ErrorReportForm(request.POST)
        if not form.is_valid():
            return render_feedback_page(request, topic, revision, form, status=400)
        feedback.record_error_report(topic, revision, audience, form.cleaned_data["message"])
        messages.success(request, "Thank you for telling us. An editor will check this page.")
    else:
        form = HelpfulForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Please choose Yes or No.")
            return redirect(f"{reverse('article-feedback', args=[topic.slug])}?for={audience}")
        feedback.record_helpful(topic, revision, audience, form.cleaned_data["helpful"])
        messages.success(request, "Thank you for your feedback.")
    return redirect(f"{topic.get_absolute_url()}?for={audience}#feedback")


@editorial_view()
def feedback_list(request):
    return render(request, "portal/feedback_list.html", {"topics": feedback.feedback_by_topic()})


@shared_page
def glossary_page(request):
    version = readable_glossary_revision()
    terms = version.glossary().terms if version else []
    query = request.GET.get("q", "").strip()
    shown = [term for term in terms if term_matches(term, query)] if query else terms
    context = {"version": version, "query": query, "letters": a_to_z(shown), "count": len(shown)}
    return render(request, "portal/glossary.html", context)


def term_matches(term, query):
    return any(query.lower() in form.lower() for form in term.forms)


def a_to_z(items, name=lambda item: item.term):
    """[(letter, items under it)] for every letter A to Z, in order; empty letters too, so an
    index can show which letters have nothing."""
    by_letter = {letter: [] for letter in string.ascii_uppercase}
    for item in sorted(items, key=lambda item: name(item).lower()):
        first = name(item)[:1].upper()
        by_letter.setdefault(first if first in by_letter else "#", []).append(item)
    return list(by_letter.items())


@shared_page
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


# Browsers ask for /favicon.ico on every site, whatever the page links to.
FAVICON = (settings.BASE_DIR / "static" / "img" / "favicon.ico").read_bytes()


@cache_control(public=True, max_age=7 * 24 * 60 * 60)
def favicon(request):
    return HttpResponse(FAVICON, content_type="image/vnd.microsoft.icon")
