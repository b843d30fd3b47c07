"""A patient's self-check in the test client: one short group of questions a step."""

import re

import pytest
from django.test import Client

from guideline.tests.helpers import answers, reference_numbers, shipped
from portal.self_check.flow import asked_steps
from portal.tests.self_check import API_URL, PAGE_URL, form_data, is_outcome, post_step, step_data, walk

pytestmark = pytest.mark.django_db


def first_step(client):
    return client.get(PAGE_URL, {"for": "patient"}).content.decode()


def reach_step(client, number, given=None):
    """The page of step `number` (from 1), with the steps before it answered from `given`."""
    given = given or answers()
    html = first_step(client)
    for index in asked_steps(shipped(), given)[: number - 1]:
        html = post_step(client, html, step_data(shipped().steps[index], given)).content.decode()
    assert f"Step {number} of " in html
    return html


def test_the_first_step_asks_the_emergency_questions_in_plain_words(client):
    html = first_step(client)

    assert "<h1>Check your symptoms: pain between the shoulder blades</h1>" in html
    assert "Step 1 of 8" in html
    assert (
        '<legend><h2 class="group-title">Along with the pain, do you have any of these?</h2></legend>' in html
    )
    assert 'for="q-chest_pain_or_shortness_of_breath">Pain, pressure or tightness in my chest' in html
    assert "Your answers are not saved." in html
    assert "Educational only, pending medical review." in html
    assert "Which best describes you?" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'action="/self-check/pain-between-shoulder-blades/?for=patient"' in html
    assert 'value="back"' not in html


def step_named(name):
    return [step.name for step in shipped().steps].index(name)


def test_a_yes_to_an_emergency_question_shows_the_emergency_outcome_at_once(client):
    html = first_step(client)

    response = post_step(client, html, {"tearing_pain_radiating": "yes"})

    page = response.content.decode()
    assert is_outcome(response)
    main = page[page.index('<main id="main"') :]
    assert main.index("Emergency: call your local emergency number now") < main.index("<h2")
    assert "Call your local emergency number (such as 911) now" in main
    assert "tear in the aorta" in main


def test_a_bladder_problem_on_step_two_ends_the_check_with_an_emergency(client):
    html = reach_step(client, 2)

    response = post_step(client, html, {"saddle_anesthesia": "yes"})

    assert is_outcome(response)
    assert "Signs that something may be pressing on your spinal cord" in response.content.decode()


def test_answering_every_step_gives_the_outcome_with_reasons_and_citations(client, shipped_article):
    numbers = reference_numbers(shipped_article, "patient")

    response = walk(client, answers(age=52, duration_weeks=6, improved_with_conservative_care=False,
                                    overhead_work_or_postural_strain=True))  # fmt: skip

    html = response.content.decode()
    assert is_outcome(response)
    assert "Urgent: see a doctor today" in html
    assert "Signs that a doctor should rule out cancer" in html
    assert "Pain that has not got better with care" in html
    assert "How old are you? <strong>52</strong>" in html
    assert "A pinched nerve to the shoulder-blade muscles" in html
    assert "Get seen today" in html
    assert "If you cannot be seen today, go to the emergency department." in html
    topic = "/articles/pain-between-shoulder-blades/?for=patient"
    assert (
        f'href="{topic}#ref-{numbers["downie-2013"]}"><span class="visually-hidden">Reference </span>' in html
    )
    assert "rules version 3.0" in html
    assert "Medical disclaimer" in html
    assert f'<a href="{topic}">Back to the topic:' in html
    assert "/static/css/guideline.css" in html


def test_continue_keeps_every_answer_so_far_in_the_form_itself(client):
    html = reach_step(client, 5, answers(age=44, duration_weeks=2))

    carried = form_data(html)
    assert carried["age"] == "44"
    assert carried["duration_weeks"] == "2"
    assert carried["none-heart-and-lungs"] == "yes"
    assert carried["step"] == str(step_named("cancer"))


