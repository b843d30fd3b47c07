from html.parser import HTMLParser

import pytest

from content.markdown import CitationError, render_markdown

KEYS = {"alpha", "beta", "gamma"}


class ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


def citation_targets(html):
    return [
        attrs["href"]
        for tag, attrs in elements(html)
        if tag == "a" and attrs.get("href", "").startswith("#ref-")
    ]


def test_citations_are_numbered_in_order_of_first_citation():
    rendered = render_markdown("First [@gamma]. Then [@alpha]. Again [@gamma].", KEYS)

    assert rendered.cited_keys == ["gamma", "alpha"]
    assert citation_targets(rendered.html) == ["#ref-1", "#ref-2", "#ref-1"]


def test_a_group_citation_links_each_reference_in_a_superscript():
    rendered = render_markdown("Both agree [@beta; @alpha].", KEYS)

    assert '<sup class="citation">' in rendered.html
    assert citation_targets(rendered.html) == ["#ref-1", "#ref-2"]
    assert "Reference </span>1" in rendered.html  # screen readers hear "Reference 1", not "1"


def test_an_unknown_citation_key_names_its_line():
    with pytest.raises(CitationError) as error:
        render_markdown("## Heading\n\nFine [@alpha].\n\nBroken [@delta].\n", KEYS)

    assert error.value.line == 5
    assert "unknown citation key 'delta'" in str(error.value)


@pytest.mark.parametrize("source", ["Bad [@alpha, @beta].", "Bad [@].", "Bad [@alpha; beta]."])
def test_a_malformed_citation_is_refused(source):
    with pytest.raises(CitationError, match="malformed citation"):
        render_markdown(source, KEYS)


def test_citation_syntax_inside_code_is_shown_as_written():
    rendered = render_markdown("Write `[@delta]` to cite.\n\n```\n[@delta]\n```\n", KEYS)

    assert rendered.cited_keys == []
    assert "[@delta]" in rendered.html


def test_headings_get_anchors_and_safe_links_survive():
    rendered = render_markdown("## Red flags\n\nSee [the guide](https://example.org/guide).", KEYS)

    assert '<h2 id="red-flags">Red flags</h2>' in rendered.html
    assert ("a", {"href": "https://example.org/guide", "rel": "noopener noreferrer"}) in elements(
        rendered.html
    )


XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](  javascript:alert(1))",
    "![pic](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<div onclick="alert(1)">x</div>',
    "<svg><script>alert(1)</script></svg>",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
    "<style>body{display:none}</style>",
    '[x](https://ok.example "title" onmouseover=alert(1))',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]
SAFE_SCHEMES = ("http://", "https://", "mailto:", "#", "/")


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_nothing_a_browser_would_run_reaches_the_page(vector):
    html = render_markdown(f"Some text.\n\n{vector}\n\nMore [text](/fine/).", KEYS).html

    for tag, attrs in elements(html):
        assert tag not in {"script", "iframe", "img", "svg", "style", "math", "object", "embed"}, html
        assert not [name for name in attrs if name.startswith("on")], html
        for name in ("href", "src"):
            if name in attrs:
                assert attrs[name].startswith(SAFE_SCHEMES), html


def test_the_questions_a_section_answers_are_kept_out_of_sight_in_its_heading():
    text = "## Do you need a scan?\n?: Do I need an X-ray?\n?: Is an <b>MRI</b> better?\n\nUsually not.\n"

    html = render_markdown(text).html

    assert (
        '<h2 id="do-you-need-a-scan">Do you need a scan?<span data-questions="Do I need an X-ray?\n' in html
    )
    assert "Is an &lt;b&gt;MRI&lt;/b&gt; better?" in html
    assert "<p>Usually not.</p>" in html
    assert "?:" not in html


def test_a_question_line_not_under_a_heading_is_shown_as_written():
    html = render_markdown("Some text.\n\n?: A stray question\n").html

    assert "<p>?: A stray question</p>" in html
