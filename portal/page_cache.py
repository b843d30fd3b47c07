"""Whole public pages cached for anonymous readers, dropped the moment content changes.

The key carries a content version kept in the shared cache (Redis when REDIS_URL is
set), and every review move bumps it after its transaction commits: every server
process stops serving the old page at once. Pages carry a CSRF placeholder that each
response fills with the reader's own token.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers

from portal.audience import chosen_audience, remember_audience

VERSION_KEY = "content-version"
PAGE_SECONDS = 24 * 60 * 60
CSRF_PLACEHOLDER = "__csrf_token_placeholder__"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version():
    """Every cached page is stale from now on, in every process that shares the cache."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cacheable(request):
    """Only anonymous readers without pending messages get a shared copy of a page."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cached_for_anonymous(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        audience = chosen_audience(request)
        key = f"page:{content_version()}:{int(settings.PORTAL_SHOW_PENDING)}:{audience}:{request.path}"
        entry = cache.get(key)
        if entry is None:
            request.csrf_placeholder = CSRF_PLACEHOLDER
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            entry = {
                "body": response.content,
                "content_type": response["Content-Type"],
                "last_modified": response.get("Last-Modified"),
                "etag": '"' + hashlib.sha256(key.encode() + response.content).hexdigest()[:32] + '"',
            }
            cache.set(key, entry, timeout=PAGE_SECONDS)
        return cached_response(request, entry, audience)

    return wrapped


def cached_response(request, entry, audience):
    body = entry["body"].replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(body, content_type=entry["content_type"])
    response["ETag"] = entry["etag"]
    if entry["last_modified"]:
        response["Last-Modified"] = entry["last_modified"]
    # Browsers may keep the page but must ask again (a cheap 304) before showing it.
    patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])
    return remember_audience(request, response, audience)
