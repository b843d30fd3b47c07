import pytest
from django.core.management import CommandError, call_command

from conftest import SAMPLE_CLINICIAN, SAMPLE_METADATA, SAMPLE_PATIENT, write_sample_topic
from content.exporter import export_topics
from content.importer import import_topics
from content.models import Article, Revision, StatusChange
from content.sources import ContentError

pytestmark = pytest.mark.django_db


def test_a_new_topic_arrives_as_one_submitted_revision(articles_dir):
    import_topics(articles_dir)

    article = Article.objects.get(slug="sample-topic")
    revision = article.latest_revision
    assert revision.number == 1
    assert revision.status == Revision.Status.SUBMITTED
    assert revision.title == "What is a sample topic?"
    assert revision.patient_markdown == SAMPLE_PATIENT
    assert revision.patient_citations == ["study-2019", "guide-2020"]
    assert article.published_revision is None
    change = StatusChange.objects.get(revision=revision)
    assert (change.from_status, change.to_status, change.changed_by) == ("draft", "submitted", None)


def test_importing_unchanged_text_makes_no_new_revision(articles_dir):
    import_topics(articles_dir)
    results = import_topics(articles_dir)

    assert Revision.objects.count() == 1
    assert [str(result) for result in results] == ["sample-topic: unchanged"]


def test_changed_text_makes_a_new_revision_and_keeps_the_old(articles_dir):
    import_topics(articles_dir)
    (articles_dir / "sample-topic" / "patient.md").write_text(SAMPLE_PATIENT + "\nWalk every day.\n")

    import_topics(articles_dir)

    article = Article.objects.get(slug="sample-topic")
    assert list(article.revisions.values_list("number", flat=True)) == [2, 1]
    assert article.latest_revision.number == 2
    assert "Walk every day." in article.latest_revision.patient_html


BROKEN_TOPICS = {
    "unknown citation key": (
        {"patient": SAMPLE_PATIENT + "\nA new claim [@nobody-2001].\n"},
        "patient.md, line 7: unknown citation key 'nobody-2001'",
    ),
    "missing required field": (
        {"metadata": SAMPLE_METADATA.replace('summary = "A topic written for the tests."\n', "")},
        "article.toml, line 1: missing field 'summary'",
    ),
    "missing reference field": (
        {"metadata": SAMPLE_METADATA.replace("year = 2019\n", "")},
        "article.toml, line 15: reference 'study-2019': missing field 'year'",
    ),
    "malformed toml": (
        {"metadata": SAMPLE_METADATA.replace('tags = ["tests"]', 'tags = ["tests"')},
        "article.toml, line 6: malformed TOML: Unclosed array",
    ),
    "a year that is true": (
        {"metadata": SAMPLE_METADATA.replace("year = 2019", "year = true")},
        "article.toml, line 21: reference 'study-2019', 'year': must be a whole number",
    ),
    "an unknown field": (
        {"metadata": SAMPLE_METADATA.replace('tags = ["tests"]', 'tags = ["tests"]\ncolour = "red"')},
        "article.toml, line 5: unknown field 'colour'",
    ),
    "a tag that is not a string": (
        {"metadata": SAMPLE_METADATA.replace('tags = ["tests"]', 'tags = ["tests", 3]')},
        "article.toml, line 4: 'tags[1]': must be a string",
    ),
    "a slug that is not one": (
        {"metadata": SAMPLE_METADATA.replace('slug = "sample-topic"', 'slug = "Sample Topic"')},
        "article.toml, line 1: 'slug': must be lowercase words joined by hyphens",
    ),
    "a reference key used twice": (
        {"metadata": SAMPLE_METADATA.replace('key = "study-2019"', 'key = "guide-2020"')},
        "article.toml, line 16: reference 'guide-2020', 'key': the key is used twice",
    ),
    "missing audience file": ({"clinician": None}, "clinician.md: missing file"),
    "reference never cited": (
        {"clinician": "Advise activity [@study-2019].\n", "patient": "Keep moving [@study-2019].\n"},
        "article.toml, line 7: reference 'guide-2020' is never cited",
    ),
    "unknown reference kind": (
        {"metadata": SAMPLE_METADATA.replace('kind = "research"', 'kind = "blog"')},
        "article.toml, line 17: reference 'study-2019', 'kind': must be 'guideline', 'research' or 'review'",
    ),
    "a related topic that does not exist": (
        {
            "metadata": SAMPLE_METADATA.replace(
                'tags = ["tests"]', 'tags = ["tests"]\nrelated = ["knee-pain"]'
            )
        },
        "article.toml, line 5: 'knee-pain': no such topic",
    ),
    "a topic related to itself": (
        {
            "metadata": SAMPLE_METADATA.replace(
                'tags = ["tests"]', 'tags = ["tests"]\nrelated = ["sample-topic"]'
            )
        },
        "article.toml, line 5: 'sample-topic': a topic is not related to itself",
    ),
    "unsafe reference url": (
        {"metadata": SAMPLE_METADATA.replace("https://example.org/guide", "javascript:alert(1)")},
        "article.toml, line 13: reference 'guide-2020', 'url': must start with https:// or http://",
    ),
}


