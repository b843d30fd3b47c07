"""The self-check in a real browser (Debian's Chromium), by keyboard alone, for each audience."""

import re

import pytest
from playwright.sync_api import expect

from portal.tests.self_check import PAGE_URL

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_BREAK = re.compile(rb"/Type\s*/Page[^s]")


def tab_to(page, target, most=80):
    """Press Tab until `target` has the focus, as someone on a keyboard would."""
    for _ in range(most):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def tick(page, label):
    box = page.get_by_label(label, exact=True)
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()


def press_button(page, name):
    tab_to(page, page.get_by_role("button", name=name))
    page.keyboard.press("Enter")


def printed_pages(page, paper):
    page.emulate_media(media="print")
    return len(PAGE_BREAK.findall(page.pdf(format=paper)))


@pytest.fixture
def self_check_url(live_server, shipped_article):
    return f"{live_server.url}{PAGE_URL}"


def test_a_patient_completes_the_steps_by_keyboard_and_follows_a_source(page, self_check_url):
    page.goto(f"{self_check_url}?for=patient")
    for step in (1, 2, 3):
        expect(page.get_by_text(f"Step {step} of 8")).to_be_visible()
        tick(page, "None of these")
        press_button(page, "Continue")

    expect(page.get_by_text("Step 4 of 8")).to_be_visible()
    tab_to(page, page.get_by_label("How old are you?"))
    page.keyboard.type("58")
    page.keyboard.press("Tab")  # into the optional sex question, which stays unanswered
    expect(page.get_by_label("Female")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    page.keyboard.press("Enter")  # Enter in a text box sends the form with its first button: Continue

    expect(page.get_by_text("Step 5 of 8")).to_be_visible()
    tick(page, "I have had cancer in the past")
    press_button(page, "Back")
    expect(page.get_by_label("How old are you?")).to_have_value("58")
    press_button(page, "Continue")
    expect(page.get_by_label("I have had cancer in the past")).to_be_checked()
    press_button(page, "Continue")

    for step in (6, 7):
        expect(page.get_by_text(f"Step {step} of 8")).to_be_visible()
        tick(page, "None of these")
        press_button(page, "Continue")

    expect(page.get_by_text("Step 8 of 8")).to_be_visible()
    tab_to(page, page.get_by_label("Yes, it has got better"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # radio buttons move with the arrow keys
    expect(page.get_by_label("I have not tried this yet")).to_be_checked()
    press_button(page, "See my result")

    expect(page.locator("h1")).to_have_text(re.compile("Urgent: see a doctor today"))
    expect(page.get_by_role("heading", name="Signs that a doctor should rule out cancer")).to_be_visible()
    assert printed_pages(page, "A4") == 1
    assert printed_pages(page, "Letter") == 1
    page.emulate_media(media="screen")

    citation = page.locator(".reason .cite a").first
    number = citation.inner_text().removeprefix("Reference").strip()
    tab_to(page, citation)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/articles/pain-between-shoulder-blades/?for=patient#ref-{number}")
    expect(page.locator(f"#ref-{number}")).to_be_in_viewport()


def test_a_patient_with_an_emergency_sign_is_told_at_once(page, self_check_url):
    page.goto(f"{self_check_url}?for=patient")

    tick(page, "Pain, pressure or tightness in my chest, or trouble breathing")
    press_button(page, "Continue")

    heading = page.locator("h1")
    expect(heading).to_have_text(re.compile("Emergency: call your local emergency number now"))
    expect(page.locator(".emergency-advice")).to_have_text(re.compile("^Call your local emergency number"))
    assert (
        page.locator("main h1, main h2").first.inner_text().endswith("call your local emergency number now")
    )


def test_a_clinician_fixes_a_missed_answer_and_gets_the_outcome_by_keyboard(page, self_check_url):
    page.goto(f"{self_check_url}?for=clinician")
    expect(page.locator("h1")).to_have_text("Red-flag checklist: interscapular pain")
    tab_to(page, page.get_by_label("Age (years)"))
    page.keyboard.type("45")
    page.keyboard.press("Tab")  # past the optional sex question
    page.keyboard.press("Tab")
    page.keyboard.type("8")
    tick(page, "Inflammatory back pain features")
    press_button(page, "Show the outcome")

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Response to conservative care: Choose one answer.")
    expect(page.get_by_label("Age (years)")).to_have_value("45")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Response to conservative care: Choose one answer.")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Improved", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Not improved")).to_be_checked()
    press_button(page, "Show the outcome")

    expect(page.locator("h1")).to_have_text(re.compile("Routine: clinical review"))
    expect(page.get_by_role("heading", name="Routine Inflammatory back pain features")).to_be_visible()
    expect(page.get_by_role("heading", name="Axial spondyloarthritis")).to_be_visible()
    assert printed_pages(page, "A4") == 1
