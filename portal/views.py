from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from content.models import Article
from portal.audience import AUDIENCE_LABELS, chosen_audience, remember_audience
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


def home(request):
    topics = Article.objects.with_readable_revisions()
    return render_for_audience(request, chosen_audience(request), "portal/home.html", {"topics": topics})


def article(request, slug):
    queryset = Article.objects.readable().select_related("published_revision__approved_by")
    topic = get_object_or_404(queryset, slug=slug)
    revision = topic.readable_revision()
    if revision is None:
        raise Http404("This topic has nothing readers may see yet.")
    audience = chosen_audience(request)
    references = revision.reference_list(audience)
    url = canonical_url(request, topic)
    context = {
        "article": topic,
        "revision": revision,
        "body_html": revision.html_for(audience),
        "references": references,
        "disclaimer_html": page_html("disclaimer", top_heading=2),
        "canonical_url": url,
        "json_ld": json_ld_script(medical_web_page(url, revision, audience, references)),
    }
    return render_for_audience(request, audience, "portal/article.html", context)


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
