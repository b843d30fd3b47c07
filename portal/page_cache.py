"""Whole public pages kept for anonymous readers and served before the rest of Django runs,
dropped the moment content changes.

A view marks a page it renders with `shared_page`: the same for every anonymous reader of
one audience, with no form that needs a CSRF token. `PageCacheMiddleware` keeps such pages
in this process's memory, keyed by the content version, the audience and the address, and
answers the next anonymous request for one without sessions, CSRF, templates or queries.

The content version (portal/content_version.py) says when a kept page is stale: every
review move bumps it after its transaction commits, and every server process stops serving
the old page on its next request.
"""

import hashlib
import logging
import re
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string

from portal.audience import chosen_audience, remember_audience
from portal.content_version import CACHE_ERRORS, KEPT_SECONDS, content_version

logger = logging.getLogger(__name__)

# As Django's GZipMiddleware reads Accept-Encoding.
ACCEPTS_GZIP_RE = re.compile(r"\bgzip\b")

# Headers a kept page is served with again; cookies are the reader's own, never kept.
KEPT_HEADERS = (
    "Content-Type",
    "Last-Modified",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
)


def shared_page(view):
    """Mark the view's pages as the same for every anonymous reader of an audience."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.shared_page = True
        return response

    return wrapped


def cacheable(request):
    """Only readers without a session or pending messages may get a shared copy."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request):
    # The whole address, host and scheme too: a page links to itself (canonical, og:url).
    # get_host() also refuses a host outside ALLOWED_HOSTS, as Django would further on.
    address = f"{content_version()}:{int(settings.PORTAL_SHOW_PENDING)}:{chosen_audience(request)}"
    address += f":{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def keepable(response):
    """A page marked shared that came out as rendered, setting no cookie but the audience."""
    return (
        getattr(response, "shared_page", False)
        and response.status_code == 200
        and not response.streaming
        and set(response.cookies) <= {settings.PORTAL_AUDIENCE_COOKIE}
    )


class PageCacheMiddleware:
    """Serve kept pages early; keep shared pages rendered further down the stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def pages_for(request):
        # Pages asked with a query (search results, or any made-up parameter) are kept apart,
        # so that a flood of new ones cannot push the topic pages out.
        return caches["local-queries"] if set(request.GET) - {"for"} else caches["local"]

    def __call__(self, request):
        if not cacheable(request):
            return self.get_response(request)
        try:
            key = page_key(request)
        except CACHE_ERRORS:
            # Pages are rendered as if there were no cache: slower, never down with it.
            logger.warning("Page cache skipped: the content version cannot be read", exc_info=True)
            return self.get_response(request)
        pages = self.pages_for(request)
        page = pages.get(key)
        if page is None:
            response = self.get_response(request)
            if not keepable(response):
                return response
            page = kept_page(key, response)
            if request.method == "GET":
                pages.set(key, page, timeout=KEPT_SECONDS)
        return kept_response(request, page)


def kept_page(key, response):
    """What serving the page again needs, worked out once: plain and gzipped.

    A kept page is the same for every anonymous reader and holds no CSRF token or other
    secret, so compressing it gives away nothing (BREACH needs a secret beside the reader's
    input); pages that do hold one are sent as they are. Each encoding has its own ETag.
    """
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    headers["Vary"] = "Cookie, Accept-Encoding"  # the audience cookie chooses the text
    etag = hashlib.sha256(key.encode() + response.content).hexdigest()[:32]
    gzipped = compress_string(response.content)
    return {
        "bodies": {"identity": response.content, "gzip": gzipped},
        "etags": {"identity": f'"{etag}"', "gzip": f'"{etag}-gzip"'},
        "headers": headers,
        "last_modified": parse_http_date_safe(headers.get("Last-Modified", "")),
    }


def accepted_encoding(request):
    return "gzip" if ACCEPTS_GZIP_RE.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else "identity"


def kept_response(request, page):
    encoding = accepted_encoding(request)
    body = page["bodies"][encoding]
    response = HttpResponse(body, headers=page["headers"])
    response["ETag"] = page["etags"][encoding]
    response["Content-Length"] = str(len(body))  # the server need not chunk it
    if encoding == "gzip":
        response["Content-Encoding"] = "gzip"
    response = remember_audience(request, response, chosen_audience(request))
    # Any cache may keep the page but must ask again (a cheap 304) before showing it;
    # one that remembers a reader's choice is that reader's alone.
    response["Cache-Control"] = f"{'private' if response.cookies else 'public'}, max-age=0, must-revalidate"
    if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
        response = get_conditional_response(
            request, etag=response["ETag"], last_modified=page["last_modified"], response=response
        )
    return response
