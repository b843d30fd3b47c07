"""GET /infobutton/: an EHR's Infobutton asks which topics explain a code (portal/infobutton.py).

No login and no CSRF token (an EHR sends none), and nothing about the request is stored.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from content.models import Article
from portal import infobutton
from portal.search_figures import KEPT_FIGURES
from search import engine
from search.query import QueryError


@require_safe
@never_cache
def knowledge_request(request):
    try:
        asked = infobutton.parse_request(request.GET)
        found = matching_topics(asked)
    except infobutton.BadRequest as error:
        return refused(request, error)
    base_url = settings.PORTAL_BASE_URL.rstrip("/")
    links = [f"{article.get_absolute_url()}?for={asked.audience}" for article, _ in found]
    if asked.response_type == infobutton.HTML:
        if len(found) == 1:
            return redirect(links[0])
        topics = [
            (revision.title_for(asked.audience), revision.summary_for(asked.audience), link)
            for (_, revision), link in zip(found, links, strict=True)
        ]
        return render(request, "portal/infobutton.html", {"asked": asked, "topics": topics})
    entries = [
        infobutton.entry(revision, asked.audience, base_url + link)
        for (_, revision), link in zip(found, links, strict=True)
    ]
    updated = max((item.updated for item in entries), default=infobutton.iso_utc(timezone.now()))
    feed_id = base_url + request.get_full_path()
    if asked.response_type == infobutton.JSON:
        return JsonResponse(infobutton.json_feed(asked, entries, base_url, feed_id, updated))
    atom = infobutton.atom_feed(asked, entries, base_url, feed_id, updated)
    return HttpResponse(atom, content_type="text/xml; charset=utf-8")


def matching_topics(asked):
    """[(article, revision)]: the readable topics listing the code, else those a search of the
    display name finds; best first, at most three."""
    topics = Article.objects.with_readable_revisions()
    found = infobutton.topics_for_code(asked.system, asked.code, topics) if asked.system else []
    if found or not asked.display_name:
        return found
    try:
        outcome = engine.search(asked.display_name, asked.audience, figures=KEPT_FIGURES)
    except QueryError as error:
        raise infobutton.BadRequest(infobutton.DISPLAY_NAME, str(error)) from None
    revisions = {article.pk: (article, revision) for article, revision in topics}
    by_topic = [revisions[article.pk] for article, _ in outcome.by_topic() if article.pk in revisions]
    return by_topic[: infobutton.MOST_TOPICS]


def refused(request, error):
    if request.GET.get(infobutton.RESPONSE_TYPE, "").strip().lower() == infobutton.JSON:
        return JsonResponse({"errors": {error.parameter: str(error)}}, status=400)
    return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
