"""Each audience reads its own title and one-sentence summary; the topic has a short index name."""

import html

import pytest
from django.urls import reverse

from conftest import SHIPPED_SLUG
from content.audience import UnknownAudience
from content.forms import SENTENCE_END_RE
from content.models import Revision
from content.tests.editor_data import editor_post

pytestmark = pytest.mark.django_db

PATIENT_TITLE = "What causes pain between the shoulder blades, and how is it treated?"
CLINICIAN_TITLE = "Interscapular (thoracic) back pain: assessment, red flags and management"


def test_clinicians_read_the_clinical_title_and_summary():
    revision = Revision(title="Why?", summary="Plain.", clinician_title="Clinical", clinician_summary="Pro.")

    assert (revision.title_for("patient"), revision.summary_for("patient")) == ("Why?", "Plain.")
    assert (revision.title_for("clinician"), revision.summary_for("clinician")) == ("Clinical", "Pro.")


def test_a_blank_clinical_title_or_summary_falls_back_to_the_patients():
    revision = Revision(title="Why?", summary="Plain.")

    assert (revision.title_for("clinician"), revision.summary_for("clinician")) == ("Why?", "Plain.")


def test_an_unknown_audience_is_refused():
    with pytest.raises(UnknownAudience):
        Revision(title="Why?", summary="Plain.").title_for("nobody")


def test_the_shipped_topic_has_a_name_and_one_sentence_for_each_audience(shipped_article):
    revision = shipped_article.latest_revision

    assert revision.name == "Pain between the shoulder blades"
    assert revision.title_for("patient") == PATIENT_TITLE
    assert revision.title_for("clinician") == CLINICIAN_TITLE
    for audience in ("patient", "clinician"):
        summary = revision.summary_for(audience)
        assert summary.endswith(".") and not SENTENCE_END_RE.search(summary)
    assert revision.summary_for("clinician") != revision.summary


@pytest.mark.parametrize("audience, title", [("patient", PATIENT_TITLE), ("clinician", CLINICIAN_TITLE)])
def test_the_topic_page_shows_the_audiences_title_and_summary(client, shipped_article, audience, title):
    summary = shipped_article.latest_revision.summary_for(audience)

    page = client.get(reverse("article", args=[SHIPPED_SLUG]), {"for": audience}).content.decode()

    escaped_title, escaped_summary = html.escape(title, quote=True), html.escape(summary, quote=True)
    assert f"<title>{escaped_title} · " in page
    assert f'<meta name="description" content="{escaped_summary}">' in page
    for meta in ('property="og:title"', 'name="twitter:title"'):
        assert f'<meta {meta} content="{escaped_title}">' in page
    for meta in ('property="og:description"', 'name="twitter:description"'):
        assert f'<meta {meta} content="{escaped_summary}">' in page
    assert f"<h1>{escaped_title}</h1>" in page
    assert f'<p class="lead">{escaped_summary}</p>' in page
    other = CLINICIAN_TITLE if audience == "patient" else PATIENT_TITLE
    header = page.split('<header class="topic-header">')[1].split("</header>")[0]
    assert html.escape(other, quote=True) not in header


def test_the_editor_refuses_a_summary_of_two_sentences(client, author):
    client.force_login(author)
    data = editor_post(clinician_summary="First sentence. Second sentence.")

    response = client.post(reverse("editorial:topic-new"), data)

    assert "One sentence: the page shows it under the title" in response.content.decode()
