"""The Redis cache every server shares: what one process writes, another reads."""

import os

import pytest
from django_redis.cache import RedisCache

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="needs PORTAL_TEST_REDIS_URL (set by .ci/run when Redis answers)"
)


@pytest.fixture
def two_servers():
    """Two caches as two server processes would make them: the same Redis, their own pools."""
    params = {"KEY_PREFIX": "portal-test-redis-cache"}
    first, second = RedisCache(REDIS_URL, params), RedisCache(REDIS_URL, params)
    yield first, second
    first.clear()


def test_what_one_server_writes_the_other_reads(two_servers):
    first, second = two_servers

    first.set("page", {"body": b"<h1>Pain</h1>"}, timeout=60)
    first.set("version", 7, timeout=None)
    second.incr("version")

    assert second.get("page") == {"body": b"<h1>Pain</h1>"}
    assert first.get("version") == 8
    assert first.add("version", 1) is False


def test_a_deleted_key_is_gone_for_every_server(two_servers):
    first, second = two_servers
    first.set("count", 1)

    second.delete("count")

    assert first.get("count") is None
