"""The reader's page in a real browser (Debian's Chromium), driven by keyboard."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def topic_url(live_server, shipped_article):
    return f"{live_server.url}{shipped_article.get_absolute_url()}"


def test_a_keyboard_user_switches_to_the_professional_text_and_it_is_remembered(page, topic_url):
    page.goto(topic_url)
    expect(page.locator("h1")).to_have_text(
        "What causes pain between the shoulder blades, and how is it treated?"
    )
    expect(page.get_by_text("Pending medical review.", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Get emergency help now")).to_be_visible()

    page.get_by_role("link", name="Patient or caregiver").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Healthcare professional")).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url("**?for=clinician")
    expect(page.get_by_role("heading", name="Red flags and emergencies")).to_be_visible()
    page.goto(topic_url)
    expect(page.get_by_role("link", name="Healthcare professional")).to_have_attribute("aria-current", "page")


def test_a_citation_takes_the_reader_to_its_reference(page, topic_url):
    page.goto(topic_url)

    page.locator("sup.citation a").first.click()

    page.wait_for_url("**#ref-1")
    expect(page.locator("#ref-1")).to_be_in_viewport()
