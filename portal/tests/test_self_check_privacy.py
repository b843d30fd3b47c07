"""Nothing about the person: answers never reach the database or the logs; only anonymous counts."""

import json
import logging

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.debug import ExceptionReporter

from guideline.models import OutcomeCount, count_outcome
from guideline.tests.helpers import SLUG, answers
from portal.self_check import views
from portal.tests.self_check import API_URL, PAGE_URL, walk

pytestmark = pytest.mark.django_db

# An age nobody else in these requests has, to look for in the logs.
TELLTALE_AGE = 87


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def use_every_way_in(client):
    """The API (good and bad answers), a patient's steps and a clinician's checklist."""
    body = {"answers": answers(age=TELLTALE_AGE, fever=True)}
    client.post(API_URL, body, content_type="application/json")
    client.post(API_URL, {"answers": {"age": TELLTALE_AGE}}, content_type="application/json")
    walk(client, answers(age=TELLTALE_AGE, snapping_or_grinding=True))
    walk(client, answers(chest_pain_or_shortness_of_breath=True))
    data = {"age": str(TELLTALE_AGE), "duration_weeks": "3", "improved_with_conservative_care": "no"}
    client.post(f"{PAGE_URL}?for=clinician", data)
    client.post(f"{PAGE_URL}?for=clinician", {**data, "age": "eighty-seven"})


def test_only_the_anonymous_counter_changes_when_people_use_the_self_check(client, shipped_article):
    before = row_counts()

    use_every_way_in(client)

    after = row_counts()
    changed = {label for label in after if after[label] != before[label]}
    assert changed == {"guideline.OutcomeCount"}
    assert [field.name for field in OutcomeCount._meta.get_fields()] == ["id", "day", "level", "count"]


def test_each_outcome_given_adds_one_to_its_level_for_the_day(client):
    use_every_way_in(client)

    counts = dict(OutcomeCount.objects.filter(day=timezone.localdate()).values_list("level", "count"))
    # Aged 87 is a routine fracture and cancer risk factor; a fever makes it urgent, chest pain an
    # emergency, and the answers without a duration are refused, so not counted.
    assert counts == {"urgent": 1, "routine": 2, "emergency": 1}


def test_counting_adds_to_the_one_row_of_the_day():
    count_outcome("urgent")
    count_outcome("urgent")

    assert OutcomeCount.objects.get().count == 2


def test_no_answer_reaches_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)

    use_every_way_in(client)

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert str(TELLTALE_AGE) not in logged
    assert "fever" not in logged.lower()


def test_an_error_report_holds_no_answer(monkeypatch):
    """If the view fails after reading the answers, Django's error report shows none of them."""

    def fail(level):
        raise RuntimeError("the counter is down")

    monkeypatch.setattr(views, "count_outcome", fail)
    data = {"age": "119", "duration_weeks": "3", "improved_with_conservative_care": "no", "fever": "yes"}
    request = RequestFactory().post(f"{PAGE_URL}?for=clinician", data)

    with pytest.raises(RuntimeError) as failed:
        views.self_check(request, slug=SLUG)

    report = ExceptionReporter(request, failed.type, failed.value, failed.tb).get_traceback_text()
    assert "the counter is down" in report
    assert "'119'" not in report
    assert "'age': 119" not in report
    assert "'fever': True" not in report


def test_the_api_answers_without_a_session_or_a_cookie(client):
    response = client.post(API_URL, json.dumps({"answers": answers()}), content_type="application/json")

    assert response.cookies == {}
    assert "sessionid" not in client.cookies


def test_the_admin_shows_the_counts_and_lets_nobody_change_them(client):
    count_outcome("routine")
    admin = get_user_model().objects.create_superuser("admin", password="pw-admin")
    client.force_login(admin)
    row = OutcomeCount.objects.get()

    listing = client.get(reverse("admin:guideline_outcomecount_changelist"))

    assert listing.status_code == 200
    assert "Routine" in listing.content.decode()
    assert client.get(reverse("admin:guideline_outcomecount_add")).status_code == 403
    delete = reverse("admin:guideline_outcomecount_delete", args=[row.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert OutcomeCount.objects.get().count == 1
    change = client.get(reverse("admin:guideline_outcomecount_change", args=[row.pk])).content.decode()
    assert 'name="_save"' not in change
