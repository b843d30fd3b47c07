"""One spelling: American English in everything readers read (topics, glossary, self-check
rules, page templates and policy pages), with 911 as the emergency number. The questions a
section answers ("?: " lines) are the readers' own words and never shown, so any spelling goes.

British forms are found by breame's British–American word list; it does not know the
medical ae/oe spellings, so those are a short list of word parts here. Reference titles and
journal names are quoted as published and left out.
"""

import re
import tomllib
from pathlib import Path

import pytest
from breame.spelling import british_spelling_exists
from django.conf import settings

from content.markdown import QUESTION_LINE_RE

ROOT = Path(settings.BASE_DIR)
WORD_RE = re.compile(r"[A-Za-z]+")
# Word parts spelt with ae/oe in British medical English (anaemia, oesophagus, dyspnoea…).
MEDICAL_BRITISH_RE = re.compile(
    r"(ischaem|anaem|leukaem|septicaem|haem|oesophag|oedem|dyspnoe|orthopnoe|apnoe|diarrhoe|oestr|foet"
    r"|anaesth|paediatr|aetiol|orthopaed|gynaec|paraesthe|dysaesthe|caesar|faec)",
    re.IGNORECASE,
)
# Words for things that American English names differently.
BRITISH_WORDS = {"physiotherapy", "physiotherapist", "physiotherapists", "gp", "a&e", "999", "paracetamol"}
ALLOWED = {"paracetamol"}  # named beside acetaminophen, for readers who know it by that name


def british_words(text):
    found = set()
    for word in WORD_RE.findall(text):
        lower = word.lower()
        british = british_spelling_exists(lower) or MEDICAL_BRITISH_RE.search(lower)
        if british or lower in BRITISH_WORDS - ALLOWED:
            found.add(word)
    return found | {number for number in ("999", "A&E") if number in text}


def readers_texts():
    """(where, text) for every text readers read that this project wrote."""
    for topic in sorted((ROOT / "content" / "articles").iterdir()):
        for name in ("patient.md", "clinician.md"):
            # Not the questions a section answers: never shown, they are in readers' own words,
            # British ("my GP", "a slipped disc") as well as American.
            lines = (topic / name).read_text(encoding="utf-8").splitlines()
            yield str(topic / name), "\n".join(line for line in lines if not QUESTION_LINE_RE.match(line))
        metadata = tomllib.loads((topic / "article.toml").read_text(encoding="utf-8"))
        yield (
            str(topic / "article.toml"),
            " ".join(str(value) for key, value in metadata.items() if key not in ("references",)),
        )
    glossary = tomllib.loads((ROOT / "content" / "glossary.toml").read_text(encoding="utf-8"))
    yield (
        "content/glossary.toml",
        " ".join(
            " ".join([term["term"], *term.get("synonyms", []), term["definition"]])
            for term in glossary["terms"]
        ),
    )
    for path in sorted((ROOT / "guideline" / "rules").glob("*.toml")):
        yield str(path), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "portal" / "pages").glob("*.md")):
        yield str(path), path.read_text(encoding="utf-8")
    for folder in ("templates", "portal/templates", "content/templates"):
        for path in sorted((ROOT / folder).rglob("*.html")):
            yield str(path), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("where, text", list(readers_texts()), ids=lambda value: str(value)[-60:])
def test_readers_read_american_english(where, text):
    assert not british_words(text), where


def test_the_checker_finds_british_spellings_and_words():
    text = "Faecal incontinence, anaemia and oesophagitis; see your GP or physiotherapist; call 999."

    assert british_words(text) == {"Faecal", "anaemia", "oesophagitis", "GP", "physiotherapist", "999"}
    assert not british_words("Fecal incontinence, anemia and esophagitis; call 911.")
