"""Authors write topics: drafts, previews, reading levels, submission, stale edits."""

import pytest
from django.urls import reverse

from content.models import Article, Revision
from content.tests.editor_data import SAMPLE_REFERENCES, editor_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_client(client, author):
    client.force_login(author)
    return client


def test_an_author_creates_a_topic_as_a_draft(author_client, author):
    response = author_client.post(reverse("editorial:topic-new"), editor_post())

    revision = Revision.objects.get(article__slug="new-topic")
    assert response.status_code == 302
    assert response["Location"] == reverse("editorial:revision", args=[revision.pk])
    assert (revision.number, revision.status, revision.author) == (1, "draft", author)
    assert revision.tags == ["tests", "editor"]
    assert revision.references[0]["key"] == "guide-2020"
    assert Article.objects.get(slug="new-topic").latest_revision == revision


def test_saving_again_makes_a_new_revision_and_keeps_the_old(author_client, sample_article):
    url = reverse("editorial:topic-edit", args=["sample-topic"])

    author_client.post(url, editor_post(base_number=1, title="What is a better sample topic?"))

    numbers = list(sample_article.revisions.values_list("number", "status", "title"))
    assert numbers == [
        (2, "draft", "What is a better sample topic?"),
        (1, "submitted", "What is a sample topic?"),
    ]


def test_submit_for_review_saves_and_submits(author_client, sample_article):
    url = reverse("editorial:topic-edit", args=["sample-topic"])

    author_client.post(url, editor_post(base_number=1, save=None, submit="Submit for review"))

    assert sample_article.revisions.get(number=2).status == "submitted"


def test_the_edit_form_starts_from_the_newest_revision(author_client, sample_article):
    html = author_client.get(reverse("editorial:topic-edit", args=["sample-topic"])).content.decode()

    assert 'value="What is a sample topic?"' in html
    assert 'name="base_number" value="1"' in html
    assert 'value="study-2019"' in html
    assert ">Save draft</button>" in html and ">Submit for review</button>" in html


def test_a_stale_save_is_refused_and_the_authors_text_stays_in_the_form(
    author_client, sample_article, editor
):
    url = reverse("editorial:topic-edit", args=["sample-topic"])
    editor_client = author_client.__class__()
    editor_client.force_login(editor)
    editor_client.post(url, editor_post(base_number=1, summary="The editor's newer summary."))

    response = author_client.post(url, editor_post(base_number=1, summary="The author's own words."))

    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: Eve Editor saved revision 2 after you opened this form." in html
    assert "The author&#x27;s own words." in html
    assert sample_article.revisions.count() == 2
    assert sample_article.revisions.get(number=2).summary == "The editor's newer summary."


def test_an_unknown_citation_is_shown_on_its_field_with_the_line(author_client):
    data = editor_post(patient_markdown="Fine.\n\nNot fine [@nobody].\n")

    response = author_client.post(reverse("editorial:topic-new"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Line 3: unknown citation key &#x27;nobody&#x27;." in html
    assert "Not fine [@nobody]." in html  # what was typed is kept
    assert not Article.objects.filter(slug="new-topic").exists()


def test_a_reference_nobody_cites_is_refused(author_client):
    extra = {
        "key": "extra-2001",
        "kind": "research",
        "authors": "Xu Y",
        "title": "T",
        "journal": "S",
        "year": 2001,
    }
    data = editor_post(references=[*SAMPLE_REFERENCES, extra])

    response = author_client.post(reverse("editorial:topic-new"), data)

    assert "never cited: extra-2001" in response.content.decode()
    assert not Article.objects.filter(slug="new-topic").exists()


def test_a_new_topic_cannot_take_an_existing_address(author_client, sample_article):
    response = author_client.post(reverse("editorial:topic-new"), editor_post(slug="sample-topic"))

    assert "A topic with this address already exists." in response.content.decode()


def test_preview_shows_both_audiences_and_warns_when_the_patient_text_is_too_hard(author_client):
    hard = (
        "Interscapular discomfort necessitates comprehensive evaluation of thoracic myelopathy, "
        "malignancy and cardiopulmonary pathology before conservative management [@guide-2020].\n"
    )
    data = editor_post(patient_markdown=hard, save=None, preview="Preview")

    response = author_client.post(reverse("editorial:topic-new"), data)

    html = response.content.decode()
    assert "Flesch–Kincaid grade: <strong>" in html
    assert "Warning: above grade 8." in html
    assert '<h2 id="management">Management</h2>' in html
    assert not Article.objects.filter(slug="new-topic").exists()


def test_the_live_preview_answers_with_rendered_panes(author_client):
    response = author_client.post(reverse("editorial:preview"), editor_post())

    panes = response.json()["panes"]
    assert set(panes) == {"patient", "clinician"}
    assert '<sup class="citation">' in panes["patient"]
    assert "Flesch–Kincaid grade" in panes["clinician"]
    assert "Warning" not in panes["patient"]


def test_the_live_preview_reports_a_bad_citation(author_client):
    response = author_client.post(reverse("editorial:preview"), editor_post(clinician_markdown="x [@nope]"))

    assert response.json()["errors"] == {"clinician_markdown": ["Line 1: unknown citation key 'nope'."]}


def test_a_reviewer_may_not_write(client, reviewer, sample_article):
    client.force_login(reviewer)

    response = client.post(reverse("editorial:topic-edit", args=["sample-topic"]), editor_post(base_number=1))

    assert response.status_code == 403
    assert sample_article.revisions.count() == 1


def test_a_topic_created_meanwhile_at_the_same_address_refuses_the_save_and_keeps_the_text(
    author_client, editor, monkeypatch
):
    """Both forms checked the address before either topic was committed."""
    from content.forms import TopicForm

    monkeypatch.setattr(TopicForm, "clean_slug", lambda form: form.cleaned_data["slug"])
    editor_client = author_client.__class__()
    editor_client.force_login(editor)
    editor_client.post(reverse("editorial:topic-new"), editor_post(summary="The editor's topic."))

    response = author_client.post(
        reverse("editorial:topic-new"), editor_post(summary="The author's own words.")
    )

    html = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: someone else has just created a topic at /articles/new-topic/." in html
    assert "The author&#x27;s own words." in html
    assert Revision.objects.filter(article__slug="new-topic").count() == 1


def test_a_stale_save_with_no_newer_revision_to_name_still_says_why():
    from content.editing import StaleEdit

    assert str(StaleEdit(None)).startswith("Not saved: this topic changed after you opened this form.")
