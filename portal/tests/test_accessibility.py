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
        "topic feedback": f"{topic}feedback/?for=patient",
        "topic handout": f"{topic}handout/?for=patient",
        "infobutton results": "/infobutton/?mainSearchCriteria.v.c=J45.909"
        "&mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&knowledgeResponseType=text/html",
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


def check_page(page, name, axe_violations, failures):
    save_screenshot(page, name)
    problems = axe_violations(page)
    if page.locator("h1").count() != 1:
        problems.append("needs exactly one h1")
    if problems:
        failures[name] = problems


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_search_and_ask_pages_pass_axe(page, live_server, shipped_article, axe_violations, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for name, path in {
        "search results": "/search/?q=shoulder+blade",
        "search misspelt": "/search/?q=scapual",
        "search empty": "/search/",
        "ask answered": "/ask/?q=should+I+stay+in+bed%3F&topic=pain-between-shoulder-blades",
        "ask unanswered": "/ask/?q=is+a+banana+good+for+eyesight",
        "ask emergency": "/ask/?q=I+have+chest+pain",
        "glossary": "/glossary/",
    }.items():
        page.goto(f"{live_server.url}{path}")
        check_page(page, f"{name}-{width}", axe_violations, failures)
        if width == PHONE and page.evaluate("document.documentElement.scrollWidth") > PHONE:
            failures.setdefault(name, []).append("scrolls sideways")

    assert failures == {}


CLINICIAN_CASES = {
    "emergency": ["New urinary retention"],
    "urgent": ["History of cancer"],
    "routine": ["Inflammatory back pain features"],
    "self-care": [],
}


def test_self_check_steps_and_every_outcome_level_pass_axe(
    page, live_server, shipped_article, axe_violations
):
    url = f"{live_server.url}/self-check/{shipped_article.slug}/"
    failures = {}
    page.goto(f"{url}?for=patient")
    check_page(page, "self-check patient step 1", axe_violations, failures)
    page.get_by_role("button", name="Continue").click()  # nothing ticked: the error summary
    check_page(page, "self-check patient step error", axe_violations, failures)

    for level, ticks in CLINICIAN_CASES.items():
        page.goto(f"{url}?for=clinician")
        if level == "emergency":
            check_page(page, "self-check clinician checklist", axe_violations, failures)
        page.get_by_label("Age (years)").fill("40")
        page.get_by_label("Duration of pain (weeks)").fill("1")
        for label in ticks:
            page.get_by_label(label).check()
        page.get_by_label("Improved", exact=True).check()
        page.get_by_role("button", name="Show the outcome").click()
        page.locator("h1").wait_for()
        check_page(page, f"self-check outcome {level}", axe_violations, failures)
        assert level.replace("-", "_").split("_")[0].lower() in page.locator("h1").inner_text().lower(), level

    assert failures == {}