def test_back_shows_the_step_before_with_its_answers_kept(client):
    html = reach_step(client, 4)
    html = post_step(client, html, {"age": "61", "duration_weeks": "5"}).content.decode()

    back = post_step(client, html, {"history_of_cancer": "yes"}, action="back").content.decode()

    assert "Step 4 of 8" in back
    assert re.search(r'name="age" id="q-age" value="61"', back)
    assert form_data(back)["history_of_cancer"] == "yes"
    assert "There is a problem" not in back


def test_going_back_to_the_start_keeps_the_ticks(client):
    html = reach_step(client, 2)

    back = post_step(client, html, {}, action="back").content.decode()

    assert "Step 1 of 8" in back
    assert 'id="q-none-heart-and-lungs" value="yes" checked' in back


def test_typed_answers_that_are_wrong_are_kept_and_explained(client):
    html = reach_step(client, 4)

    page = post_step(client, html, {"age": "forty", "duration_weeks": ""}).content.decode()

    assert "Step 4 of 8" in page
    assert page.count("There is a problem") == 1
    assert '<a href="#q-age">How old are you?: Must be a whole number from 18 to 120.</a>' in page
    assert '<a href="#q-duration_weeks">How many weeks have you had this pain?: Required:' in page
    assert 'value="forty" aria-describedby="q-age-help q-age-error" aria-invalid="true"' in page
    assert '<p class="error-message" id="q-age-error"><span class="visually-hidden">Error:</span>' in page
    assert "<title>Error: Step 4 of 8" in page


@pytest.mark.parametrize("typed, sent", [("17", 17), ("121", 121), ("40.5", 40.5)])
def test_the_form_refuses_an_age_in_the_words_of_the_api(client, typed, sent):
    body = {"answers": answers(age=sent)}
    from_api = client.post(API_URL, body, content_type="application/json").json()["errors"]["age"]
    html = reach_step(client, 4)

    page = post_step(client, html, {"age": typed, "duration_weeks": "1"}).content.decode()

    assert f'<a href="#q-age">How old are you?: {from_api}</a>' in page
    assert f'value="{typed}"' in page


def test_a_step_needs_a_tick_or_none_of_these(client):
    page = post_step(client, first_step(client), {}).content.decode()

    assert "Step 1 of 8" in page
    assert '<a href="#q-chest_pain_or_shortness_of_breath">Tick the ones that apply, or tick' in page
    assert 'aria-describedby="heart-and-lungs-hint heart-and-lungs-error"' in page


def test_none_of_these_cannot_be_ticked_with_another_answer(client):
    html = reach_step(client, 5)

    page = post_step(client, html, {"history_of_cancer": "yes", "none-cancer": "yes"}).content.decode()

    assert "You ticked “None of these” and another answer." in page
    assert 'id="q-history_of_cancer" value="yes" checked' in page


def test_the_last_question_must_be_answered(client):
    html = reach_step(client, 8)

    page = post_step(client, html, {}).content.decode()

    assert '<a href="#q-improved_with_conservative_care-yes">' in page
    assert "Choose one answer." in page


def test_answers_changed_on_the_way_are_checked_again_at_the_end(client):
    html = reach_step(client, 8)
    data = {**form_data(html), "age": "300", "improved_with_conservative_care": "no", "action": "next"}

    page = client.post(f"{PAGE_URL}?for=patient", data).content.decode()

    assert "Step 4 of 8" in page
    assert "Must be from 18 to 120." in page


def test_the_form_carries_a_csrf_token_and_needs_it(db):
    strict = Client(enforce_csrf_checks=True)
    html = strict.get(PAGE_URL, {"for": "patient"}).content.decode()
    data = {"none-heart-and-lungs": "yes", "step": "0", "action": "next"}

    refused = strict.post(f"{PAGE_URL}?for=patient", data)
    accepted = strict.post(f"{PAGE_URL}?for=patient", {**form_data(html), **data})

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert "Step 2 of 8" in accepted.content.decode()


