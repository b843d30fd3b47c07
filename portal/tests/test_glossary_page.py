import re

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG

pytestmark = pytest.mark.django_db


def test_the_glossary_page_lists_every_term_with_an_anchor(client, shipped_article):
    html = client.get(reverse("glossary")).content.decode()

    assert "<h1>Glossary of medical words</h1>" in html
    assert '<div class="glossary-entry" id="term-scapula">' in html
    assert len(re.findall(r'<div class="glossary-entry" id="term-', html)) >= 40


def test_patients_meet_explained_words_and_clinicians_plain_text(client, shipped_article):
    patient = client.get(reverse("article", args=[SHIPPED_SLUG]), {"for": "patient"}).content.decode()
    clinician = client.get(reverse("article", args=[SHIPPED_SLUG]), {"for": "clinician"}).content.decode()
    glossary = client.get(reverse("glossary")).content.decode()

    anchors = re.findall(r'class="glossary-term" href="/glossary/#(term-[a-z0-9-]+)"', patient)
    assert len(anchors) >= 10
    assert len(anchors) == len(set(anchors))  # each term once: its first use
    assert all(f'id="{anchor}"' in glossary for anchor in anchors)
    assert 'class="glossary-term"' not in clinician


def test_the_glossary_has_an_a_to_z_of_every_letter_linking_only_those_with_words(client, shipped_article):
    html = client.get(reverse("glossary")).content.decode()

    index = html[html.index('<nav class="a-to-z"') : html.index("</nav>", html.index('<nav class="a-to-z"'))]
    assert len(re.findall(r"<li>", index)) == 26
    assert '<a href="#letter-s">S</a>' in index
    assert '<h2 id="letter-s">S</h2>' in html
    assert '<span class="letter-empty">Z<span class="visually-hidden">: no words</span></span>' in index
    assert (
        'href="#term-scapula"><span aria-hidden="true">#</span><span class="visually-hidden">Link to' in html
    )


def test_the_glossary_filter_works_without_javascript(client, shipped_article):
    html = client.get(reverse("glossary"), {"q": "scap"}).content.decode()

    assert 'id="term-scapula"' in html
    assert 'id="term-myelopathy"' not in html
    assert re.search(r"\d+ words? match “scap”", html)
    assert 'value="scap"' in html  # what was typed is kept
