"""Reading level of rendered text, scored honestly on its prose only.

Left out: headings that are labels rather than sentences, citation numbers, code,
tables and web addresses. Each list item counts as a sentence, as readability formulas
are applied to patient material (a bulleted fragment is read as a unit, not as one long
sentence with the items before it); the first item continues the line that introduced it.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import textstat

# The highest US school grade patient text may need (AMA and NIH advice: 6 to 8).
PATIENT_GRADE_LIMIT = 8

BLOCK_TAGS = {"p", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "table"}
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
SKIPPED_TAGS = {"sup", "code", "pre", "table"}
LIST_TAGS = {"ul", "ol"}
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
URL_RE = re.compile(r"\b(?:https?://|www\.)\S+")
# Left behind where a citation stood: "tired [1]." reads "tired ."
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")


class ProseExtractor(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pieces = []
        self.current = []
        self.skipping = 0
        self.in_heading = False
        self.in_definition = False

    def flush(self, in_list_item=False):
        text = URL_RE.sub("", "".join(self.current))
        text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))
        self.current = []
        if not text:
            return
        if self.in_heading:
            if SENTENCE_END.search(text):  # "Do you need a scan?" is a sentence
                self.pieces.append(text)
        elif in_list_item and not SENTENCE_END.search(text):
            self.pieces.append(text.rstrip(",;") + ".")
        else:
            self.pieces.append(text)

    def end_sentence(self):
        """A list of fragments ends its sentence; so does a paragraph without a full stop."""
        if self.pieces and not SENTENCE_END.search(self.pieces[-1]):
            self.pieces[-1] = self.pieces[-1].rstrip(",;:") + "."

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS or tag in LIST_TAGS:
            self.flush(in_list_item=tag in {"ul", "ol"})
        if tag == "p":
            self.end_sentence_unless_lead_in()
        self.in_heading = tag in HEADING_TAGS or self.in_heading
        # The glossary's definitions are help beside the text, not the text itself.
        if tag == "span" and ("class", "glossary-definition") in attrs:
            self.in_definition = True
            self.skipping += 1
        if tag in SKIPPED_TAGS:
            self.skipping += 1

    def end_sentence_unless_lead_in(self):
        if self.pieces and not self.pieces[-1].endswith(":"):
            self.end_sentence()

    def handle_endtag(self, tag):
        if tag == "span" and self.in_definition:
            self.in_definition = False
            self.skipping = max(0, self.skipping - 1)
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        if tag == "li":
            self.flush(in_list_item=True)
        elif tag in BLOCK_TAGS:
            self.flush()
            if tag in HEADING_TAGS:
                self.in_heading = False
            elif tag != "table":
                self.end_sentence_unless_lead_in()
        if tag in LIST_TAGS:
            self.end_sentence()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def prose_from_html(html):
    extractor = ProseExtractor()
    extractor.feed(html)
    extractor.close()
    extractor.flush()
    extractor.end_sentence()
    return " ".join(extractor.pieces)


@dataclass(frozen=True)
class Readability:
    flesch_kincaid_grade: float
    smog: float
    reading_ease: float


def readability(html):
    """Flesch–Kincaid grade, SMOG grade and Flesch Reading Ease; None without prose."""
    prose = prose_from_html(html)
    if not prose:
        return None
    return Readability(
        flesch_kincaid_grade=round(textstat.flesch_kincaid_grade(prose), 1),
        smog=round(textstat.smog_index(prose), 1),
        reading_ease=round(textstat.flesch_reading_ease(prose), 1),
    )
