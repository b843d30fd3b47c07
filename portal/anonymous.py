"""Guards for the few views where anonymous readers write something."""

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render

from portal.ratelimit import allow

# A feedback form or a question is a few kilobytes at most.
MAX_BODY_BYTES = 16 * 1024


def refused(request, reason, status, as_json):
    if as_json:
        message = "Too many requests; try again later." if reason == "too_many" else "Request body too large."
        return JsonResponse({"errors": {"request": message}}, status=status)
    return render(request, "portal/refused.html", {"reason": reason}, status=status)


def anonymous_write(scope, limit, period_seconds, as_json=False, methods=None):
    """Refuse oversized bodies (413) and clients past `limit` writes per period (429).

    `limit` may be a function, asked on each request (a setting). With `methods`, only
    requests of those methods are checked and counted."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods and request.method not in methods:
                return view(request, *args, **kwargs)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = MAX_BODY_BYTES + 1
            if length > MAX_BODY_BYTES:
                return refused(request, "too_large", 413, as_json)
            if not allow(request, scope, limit() if callable(limit) else limit, period_seconds):
                return refused(request, "too_many", 429, as_json)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
