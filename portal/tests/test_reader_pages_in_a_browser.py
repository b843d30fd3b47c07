"""The reader's pages as a patient sees them on a phone (390 × 844) and on a desktop (1280 × 800)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def topic_url(live_server, shipped_article):
    return f"{live_server.url}{shipped_article.get_absolute_url()}"


def open_at(browser, size, url):
    page = browser.new_page(viewport=size)
    page.goto(url)
    return page


def top_of(locator):
    return locator.evaluate("element => element.getBoundingClientRect().top")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_first_section_of_the_text_starts_on_the_first_screen(browser, topic_url, size):
    page = open_at(browser, size, topic_url)

    first_section = page.locator(".topic-body h2").first
    assert top_of(first_section) < size["height"] - 40  # its heading and a line of text show
    for above in (".topic-header h1", ".topic-header .lead", ".review-line", ".audience-switch"):
        assert top_of(page.locator(above)) < top_of(first_section)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


def test_on_this_page_is_closed_on_a_phone_open_on_a_desktop_and_lists_every_section(browser, topic_url):
    phone = open_at(browser, PHONE, topic_url)
    desktop = open_at(browser, DESKTOP, topic_url)

    sections = phone.locator(".topic-body:not(.references) h2").count()
    nav = phone.get_by_role("navigation", name="On this page")
    expect(nav).to_be_visible()
    expect(nav.locator("ol a")).to_have_count(sections + 1)  # and the references
    assert phone.locator("details.contents").evaluate("details => details.open") is False
    assert desktop.locator("details.contents").evaluate("details => details.open") is True
    desktop.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="See a doctor today"
    ).click()
    expect(desktop.locator("#see-a-doctor-today")).to_be_in_viewport()


def test_care_cards_say_their_urgency_in_words_and_link_to_the_self_check(browser, topic_url):
    page = open_at(browser, PHONE, topic_url)

    for level, words in (("emergency", "Emergency"), ("urgent", "Urgent"), ("routine", "Soon")):
        card = page.locator(f".care-card-{level}")
        expect(card.locator(".care-card-label")).to_contain_text(words)
        expect(card.get_by_role("link", name="Check your symptoms")).to_have_attribute(
            "href", "/self-check/pain-between-shoulder-blades/?for=patient"
        )
    expect(
        page.get_by_role("heading", name=re.compile(r"^Emergency\s*:\s*Get emergency help now"))
    ).to_be_visible()


def test_the_home_page_leads_a_phone_reader_to_help_search_and_topics(browser, live_server, shipped_article):
    page = open_at(browser, PHONE, live_server.url)

    emergency = page.get_by_role("heading", name=re.compile(r"^Emergency\s*:\s*If you need help now"))
    expect(emergency).to_be_in_viewport()
    page.get_by_label("Search our health topics").fill("shoulder blade pain")
    page.get_by_label("Search our health topics").press("Enter")
    page.wait_for_url("**/search/?q=shoulder+blade+pain")
    page.go_back()
    page.get_by_role("navigation", name="Topics by first letter").get_by_role("link").first.click()
    expect(page.locator(".topic-index a").first).to_be_in_viewport()


def test_the_glossary_a_to_z_jumps_to_its_letter(browser, live_server, shipped_article):
    page = open_at(browser, PHONE, f"{live_server.url}/glossary/")

    page.get_by_role("navigation", name="Words by first letter").get_by_role(
        "link", name="S", exact=True
    ).click()

    expect(page.locator("#letter-s")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
