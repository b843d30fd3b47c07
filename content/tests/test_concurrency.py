"""Editors acting on one topic at the same moment, in real threads on PostgreSQL: the
loser of each race is refused with a reason (never a 500), and readers never go back."""

import threading
import time
from unittest.mock import ANY

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from content import editing
from content.models import Revision, StatusChange
from content.tests.editor_data import editor_post
from content.workflow import TransitionRefused, transition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
Status = Revision.Status


def test_of_two_simultaneous_approvals_exactly_one_wins(sample_article, reviewer, second_reviewer):
    revision = transition(sample_article.latest_revision, Revision.Status.UNDER_REVIEW, by=reviewer)
    start = threading.Barrier(2)
    outcomes = {}

    def approve_as(user):
        start.wait()
        try:
            transition(revision, Revision.Status.APPROVED, by=user, comment="Checked.")
            outcomes[user.username] = "approved"
        except TransitionRefused as refused:
            outcomes[user.username] = str(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve_as, args=(user,)) for user in (reviewer, second_reviewer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == [
        "This revision is approved; it cannot be moved to approved.",
        "approved",
    ]
    assert StatusChange.objects.filter(revision=revision, to_status="approved").count() == 1
    winner = next(name for name, outcome in outcomes.items() if outcome == "approved")
    assert Revision.objects.get(pk=revision.pk).approved_by.username == winner


def run_at_once(**work):
    """Run each named callable in its own thread, started together; {name: result or exception}."""
    start = threading.Barrier(len(work))
    outcomes = {}

    def run(name, function):
        start.wait()
        try:
            outcomes[name] = function()
        except Exception as error:  # the test says which exceptions it expects
            outcomes[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in work.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def hold_open_until_the_other_waits(first, second):
    """Run `first` in a transaction kept open until `second`, in another thread, waits on a
    lock it holds; then commit. The order the bugs need, every time: {name: result or exception}."""
    done, release = threading.Event(), threading.Event()
    outcomes = {}

    def run(name, function, hold):
        try:
            with transaction.atomic():
                outcomes[name] = function()
                if hold:
                    done.set()
                    release.wait(timeout=30)
        except Exception as error:
            outcomes[name] = error
        finally:
            done.set()
            connection.close()

    holder = threading.Thread(target=run, args=("first", first, True))
    holder.start()
    done.wait(timeout=30)
    waiter = threading.Thread(target=run, args=("second", second, False))
    waiter.start()
    wait_until_a_query_waits_for_a_lock()
    release.set()
    for thread in (holder, waiter):
        thread.join(timeout=30)
    return outcomes


def wait_until_a_query_waits_for_a_lock(timeout=10):
    # Polled outside any transaction: inside one, PostgreSQL keeps showing the first snapshot.
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the second thread never waited for a lock")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def new_draft(article, by, summary):
    latest = article.revisions.order_by("-number").first()
    content = {**latest.content(), "summary": summary}
    return editing.save_draft(content, by=by, base_number=latest.number, article=article)


def test_two_reviewers_starting_on_two_waiting_revisions_of_one_topic_get_one_review(
    sample_article, author, reviewer, second_reviewer
):
    older = sample_article.latest_revision
    newer = transition(new_draft(sample_article, author, "Ann's summary."), Status.SUBMITTED, by=author)

    outcomes = run_at_once(
        older=lambda: transition(older, Status.UNDER_REVIEW, by=reviewer).status,
        newer=lambda: transition(newer, Status.UNDER_REVIEW, by=second_reviewer).status,
    )

    assert outcomes["newer"] == "under_review"
    assert isinstance(outcomes["older"], TransitionRefused), outcomes["older"]
    assert list(Revision.objects.filter(status="under_review")) == [newer]


def test_two_revisions_submitted_at_once_leave_only_the_newest_waiting(sample_article, author, editor):
    older = new_draft(sample_article, author, "Ann's summary.")
    newer = new_draft(sample_article, editor, "Eve's summary.")

    outcomes = run_at_once(
        older=lambda: transition(older, Status.SUBMITTED, by=author).status,
        newer=lambda: transition(newer, Status.SUBMITTED, by=editor).status,
    )

    assert outcomes["newer"] == "submitted"
    assert outcomes["older"] == "submitted" or isinstance(outcomes["older"], TransitionRefused)
    assert list(Revision.objects.filter(status__in=Revision.PENDING_STATUSES)) == [newer]


def test_of_two_authors_saving_from_the_same_base_the_second_gets_a_409_with_their_text(
    sample_article, author, editor
):
    content = {**sample_article.latest_revision.content(), "summary": "Ann's summary."}
    edit_url = reverse("editorial:topic-edit", args=["sample-topic"])
    editor_client = logged_in(editor)

    outcomes = hold_open_until_the_other_waits(
        first=lambda: editing.save_draft(content, by=author, base_number=1, article=sample_article),
        second=lambda: editor_client.post(edit_url, editor_post(base_number=1, summary="Eve's own words.")),
    )

    response = outcomes["second"]
    assert not isinstance(response, Exception), response
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: Ann Author saved revision 2 after you opened this form." in html
    assert "Eve&#x27;s own words." in html
    assert list(sample_article.revisions.values_list("number", "summary")) == [
        (2, "Ann's summary."),
        (1, ANY),
    ]


def test_of_two_authors_creating_a_topic_at_one_address_the_second_gets_the_form_back(
    sample_article, author, editor
):
    content = {**sample_article.latest_revision.content(), "summary": "Ann's summary."}
    editor_client = logged_in(editor)

    outcomes = hold_open_until_the_other_waits(
        first=lambda: editing.save_draft(content, by=author, base_number=0, slug="new-topic"),
        second=lambda: editor_client.post(
            reverse("editorial:topic-new"), editor_post(summary="Eve's own words.")
        ),
    )

    response = outcomes["second"]
    assert not isinstance(response, Exception), response
    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: someone else has just created a topic at /articles/new-topic/." in html
    assert "Eve&#x27;s own words." in html
    assert Revision.objects.get(article__slug="new-topic").summary == "Ann's summary."
