import pytest
from django.conf import settings
from django.core.management import call_command

from content.markdown import render_markdown
from content.readability import prose_from_html, readability


def prose(markdown_text, keys=("a",)):
    return prose_from_html(render_markdown(markdown_text, keys).html)


def test_prose_leaves_out_label_headings_citation_numbers_code_and_web_addresses():
    text = "## Causes\n\nMuscles get tired [@a].\n\nRun `make test` now, or see https://example.org/x today."

    assert prose(text) == "Muscles get tired. Run now, or see today."


def test_a_heading_that_is_a_sentence_counts():
    assert prose("## Do you need a scan?\n\nUsually not.") == "Do you need a scan? Usually not."


def test_each_list_item_counts_as_a_sentence():
    text = "Get help now if you have:\n\n- chest pain\n- trouble breathing\n\nThen rest."

    assert prose(text) == "Get help now if you have: chest pain. trouble breathing. Then rest."


def test_list_items_that_are_sentences_count_as_sentences():
    assert prose("- Keep moving.\n- Use heat.") == "Keep moving. Use heat."


def test_tables_are_not_prose():
    assert prose("Before.\n\n| a | b |\n|---|---|\n| one | two |\n\nAfter.") == "Before. After."


def test_plain_words_score_lower_than_technical_prose_on_every_measure():
    plain = readability(render_markdown("Your back hurts. Keep moving. Use a warm pad. It gets better.").html)
    technical = readability(
        render_markdown(
            "Interscapular pain necessitates comprehensive evaluation of thoracic myelopathy, "
            "malignancy, and cardiopulmonary pathology before conservative management is initiated."
        ).html
    )

    assert plain.flesch_kincaid_grade < 4 < 14 < technical.flesch_kincaid_grade
    assert plain.smog < technical.smog
    assert plain.reading_ease > 80 > 20 > technical.reading_ease


def test_text_without_prose_has_no_scores():
    assert readability(render_markdown("## Only a heading").html) is None


@pytest.mark.django_db
def test_every_shipped_patient_text_is_grade_8_or_lower_on_fk_and_9_on_smog(capsys):
    call_command("import_content", str(settings.CONTENT_ARTICLES_DIR))
    capsys.readouterr()

    call_command("readability")

    rows = [line.split() for line in capsys.readouterr().out.splitlines()[2:]]
    patient_rows = [row for row in rows if row[2] == "patient"]
    assert patient_rows
    for slug, _, _, grade, smog, _ in patient_rows:
        assert float(grade) <= 8, slug
        assert float(smog) <= 9, slug
    assert all(len(row) == 6 for row in rows)  # no "above grade 8" warnings
