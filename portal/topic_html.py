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
