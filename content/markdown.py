"""Markdown with numbered citations, rendered to sanitised HTML.

Citations are written `[@key]` or `[@key-a; @key-b]`. They are numbered in the
order each key is first cited, and link to `#ref-<number>` in the reference list.

Two markers tie a text to the topic's self-check: `{level:urgent}` in a `##` heading says
how urgently its section tells readers to act, and `{flag:fever}` in a list item names
the self-check flag the item describes. Each becomes an empty `<span data-level="…">` or
`<span data-flag="…">`, so tests can check that the texts and the self-check agree. A
section whose heading carries a level is also shown as a care card: a box with the
urgency in words and an icon (never colour alone), and a place at its end where the
reader's page puts the link to the topic's self-check.

Lines starting `?: ` right after a `##` or `###` heading are the questions its section answers, in
readers' words ("?: Do I need an X-ray?"). They are reviewed with the text but never shown:
they become an empty `<span data-questions="…">` in the heading, one question a line, for
the question matcher (search/passages.py).
"""

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

CITATION_PATTERN = r"\[(@[^\]\n]*)\]"
CITATION_RE = re.compile(CITATION_PATTERN)
CODE_SPAN_RE = re.compile(r"`[^`]*`")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
MARKER_PATTERN = r"\s*\{(flag|level):([a-z][a-z0-9_]*)\}"
QUESTION_LINE_RE = re.compile(r"^\?:\s*(\S.*)$")
SECTION_HEADING_RE = re.compile(r"^#{2,3}\s")
QUESTIONS_PATTERN = r"\s*\{questions:(\d+)\}"

ALLOWED_TAGS = {
    "div", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote",
    "ul", "ol", "li", "strong", "em", "code", "pre", "sup", "sub", "span", "a",
    "table", "thead", "tbody", "tr", "th", "td", "abbr", "dfn",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"data-flag", "data-level", "data-questions", "aria-hidden"},
    "abbr": {"title"},
    "ol": {"start"},
    **{heading: {"id"} for heading in ("h2", "h3", "h4", "h5", "h6")},
}
# The care cards' strengths, as NHS.uk has them: act now, today, or soon.
CARE_CARDS = {
    "emergency": ("!", "Emergency"),
    "urgent": ("▲", "Urgent"),
    "routine": ("●", "Soon"),
}
ALLOWED_CLASSES = {
    "sup": {"citation"},
    "span": {"visually-hidden", "care-card-label", "care-card-icon"},
    "div": {"care-card", *(f"care-card-{level}" for level in CARE_CARDS)},
    "p": {"care-card-self-check"},
}
# Links may point at web pages, mail addresses or places in the portal; never at
# javascript:, data: or anything else a browser would run.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class CitationError(ValueError):
    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    cited_keys: list  # in order of first citation, so key n-1 is reference n


def citations_by_line(text):
    """Yield (line number, key) for every citation, in reading order.

    Code is left out: Markdown shows `[@key]` in code as it is written.
    """
    in_fence = False
    for line_number, line in enumerate(text.splitlines(), start=1):
        if FENCE_RE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in CITATION_RE.finditer(CODE_SPAN_RE.sub("", line)):
            for key in split_citation(match.group(1), line_number):
                yield line_number, key


def split_citation(inner, line_number):
    keys = []
    for part in inner.split(";"):
        key = part.strip().removeprefix("@").strip()
        if not part.strip().startswith("@") or not KEY_RE.match(key):
            raise CitationError(
                line_number, f"malformed citation [{inner}]: write [@key] or [@key-a; @key-b]"
            )
        keys.append(key)
    return keys


def number_citations(text, known_keys):
    """Map each cited key to its number; refuse a key the reference list lacks."""
    numbers = {}
    for line_number, key in citations_by_line(text):
        if key not in known_keys:
            raise CitationError(line_number, f"unknown citation key '{key}'")
        numbers.setdefault(key, len(numbers) + 1)
    return numbers


class CitationProcessor(InlineProcessor):
    def __init__(self, pattern, numbers):
        super().__init__(pattern)
        self.numbers = numbers

    def handleMatch(self, match, data):
        sup = etree.Element("sup", {"class": "citation"})
        numbers = sorted({self.numbers[key] for key in split_citation(match.group(1), 0)})
        for position, number in enumerate(numbers):
            link = etree.SubElement(sup, "a", {"href": f"#ref-{number}"})
            hidden = etree.SubElement(link, "span", {"class": "visually-hidden"})
            hidden.text = "Reference "
            hidden.tail = str(number)
            if position < len(numbers) - 1:
                link.tail = ","
        return sup, match.start(0), match.end(0)


