"""Two servers share one PostgreSQL and one Redis: what one approves, the other serves."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
import redis
from django.conf import settings
from django.db import connection

from content.models import Revision

REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not REDIS_URL or connection.vendor != "postgresql",
        reason="needs PostgreSQL and PORTAL_TEST_REDIS_URL (set by .ci/run when Redis answers)",
    ),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_server(port):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "false",
        "DJANGO_SECRET_KEY": "two-server-test-key-" + "s" * 40,
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
    }
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_until_up(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server on port {port} did not start")


def fetch(port, path, opener=None):
    with (opener or urllib.request.build_opener()).open(
        f"http://127.0.0.1:{port}{path}", timeout=10
    ) as response:
        return response.read().decode()


def post(opener, port, path, data):
    token = next(cookie.value for cookie in opener.cookie_jar if cookie.name == "csrftoken")
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST")
    request.add_header("Referer", f"http://127.0.0.1:{port}{path}")
    with opener.open(request, timeout=10) as response:
        return response.read().decode()


def logged_in(port, user):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.cookie_jar = jar
    fetch(port, "/accounts/login/", opener)
    post(
        opener,
        port,
        "/accounts/login/",
        {"username": user.username, "password": f"pw-{user.username}-long-enough"},
    )
    return opener


def test_an_approval_through_one_server_is_served_by_the_other_at_once(shipped_article, reviewer):
    redis.Redis.from_url(REDIS_URL).flushdb()  # pages cached by an earlier run describe another database
    port_a, port_b = free_port(), free_port()
    servers = [start_server(port_a), start_server(port_b)]
    try:
        wait_until_up(port_a)
        wait_until_up(port_b)
        topic = shipped_article.get_absolute_url()
        assert "Not yet reviewed by the Medical Advisory Board" in fetch(port_b, topic)  # now cached on B

        board = logged_in(port_a, reviewer)
        revision = Revision.objects.get(article=shipped_article)
        move = f"/editorial/revisions/{revision.pk}/move/"
        post(board, port_a, move, {"to_status": "under_review"})
        post(board, port_a, move, {"to_status": "approved", "comment": "Checked on server A."})

        page = fetch(port_b, topic)
        assert re.search(r"Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>", page)
        assert "Educational only, pending medical review." not in page
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
