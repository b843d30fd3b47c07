"""Cutting a revision's rendered text into passages: paragraphs and list items,
each with its section heading, anchor and citations. A list item is kept with the
sentence that introduced its list ("See a doctor soon if you have:"), as readers read it."""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

BLOCKS = {"p", "li"}
HEADINGS = {"h2", "h3", "h4"}
CITATION_NUMBER_RE = re.compile(r'href="#ref-(\d+)"')


@dataclass
class PassageText:
    heading: str
    anchor: str
    html: str  # sanitised HTML of the passage, citations linking to #ref-N
    text: str  # plain words, for the index
    citations: list = field(default_factory=list)  # reference numbers, in order
    level: str = ""  # how urgently the section tells readers to act, when it says ({level:…})
    questions: str = ""  # the questions its section answers, one a line (`?: ` in the Markdown)


class PassageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.passages = []
        self.heading, self.anchor, self.level, self.questions = "", "", "", ""
        self.heading_tag, self.heading_parts = None, None
        # A section with no text of its own before its subsections ("Causes" and then one
        # subsection a cause) is answered by them: its questions are theirs too.
        self.parent_questions, self.parent_passage_count = "", 0
        self.parent_is_heading_only = None
        self.in_label = 0  # a care card's label ("Emergency"): for the card, not the heading
        self.block_depth = 0
        self.html_parts, self.text_parts = [], []
        self.in_citation = 0
        self.block_tag = None
        # "Get help now if:" and the list after it: each item is read with its lead-in.
        self.lead_in = None  # (html, text)
        self.list_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in HEADINGS:
            self.heading_tag, self.heading_parts = tag, []
            self.anchor, self.level = attributes.get("id", ""), ""
            self.questions = ""
            self.lead_in = None
            return
        if self.heading_parts is not None and tag == "span":
            self.level = attributes.get("data-level", self.level)
            self.questions = attributes.get("data-questions", self.questions)
            if "care-card-label" in (attributes.get("class") or "") or self.in_label:
                self.in_label += 1
            return
        if tag in ("ul", "ol"):
            self.list_depth += 1
        if tag in BLOCKS:
            if self.block_depth:  # a list inside a list item: the outer part is a passage
                self.finish_block()
            if tag == "p" and not self.list_depth:
                self.lead_in = None
            self.block_depth += 1
            self.block_tag = tag
            return
        if tag == "sup":
            self.in_citation += 1
        if self.block_depth:
            self.html_parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "span" and self.in_label:
            self.in_label -= 1
            return
        if tag in HEADINGS and self.heading_parts is not None:
            self.heading = " ".join("".join(self.heading_parts).split())
            self.heading_parts = None
            self.inherit_questions()
            return
        if tag in BLOCKS and self.block_depth:
            self.finish_block()
            self.block_depth -= 1
            return
        if tag in ("ul", "ol"):
            self.list_depth = max(0, self.list_depth - 1)
            if not self.list_depth:
                self.lead_in = None
            return
        if tag == "sup":
            self.in_citation = max(0, self.in_citation - 1)
        if self.block_depth:
            self.html_parts.append(f"</{tag}>")

    def handle_data(self, data):
        if self.heading_parts is not None:
            if not self.in_label:
                self.heading_parts.append(data)
        elif self.block_depth:
            self.html_parts.append(escape(data, quote=False))
            if not self.in_citation:
                self.text_parts.append(data)

    def inherit_questions(self):
        if self.heading_tag == "h2":
            self.parent_questions, self.parent_passage_count = self.questions, len(self.passages)
            self.parent_is_heading_only = None
            return
        if self.parent_is_heading_only is None:  # its first subsection: has it said anything?
            self.parent_is_heading_only = len(self.passages) == self.parent_passage_count
        if self.parent_is_heading_only and self.parent_questions:
            self.questions = "\n".join(filter(None, (self.questions, self.parent_questions)))

    def finish_block(self):
        html = "".join(self.html_parts).strip()
        text = re.sub(r"\s+([.,;:!?])", r"\1", " ".join("".join(self.text_parts).split()))
        if text:
            if self.block_tag == "p" and not self.list_depth and text.endswith(":"):
                self.lead_in = (html, text)  # kept with each item of its list, not alone
                self.html_parts, self.text_parts = [], []
                return
            if self.block_tag == "li" and self.lead_in:
                html, text = f"{self.lead_in[0]} {html}", f"{self.lead_in[1]} {text}"
            numbers = [int(number) for number in CITATION_NUMBER_RE.findall(html)]
            citations = list(dict.fromkeys(numbers))
            self.passages.append(
                PassageText(self.heading, self.anchor, html, text, citations, self.level, self.questions)
            )
        self.html_parts, self.text_parts = [], []


def passages_from_html(html):
    parser = PassageParser()
    parser.feed(html)
    parser.close()
    return parser.passages
