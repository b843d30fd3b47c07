"""A clinician's red-flag checklist: every question on one page, in professional words."""

import pytest
from django.conf import settings

from guideline.tests.helpers import reference_numbers, shipped
from portal.tests.self_check import PAGE_URL, form_data, is_outcome

pytestmark = pytest.mark.django_db


def checklist(client, improved="not_tried", **data):
    return client.post(f"{PAGE_URL}?for=clinician", {"improved_with_conservative_care": improved, **data})


def test_the_checklist_shows_every_question_on_one_page_grouped_by_topic(client):
    html = client.get(PAGE_URL, {"for": "clinician"}).content.decode()

    assert "<h1>Red-flag checklist: interscapular pain</h1>" in html
    for step in shipped().steps:
        assert f">{step.title.clinician}</h2>" in html
    for question in shipped().questions:
        assert f'name="{question.name}"' in html
    assert 'for="q-saddle_anesthesia">Saddle anesthesia</label>' in html
    assert 'for="q-improved_with_conservative_care-not_tried">Not yet tried</label>' in html
    assert "Step 1 of" not in html
    assert "None of these" not in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_remembered_clinician_gets_the_checklist(client):
    client.cookies[settings.PORTAL_AUDIENCE_COOKIE] = "clinician"

    html = client.get(PAGE_URL).content.decode()

    assert "Red-flag checklist" in html


def test_the_checklist_gives_the_outcome_in_professional_words(client, shipped_article):
    numbers = reference_numbers(shipped_article, "clinician")

    response = checklist(client, improved="no", age="45", duration_weeks="8", inflammatory_features="yes")

    html = response.content.decode()
    assert is_outcome(response)
    assert "Routine: clinical review" in html
    assert "Inflammatory back pain features should prompt consideration of axial spondyloarthritis." in html
    assert "Response to conservative care <strong>Not improved</strong>" in html
    assert "<h3>Axial spondyloarthritis</h3>" in html
    ramiro = numbers["ramiro-2023"]
    assert f'href="/articles/pain-between-shoulder-blades/?for=clinician#ref-{ramiro}"' in html


def test_an_emergency_outcome_puts_what_to_do_now_before_anything_else(client):
    html = checklist(client, age="40", duration_weeks="0", urinary_retention="yes").content.decode()

    main = html[html.index('<main id="main"') :]
    advice = main.index("Arrange emergency assessment now.")
    assert main.index("Emergency: immediate emergency assessment") < advice < main.index("<h2")
    assert main.index("What to do now") < main.index("Red flags")


def test_wrong_answers_are_listed_at_the_top_and_kept(client):
    response = checklist(client, improved="", age="abc", duration_weeks="600", fever="yes")

    html = response.content.decode()
    assert not is_outcome(response)
    assert html.index("There is a problem") < html.index("<h1>")
    assert '<a href="#q-age">Age (years): Must be a whole number from 18 to 120.</a>' in html
    assert '<a href="#q-duration_weeks">Duration of pain (weeks): Must be from 0 to 520.</a>' in html
    assert '<a href="#q-improved_with_conservative_care-yes">Response to conservative care: Choose' in html
    kept = form_data(html)
    assert (kept["age"], kept["duration_weeks"], kept["fever"]) == ("abc", "600", "yes")
    assert 'aria-describedby="q-age-help q-age-error" aria-invalid="true"' in html
