"""Guards for the few views where anonymous readers write something."""

from functools import wraps

from django.shortcuts import render

from portal.ratelimit import allow

# A feedback form or a question is a few kilobytes at most.
MAX_BODY_BYTES = 16 * 1024


def anonymous_write(scope, limit, period_seconds):
    """Refuse oversized bodies (413) and clients past `limit` writes per period (429)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = MAX_BODY_BYTES + 1
            if length > MAX_BODY_BYTES:
                return render(request, "portal/refused.html", {"reason": "too_large"}, status=413)
            if not allow(request, scope, limit, period_seconds):
                return render(request, "portal/refused.html", {"reason": "too_many"}, status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