def test_pages_holding_answers_are_never_cached(client):
    response = post_step(client, first_step(client), {"none-heart-and-lungs": "yes"})

    assert "no-store" in response["Cache-Control"]


def test_an_unknown_self_check_is_not_found(client):
    assert client.get("/self-check/knee-pain/").status_code == 404


def test_an_emergency_ticked_beside_none_of_these_is_still_an_emergency(client):
    response = post_step(
        client, first_step(client), {"sudden_severe_pain": "yes", "none-heart-and-lungs": "yes"}
    )

    page = response.content.decode()
    assert is_outcome(response)
    assert "Emergency: call your local emergency number now" in page
    assert "There is a problem" not in page


def test_someone_under_18_is_told_the_check_is_for_adults_and_where_to_go(client):
    html = reach_step(client, 4)

    page = post_step(client, html, {"age": "15", "duration_weeks": "1"}).content.decode()

    assert "This check is for adults aged 18 or over." in page
    assert "contact their doctor" in page
    assert "call your local emergency number" in page
    assert 'value="15"' in page


def test_the_sex_question_is_optional_says_why_and_offers_prefer_not_to_say(client):
    html = reach_step(client, 4)

    assert "What sex were you assigned at birth? (optional)" in html
    assert "broken bones in the spine" in html
    assert 'id="q-sex-not_given"' in html
    assert "Prefer not to say" in html
    page = post_step(client, html, {"age": "70", "duration_weeks": "1"}).content.decode()
    assert "Step 5 of 8" in page
    assert "There is a problem" not in page


def test_the_sex_given_sets_the_fracture_age(client):
    woman = walk(client, answers(age=70, sex="female", osteoporosis=True)).content.decode()
    man = walk(Client(), answers(age=70, sex="male", osteoporosis=True)).content.decode()

    assert "See a doctor within 1 to 2 weeks" in woman
    assert "Urgent: see a doctor today" in man
    assert "<dt>What sex were you assigned at birth? (optional)</dt><dd>Male</dd>" in man


def test_pain_on_exertion_asks_when_it_last_came_on(client):
    page = post_step(client, first_step(client), {"pain_with_exertion": "yes"}).content.decode()

    assert "Step 2 of 9" in page
    assert "in the past 12 hours?" in page
    assert "No, not in the past 12 hours" in page
    outcome = post_step(client, page, {"exertional_pain_last_12h": "yes"})
    assert is_outcome(outcome)
    assert "Pain on activity that may come from the heart" in outcome.content.decode()


def test_exertional_pain_longer_ago_goes_on_and_ends_the_same_day(client):
    given = answers(pain_with_exertion=True)

    html = walk(client, given).content.decode()

    assert "Urgent: see a doctor today" in html
    assert "Pain on activity that may come from the heart" in html
    assert "It came on in the past 12 hours" not in html


def test_pain_on_breathing_in_asks_about_clot_risks_and_with_one_is_an_emergency(client):
    page = post_step(client, first_step(client), {"pleuritic_pain": "yes"}).content.decode()

    assert "Step 2 of 9" in page
    assert "having had a baby in the past 6 weeks" in page
    outcome = post_step(client, page, {"clot_risk": "yes"})
    assert is_outcome(outcome)
    assert "Signs of a possible blood clot in the lungs" in outcome.content.decode()


def test_unticking_the_first_answer_drops_its_follow_up(client):
    page = post_step(client, first_step(client), {"pain_with_exertion": "yes"}).content.decode()
    follow_up = post_step(client, page, {"none-exertion-timing": "yes"}).content.decode()
    assert "Step 3 of 9" in follow_up

    data = {**form_data(follow_up), "pain_with_exertion": "", "none-heart-and-lungs": "yes", "step": "0"}
    again = client.post(f"{PAGE_URL}?for=patient", {**data, "action": "next"}).content.decode()

    assert "Step 2 of 8" in again
    assert "Do you have any of these problems with your bladder" in again
