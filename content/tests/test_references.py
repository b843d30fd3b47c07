"""References have fields (content.schema) and read in AMA style, formatted by citeproc-py."""

import pytest

from conftest import SAMPLE_CLINICIAN, SAMPLE_METADATA, SAMPLE_PATIENT, write_sample_topic
from content.importer import import_topics
from content.schema import reference_html
from content.sources import ContentError

pytestmark = pytest.mark.django_db

CONDUAH = {
    "key": "conduah-2010",
    "kind": "review",
    "type": "journal-article",
    "authors": ["Conduah AH", "Baker CL 3rd", "Baker CL Jr"],
    "title": "Clinical management of scapulothoracic bursitis and the snapping scapula",
    "journal": "Sports Health",
    "year": 2010,
    "volume": "2",
    "issue": "2",
    "pages": "147-155",
    "doi": "10.1177/1941738109338359",
}
GULATI = {
    "key": "gulati-2021",
    "kind": "guideline",
    "type": "journal-article",
    "authors": ["Gulati M", "Levy PD", "Mukherjee D"],
    "et_al": True,
    "title": "A guideline",
    "journal": "Journal of the American College of Cardiology",
    "year": 2021,
    "volume": "78",
    "issue": "22",
    "pages": "e187-e285",
}
NICE_NG41 = {
    "key": "nice-ng41",
    "kind": "guideline",
    "type": "report",
    "title": "Spinal injury: assessment and initial management",
    "publisher": "National Institute for Health and Care Excellence",
    "series": "NICE guideline",
    "number": "NG41",
    "year": 2016,
    "published": "2016-02-17",
    "url": "https://www.nice.org.uk/guidance/ng41",
}


def test_a_journal_article_reads_in_ama_style_with_its_full_page_range_and_doi_link():
    assert reference_html(CONDUAH) == (
        "Conduah AH, Baker CL 3rd, Baker CL Jr. Clinical management of scapulothoracic bursitis and the "
        "snapping scapula. <i>Sports Health</i>. 2010;2(2):147-155. "
        '<a class="reference-url" href="https://doi.org/10.1177/1941738109338359">'
        "doi:10.1177/1941738109338359</a>"
    )


def test_more_authors_than_listed_read_et_al_once_with_one_full_stop():
    text = reference_html(GULATI)

    assert text.startswith("Gulati M, Levy PD, Mukherjee D, et al. A guideline. ")
    assert ".." not in text
    assert text.count("2021") == 1
    assert text.endswith("2021;78(22):e187-e285.")


def test_a_nice_guideline_reads_as_its_publishers_with_series_number_and_date():
    text = reference_html(NICE_NG41)

    assert text == (
        "National Institute for Health and Care Excellence. Spinal injury: assessment and initial "
        "management. NICE guideline NG41. February 17, 2016. "
        '<a class="reference-url" href="https://www.nice.org.uk/guidance/ng41">'
        "https://www.nice.org.uk/guidance/ng41</a>"
    )
    assert ".." not in text and text.count("2016") == 1


def test_what_a_reference_says_is_escaped():
    text = reference_html({**CONDUAH, "title": "<script>alert(1)</script> & more", "journal": "A & B"})

    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text
    assert "<i>A &amp; B</i>" in text


def test_every_shipped_reference_reads_without_a_double_full_stop_or_a_doubled_year(shipped_article):
    revision = shipped_article.latest_revision
    for reference in revision.references:
        text = reference_html(reference)
        assert ".." not in text, reference["key"]
        # Once, beside the journal or the date: a title or a DOI may hold the year too.
        without_title_and_link = text.replace(reference["title"], "").split("<a ")[0]
        assert without_title_and_link.count(str(reference["year"])) == 1, text


@pytest.mark.parametrize("audience", ["patient", "clinician"])
def test_the_topic_page_lists_the_formatted_references_with_their_kind_and_anchor(
    client, shipped_article, audience
):
    revision = shipped_article.latest_revision
    conduah = next(r for r in revision.reference_list(audience) if r["key"] == "conduah-2010")

    page = client.get(shipped_article.get_absolute_url(), {"for": audience}).content.decode()

    item = page.split(f'<li id="ref-{conduah["number"]}">')[1].split("</li>")[0]
    assert '<span class="reference-kind">Review</span>' in item
    assert "<i>Sports Health</i>. 2010;2(2):147-155." in item
    assert 'href="https://doi.org/10.1177/1941738109338359"' in item


# The sample topic's first reference, written out by hand, made a journal article.
AS_JOURNAL_ARTICLE = ('authors = "Smith A, Jones B"', 'type = "journal-article"\nauthors = ["Smith A"]')
AS_JOURNAL = ('source = "Journal of Tests"', 'journal = "Journal of Tests"')
BROKEN_REFERENCES = {
    "an author without initials": (
        [
            ('authors = "Smith A, Jones B"', 'type = "journal-article"\nauthors = ["Smith A", "Jones"]'),
            AS_JOURNAL,
        ],
        "article.toml, line 10: reference 'guide-2020', 'authors[1]': must be a family name and initials",
    ),
    "a journal article without its journal": (
        [AS_JOURNAL_ARTICLE, ('source = "Journal of Tests"\n', "")],
        "article.toml, line 6: reference 'guide-2020': missing field 'journal'",
    ),
    "an unknown type": (
        [('authors = "Smith A, Jones B"', 'type = "book"\nauthors = ["Smith A"]')],
        "article.toml, line 6: reference 'guide-2020': 'type' must be 'journal-article' or 'report'",
    ),
    "a doi given as its address": (
        [AS_JOURNAL_ARTICLE, AS_JOURNAL, ("year = 2020\n", 'year = 2020\ndoi = "https://doi.org/10.1/x"\n')],
        "article.toml, line 14: reference 'guide-2020', 'doi': must be a DOI without its address",
    ),
}


@pytest.mark.parametrize("changes, message", BROKEN_REFERENCES.values(), ids=BROKEN_REFERENCES.keys())
def test_a_malformed_reference_is_refused_naming_file_line_and_field(tmp_path, changes, message):
    metadata = SAMPLE_METADATA
    for old, new in changes:
        metadata = metadata.replace(old, new, 1)
    write_sample_topic(tmp_path, metadata=metadata, patient=SAMPLE_PATIENT, clinician=SAMPLE_CLINICIAN)

    with pytest.raises(ContentError) as error:
        import_topics(tmp_path)

    assert message in str(error.value)
    assert str(tmp_path / "sample-topic" / "article.toml") in str(error.value)
