import re

import pytest
from django.conf import settings
from django.urls import reverse

from content.errors import ContentError
from content.glossary import Glossary, read_glossary, shipped_glossary
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
        for term in shipped_glossary()
        if any(re.search(rf"\b{re.escape(f.lower())}\b", texts) for f in term.forms)
    ]

    assert len(used) >= 40
    assert all(term.definition and term.source for term in shipped_glossary())


def mark_terms(html):
    return Glossary(shipped_glossary()).mark_terms(html)


def unexplained_words(prose):
    return Glossary(shipped_glossary()).unexplained_words(prose)


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
            "line 6: term 'scapula': 'scapula' is already listed under 'scapula'",
        ),
        (
            GOOD_ENTRY.replace('definition = "The shoulder blade."\n', ""),
            "line 1: term 'scapula': missing field 'definition'",
        ),
        (GOOD_ENTRY + 'colour = "red"\n', "line 6: term 'scapula': unknown field 'colour'"),
        (
            GOOD_ENTRY + GOOD_ENTRY.replace("synonyms = []", 'synonyms = "blade"'),
            "line 8: term 'scapula', 'synonyms': must be a list",
        ),
        (GOOD_ENTRY.replace('term = "scapula"', "term = 1"), "line 2: 'terms[0].term': must be a string"),
        ('terms = "none"\n', "line 1: 'terms': must be a list"),
        ("[[terms]\n", "line 1: malformed TOML"),
    ],
)
def test_a_broken_glossary_is_refused_with_its_line(tmp_path, text, message):
    path = tmp_path / "glossary.toml"
    path.write_text(text)

    with pytest.raises(ContentError, match=re.escape(message)):
        read_glossary(path)


# The glossary is reviewed like a topic.


@pytest.fixture
def imported(db, articles_dir):
    from content.importer import import_topics

    import_topics(articles_dir, glossary_file=settings.CONTENT_GLOSSARY_FILE)
    from content.models import GlossaryRevision

    return GlossaryRevision.objects.get()


def test_the_glossary_arrives_submitted_and_shows_with_a_caution(client, imported):
    html = client.get(reverse("glossary")).content.decode()

    assert imported.status == "submitted"
    assert "Educational only, pending medical review." in html
    assert 'id="term-scapula"' in html


def test_importing_the_same_glossary_again_changes_nothing(imported, articles_dir):
    from content.importer import import_topics
    from content.models import GlossaryRevision

    results = import_topics(articles_dir, glossary_file=settings.CONTENT_GLOSSARY_FILE)

    assert GlossaryRevision.objects.count() == 1
    assert "glossary: unchanged" in [str(result) for result in results]


def test_the_board_approves_the_glossary_and_readers_see_who_did(
    client, imported, reviewer, django_capture_on_commit_callbacks
):
    client.force_login(reviewer)
    page = client.get(reverse("editorial:glossary")).content.decode()
    assert ">Start review</button>" in page
    assert "a first glossary, every term is new" in page

    move = reverse("editorial:glossary-move", args=[imported.pk])
    client.post(move, {"to_status": "under_review"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(move, {"to_status": "approved", "comment": "Definitions checked."})
    client.logout()

    html = client.get(reverse("glossary")).content.decode()
    assert "Reviewed by the Medical Advisory Board: <strong>Rita Reviewer</strong>" in html
    assert "pending medical review" not in html


def test_a_newer_pending_glossary_does_not_replace_the_approved_one(
    client, imported, reviewer, tmp_path, articles_dir
):
    from conftest import approve
    from content.importer import import_topics

    approve(imported, reviewer)
    changed = tmp_path / "glossary.toml"
    changed.write_text(
        settings.CONTENT_GLOSSARY_FILE.read_text().replace("The shoulder blade", "A changed blade")
    )
    text = settings.CONTENT_GLOSSARY_FILE.read_text()
    changed.write_text(text.replace('term = "scapula"', 'term = "scapula-unreviewed"', 1))
    import_topics(articles_dir, glossary_file=changed)

    html = client.get(reverse("glossary")).content.decode()
    assert 'id="term-scapula"' in html
    assert "scapula-unreviewed" not in html


def test_glossary_history_cannot_be_rewritten(imported):
    from content.models import AppendOnly

    change = imported.status_changes.get()
    with pytest.raises(AppendOnly):
        change.delete()


def test_only_the_board_reviews_the_glossary(client, imported, author):
    client.force_login(author)

    response = client.post(
        reverse("editorial:glossary-move", args=[imported.pk]), {"to_status": "under_review"}
    )

    assert response.status_code == 403
    imported.refresh_from_db()
    assert imported.status == "submitted"
