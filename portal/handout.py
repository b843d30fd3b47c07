"""The handout a clinician prints for a patient: the patient text's key points, when to get help
and what to do first, with a QR code to the whole topic at the site's public address."""

import segno
from django.conf import settings

from content.audience import PATIENT
from portal import topic_html

WHAT_TO_DO_FIRST = "what you can do first"


def handout_sections(revision):
    """The stored patient HTML's parts a handout prints, ready for paper: the key points (the
    first section), the care cards, and what to do first."""
    html = revision.html(PATIENT)
    titles = topic_html.sections(html)
    first = titles[0][0] if titles else None
    do_first = next((anchor for anchor, title in titles if title.lower() == WHAT_TO_DO_FIRST), None)
    return {
        "key_points": topic_html.printable(topic_html.section_html(html, first)) if first else "",
        "care_cards": [topic_html.printable(card) for card in topic_html.care_cards(html)],
        "what_to_do_first": topic_html.printable(topic_html.section_html(html, do_first)) if do_first else "",
    }


def topic_address(article):
    """The full patient topic at the site's public address."""
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}{article.get_absolute_url()}?for={PATIENT}"


def qr_svg(address):
    """A QR code of `address` as inline SVG, made here: nothing is fetched."""
    svg = segno.make(address, error="m").svg_inline(
        scale=1, border=2, omitsize=True, svgclass="handout-qr-code", lineclass=None
    )
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code that opens the full topic" ', 1)
