from content.markdown import render_markdown
from search.passages import passages_from_html


def passages_of(markdown):
    return passages_from_html(render_markdown(markdown).html)


def test_a_section_with_no_text_of_its_own_is_answered_by_its_subsections():
    passages = passages_of(
        "## Causes\n?: What causes it?\n\n"
        "### Muscle strain\n?: Can lifting strain a muscle?\n\nLifting can strain a muscle.\n\n"
        "### Shingles\n\nShingles gives a band of pain.\n\n"
        "## Treatment\n\nKeep moving.\n"
    )

    questions = {passage.heading: passage.questions.splitlines() for passage in passages}
    assert questions == {
        "Muscle strain": ["Can lifting strain a muscle?", "What causes it?"],
        "Shingles": ["What causes it?"],
        "Treatment": [],
    }


def test_a_section_with_text_of_its_own_keeps_its_questions_to_itself():
    passages = passages_of(
        "## Warning signs\n?: When should I worry?\n\nSome signs need help.\n\n"
        "### Emergency\n?: Is it my heart?\n\nCall an ambulance for chest pain.\n"
    )

    questions = {passage.heading: passage.questions.splitlines() for passage in passages}
    assert questions == {"Warning signs": ["When should I worry?"], "Emergency": ["Is it my heart?"]}
