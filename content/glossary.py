"""The glossary: plain definitions of medical words, marked up where patients meet them."""

import re
from dataclasses import dataclass

import textstat
from django.conf import settings
from django.utils.html import escape
from django.utils.text import slugify

from content.tomlfile import Schema, TomlFile

# Inside these, a word is already a link, a label or code: it is left alone.
UNMARKED_TAGS = {"a", "h2", "h3", "h4", "h5", "h6", "sup", "code", "pre", "dfn", "th"}
# Greek and Latin endings that make a word medical: bursitis, neuropathy, scapulectomy…
MEDICAL_WORD_PARTS = re.compile(
    r"(itis|osis|esis|opathy|ectomy|otomy|algia|emia|ology|ologist|plasty|scopy)$"
)
TAG_RE = re.compile(r"(<[^>]+>)")
TAG_NAME_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


@dataclass(frozen=True)
class Term:
    term: str
    synonyms: tuple
    definition: str
    source: str
    url: str | None = None

    @property
    def anchor(self):
        return f"term-{slugify(self.term)}"

    @property
    def forms(self):
        return (self.term, *self.synonyms)


# The format of glossary.toml. Declared here, not in content.schema: that imports
# content.models, which imports this module.
class TermEntry(Schema):
    term: str
    synonyms: list[str]
    definition: str
    source: str
    url: str | None = None


class GlossaryFile(Schema):
    terms: list[TermEntry] = []


def read_glossary(path):
    """Read and check glossary.toml. Raises ContentError naming the file, line and term."""
    file = TomlFile.read(path, {"terms": ("term", "term")})
    terms, seen = [], {}
    for index, entry in enumerate(file.validate(GlossaryFile).terms):
        term = Term(entry.term, tuple(entry.synonyms), entry.definition, entry.source, entry.url)
        for form in term.forms:
            if form.lower() in seen:
                raise file.error(("terms", index), f"'{form}' is already listed under '{seen[form.lower()]}'")
            seen[form.lower()] = term.term
        terms.append(term)
    return sorted(terms, key=lambda term: term.term.lower())


def shipped_glossary():
    """The glossary file in the repository, checked (at start-up and on import)."""
    return read_glossary(settings.CONTENT_GLOSSARY_FILE)


def term_as_dict(term):
    entry = {
        "term": term.term,
        "synonyms": list(term.synonyms),
        "definition": term.definition,
        "source": term.source,
    }
    if term.url:
        entry["url"] = term.url
    return entry


def term_from_dict(entry):
    return Term(
        entry["term"], tuple(entry["synonyms"]), entry["definition"], entry["source"], entry.get("url")
    )


class Glossary:
    """A set of terms, ready to mark up text: one regex for every form of every term."""

    def __init__(self, terms):
        self.terms = sorted(terms, key=lambda term: term.term.lower())
        self.by_form = {form.lower(): term for term in self.terms for form in term.forms}
        # Longest first, so "spinal cord" wins over "spinal".
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = (
            re.compile(r"\b(" + "|".join(re.escape(form) for form in forms) + r")\b", re.I) if forms else None
        )

    def mark_terms(self, html):
        """Mark the first use of each term in sanitised HTML with its definition.

        The word links to its glossary entry and is described by the definition, which
        shows on hover and keyboard focus and which screen readers announce.
        """
        if self.pattern is None:
            return html
        marked = set()
        skipping = 0
        pieces = TAG_RE.split(html)
        for index, piece in enumerate(pieces):
            tag = TAG_NAME_RE.match(piece)
            if tag:
                if tag.group(2).lower() in UNMARKED_TAGS and not piece.endswith("/>"):
                    skipping += -1 if tag.group(1) else 1
                continue
            if skipping or not piece.strip():
                continue
            pieces[index] = self.pattern.sub(lambda match: self.mark(match, marked), piece)
        return "".join(pieces)

    def mark(self, match, marked):
        term = self.by_form[match.group(0).lower()]
        if term.term in marked:
            return match.group(0)
        marked.add(term.term)
        definition_id = f"definition-{term.anchor}"
        return (
            f'<a class="glossary-term" href="/glossary/#{term.anchor}" aria-describedby="{definition_id}">'
            f"<dfn>{match.group(0)}</dfn></a>"
            f'<span class="glossary-definition" id="{definition_id}" role="tooltip">'
            f"{escape(term.definition)}</span>"
        )

    def unexplained_words(self, prose):
        """Words that look medical (not on the Dale–Chall list of familiar words, and long
        or built from medical word parts) that the glossary does not explain."""
        known = {word for form in self.by_form for word in form.split()}
        words = {word.lower() for word in textstat.difficult_words_list(prose, syllable_threshold=3)}
        return sorted(
            word
            for word in words
            if word not in known and (textstat.syllable_count(word) >= 5 or MEDICAL_WORD_PARTS.search(word))
        )
