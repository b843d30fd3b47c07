"""The topic page for people who print it or read it with a keyboard and screen reader."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def topic_url(live_server, shipped_article):
    return f"{live_server.url}{shipped_article.get_absolute_url()}?for=patient"


def test_a_printed_topic_keeps_the_text_and_drops_the_controls(page, topic_url):
    page.goto(topic_url)
    page.emulate_media(media="print")

    for kept in (
        "h1",
        ".trust-strip",
        ".review-dates",
        ".topic-body",
        ".references",
        ".disclaimer",
        ".review-line",
        ".care-card",
    ):
        expect(page.locator(kept).first).to_be_visible()
    for dropped in (".site-header", ".audience-switch", ".feedback", ".site-footer"):
        expect(page.locator(dropped)).to_be_hidden()
    expect(page.locator(".reference-url").first).to_contain_text(re.compile(r"https://|doi:10\."))


def test_a_glossary_definition_opens_on_keyboard_focus_and_closes_with_escape(page, topic_url):
    page.goto(topic_url)
    term = page.locator(".glossary-term").first
    definition = page.locator(f"#{term.get_attribute('aria-describedby')}")
    expect(definition).to_be_hidden()

    term.focus()
    expect(definition).to_be_visible()
    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()

    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(definition).to_be_visible()


def test_the_skip_link_takes_keyboard_users_to_the_content(page, topic_url):
    page.goto(topic_url)

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()


def test_reading_choosing_and_the_self_check_work_without_javascript(browser, live_server, shipped_article):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{live_server.url}{shipped_article.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()

    page.get_by_role("link", name="Healthcare professional").click()
    expect(page.get_by_role("heading", name="Red flags and emergencies")).to_be_visible()

    page.get_by_role("link", name="Check your symptoms").click()
    page.get_by_label("Age (years)").fill("70")
    page.get_by_label("Duration of pain (weeks)").fill("2")
    page.get_by_label("Improved", exact=True).check()
    page.get_by_role("button", name="Show the outcome").click()
    # Age alone is a reason to be seen, not to be scanned now (rules v2).
    expect(page.locator("h1")).to_contain_text("Routine: clinical review within 1 to 2 weeks")
