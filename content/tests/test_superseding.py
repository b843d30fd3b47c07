"""Only the newest waiting revision of a topic is reviewed: submitting a newer one
supersedes the older ones, so two reviews never collide and readers never go back."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from conftest import approve
from content import editing
from content.importer import import_topics
from content.models import GlossaryRevision, Revision
from content.workflow import TransitionRefused, transition

pytestmark = pytest.mark.django_db
Status = Revision.Status


def move(client, revision, to_status, comment=""):
    response = client.post(
        reverse("editorial:revision-move", args=[revision.pk]), {"to_status": to_status, "comment": comment}
    )
    return client.get(response["Location"]).content.decode()


def new_draft(article, by, summary):
    """A draft on top of the topic's newest revision, with a different summary."""
    latest = article.revisions.order_by("-number").first()
    content = {**latest.content(), "summary": summary}
    return editing.save_draft(content, by=by, base_number=latest.number, article=article)


@pytest.fixture
def waiting_pair(sample_article, author):
    """Revision 1 (the import) waiting for review, then revision 2 submitted by the author."""
    newer = transition(new_draft(sample_article, author, "Ann's newer summary."), Status.SUBMITTED, by=author)
    return sample_article.revisions.get(number=1), newer


def test_submitting_a_newer_revision_supersedes_the_older_one_waiting(waiting_pair, author):
    older, newer = waiting_pair

    older.refresh_from_db()
    assert (older.status, newer.status) == ("superseded", "submitted")
    record = older.status_changes.last()
    assert (record.from_status, record.to_status, record.changed_by) == ("submitted", "superseded", author)
    assert (record.action, record.comment) == ("content.revision.supersede", "Revision 2 was submitted.")


def test_the_queue_offers_only_the_newest_waiting_revision(client, reviewer, waiting_pair):
    older, newer = waiting_pair
    client.force_login(reviewer)

    html = client.get(reverse("editorial:queue")).content.decode()

    assert f'href="{reverse("editorial:revision", args=[newer.pk])}"' in html
    assert f'href="{reverse("editorial:revision", args=[older.pk])}"' not in html


def test_a_superseded_revision_shows_no_review_buttons_and_says_why(client, reviewer, waiting_pair):
    older, _ = waiting_pair
    client.force_login(reviewer)

    html = client.get(reverse("editorial:revision", args=[older.pk])).content.decode()

    assert "Start review</button>" not in html
    assert "A newer revision of this topic was submitted while this one waited" in html


def test_two_reviewers_starting_on_both_waiting_revisions_get_one_review_and_one_refusal(
    client, reviewer, second_reviewer, waiting_pair
):
    older, newer = waiting_pair
    client.force_login(reviewer)
    move(client, newer, "under_review")
    client.force_login(second_reviewer)

    page = move(client, older, "under_review")

    assert "This revision is superseded; it cannot be moved to under review." in page
    assert list(Revision.objects.filter(status="under_review")) == [newer]


def test_an_older_revision_in_review_cannot_be_approved_after_a_newer_one(
    client, sample_article, author, reviewer, second_reviewer
):
    older = transition(sample_article.latest_revision, Status.UNDER_REVIEW, by=reviewer)
    newer = transition(new_draft(sample_article, author, "Ann's newer summary."), Status.SUBMITTED, by=author)
    approve(newer, second_reviewer)
    client.force_login(reviewer)

    page = move(client, older, "approved", comment="Checked.")

    assert "This revision is superseded; it cannot be moved to approved." in page
    sample_article.refresh_from_db()
    assert sample_article.published_revision == newer


def test_an_older_draft_cannot_be_submitted_once_a_newer_revision_has_been(
    client, sample_article, author, editor
):
    older_draft = new_draft(sample_article, author, "Ann's draft.")
    newer = transition(new_draft(sample_article, editor, "Eve's draft."), Status.SUBMITTED, by=editor)
    client.force_login(author)

    html = client.get(reverse("editorial:revision", args=[older_draft.pk])).content.decode()
    page = move(client, older_draft, "submitted")

    assert "Submit for review</button>" not in html
    assert f"Revision {newer.number} is newer and is submitted; only the newest revision" in page
    older_draft.refresh_from_db()
    assert older_draft.status == "draft"


def test_two_revisions_left_waiting_before_superseding_existed_only_the_newest_is_reviewed(
    sample_article, author, reviewer
):
    newer = transition(new_draft(sample_article, author, "Ann's newer summary."), Status.SUBMITTED, by=author)
    older = sample_article.revisions.get(number=1)
    Revision.objects.filter(pk=older.pk).update(status="submitted")  # as an old database may hold them

    with pytest.raises(TransitionRefused, match="Revision 2 is newer and is submitted"):
        transition(older, Status.UNDER_REVIEW, by=reviewer)
    assert transition(newer, Status.UNDER_REVIEW, by=reviewer).status == "under_review"


def test_the_migration_supersedes_revisions_left_waiting_behind_a_newer_one(sample_article, author):
    newer = transition(new_draft(sample_article, author, "Ann's newer summary."), Status.SUBMITTED, by=author)
    older = sample_article.revisions.get(number=1)
    Revision.objects.filter(pk=older.pk).update(status="under_review")
    migration = importlib.import_module("content.migrations.0009_supersede_older_waiting_revisions")

    migration.supersede_older_waiting(apps, schema_editor=None)

    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.status, newer.status) == ("superseded", "submitted")
    assert older.status_changes.last().from_status == "under_review"


def test_a_newer_glossary_import_supersedes_the_one_waiting(tmp_path, articles_dir):
    import_topics(articles_dir, glossary_file=settings.CONTENT_GLOSSARY_FILE)
    changed = tmp_path / "glossary.toml"
    changed.write_text(
        settings.CONTENT_GLOSSARY_FILE.read_text().replace('term = "scapula"', 'term = "blade"', 1)
    )

    import_topics(articles_dir, glossary_file=changed)

    assert list(GlossaryRevision.objects.values_list("number", "status")) == [
        (2, "submitted"),
        (1, "superseded"),
    ]
