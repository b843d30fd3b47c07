"""HL7 Infobutton (URL-based knowledge request): which topics explain a code, and the feeds that say so.

An electronic health record asks with the Infobutton's own parameter names; the answer is up to
three topics, best first, as MedlinePlus Connect gives them: an Atom feed, the same feed as JSON,
or (for a browser) the one best topic itself. Everything here is plain data in, plain data out.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from content.audience import CLINICIAN, PATIENT
from content.codes import ICD10CM, SNOMED_CT, icd10cm_key, is_snomed_concept

CODE = "mainSearchCriteria.v.c"
CODE_SYSTEM = "mainSearchCriteria.v.cs"
DISPLAY_NAME = "mainSearchCriteria.v.dn"
RECIPIENT = "informationRecipient"
RESPONSE_TYPE = "knowledgeResponseType"
# The code systems by their HL7 object identifiers.
CODE_SYSTEM_OIDS = {"2.16.840.1.113883.6.90": ICD10CM, "2.16.840.1.113883.6.96": SNOMED_CT}
RECIPIENTS = {"PAT": PATIENT, "PROV": CLINICIAN}
HTML, JSON, XML = "text/html", "application/json", "text/xml"
# As MedlinePlus Connect: an Atom feed unless another type is asked for.
RESPONSE_TYPES = (XML, JSON, HTML)
MOST_TOPICS = 3
MAX_DISPLAY_NAME = 200
# A code as an EHR may send it: ICD-10-CM with or without its dot.
REQUESTED_ICD10CM_RE = re.compile(r"[A-Z][0-9][0-9A-Z]\.?[0-9A-Z]{0,4}")
ATOM = "http://www.w3.org/2005/Atom"


class BadRequest(ValueError):
    """A parameter the request cannot be answered with; `parameter` names it."""

    def __init__(self, parameter, message):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


@dataclass(frozen=True)
class KnowledgeRequest:
    system: str | None  # ICD10CM or SNOMED_CT, with a code
    code: str
    display_name: str
    audience: str
    response_type: str
    recipient: str  # as asked: PAT or PROV


def parse_request(params):
    """The request as plain data; BadRequest naming the first parameter it cannot use.
    Parameters it does not use (the patient's age, the task…) are ignored, as the guide allows."""
    code = params.get(CODE, "").strip()
    display_name = " ".join(params.get(DISPLAY_NAME, "").split())
    oid = params.get(CODE_SYSTEM, "").strip()
    recipient = params.get(RECIPIENT, "PAT").strip().upper() or "PAT"
    response_type = params.get(RESPONSE_TYPE, XML).strip().lower() or XML
    if not code and not display_name:
        raise BadRequest(CODE, f"give a code (with {CODE_SYSTEM}) or a display name ({DISPLAY_NAME})")
    system = None
    if code:
        if oid not in CODE_SYSTEM_OIDS:
            known = " or ".join(f"{value} ({name})" for value, name in CODE_SYSTEM_OIDS.items())
            raise BadRequest(CODE_SYSTEM, f"must be {known}, not '{oid}'" if oid else f"is required: {known}")
        system = CODE_SYSTEM_OIDS[oid]
        code = checked_code(system, code)
    if len(display_name) > MAX_DISPLAY_NAME:
        raise BadRequest(DISPLAY_NAME, f"must be at most {MAX_DISPLAY_NAME} characters")
    if recipient not in RECIPIENTS:
        raise BadRequest(RECIPIENT, f"must be PAT (a patient) or PROV (a provider), not '{recipient}'")
    if response_type not in RESPONSE_TYPES:
        raise BadRequest(RESPONSE_TYPE, f"must be one of {', '.join(RESPONSE_TYPES)}, not '{response_type}'")
    return KnowledgeRequest(system, code, display_name, RECIPIENTS[recipient], response_type, recipient)


def checked_code(system, code):
    if system == ICD10CM:
        code = code.upper()
        if not REQUESTED_ICD10CM_RE.fullmatch(code):
            raise BadRequest(CODE, f"'{code}' is not an ICD-10-CM code")
    elif not is_snomed_concept(code):
        raise BadRequest(CODE, f"'{code}' is not a SNOMED CT concept id")
    return code


def code_match(system, requested, topic_code):
    """How well a topic's code answers the requested one: None for not at all, else a rank
    (higher is better). An ICD-10-CM code finds the topic of its category or subcategory."""
    if topic_code["system"] != system:
        return None
    if system == SNOMED_CT:
        return 100 if topic_code["code"] == requested else None
    asked, listed = icd10cm_key(requested), icd10cm_key(topic_code["code"])
    if not asked.startswith(listed):
        return None
    # An exact code first, then the topic whose code is nearest the one asked.
    return 100 if asked == listed else len(listed)


def topics_for_code(system, code, topics):
    """[(article, revision)] of `topics` whose codes match, best first, at most three."""
    ranked = []
    for article, revision in topics:
        ranks = [rank for listed in revision.codes if (rank := code_match(system, code, listed)) is not None]
        if ranks:
            ranked.append((-max(ranks), article.slug, article, revision))
    return [(article, revision) for _, _, article, revision in sorted(ranked, key=lambda item: item[:2])][
        :MOST_TOPICS
    ]


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    summary: str
    updated: str  # ISO 8601, UTC


def entry(revision, audience, url):
    changed = revision.approved_at or revision.created_at
    return Entry(revision.title_for(audience), url, revision.summary_for(audience), iso_utc(changed))


def iso_utc(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def categories(request):
    """The request's criteria, echoed as MedlinePlus Connect echoes them."""
    oid = next((oid for oid, system in CODE_SYSTEM_OIDS.items() if system == request.system), "")
    return [
        {"scheme": CODE, "term": request.code},
        {"scheme": CODE_SYSTEM, "term": oid},
        {"scheme": DISPLAY_NAME, "term": request.display_name},
        {"scheme": RECIPIENT, "term": request.recipient},
    ]


def subtitle(request):
    asked = f"{request.system} {request.code}" if request.system else f"“{request.display_name}”"
    return f"Open Health Portal results for {asked}"


def json_feed(request, entries, base_url, feed_id, updated):
    """The feed in the JSON shape of MedlinePlus Connect's responses."""
    return {
        "feed": {
            "base": f"{base_url}/",
            "lang": "en",
            "title": {"_value": "Open Health Portal", "type": "text"},
            "subtitle": {"_value": subtitle(request), "type": "text"},
            "author": {"name": {"_value": "Open Health Portal"}, "uri": {"_value": base_url}},
            "updated": {"_value": updated},
            "category": categories(request),
            "id": {"_value": feed_id},
            "entry": [
                {
                    "lang": "en",
                    "title": {"_value": item.title, "type": "text"},
                    "link": [{"title": item.title, "rel": "alternate", "type": "html", "href": item.url}],
                    "id": {"_value": item.url},
                    "updated": {"_value": item.updated},
                    "summary": {"_value": item.summary, "type": "text"},
                }
                for item in entries
            ],
        }
    }


def atom_feed(request, entries, base_url, feed_id, updated):
    """The same feed as Atom XML (bytes)."""
    ET.register_namespace("", ATOM)

    def add(parent, name, text=None, **attributes):
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    add(feed, "title", "Open Health Portal", type="text")
    add(feed, "subtitle", subtitle(request), type="text")
    author = add(feed, "author")
    add(author, "name", "Open Health Portal")
    add(author, "uri", base_url)
    add(feed, "updated", updated)
    add(feed, "id", feed_id)
    for category in categories(request):
        add(feed, "category", **category)
    for item in entries:
        element = add(feed, "entry")
        add(element, "title", item.title, type="text")
        add(element, "link", title=item.title, rel="alternate", type="text/html", href=item.url)
        add(element, "id", item.url)
        add(element, "updated", item.updated)
        add(element, "summary", item.summary, type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
