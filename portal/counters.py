"""Numbers every server process reads alike, in the shared cache, that key what is derived
from content: bump one, and everything kept under its old value is stale everywhere."""

import time

from django.core.cache import cache


def current(key):
    value = cache.get(key)
    if value is None:
        # Started from the clock, not from 1: should the cache lose the key, no value it had
        # before comes back, and nothing kept under that value is taken for new.
        cache.add(key, time.time_ns() // 1000, timeout=None)
        value = cache.get(key)
    return value


def bump(key):
    try:
        cache.incr(key)
    except ValueError:  # the key was lost: any new value will do
        current(key)
