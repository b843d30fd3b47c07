"""Safe on the internet: headers on every response, login throttle, health, a calm 503."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from portal.middleware import DatabaseUnavailableMiddleware

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = {
    "Content-Security-Policy": "script-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(response):
    for header, expected in SECURITY_HEADERS.items():
        assert expected in response.get(header, ""), (header, response.status_code)
    assert "unsafe-inline" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_every_kind_of_response_carries_the_security_headers(client, sample_article):
    page = client.get(reverse("article", args=["sample-topic"]))
    api = client.get(reverse("api-search"), {"q": "moving"})
    missing = client.get("/no-such-page/")
    error = Client(raise_request_exception=False).get("/healthz-broken-for-test/")

    assert (page.status_code, api.status_code, missing.status_code) == (200, 200, 404)
    for response in (page, api, missing):
        assert_security_headers(response)
    assert error.status_code in (404, 500)


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "portal.tests.failing_urls"


def test_a_server_error_is_a_plain_page_with_the_headers(failing_urls):
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"Traceback" not in response.content
    assert_security_headers(response)


class UnreachableSession:
    """A logged-in editor's session, which lives in the database that is down."""

    @property
    def is_authenticated(self):
        raise OperationalError("connection refused")


def test_an_unreachable_database_gives_readers_a_503_page():
    request = RequestFactory().get("/articles/x/")
    request.user = UnreachableSession()
    middleware = DatabaseUnavailableMiddleware(lambda request: None)

    response = middleware.process_exception(request, OperationalError("connection refused"))

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert b"We will be back in a moment" in response.content
    assert middleware.process_exception(request, ValueError("other")) is None


def test_login_is_locked_after_five_wrong_passwords(client, author):
    url = reverse("login")
    for _ in range(4):
        assert client.post(url, {"username": author.username, "password": "wrong"}).status_code == 200
    assert client.post(url, {"username": author.username, "password": "wrong"}).status_code == 429

    locked = client.post(url, {"username": author.username, "password": f"pw-{author.username}-long-enough"})

    assert locked.status_code == 429
    assert b"Too many attempts to log in" in locked.content
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_still_logs_in(client, author):
    url = reverse("login")
    for _ in range(3):
        client.post(url, {"username": author.username, "password": "wrong"})

    response = client.post(
        url, {"username": author.username, "password": f"pw-{author.username}-long-enough"}
    )

    assert response.status_code == 302


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_says_503_when_the_cache_is_down(client, db, monkeypatch):
    monkeypatch.setattr("portal.health.cache_ok", lambda: False)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "down"}


def test_asking_is_rate_limited_per_client(client, shipped_article):
    for _ in range(60):
        client.get(reverse("api-ask"), {"q": "heat"})

    assert client.get(reverse("api-ask"), {"q": "heat"}).status_code == 429
    assert client.get(reverse("search"), {"q": "heat"}).status_code == 200  # reading is not limited


@pytest.fixture
def cache_server_down(settings):
    """The shared cache is a Redis that nobody answers at."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }


def test_readers_and_editors_are_served_while_the_cache_server_is_down(
    client, shipped_article, cache_server_down
):
    topic = client.get(reverse("article", args=[shipped_article.slug]))
    login = client.get(reverse("login"))
    self_check = client.post(
        reverse("self_check:api", args=[shipped_article.slug]),
        '{"answers": {"age": 30, "duration_weeks": 1, "fever": true}}',
        content_type="application/json",
    )
    asked = client.get(reverse("ask"), {"q": "should I stay in bed?", "topic": shipped_article.slug})
    misspelt = client.get(reverse("search"), {"q": "scapual"})
    health = client.get("/healthz")

    assert topic.status_code == login.status_code == self_check.status_code == 200
    assert b"Showing results for <strong>scapula</strong>" in misspelt.content
    assert asked.status_code == 200 and b"We have no answer" not in asked.content
    assert "number" in self_check.json()["reasons"][0]["citations"][0]
    assert health.status_code == 503
    assert health.json() == {"database": "ok", "cache": "down"}


def test_each_wrong_password_says_how_many_tries_are_left(client, author):
    url = reverse("login")

    pages = [
        client.post(url, {"username": author.username, "password": "wrong"}).content.decode()
        for _ in range(4)
    ]

    assert "4 tries left." in pages[0]
    assert "1 try left." in pages[3]
    assert "After 5 wrong passwords in a row, logging in to this account" in pages[0]


def test_a_locked_account_is_told_when_it_unlocks_and_how_to_get_help(client, author):
    url = reverse("login")
    for _ in range(5):
        response = client.post(url, {"username": author.username, "password": "wrong"})

    page = response.content.decode()
    assert response.status_code == 429
    unlocks = re.search(r'<time datetime="([^"]+)">', page).group(1)
    assert timedelta(minutes=59) < datetime.fromisoformat(unlocks) - timezone.now() <= timedelta(hours=1)
    assert "ask an editor with access to the admin site to unlock the account" in page
