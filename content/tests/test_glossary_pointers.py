"""The glossary keeps two pointers, like a topic: readers see the published revision,
editors work on the latest one."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from conftest import approve
from content.importer import import_topics
from content.models import GlossaryRevision, SiteGlossary, readable_glossary_revision
from content.workflow import transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_glossary(articles_dir):
    import_topics(articles_dir, glossary_file=settings.CONTENT_GLOSSARY_FILE)
    return GlossaryRevision.objects.get()


@pytest.fixture
def changed_glossary_file(tmp_path):
    changed = tmp_path / "glossary.toml"
    text = settings.CONTENT_GLOSSARY_FILE.read_text()
    changed.write_text(text.replace('term = "scapula"', 'term = "scapula-unreviewed"', 1))
    return changed


def test_a_new_glossary_revision_is_the_latest_and_not_yet_published(first_glossary):
    glossary = SiteGlossary.load()

    assert glossary.latest_revision == first_glossary
    assert glossary.published_revision is None


def test_approval_publishes_and_readers_see_the_published_revision(
    first_glossary, reviewer, articles_dir, changed_glossary_file
):
    approve(first_glossary, reviewer)
    import_topics(articles_dir, glossary_file=changed_glossary_file)

    glossary = SiteGlossary.load()
    assert glossary.published_revision == first_glossary
    assert glossary.latest_revision.number == 2
    assert readable_glossary_revision() == first_glossary


def test_readers_see_nothing_unpublished_while_pending_content_is_hidden(client, first_glossary):
    with override_settings(PORTAL_SHOW_PENDING=False):
        assert readable_glossary_revision() is None
        assert "No glossary has been published yet." in client.get(reverse("glossary")).content.decode()


def test_unpublishing_the_glossary_withdraws_it_from_readers(first_glossary, reviewer, editor):
    approved = approve(first_glossary, reviewer)

    transition(approved, GlossaryRevision.Status.UNPUBLISHED, by=editor, comment="A definition is wrong.")

    assert SiteGlossary.load().published_revision is None
    with override_settings(PORTAL_SHOW_PENDING=False):
        assert readable_glossary_revision() is None
