"""Per-client limits for anonymous writes, kept in the cache and never in the database."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from portal.content_version import CACHE_ERRORS

logger = logging.getLogger(__name__)


def client_fingerprint(request):
    """A keyed hash of the client's address: enough to count, useless to identify."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def allow(request, scope, limit, period_seconds):
    """Count one more action by this client in `scope`; False once it passes `limit` per period."""
    key = f"ratelimit:{scope}:{client_fingerprint(request)}"
    try:
        cache.add(key, 0, timeout=period_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=period_seconds)
            count = 1
    except CACHE_ERRORS:
        # Readers keep their questions and feedback while the cache is down; the limit
        # returns with it.
        logger.warning("Rate limit not applied: the cache cannot be reached", exc_info=True)
        return True
    return count <= limit
