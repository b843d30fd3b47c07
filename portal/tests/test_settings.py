import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int, env_url


def test_production_settings_pass_the_deployment_checks():
    # The browser tests' async switch belongs to the test process, not to a deployment.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings_production",
        "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "k7#Qz" * 10,
        "ALLOWED_HOSTS": "health.example.org",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings_production"

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("reader, raw", [(env_bool, "maybe"), (env_int, "twelve")])
def test_a_bad_setting_fails_loudly(monkeypatch, reader, raw):
    monkeypatch.setenv("PORTAL_TEST_VALUE", raw)

    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_VALUE"):
        reader("PORTAL_TEST_VALUE", 1)


def test_a_good_setting_is_read(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_VALUE", "off")

    assert env_bool("PORTAL_TEST_VALUE", True) is False


@pytest.mark.parametrize("raw", ["health.example.org", "https://health.example.org/portal", "ftp://x.org"])
def test_a_base_url_that_is_not_a_sites_address_fails_loudly(monkeypatch, raw):
    monkeypatch.setenv("PORTAL_TEST_URL", raw)

    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_URL"):
        env_url("PORTAL_TEST_URL", "http://127.0.0.1:8000")


def test_a_base_url_loses_its_trailing_slash_and_production_wants_https(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_URL", "http://health.example.org/")

    assert env_url("PORTAL_TEST_URL", None) == "http://health.example.org"
    with pytest.raises(ImproperlyConfigured, match="https://"):
        env_url("PORTAL_TEST_URL", None, https_unless_local=True)
    monkeypatch.delenv("PORTAL_TEST_URL")
    assert env_url("PORTAL_TEST_URL", "http://127.0.0.1:8000", https_unless_local=True)