class MarkerProcessor(InlineProcessor):
    def handleMatch(self, match, data):
        kind, name = match.groups()
        return etree.Element("span", {f"data-{kind}": name}), match.start(0), match.end(0)


class SectionQuestionsPreprocessor(Preprocessor):
    """Take the `?: ` lines under a heading off the page, into a marker on the heading."""

    def run(self, lines):
        self.md.section_questions = []
        kept, heading_at, marked = [], None, False
        for line in lines:
            question = QUESTION_LINE_RE.match(line)
            if question and heading_at is not None:
                if not marked:
                    kept[heading_at] += f" {{questions:{len(self.md.section_questions)}}}"
                    self.md.section_questions.append([])
                    marked = True
                self.md.section_questions[-1].append(question.group(1).strip())
                continue
            heading_at, marked = (len(kept) if SECTION_HEADING_RE.match(line) else None), False
            kept.append(line)
        return kept


class QuestionsProcessor(InlineProcessor):
    def handleMatch(self, match, data):
        questions = self.md.section_questions[int(match.group(1))]
        return etree.Element("span", {"data-questions": "\n".join(questions)}), match.start(0), match.end(0)


class CareCardProcessor(Treeprocessor):
    """Wrap each `##` section whose heading carries `{level:…}` in a care card."""

    def run(self, root):
        children = list(root)
        card = None
        for child in children:
            if child.tag in ("h1", "h2"):
                card = None
                level = self.card_level(child)
                if level:
                    card = etree.Element("div", {"class": f"care-card care-card-{level}"})
                    root.insert(list(root).index(child), card)
                    self.label(child, level)
                    etree.SubElement(card, "p", {"class": "care-card-self-check"})
            if card is not None:
                root.remove(child)
                card.insert(len(card) - 1, child)

    @staticmethod
    def card_level(heading):
        marker = next((span for span in heading.iter("span") if span.get("data-level") in CARE_CARDS), None)
        return marker.get("data-level") if marker is not None else None

    @staticmethod
    def label(heading, level):
        """The urgency in words first in the heading, so a screen reader hears it too."""
        icon, words = CARE_CARDS[level]
        label = etree.Element("span", {"class": "care-card-label"})
        mark = etree.SubElement(label, "span", {"class": "care-card-icon", "aria-hidden": "true"})
        mark.text = icon
        mark.tail = f" {words}"
        pause = etree.SubElement(label, "span", {"class": "visually-hidden"})
        pause.text = ": "  # heard, not seen: the label is shown as a badge of its own
        label.tail = heading.text
        heading.text = None
        heading.insert(0, label)


class PortalExtension(Extension):
    def __init__(self, numbers):
        super().__init__()
        self.numbers = numbers

    def extendMarkdown(self, md):
        # Raw HTML in a source is shown as text, never passed through.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Before the link pattern (160), which would read [@key] as a link.
        md.inlinePatterns.register(CitationProcessor(CITATION_PATTERN, self.numbers), "citation", 175)
        md.inlinePatterns.register(MarkerProcessor(MARKER_PATTERN), "marker", 174)
        md.preprocessors.register(SectionQuestionsPreprocessor(md), "section_questions", 25)
        md.inlinePatterns.register(QuestionsProcessor(QUESTIONS_PATTERN, md), "questions", 173)
        # After the inline patterns (20) have made the markers, and toc (5) the ids.
        md.treeprocessors.register(CareCardProcessor(md), "care_cards", 1)


def sanitise(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text, known_keys=(), top_heading=1):
    """Render Markdown to sanitised HTML, numbering its citations.

    `top_heading` is the level a `#` heading becomes: 2 nests a text under a section.

    Raises CitationError (with the line) for an unknown or malformed citation.
    """
    numbers = number_citations(text, set(known_keys))
    converter = markdown.Markdown(
        extensions=[PortalExtension(numbers), "tables", "sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": top_heading}},
        output_format="html",
    )
    html = sanitise(converter.convert(text))
    return RenderedMarkdown(html=html, cited_keys=list(numbers))
