"""The content version: one number, shared by every server process, that changes whenever
what readers may see changes (every review move, once it commits).

Everything the portal derives from content (whole pages, search figures, citation numbers)
is kept under the version it was made from; bumping the version makes all of it stale in
every process at once. Domain code never sees this module: the portal wraps it around them.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache, caches
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
# What a cache server that is down or unreachable raises: django-redis's wrapper, redis-py's
# own errors, or the socket's.
CACHE_ERRORS = (ConnectionInterrupted, OSError, RedisError)
KEPT_SECONDS = 24 * 60 * 60


def content_version():
    """The version now, from the shared cache. Raises one of CACHE_ERRORS when it is down."""
    value = cache.get(VERSION_KEY)
    if value is None:
        # Started from the clock, not from 1: should the cache lose the key, no value it had
        # before comes back, and nothing kept under that value is taken for new.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(VERSION_KEY)
    return value


def bump_content_version():
    """Everything kept from content is stale from now on, in every process."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was lost: any new value will do
        content_version()


def kept_until_content_changes(name, compute):
    """compute(), kept in this process's memory until the next review move anywhere; computed
    afresh while the shared cache cannot be reached."""
    try:
        name = hashlib.sha256(name.encode()).hexdigest()  # a key any cache takes, whatever words it holds
        key = f"kept:{content_version()}:{int(settings.PORTAL_SHOW_PENDING)}:{name}"
    except CACHE_ERRORS:
        logger.warning("Computed afresh: the content version cannot be read", exc_info=True)
        return compute()
    return caches["local"].get_or_set(key, compute, timeout=KEPT_SECONDS)
