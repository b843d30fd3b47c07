"""The topic page for people who print it or read it with a keyboard and screen reader."""

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
        ".caution",
    ):
        expect(page.locator(kept).first).to_be_visible()
    for dropped in (".site-header", ".audience-chooser", ".feedback", ".site-footer"):
        expect(page.locator(dropped)).to_be_hidden()
    expect(page.locator(".reference-url").first).to_contain_text("https://")


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
