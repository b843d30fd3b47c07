import filecmp

import pytest
from django.conf import settings
from django.core.management import call_command

from content.exporter import export_topics
from content.importer import import_topics
from content.models import Revision

pytestmark = pytest.mark.django_db


def same_tree(left, right):
    comparison = filecmp.dircmp(left, right)
    if comparison.left_only or comparison.right_only:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    return (
        not mismatch
        and not errors
        and all(same_tree(left / name, right / name) for name in comparison.common_dirs)
    )


def test_import_export_import_is_lossless(tmp_path):
    import_topics(settings.CONTENT_ARTICLES_DIR)
    revisions_before = Revision.objects.count()

    export_topics(tmp_path / "first")
    import_topics(tmp_path / "first")
    export_topics(tmp_path / "second")

    assert Revision.objects.count() == revisions_before
    assert same_tree(tmp_path / "first", tmp_path / "second")


def test_exporting_the_shipped_topics_gives_back_the_repository_files(tmp_path):
    import_topics(settings.CONTENT_ARTICLES_DIR)

    call_command("export_content", str(tmp_path))

    assert same_tree(settings.CONTENT_ARTICLES_DIR, tmp_path)


def test_export_writes_the_newest_revision(articles_dir, tmp_path):
    import_topics(articles_dir)
    (articles_dir / "sample-topic" / "clinician.md").write_text("Newer text [@guide-2020; @study-2019].\n")
    import_topics(articles_dir)

    export_topics(tmp_path)

    assert (
        tmp_path / "sample-topic" / "clinician.md"
    ).read_text() == "Newer text [@guide-2020; @study-2019].\n"


def test_export_leaves_drafts_and_returned_revisions_in_the_database(sample_article, author, tmp_path):
    from content import editing

    editing.save_draft(
        {**sample_article.latest_revision.content(), "summary": "An unfinished draft."},
        by=author,
        base_number=1,
        article=sample_article,
    )

    export_topics(tmp_path / "exported")
    import_topics(tmp_path / "exported")

    assert "An unfinished draft." not in (tmp_path / "exported" / "sample-topic" / "article.toml").read_text()
    assert Revision.objects.count() == 2  # the exported text matched: no new revision
