"""Every public page in a real browser: WCAG 2.2 AA by axe-core, phone width, screenshots."""

import pytest

from conftest import save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, DESKTOP = 360, 1280


@pytest.fixture
def public_pages(live_server, shipped_article):
    topic = shipped_article.get_absolute_url()
    return {
        "home": "/",
        "topic for patients": f"{topic}?for=patient",
        "topic for clinicians": f"{topic}?for=clinician",
        "glossary": "/glossary/",
        "editorial policy": "/editorial-policy/",
        "disclaimer": "/disclaimer/",
        "login": "/accounts/login/",
    }


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_public_page_passes_axe_and_fits_a_phone(
    page, live_server, public_pages, axe_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for name, path in public_pages.items():
        page.goto(f"{live_server.url}{path}")
        save_screenshot(page, f"{name}-{width}")
        problems = axe_violations(page)
        if width == PHONE:
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > PHONE:
                problems.append(f"scrolls sideways: {scroll_width}px wide")
        if page.locator("h1").count() != 1:
            problems.append("needs exactly one h1")
        if problems:
            failures[name] = problems

    assert failures == {}
