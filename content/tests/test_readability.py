from content.markdown import render_markdown
from content.readability import flesch_kincaid_grade, prose_from_html


def test_prose_leaves_out_headings_citation_numbers_and_code():
    html = render_markdown("## Causes\n\nMuscles get tired [@a].\n\nRun `make test` now.", {"a"}).html

    assert prose_from_html(html) == "Muscles get tired. Run now."


def test_each_list_item_ends_a_sentence():
    html = render_markdown("- Stay active\n- Use heat\n- Ask for help.", set()).html

    assert prose_from_html(html) == "Stay active. Use heat. Ask for help."


def test_plain_words_score_a_lower_grade_than_technical_prose():
    plain = render_markdown("Your back hurts. Keep moving. Use a warm pad. It gets better.", set()).html
    technical = render_markdown(
        "Interscapular pain necessitates comprehensive evaluation of thoracic myelopathy, "
        "malignancy, and cardiopulmonary pathology before conservative management is initiated.",
        set(),
    ).html

    assert flesch_kincaid_grade(plain) < 4 < 14 < flesch_kincaid_grade(technical)


def test_text_without_prose_has_no_grade():
    assert flesch_kincaid_grade(render_markdown("## Only a heading", set()).html) is None
