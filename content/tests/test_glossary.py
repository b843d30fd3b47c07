import re

import pytest
from django.conf import settings

from content.errors import ContentError
from content.glossary import glossary, mark_terms, read_glossary, unexplained_words
from content.markdown import render_markdown
from content.readability import readability
from content.sources import read_topics


def test_the_shipped_glossary_explains_at_least_40_words_the_topics_use():
    texts = " ".join(
        topic.patient_markdown + topic.clinician_markdown
        for topic in read_topics(settings.CONTENT_ARTICLES_DIR)
    ).lower()

    used = [
        term
        for term in glossary()
        if any(re.search(rf"\b{re.escape(f.lower())}\b", texts) for f in term.forms)
    ]

    assert len(used) >= 40
    assert all(term.definition and term.source for term in glossary())


def test_only_the_first_use_of_a_term_is_marked():
    html = render_markdown("The scapula moves. The scapula glides.").html

    marked = mark_terms(html)

    assert marked.count('class="glossary-term"') == 1
    assert (
        '<a class="glossary-term" href="/glossary/#term-scapula" aria-describedby="definition-term-scapula">'
        in marked
    )
    assert '<span class="glossary-definition" id="definition-term-scapula" role="tooltip">' in marked


def test_headings_links_and_citations_are_left_alone():
    html = render_markdown(
        "## The scapula\n\nSee [the scapula page](/x/) [@a].\n\nYour scapula hurts.", {"a"}
    ).html

    marked = mark_terms(html)

    assert '<h2 id="the-scapula">The scapula</h2>' in marked
    assert '<a href="/x/" rel="noopener noreferrer">the scapula page</a>' in marked
    assert 'Your <a class="glossary-term"' in marked


def test_the_longest_term_wins():
    marked = mark_terms(render_markdown("Pressure on the spinal cord.").html)

    assert "<dfn>spinal cord</dfn>" in marked


def test_definitions_do_not_change_the_reading_level():
    html = render_markdown("The scapula and the thoracic spine can hurt. Rest a little.").html

    assert readability(mark_terms(html)) == readability(html)


def test_hard_words_the_glossary_lacks_are_reported_for_editors():
    assert unexplained_words("You may have costochondritis after an appendectomy. The scapula hurts.") == [
        "appendectomy",
        "costochondritis",
    ]


GOOD_ENTRY = (
    '[[terms]]\nterm = "scapula"\nsynonyms = []\ndefinition = "The shoulder blade."\nsource = "MedlinePlus"\n'
)


@pytest.mark.parametrize(
    "text, message",
    [
        (
            GOOD_ENTRY + GOOD_ENTRY.replace("synonyms = []", 'synonyms = ["blade"]'),
            "line 6: 'scapula' is already listed",
        ),
        (GOOD_ENTRY.replace('definition = "The shoulder blade."\n', ""), "line 1: term 1 needs 'definition'"),
        (GOOD_ENTRY + 'colour = "red"\n', "line 1: term 'scapula' has an unknown field 'colour'"),
    ],
)
def test_a_broken_glossary_is_refused_with_its_line(tmp_path, text, message):
    path = tmp_path / "glossary.toml"
    path.write_text(text)

    with pytest.raises(ContentError, match=re.escape(message)):
        read_glossary(path)
