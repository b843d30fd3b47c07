"""The topic's three texts tell one story: each red flag is listed in the patient and the
clinician text under a section as urgent as the level the self-check gives it.

The texts mark a section's urgency with `{level:…}` in its heading and each red-flag
item with `{flag:…}` (content/markdown.py); both render as empty spans.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from content.audience import AUDIENCES
from content.markdown import render_markdown
from content.sources import read_topic
from guideline.ruleset import LEVELS, get_ruleset, rulesets

HEADINGS = {"h2", "h3", "h4"}


class FlagSections(HTMLParser):
    """Each `{flag:…}` marker of a text, with the level of the heading it stands under."""

    def __init__(self):
        super().__init__()
        self.in_heading = False
        self.section_level = None  # the level of the nearest heading above; None when it has none
        self.flags = []  # [(flag, section level)]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HEADINGS:
            self.in_heading = True
            self.section_level = None
        elif tag == "span" and "data-level" in attrs and self.in_heading:
            self.section_level = attrs["data-level"]
        elif tag == "span" and "data-flag" in attrs:
            self.flags.append((attrs["data-flag"], self.section_level))

    def handle_endtag(self, tag):
        if tag in HEADINGS:
            self.in_heading = False


def flag_sections(markdown_text, keys):
    parser = FlagSections()
    parser.feed(render_markdown(markdown_text, keys).html)
    return parser.flags


def topic_text(slug, audience):
    topic = read_topic(settings.CONTENT_ARTICLES_DIR / slug)
    keys = [reference["key"] for reference in topic.references]
    return topic.markdown(audience), keys


SELF_CHECKS = [(slug, audience) for slug in sorted(rulesets()) for audience in AUDIENCES]


@pytest.mark.parametrize("slug, audience", SELF_CHECKS)
def test_every_flag_is_listed_in_the_text_under_a_section_of_its_own_level(slug, audience):
    levels = {flag.name: flag.level for flag in get_ruleset(slug).flags}

    listed = flag_sections(*topic_text(slug, audience))

    assert {flag for flag, _ in listed} == set(levels)
    for flag, section_level in listed:
        assert section_level == levels[flag], f"{flag} is under {section_level} in {slug}/{audience}.md"


@pytest.mark.parametrize("slug, audience", SELF_CHECKS)
def test_every_section_level_in_the_text_is_a_triage_level(slug, audience):
    text, keys = topic_text(slug, audience)
    html = render_markdown(text, keys).html

    marked = {chunk.split('"')[0] for chunk in html.split('data-level="')[1:]}

    assert marked and marked <= set(LEVELS)


def test_every_spine_topic_has_a_self_check():
    assert {"pain-between-shoulder-blades", "low-back-pain", "neck-pain"} <= set(rulesets())


def test_a_flag_listed_under_a_section_of_another_level_is_found():
    text = "## See a doctor soon {level:routine}\n\n- sudden very bad pain {flag:aortic}\n"

    assert flag_sections(text, []) == [("aortic", "routine")]


def test_a_flag_under_a_heading_without_a_level_has_none():
    text = "## Urgent {level:urgent}\n\n### Causes\n\n- a fever {flag:fever}\n"

    assert flag_sections(text, []) == [("fever", None)]
