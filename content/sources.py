"""Topics as files: content/articles/<slug>/{article.toml, patient.md, clinician.md}.

Reading checks every field and names the file and line of the first problem;
writing produces the same format, so a topic read, written and read again is
unchanged.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from content.errors import ContentError
from content.models import REFERENCE_KINDS, web_url

__all__ = ["ContentError", "read_topics", "write_topic"]

METADATA_FILE = "article.toml"
AUDIENCE_FILES = {"patient": "patient.md", "clinician": "clinician.md"}
TOP_LEVEL_FIELDS = {"slug": str, "title": str, "summary": str, "tags": list, "references": list}
REFERENCE_FIELDS = {"key": str, "kind": str, "authors": str, "title": str, "source": str, "year": int}
OPTIONAL_REFERENCE_FIELDS = {"url": str}
REFERENCE_FIELD_ORDER = [*REFERENCE_FIELDS, *OPTIONAL_REFERENCE_FIELDS]
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TOML_LINE_RE = re.compile(r"at line (\d+)")


@dataclass
class TopicSource:
    folder: Path
    slug: str
    title: str
    summary: str
    tags: list
    references: list
    patient_markdown: str
    clinician_markdown: str
    metadata_text: str = field(repr=False)

    @property
    def metadata_path(self):
        return self.folder / METADATA_FILE

    def content(self):
        return {
            "title": self.title,
            "summary": self.summary,
            "tags": self.tags,
            "references": self.references,
            "patient_markdown": self.patient_markdown,
            "clinician_markdown": self.clinician_markdown,
        }

    def line_of(self, pattern, occurrence=0, after=0):
        """The line where `pattern` matches for the nth time in article.toml (after line
        `after`), or None."""
        matches = [
            number
            for number, line in enumerate(self.metadata_text.splitlines(), start=1)
            if number > after and re.search(pattern, line)
        ]
        return matches[occurrence] if occurrence < len(matches) else None

    def reference_line(self, index, field_name=None):
        """The line of reference `index`'s header, or of one of its fields."""
        header = self.line_of(r"^\s*\[\[references\]\]", index)
        if header is None:
            return self.line_of(r"^\s*references\s*=")
        if field_name is None:
            return header
        field_line = self.line_of(rf"^\s*{field_name}\s*=", after=header)
        next_header = self.line_of(r"^\s*\[", after=header)
        if field_line and (next_header is None or field_line < next_header):
            return field_line
        return header

    def audience_path(self, audience):
        return self.folder / AUDIENCE_FILES[audience]


