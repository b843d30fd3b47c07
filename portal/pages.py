"""Static pages kept as Markdown in portal/pages/, rendered once per process."""

from functools import cache

from django.conf import settings
from django.http import Http404

from content.markdown import render_markdown

PAGE_TITLES = {
    "editorial-policy": "Editorial policy",
    "disclaimer": "Medical disclaimer",
}
# The disclaimer at the foot of a topic, worded for who is reading it; /disclaimer/ has both.
AUDIENCE_DISCLAIMERS = {
    "disclaimer-patient": "Medical disclaimer",
    "disclaimer-clinician": "Medical disclaimer",
}


@cache
def page_html(name, top_heading=1):
    """A page's HTML; top_heading=2 nests its headings inside a section of another page."""
    if name not in PAGE_TITLES and name not in AUDIENCE_DISCLAIMERS:
        raise Http404(f"No page {name}")
    source = (settings.PORTAL_PAGES_DIR / f"{name}.md").read_text(encoding="utf-8")
    return render_markdown(source, top_heading=top_heading).html
