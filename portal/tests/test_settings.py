import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int


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