def read_topics(root):
    """Read every topic folder under `root`. Raises ContentError on the first problem."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError(root, None, "no such folder")
    topics = [read_topic(folder) for folder in sorted(root.iterdir()) if folder.is_dir()]
    first_folder_by_slug = {}
    for topic in topics:
        if topic.slug in first_folder_by_slug:
            raise ContentError(
                topic.metadata_path,
                topic.line_of(r"^\s*slug\s*="),
                f"duplicate slug '{topic.slug}': {first_folder_by_slug[topic.slug]} uses it too",
            )
        first_folder_by_slug[topic.slug] = topic.metadata_path
    return topics


def read_topic(folder):
    metadata_path = folder / METADATA_FILE
    if not metadata_path.is_file():
        raise ContentError(metadata_path, None, "missing file")
    metadata_text = metadata_path.read_text(encoding="utf-8")
    try:
        metadata = tomllib.loads(metadata_text)
    except tomllib.TOMLDecodeError as error:
        line = TOML_LINE_RE.search(str(error))
        raise ContentError(
            metadata_path, int(line.group(1)) if line else None, f"malformed TOML: {error}"
        ) from None

    bodies = {}
    for audience, name in AUDIENCE_FILES.items():
        path = folder / name
        if not path.is_file():
            raise ContentError(path, None, f"missing file: every topic needs {name}")
        bodies[audience] = path.read_text(encoding="utf-8")

    topic = TopicSource(
        folder=folder,
        slug=metadata.get("slug"),
        title=metadata.get("title"),
        summary=metadata.get("summary"),
        tags=metadata.get("tags"),
        references=metadata.get("references"),
        patient_markdown=bodies["patient"],
        clinician_markdown=bodies["clinician"],
        metadata_text=metadata_text,
    )
    check_metadata(topic, metadata)
    return topic


def check_metadata(topic, metadata):
    path = topic.metadata_path
    unknown = sorted(metadata.keys() - TOP_LEVEL_FIELDS.keys())
    if unknown:
        raise ContentError(path, topic.line_of(rf"^\s*\[*{unknown[0]}\b"), f"unknown field '{unknown[0]}'")
    for name, kind in TOP_LEVEL_FIELDS.items():
        if name not in metadata:
            raise ContentError(path, 1, f"missing required field '{name}'")
        if not isinstance(metadata[name], kind):
            raise ContentError(
                path, topic.line_of(rf"^\s*\[*{name}\b"), f"'{name}' must be a {kind.__name__}"
            )
    if not SLUG_RE.match(topic.slug):
        raise ContentError(
            path,
            topic.line_of(r"^\s*slug\s*="),
            f"slug '{topic.slug}' must be lowercase words joined by hyphens",
        )
    if not all(isinstance(tag, str) for tag in topic.tags):
        raise ContentError(path, topic.line_of(r"^\s*tags\s*="), "every tag must be a string")

    seen_keys = set()
    for index, reference in enumerate(topic.references):
        line = topic.reference_line(index)
        if not isinstance(reference, dict):
            raise ContentError(path, line, "each reference must be a table of fields")
        unknown = sorted(reference.keys() - REFERENCE_FIELDS.keys() - OPTIONAL_REFERENCE_FIELDS.keys())
        if unknown:
            raise ContentError(
                path,
                topic.reference_line(index, unknown[0]),
                f"reference {index + 1} has an unknown field '{unknown[0]}'",
            )
        for name, kind in REFERENCE_FIELDS.items():
            if name not in reference:
                raise ContentError(path, line, f"reference {index + 1} is missing required field '{name}'")
            if not isinstance(reference[name], kind) or isinstance(reference[name], bool):
                raise ContentError(
                    path,
                    topic.reference_line(index, name),
                    f"reference {index + 1}: '{name}' must be a {kind.__name__}",
                )
        key = reference["key"]
        if reference["kind"] not in REFERENCE_KINDS:
            allowed = ", ".join(REFERENCE_KINDS)
            raise ContentError(
                path, topic.reference_line(index, "kind"), f"reference '{key}': kind must be one of {allowed}"
            )
        if "url" in reference and not web_url(reference["url"]):
            raise ContentError(
                path,
                topic.reference_line(index, "url"),
                f"reference '{key}': url must start with https:// or http://",
            )
        if key in seen_keys:
            raise ContentError(
                path, topic.reference_line(index, "key"), f"reference key '{key}' is used twice"
            )
        seen_keys.add(key)


def write_topic(root, slug, content):
    """Write one topic's content (as Revision.content() gives it) to root/<slug>/."""
    folder = Path(root) / slug
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {
        "slug": slug,
        "title": content["title"],
        "summary": content["summary"],
        "tags": content["tags"],
        # In the order of REFERENCE_FIELDS: PostgreSQL's jsonb does not keep key order.
        "references": [
            {name: reference[name] for name in REFERENCE_FIELD_ORDER if name in reference}
            for reference in content["references"]
        ],
    }
    (folder / METADATA_FILE).write_text(tomli_w.dumps(metadata), encoding="utf-8")
    for audience, name in AUDIENCE_FILES.items():
        (folder / name).write_text(content[f"{audience}_markdown"], encoding="utf-8")
    return folder