@pytest.mark.parametrize("files, message", BROKEN_TOPICS.values(), ids=BROKEN_TOPICS.keys())
def test_a_broken_topic_is_refused_with_its_file_and_line_and_nothing_is_written(tmp_path, files, message):
    root = tmp_path / "articles"
    # A valid topic sorts first: it must not be written either.
    write_sample_topic(
        root, folder="a-valid-topic", metadata=SAMPLE_METADATA.replace("sample-topic", "a-valid-topic")
    )
    write_sample_topic(
        root,
        metadata=files.get("metadata", SAMPLE_METADATA),
        patient=files.get("patient", SAMPLE_PATIENT),
        clinician=files.get("clinician", SAMPLE_CLINICIAN),
    )

    with pytest.raises(ContentError) as error:
        import_topics(root)

    assert message in str(error.value)
    assert str(root / "sample-topic") in str(error.value)
    assert (Article.objects.count(), Revision.objects.count(), StatusChange.objects.count()) == (0, 0, 0)


def test_a_duplicate_slug_names_both_files(articles_dir):
    write_sample_topic(articles_dir, folder="copy-of-sample")

    with pytest.raises(ContentError) as error:
        import_topics(articles_dir)

    assert f"{articles_dir / 'sample-topic' / 'article.toml'}, line 1: duplicate slug 'sample-topic'" in str(
        error.value
    )
    assert str(articles_dir / "copy-of-sample" / "article.toml") in str(error.value)
    assert Article.objects.count() == 0


def test_a_failed_update_keeps_the_previous_revisions(articles_dir):
    import_topics(articles_dir)
    (articles_dir / "sample-topic" / "clinician.md").write_text("Broken [@missing].\n")

    with pytest.raises(ContentError):
        import_topics(articles_dir)

    assert Revision.objects.count() == 1


def test_the_command_reports_each_topic(articles_dir, capsys):
    call_command("import_content", str(articles_dir))

    assert "sample-topic: new revision 1 (Submitted)" in capsys.readouterr().out


def test_the_command_fails_with_the_error_and_says_nothing_was_imported(articles_dir):
    (articles_dir / "sample-topic" / "patient.md").write_text("Claim [@missing].\n")

    with pytest.raises(
        CommandError, match=r"Nothing was imported\. .*patient.md, line 1: unknown citation key"
    ):
        call_command("import_content", str(articles_dir))


def test_related_topics_are_imported_with_the_revision_and_exported_back(articles_dir, tmp_path):
    write_sample_topic(
        articles_dir,
        folder="other-topic",
        metadata=SAMPLE_METADATA.replace("sample-topic", "other-topic").replace(
            'tags = ["tests"]', 'tags = ["tests"]\nrelated = [\n    "sample-topic",\n]'
        ),
    )

    import_topics(articles_dir)
    export_topics(tmp_path / "exported")

    assert Article.objects.get(slug="other-topic").latest_revision.related == ["sample-topic"]
    assert Article.objects.get(slug="sample-topic").latest_revision.related == []
    exported = (tmp_path / "exported" / "other-topic" / "article.toml").read_text(encoding="utf-8")
    assert 'related = [\n    "sample-topic",\n]' in exported
