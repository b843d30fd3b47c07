"""Reading level of rendered text, scored on its prose only."""

import re
from html.parser import HTMLParser

import textstat

# Each of these starts and ends a piece of prose; text never runs across them.
BLOCK_TAGS = {"p", "li", "td", "th", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6"}
# Headings are labels, not sentences; citation numbers and code are not prose.
SKIPPED_TAGS = {"h2", "h3", "h4", "h5", "h6", "sup", "code", "pre"}
# Left behind where a citation stood: "tired [1]." reads "tired ."
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")
SENTENCE_ENDS = (".", "!", "?", ":", ";")


class ProseExtractor(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks = []
        self.current = []
        self.skipping = 0

    def flush(self):
        text = SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join("".join(self.current).split()))
        if text:
            # A list item or table cell without a full stop still ends a thought.
            self.blocks.append(text if text.endswith(SENTENCE_ENDS) else text + ".")
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in SKIPPED_TAGS:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        if tag in BLOCK_TAGS:
            self.flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def prose_from_html(html):
    extractor = ProseExtractor()
    extractor.feed(html)
    extractor.close()
    extractor.flush()
    return " ".join(extractor.blocks)


def flesch_kincaid_grade(html):
    """The US school grade a reader needs for this text; None when there is no prose."""
    prose = prose_from_html(html)
    if not prose:
        return None
    return round(textstat.flesch_kincaid_grade(prose), 1)
