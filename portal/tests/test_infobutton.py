"""GET /infobutton/: an EHR's Infobutton finds the topics that explain a code, as MedlinePlus Connect
answers: an Atom feed, the same as JSON, or the topic page itself."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from conftest import SHIPPED_SLUG
from content.models import Article
from portal import infobutton
from portal.infobutton import BadRequest, code_match, parse_request, topics_for_code

ICD10CM_OID, SNOMED_OID = "2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96"
ATOM = "{http://www.w3.org/2005/Atom}"
TOPIC = f"/articles/{SHIPPED_SLUG}/"


def ask(**params):
    query = {
        infobutton.CODE: params.pop("code", ""),
        infobutton.CODE_SYSTEM: params.pop("cs", ""),
        infobutton.DISPLAY_NAME: params.pop("dn", ""),
        infobutton.RECIPIENT: params.pop("recipient", "PAT"),
        infobutton.RESPONSE_TYPE: params.pop("type", "application/json"),
        **params,
    }
    return Client().get(f"/infobutton/?{urlencode({k: v for k, v in query.items() if v})}")


def entries(response):
    return response.json()["feed"]["entry"]


# --- the request, as plain data --------------------------------------------------------------


def test_a_request_is_read_with_the_infobuttons_own_names():
    asked = parse_request(
        {
            infobutton.CODE: "m54.61",
            infobutton.CODE_SYSTEM: ICD10CM_OID,
            infobutton.DISPLAY_NAME: " Pain  in thoracic spine ",
            infobutton.RECIPIENT: "PROV",
            infobutton.RESPONSE_TYPE: "text/html",
            "patientPerson.administrativeGenderCode.c": "F",  # context it does not use: ignored
        }
    )

    assert (asked.system, asked.code, asked.display_name) == ("ICD-10-CM", "M54.61", "Pain in thoracic spine")
    assert (asked.audience, asked.response_type) == ("clinician", "text/html")


def test_a_request_without_recipient_or_type_is_for_a_patient_as_an_atom_feed():
    asked = parse_request({infobutton.CODE: "279038004", infobutton.CODE_SYSTEM: SNOMED_OID})

    assert (asked.audience, asked.response_type) == ("patient", "text/xml")


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({}, infobutton.CODE),
        ({infobutton.CODE: "M54.6"}, infobutton.CODE_SYSTEM),
        ({infobutton.CODE: "M54.6", infobutton.CODE_SYSTEM: "2.16.840.1.113883.6.1"}, infobutton.CODE_SYSTEM),
        ({infobutton.CODE: "54.6X", infobutton.CODE_SYSTEM: ICD10CM_OID}, infobutton.CODE),
        ({infobutton.CODE: "279038005", infobutton.CODE_SYSTEM: SNOMED_OID}, infobutton.CODE),
        ({infobutton.CODE: "M54.6", infobutton.CODE_SYSTEM: SNOMED_OID}, infobutton.CODE),
        ({infobutton.DISPLAY_NAME: "back", infobutton.RECIPIENT: "PAYOR"}, infobutton.RECIPIENT),
        (
            {infobutton.DISPLAY_NAME: "back", infobutton.RESPONSE_TYPE: "application/pdf"},
            infobutton.RESPONSE_TYPE,
        ),
        ({infobutton.DISPLAY_NAME: "back " * 50}, infobutton.DISPLAY_NAME),
    ],
)
def test_a_request_it_cannot_answer_names_the_parameter(params, parameter):
    with pytest.raises(BadRequest) as refused:
        parse_request(params)

    assert refused.value.parameter == parameter


def listed(system, code):
    return {"system": system, "code": code, "display": "", "source": ""}


@pytest.mark.parametrize(
    "system, asked, topic_code, matches",
    [
        ("ICD-10-CM", "M54.6", "M54.6", True),
        ("ICD-10-CM", "M54.61", "M54.6", True),  # a more specific code finds its category's topic
        ("ICD-10-CM", "M5461", "M54.6", True),  # sent without its dot
        ("ICD-10-CM", "M54", "M54.6", False),  # a broader code does not
        ("ICD-10-CM", "M54.5", "M54.6", False),
        ("SNOMED CT", "279038004", "279038004", True),
        ("SNOMED CT", "2790380040", "279038004", False),  # SNOMED CT ids are never prefixes
        ("SNOMED CT", "M54.6", "M54.6", False),
    ],
)
def test_which_codes_match(system, asked, topic_code, matches):
    topic_system = "SNOMED CT" if topic_code.isdigit() else "ICD-10-CM"

    assert (code_match(system, asked, listed(topic_system, topic_code)) is not None) is matches


def fake_topic(slug, *codes):
    return SimpleNamespace(slug=slug), SimpleNamespace(codes=[listed("ICD-10-CM", code) for code in codes])


def test_topics_come_best_first_and_at_most_three():
    topics = [
        fake_topic("back-pain", "M54"),
        fake_topic("thoracic", "M54.6"),
        fake_topic("thoracic-right", "M54.61"),
        fake_topic("other", "M54.5"),
        fake_topic("also-back", "M54"),
    ]

    found = topics_for_code("ICD-10-CM", "M54.61", topics)

    assert [article.slug for article, _ in found] == ["thoracic-right", "thoracic", "also-back"]


# --- over HTTP ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, cs",
    [("M54.6", ICD10CM_OID), ("M54.61", ICD10CM_OID), ("279038004", SNOMED_OID), ("267981009", SNOMED_OID)],
)
def test_a_code_finds_the_topic_in_the_json_shape_of_medlineplus_connect(shipped_article, code, cs):
    response = ask(code=code, cs=cs)

    assert response.status_code == 200
    feed = response.json()["feed"]
    assert feed["title"]["_value"] == "Open Health Portal"
    assert {"scheme": infobutton.CODE, "term": code} in feed["category"]
    [entry] = feed["entry"]
    revision = shipped_article.readable_revision()
    assert entry["title"] == {"_value": revision.title, "type": "text"}
    assert entry["link"][0]["href"] == f"{settings.PORTAL_BASE_URL}{TOPIC}?for=patient"
    assert entry["summary"] == {"_value": revision.summary, "type": "text"}


@pytest.mark.django_db
def test_a_provider_is_sent_to_the_clinician_text(shipped_article):
    [entry] = entries(ask(code="M54.6", cs=ICD10CM_OID, recipient="PROV"))

    assert entry["link"][0]["href"].endswith(f"{TOPIC}?for=clinician")
    assert entry["title"]["_value"] == shipped_article.readable_revision().clinician_title


@pytest.mark.django_db
def test_an_unknown_code_is_searched_by_its_display_name(shipped_article):
    first, *_ = entries(ask(code="J45.909", cs=ICD10CM_OID, dn="pain between the shoulder blades"))

    assert first["link"][0]["href"].endswith(f"{TOPIC}?for=patient")


@pytest.mark.django_db
def test_an_unknown_code_without_a_display_name_gives_an_empty_feed(shipped_article):
    response = ask(code="J45.909", cs=ICD10CM_OID)

    assert response.status_code == 200
    assert entries(response) == []


@pytest.mark.django_db
def test_a_display_name_nothing_matches_gives_an_empty_feed(shipped_article):
    assert entries(ask(code="J45.909", cs=ICD10CM_OID, dn="zzyzx quokka")) == []


@pytest.mark.django_db
def test_a_display_name_alone_is_searched(shipped_article):
    assert len(entries(ask(dn="shoulder blade", recipient="PROV"))) == 1


@pytest.mark.django_db
def test_only_readable_topics_are_offered(shipped_article):
    Article.objects.filter(pk=shipped_article.pk).update(published_revision=None)
    shipped_article.revisions.update(status="draft")

    assert entries(ask(code="M54.6", cs=ICD10CM_OID)) == []


@pytest.mark.django_db
def test_the_atom_feed_says_the_same(shipped_article):
    response = ask(code="M54.61", cs=ICD10CM_OID, type="text/xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == shipped_article.readable_revision().title
    assert entry.find(f"{ATOM}link").get("href") == f"{settings.PORTAL_BASE_URL}{TOPIC}?for=patient"
    assert entry.find(f"{ATOM}summary").text == shipped_article.readable_revision().summary


@pytest.mark.django_db
def test_an_empty_atom_feed_is_still_a_feed(shipped_article):
    feed = ET.fromstring(ask(code="J45.909", cs=ICD10CM_OID, type="text/xml").content)

    assert feed.findall(f"{ATOM}entry") == []


@pytest.mark.django_db
@pytest.mark.parametrize("recipient, audience", [("PAT", "patient"), ("PROV", "clinician")])
def test_a_browser_is_sent_to_the_one_topic(shipped_article, recipient, audience):
    response = ask(code="279038004", cs=SNOMED_OID, recipient=recipient, type="text/html")

    assert response.status_code == 302
    assert response["Location"] == f"{TOPIC}?for={audience}"


@pytest.mark.django_db
def test_a_browser_with_nothing_found_gets_a_page_that_says_so(shipped_article):
    response = ask(code="J45.909", cs=ICD10CM_OID, type="text/html")

    assert response.status_code == 200
    assert "None of our reviewed topics explains this yet" in response.content.decode()


@pytest.mark.django_db
def test_a_browser_with_several_topics_gets_a_results_page(shipped_article, sample_article, monkeypatch):
    found = [(shipped_article, shipped_article.readable_revision())]
    found.append((sample_article, sample_article.readable_revision()))
    monkeypatch.setattr(infobutton, "topics_for_code", lambda *args: found)

    response = ask(code="M54.6", cs=ICD10CM_OID, recipient="PROV", type="text/html")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{TOPIC}?for=clinician"' in page
    assert 'href="/articles/sample-topic/?for=clinician"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"cs": "1.2.3", "code": "M54.6"}, infobutton.CODE_SYSTEM),
        ({"cs": ICD10CM_OID, "code": "M54.6", "type": "application/pdf"}, infobutton.RESPONSE_TYPE),
        ({}, infobutton.CODE),
        ({"cs": SNOMED_OID, "code": "12345"}, infobutton.CODE),
        ({"dn": "back", "recipient": "NURSE"}, infobutton.RECIPIENT),
    ],
)
@pytest.mark.parametrize("response_type", ["application/json", "text/xml"])
def test_a_bad_request_is_a_400_naming_the_parameter(shipped_article, params, parameter, response_type):
    response = ask(**{"type": response_type, **params})

    assert response.status_code == 400
    assert parameter in response.content.decode()


@pytest.mark.django_db
def test_the_endpoint_needs_no_login_or_token_and_takes_no_post(shipped_article):
    client = Client(enforce_csrf_checks=True)
    url = f"/infobutton/?{infobutton.CODE}=M54.6&{infobutton.CODE_SYSTEM}={ICD10CM_OID}"

    assert client.get(url).status_code == 200
    assert Client().post(url).status_code == 405
