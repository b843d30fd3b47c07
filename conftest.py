"""Fixtures shared by every app's tests: named people, topics and the browser."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from content.importer import import_topics
from content.models import Article, Revision
from content.roles import AUTHORS, EDITORS, MEDICAL_ADVISORY_BOARD
from content.workflow import transition

SHIPPED_SLUG = "pain-between-shoulder-blades"
CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses
# to work beside one unless told. For tests only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SAMPLE_METADATA = """\
slug = "sample-topic"
title = "What is a sample topic?"
summary = "A topic written for the tests."
tags = ["tests"]

[[references]]
key = "guide-2020"
kind = "guideline"
authors = "Smith A, Jones B"
title = "A guideline written for the tests"
source = "Journal of Tests"
year = 2020
url = "https://example.org/guide"

[[references]]
key = "study-2019"
kind = "research"
authors = "Brown C"
title = "A study written for the tests"
source = "Research Letters"
year = 2019
"""
SAMPLE_PATIENT = """\
## What helps

Keep moving [@study-2019].

Rest in bed does not help [@guide-2020; @study-2019].
"""
SAMPLE_CLINICIAN = """\
## Management

Advise activity over bed rest [@guide-2020].
"""


def write_sample_topic(root, folder="sample-topic", metadata=SAMPLE_METADATA, patient=SAMPLE_PATIENT,
                       clinician=SAMPLE_CLINICIAN):  # fmt: skip
    topic = Path(root) / folder
    topic.mkdir(parents=True)
    for name, text in (("article.toml", metadata), ("patient.md", patient), ("clinician.md", clinician)):
        if text is not None:
            (topic / name).write_text(text, encoding="utf-8")
    return topic


def make_user(username, first_name, last_name, group=None):
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@example.org",
        password=f"pw-{username}-long-enough",
        first_name=first_name,
        last_name=last_name,
    )
    if group:
        # get_or_create: a transactional test before this one may have flushed the migrated groups.
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def author(db):
    return make_user("ann.author", "Ann", "Author", AUTHORS)


@pytest.fixture
def reviewer(db):
    return make_user("rita.reviewer", "Rita", "Reviewer", MEDICAL_ADVISORY_BOARD)


@pytest.fixture
def second_reviewer(db):
    return make_user("sam.second", "Sam", "Second", MEDICAL_ADVISORY_BOARD)


@pytest.fixture
def editor(db):
    return make_user("eve.editor", "Eve", "Editor", EDITORS)


@pytest.fixture
def outsider(db):
    """Logged in, but in no editorial group."""
    return make_user("olly.outsider", "Olly", "Outsider")


@pytest.fixture
def articles_dir(tmp_path):
    """A folder of topics holding one valid sample topic."""
    root = tmp_path / "articles"
    write_sample_topic(root)
    return root


@pytest.fixture
def sample_article(db, articles_dir):
    """The sample topic imported: one revision, submitted."""
    import_topics(articles_dir)
    return Article.objects.get(slug="sample-topic")


@pytest.fixture
def shipped_article(db):
    """The first shipped topic and the glossary, imported from content/."""
    import_topics(settings.CONTENT_ARTICLES_DIR, glossary_file=settings.CONTENT_GLOSSARY_FILE)
    return Article.objects.get(slug=SHIPPED_SLUG)


def approve(revision, reviewer):
    """Take a submitted revision through review to approval."""
    revision = transition(revision, Revision.Status.UNDER_REVIEW, by=reviewer)
    return transition(revision, Revision.Status.APPROVED, by=reviewer, comment="Checked against the sources.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, kept from reaching anything but this machine."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
        ],
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: neither rate-limit counters nor kept pages leak."""
    from django.core.cache import caches

    for each_cache in caches.all():
        each_cache.clear()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(__file__).parent / "artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    """Without Debian's chromium, browser tests skip and say how to get it; in CI they fail."""
    if Path(CHROMIUM).exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"browser tests need {CHROMIUM}: apt-get install chromium")
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@pytest.fixture
def axe_violations(axe_source):
    """Run axe-core (shipped with axe-playwright-python, never from a CDN) on the page."""

    def run(page):
        # evaluate() is not subject to the page's Content-Security-Policy, which stays on.
        page.evaluate(axe_source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        return [
            f"{found['id']} ({found['impact']}): {[node['target'] for node in found['nodes'][:3]]}"
            for found in result["violations"]
        ]

    return run


def save_screenshot(page, name):
    """Keep a full-page screenshot under artifacts/ for people to look at (not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png", full_page=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the tests' database is a file, not memory: the browser tests' live server
    thread then opens a connection of its own instead of sharing the test's in-memory one,
    which Django can only half do (each shared connection closed from the wrong thread
    printed a traceback)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "tests.sqlite3")
