"""What the topic page adds to a revision's stored HTML: its contents, and the self-check link
in each care card (content/markdown.py leaves a place for it)."""

import re

from django.utils.html import escape, strip_tags

SECTION_RE = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
CARE_CARD_LABEL_RE = re.compile(r'<span class="care-card-label">.*?</span></span>', re.S)
SELF_CHECK_PLACE = '<p class="care-card-self-check"></p>'


def sections(html):
    """[(id, title)] of the text's `##` sections, in order, for "On this page"."""
    found = []
    for anchor, inner in SECTION_RE.findall(html):
        # A care card's label ("Emergency") is for the card, not for the contents.
        title = " ".join(strip_tags(CARE_CARD_LABEL_RE.sub("", inner)).split())
        found.append((anchor, title))
    return found


def with_self_check_links(html, url, words):
    """Each care card ends with a link to the topic's self-check; without one, nothing."""
    link = f'<p class="care-card-self-check"><a href="{escape(url)}">{escape(words)}</a></p>' if url else ""
    return html.replace(SELF_CHECK_PLACE, link)


# The care cards (content/markdown.py): one div each, holding no other div.
CARE_CARD_RE = re.compile(r'<div class="care-card care-card-[a-z]+">.*?</div>', re.S)
# Where a `##` section ends: at the next heading, or at a care card.
SECTION_END_RE = re.compile(r'<h2[ >]|<div class="care-card')
# What paper has no use for: citation numbers (no reference list is printed), a heading's
# hidden questions, and the place for a self-check link.
CITATION_RE = re.compile(r'\s*<sup class="citation">.*?</sup>', re.S)
QUESTIONS_RE = re.compile(r'<span data-questions="[^"]*"></span>')


def section_html(html, anchor):
    """The HTML of the plain `##` section whose heading has id `anchor`, heading included;
    "" when there is none."""
    start = html.find(f'<h2 id="{anchor}">')
    if start < 0:
        return ""
    end = SECTION_END_RE.search(html, start + 1)
    return html[start : end.start() if end else len(html)]


def care_cards(html):
    """The HTML of each care card (when to get help), in order."""
    return CARE_CARD_RE.findall(html)


def printable(html):
    """The text as paper shows it: without citation numbers, hidden questions or self-check places."""
    return QUESTIONS_RE.sub("", CITATION_RE.sub("", html)).replace(SELF_CHECK_PLACE, "")
