"""One revision from draft to approved, by two people in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(browser, live_server, user):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(f"pw-{user.username}-long-enough")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial dashboard")).to_be_visible()
    return page


def test_an_author_and_a_reviewer_take_a_revision_to_approval(
    browser, live_server, sample_article, author, reviewer
):
    writer = log_in(browser, live_server, author)
    writer.goto(f"{live_server.url}/editorial/topics/sample-topic/edit/")
    writer.locator("#id_summary").fill("A clearer summary, ready for review.")
    expect(writer.locator('[data-pane="patient"] .grade')).to_contain_text("Flesch–Kincaid grade")
    writer.get_by_role("button", name="Submit for review").click()
    expect(writer.get_by_text("Revision 2 was saved and submitted for review.")).to_be_visible()

    board = log_in(browser, live_server, reviewer)
    board.get_by_role("link", name="Review queue").click()
    board.get_by_role("link", name="What is a sample topic? (revision 2)").click()
    board.get_by_role("button", name="Start review").click()
    expect(board.get_by_text("Revision 2 is now under review.")).to_be_visible()
    board.get_by_label("Comment").fill("Checked against the sources.")
    board.get_by_role("button", name="Approve").click()
    expect(board.get_by_text("Revision 2 is now approved.")).to_be_visible()

    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}/articles/sample-topic/")
    expect(reader.get_by_text("A clearer summary, ready for review.")).to_be_visible()
    expect(
        reader.locator(".review-line").get_by_text("Reviewed by the Medical Advisory Board: Rita Reviewer")
    ).to_be_visible()
    expect(reader.locator('[aria-current="step"]')).to_contain_text("Approved")
    expect(reader.get_by_text("Educational only, pending medical review.")).to_have_count(0)
