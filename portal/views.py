from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers

from content.models import Article
from portal.audience import AUDIENCE_LABELS, chosen_audience, remember_audience
from portal.pages import PAGE_TITLES, page_html


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
    context = {
        "article": topic,
        "revision": revision,
        "body_html": revision.html_for(audience),
        "references": revision.reference_list(audience),
        "disclaimer_html": page_html("disclaimer", top_heading=2),
    }
    return render_for_audience(request, audience, "portal/article.html", context)


def page(request, name):
    context = {"title": PAGE_TITLES[name], "body_html": page_html(name)}
    return render(request, "portal/page.html", context)
