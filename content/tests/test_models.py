import pytest
from django.test import override_settings

from conftest import approve
from content.models import AppendOnly, Article, Revision, RevisionLocked, StatusChange

pytestmark = pytest.mark.django_db


def new_revision(article, **changes):
    latest = article.latest_revision
    revision = Revision.objects.create(
        article=article, number=latest.number + 1, **{**latest.content(), **changes}
    )
    Article.objects.filter(pk=article.pk).update(latest_revision=revision)
    return revision


def test_a_submitted_revision_cannot_be_edited(sample_article):
    revision = sample_article.latest_revision
    revision.patient_markdown = "Quietly changed after submission."

    with pytest.raises(RevisionLocked):
        revision.save()
    revision.refresh_from_db()
    assert "Quietly changed" not in revision.patient_markdown


def test_a_revision_loaded_in_part_cannot_be_saved(sample_article):
    revision = Revision.objects.only("title").get(pk=sample_article.latest_revision.pk)
    revision.title = "Quietly retitled"

    with pytest.raises(ValueError, match="loaded in part"):
        revision.save()
    assert Revision.objects.get(pk=revision.pk).title != "Quietly retitled"


def test_a_revision_loaded_in_part_then_completed_is_still_locked(sample_article):
    revision = Revision.objects.only("id").get(pk=sample_article.latest_revision.pk)
    for field in Revision._meta.concrete_fields:
        getattr(revision, field.attname)  # each loads on first use
    revision.patient_markdown = "Quietly changed after submission."

    with pytest.raises(RevisionLocked):
        revision.save()
    assert "Quietly changed" not in Revision.objects.get(pk=revision.pk).patient_markdown


def test_a_draft_can_be_edited_and_is_rendered_again(sample_article):
    draft = new_revision(sample_article)

    draft.patient_markdown = "## New section\n\nKeep moving [@guide-2020].\n"
    draft.save()

    draft.refresh_from_db()
    assert '<h2 id="new-section">New section</h2>' in draft.patient_html
    assert draft.patient_citations == ["guide-2020"]


def test_a_recorded_status_change_cannot_be_edited_or_deleted(sample_article):
    change = StatusChange.objects.get(revision=sample_article.latest_revision)

    change.comment = "rewritten history"
    with pytest.raises(AppendOnly):
        change.save()
    with pytest.raises(AppendOnly):
        change.delete()
    assert StatusChange.objects.get(pk=change.pk).comment == "Imported from sample-topic/"


def test_the_reference_list_follows_the_order_of_first_citation(sample_article):
    revision = sample_article.latest_revision

    patient = revision.reference_list("patient")
    clinician = revision.reference_list("clinician")

    assert [(r["number"], r["key"], r["kind_label"]) for r in patient] == [
        (1, "study-2019", "Research"),
        (2, "guide-2020", "Guideline"),
    ]
    assert [(r["number"], r["key"]) for r in clinician] == [(1, "guide-2020")]


def test_readers_see_the_approved_revision_not_a_newer_one(sample_article, reviewer):
    approved = approve(sample_article.latest_revision, reviewer)
    newer = new_revision(sample_article, summary="Not yet reviewed text.")
    from content.workflow import transition

    transition(newer, Revision.Status.SUBMITTED)

    article = Article.objects.readable().get(slug="sample-topic")
    assert article.readable_revision() == approved


def test_a_topic_pending_review_is_readable_only_while_pending_content_is_shown(sample_article):
    assert Article.objects.readable().get().readable_revision() == sample_article.latest_revision

    with override_settings(PORTAL_SHOW_PENDING=False):
        assert not Article.objects.readable().exists()
        assert sample_article.readable_revision() is None


def test_a_topic_with_only_a_draft_is_not_readable(db, author):
    article = Article.objects.create(slug="draft-only")
    Revision.objects.create(
        article=article, number=1, title="Draft?", summary="s", patient_markdown="p", clinician_markdown="c"
    )

    assert not Article.objects.readable().exists()
