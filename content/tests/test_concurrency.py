"""Two reviewers press Approve at the same moment: exactly one wins."""

import threading

import pytest
from django.db import connection

from content.models import Revision, StatusChange
from content.workflow import TransitionRefused, transition

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


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
