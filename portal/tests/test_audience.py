import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PATIENT_TEXT = "Keep moving"
CLINICIAN_TEXT = "Advise activity over bed rest"


@pytest.fixture
def url(sample_article):
    return reverse("article", args=["sample-topic"])


def test_a_new_visitor_reads_the_patient_text(client, url):
    html = client.get(url).content.decode()

    assert PATIENT_TEXT in html
    assert CLINICIAN_TEXT not in html
    assert '<p class="audience-question" id="audience-question">Which best describes you?</p>' in html
    assert re.search(r'<a href="/articles/sample-topic/\?for=patient" aria-current="page">', html)
    assert '<a href="/articles/sample-topic/?for=clinician">Healthcare professional</a>' in html


def test_choosing_clinician_shows_the_professional_text_and_is_remembered(client, url):
    response = client.get(url, {"for": "clinician"})

    html = response.content.decode()
    assert CLINICIAN_TEXT in html
    assert PATIENT_TEXT not in html
    assert re.search(r'<a href="/articles/sample-topic/\?for=clinician" aria-current="page">', html)
    assert response.cookies[settings.PORTAL_AUDIENCE_COOKIE].value == "clinician"
    assert "Cookie" in response["Vary"]

    later = client.get(url).content.decode()
    assert CLINICIAN_TEXT in later


def test_a_shared_link_overrides_the_remembered_choice(client, url):
    client.cookies[settings.PORTAL_AUDIENCE_COOKIE] = "clinician"

    response = client.get(url, {"for": "patient"})

    assert PATIENT_TEXT in response.content.decode()
    assert response.cookies[settings.PORTAL_AUDIENCE_COOKIE].value == "patient"


@pytest.mark.parametrize("remembered, expected", [(None, PATIENT_TEXT), ("clinician", CLINICIAN_TEXT)])
def test_an_unknown_audience_falls_back_without_error(client, url, remembered, expected):
    if remembered:
        client.cookies[settings.PORTAL_AUDIENCE_COOKIE] = remembered

    response = client.get(url, {"for": "<script>"})

    assert response.status_code == 200
    assert expected in response.content.decode()
    assert settings.PORTAL_AUDIENCE_COOKIE not in response.cookies


def test_a_tampered_cookie_is_ignored(client, url):
    client.cookies[settings.PORTAL_AUDIENCE_COOKIE] = "surgeon"

    response = client.get(url)

    assert response.status_code == 200
    assert PATIENT_TEXT in response.content.decode()
