"""The Medical Advisory Board reviews: queue, diff, approve, request changes, refusals."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from conftest import approve
from content import editing
from content.models import Revision
from content.roles import MEDICAL_ADVISORY_BOARD
from content.workflow import transition

pytestmark = pytest.mark.django_db
Status = Revision.Status


def move(client, revision, to_status, comment=""):
    return client.post(
        reverse("editorial:revision-move", args=[revision.pk]), {"to_status": to_status, "comment": comment}
    )


@pytest.fixture
def authored(sample_article, author):
    """A second revision, written by the author and submitted."""
    draft = editing.save_draft(
        {**sample_article.latest_revision.content(), "summary": "A sharper summary written by Ann."},
        by=author,
        base_number=1,
        article=sample_article,
    )
    return transition(draft, Status.SUBMITTED, by=author)


def test_the_queue_lists_revisions_awaiting_review_one_click_from_their_diff(client, reviewer, authored):
    client.force_login(reviewer)

    html = client.get(reverse("editorial:queue")).content.decode()

    assert f'href="{reverse("editorial:revision", args=[authored.pk])}"' in html
    assert "Ann Author" in html


def test_a_reviewer_starts_a_review_and_approves_and_readers_see_it(
    client, reviewer, author, authored, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    page = client.get(reverse("editorial:revision", args=[authored.pk])).content.decode()
    assert 'value="under_review" class="btn btn-primary">Start review</button>' in page

    move(client, authored, "under_review")
    page = client.get(reverse("editorial:revision", args=[authored.pk])).content.decode()
    assert ">Approve</button>" in page and ">Request changes</button>" in page
    with django_capture_on_commit_callbacks(execute=True):
        move(client, authored, "approved", comment="Accurate and clear.")

    authored.refresh_from_db()
    assert (authored.status, authored.approved_by) == ("approved", reviewer)
    reader = client.get(reverse("article", args=["sample-topic"])).content.decode()
    assert "A sharper summary written by Ann." in reader
    assert "Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>" in reader
    assert mail.outbox[-1].to == [author.email]
    assert "was approved by Rita Reviewer" in mail.outbox[-1].body
    assert "Accurate and clear." in mail.outbox[-1].body


def test_requesting_changes_needs_a_comment_and_sends_it_to_the_author(
    client, reviewer, author, authored, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    move(client, authored, "under_review")

    refused = client.get(move(client, authored, "changes_requested")["Location"]).content.decode()
    authored.refresh_from_db()
    assert authored.status == "under_review"
    assert "a comment is required" in refused

    with django_capture_on_commit_callbacks(execute=True):
        move(client, authored, "changes_requested", comment="Cite the 2022 ASAS-EULAR update for NSAIDs.")
    authored.refresh_from_db()
    assert authored.status == "changes_requested"
    assert mail.outbox[-1].to == [author.email]
    assert "Cite the 2022 ASAS-EULAR update for NSAIDs." in mail.outbox[-1].body


def test_submitting_tells_the_board(
    sample_article, author, reviewer, second_reviewer, django_capture_on_commit_callbacks
):
    draft = editing.save_draft(
        sample_article.latest_revision.content(), by=author, base_number=1, article=sample_article
    )

    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, Status.SUBMITTED, by=author)

    assert sorted(mail.outbox[-1].to) == sorted([reviewer.email, second_reviewer.email])
    assert mail.outbox[-1].subject == "Awaiting review: “What is a sample topic?” (revision 2)"


def test_no_one_reviews_their_own_revision_not_even_by_a_forged_post(client, author, authored):
    author.groups.add(Group.objects.get(name=MEDICAL_ADVISORY_BOARD))
    client.force_login(author)

    page = client.get(reverse("editorial:revision", args=[authored.pk])).content.decode()
    forged = move(client, authored, "under_review")

    assert "Start review</button>" not in page
    assert "You wrote this revision" in page
    assert forged.status_code == 403
    authored.refresh_from_db()
    assert authored.status == "submitted"


def test_an_author_may_not_approve(client, author, sample_article, reviewer):
    revision = transition(sample_article.latest_revision, Status.UNDER_REVIEW, by=reviewer)
    client.force_login(author)

    assert move(client, revision, "approved").status_code == 403
    revision.refresh_from_db()
    assert revision.status == "under_review"


def test_an_illegal_move_is_refused_with_the_current_status(client, reviewer, sample_article):
    client.force_login(reviewer)

    response = move(client, sample_article.latest_revision, "approved")

    page = client.get(response["Location"]).content.decode()
    assert "This revision is submitted; it cannot be moved to approved." in page
    assert Revision.objects.get().status == "submitted"


def test_the_diff_is_word_by_word_against_the_approved_revision(
    client, reviewer, second_reviewer, author, sample_article
):
    first = sample_article.latest_revision
    client.force_login(reviewer)
    new_topic_page = client.get(reverse("editorial:revision", args=[first.pk]))
    assert "New topic: no approved revision to compare with" in new_topic_page.content.decode()
    approve(first, second_reviewer)
    draft = editing.save_draft(
        {
            **first.content(),
            "patient_markdown": first.patient_markdown.replace("Keep moving", "Keep walking"),
        },
        by=author,
        base_number=1,
        article=sample_article,
    )

    html = client.get(reverse("editorial:revision", args=[draft.pk])).content.decode()

    assert "against the approved revision 1" in html
    assert '<del><span class="visually-hidden">[removed: </span>moving' in html
    assert '<ins><span class="visually-hidden">[added: </span>walking' in html


def test_only_one_revision_of_a_topic_is_in_review_at_a_time(sample_article, authored):
    Revision.objects.filter(pk=sample_article.revisions.get(number=1).pk).update(status="under_review")

    with pytest.raises(IntegrityError):
        Revision.objects.filter(pk=authored.pk).update(status="under_review")


def test_a_new_edit_never_inherits_an_approval(sample_article, reviewer, author):
    approved = approve(sample_article.latest_revision, reviewer)

    draft = editing.save_draft(approved.content(), by=author, base_number=1, article=sample_article)

    assert (draft.status, draft.approved_by, draft.approved_at) == ("draft", None, None)
    sample_article.refresh_from_db()
    assert sample_article.published_revision == approved
