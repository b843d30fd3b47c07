"""The handout in Debian's Chromium: it prints on A4 and US Letter in at most two pages, and
passes axe on screen."""

import re

import pytest

from conftest import SHIPPED_SLUG, approve, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_BREAK = re.compile(rb"/Type\s*/Page[^s]")
HANDOUT_URL = f"/articles/{SHIPPED_SLUG}/handout/?for=patient"


def printed_pages(page, paper):
    page.emulate_media(media="print")
    try:
        return len(PAGE_BREAK.findall(page.pdf(format=paper)))
    finally:
        page.emulate_media(media="screen")


@pytest.mark.parametrize("approved", [False, True])
def test_the_handout_prints_on_at_most_two_pages_of_a4_and_letter(
    page, live_server, shipped_article, reviewer, approved
):
    if approved:
        approve(shipped_article.latest_revision, reviewer)
    page.goto(f"{live_server.url}{HANDOUT_URL}")

    assert 1 <= printed_pages(page, "A4") <= 2
    assert 1 <= printed_pages(page, "Letter") <= 2


@pytest.mark.parametrize("width", [1280, 360])
def test_the_handout_passes_axe_and_fits_a_phone(page, live_server, shipped_article, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{HANDOUT_URL}")
    save_screenshot(page, f"handout-{width}")

    assert axe_violations(page) == []
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator("svg.handout-qr-code").is_visible()


def test_the_clinician_follows_print_for_your_patient(page, live_server, shipped_article):
    page.goto(f"{live_server.url}/articles/{SHIPPED_SLUG}/?for=clinician")
    page.get_by_role("link", name="Print for your patient").click()

    assert page.url.endswith(HANDOUT_URL)
