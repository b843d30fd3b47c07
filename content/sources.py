"""Topics as files: content/articles/<slug>/{article.toml, patient.md, clinician.md}.

Reading checks article.toml against its schema (content.schema) and names the file,
line and field of the first problem; writing produces the same format, so a topic
read, written and read again is unchanged.
"""

from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from content.codes import CODE_FIELDS
from content.errors import ContentError
from content.schema import ARTICLE_PARTS, Article, reference_fields
from content.tomlfile import TomlFile, index_lines, line_of

__all__ = ["ContentError", "read_topics", "write_topic"]

METADATA_FILE = "article.toml"
AUDIENCE_FILES = {"patient": "patient.md", "clinician": "clinician.md"}
# article.toml's fields in the file's order; `name` and the clinician's words may be left out.
TOPIC_FIELDS = ("name", "title", "summary", "clinician_title", "clinician_summary", "tags", "related")


@dataclass
class TopicSource:
    folder: Path
    slug: str
    name: str
    title: str
    summary: str
    clinician_title: str
    clinician_summary: str
    tags: list
    related: list
    codes: list
    references: list
    patient_markdown: str
    clinician_markdown: str
    metadata_text: str = field(repr=False)

    @property
    def metadata_path(self):
        return self.folder / METADATA_FILE

    def content(self):
        return {
            **{name: getattr(self, name) for name in TOPIC_FIELDS},
            "codes": self.codes,
            "references": self.references,
            "patient_markdown": self.patient_markdown,
            "clinician_markdown": self.clinician_markdown,
        }

    def line_of(self, *path):
        """The line in article.toml of the part at `path`, e.g. ("references", 2, "key")."""
        return line_of(index_lines(self.metadata_text), path)

    def audience_path(self, audience):
        return self.folder / AUDIENCE_FILES[audience]

    def markdown(self, audience):
        """One audience's Markdown, as the file holds it."""
        return {"patient": self.patient_markdown, "clinician": self.clinician_markdown}[audience]


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
                topic.line_of("slug"),
                f"duplicate slug '{topic.slug}': {first_folder_by_slug[topic.slug]} uses it too",
            )
        first_folder_by_slug[topic.slug] = topic.metadata_path
    return topics


def read_topic(folder):
    metadata_path = folder / METADATA_FILE
    if not metadata_path.is_file():
        raise ContentError(metadata_path, None, "missing file")
    metadata = TomlFile.read(metadata_path, ARTICLE_PARTS)
    article = metadata.validate(Article)
    check_unique_keys(metadata, article)
    check_unique_codes(metadata, article)
    bodies = {}
    for audience, name in AUDIENCE_FILES.items():
        path = folder / name
        if not path.is_file():
            raise ContentError(path, None, f"missing file: every topic needs {name}")
        bodies[audience] = path.read_text(encoding="utf-8")
    return TopicSource(
        folder=folder,
        slug=article.slug,
        **{name: getattr(article, name) for name in TOPIC_FIELDS if name not in ("tags", "related")},
        tags=list(article.tags),
        related=list(article.related),
        codes=[code.model_dump() for code in article.codes],
        # As written: a reference's fields are exactly those of the file, as the database keeps them.
        references=[reference.model_dump(exclude_unset=True) for reference in article.references],
        patient_markdown=bodies["patient"],
        clinician_markdown=bodies["clinician"],
        metadata_text=metadata.text,
    )


def check_unique_keys(metadata, article):
    seen = set()
    for index, reference in enumerate(article.references):
        if reference.key in seen:
            raise metadata.error(("references", index, "key"), "the key is used twice")
        seen.add(reference.key)


def check_unique_codes(metadata, article):
    seen = set()
    for index, code in enumerate(article.codes):
        if (code.system, code.code) in seen:
            raise metadata.error(("codes", index, "code"), "the code is listed twice")
        seen.add((code.system, code.code))


def write_topic(root, slug, content):
    """Write one topic's content (as Revision.content() gives it) to root/<slug>/."""
    folder = Path(root) / slug
    folder.mkdir(parents=True, exist_ok=True)
    metadata = {
        "slug": slug,
        # An empty optional field is left out, as the file had it.
        **{name: content[name] for name in TOPIC_FIELDS if content.get(name) or name == "tags"},
        # Left out when there are none, as the files written before codes had them.
        **(
            {"codes": [{name: code[name] for name in CODE_FIELDS} for code in content["codes"]]}
            if content.get("codes")
            else {}
        ),
        # In the schema's order: PostgreSQL's jsonb does not keep key order.
        "references": [
            {name: reference[name] for name in reference_fields(reference) if name in reference}
            for reference in content["references"]
        ],
    }
    (folder / METADATA_FILE).write_text(tomli_w.dumps(metadata), encoding="utf-8")
    markdown = {"patient": content["patient_markdown"], "clinician": content["clinician_markdown"]}
    for audience, name in AUDIENCE_FILES.items():
        (folder / name).write_text(markdown[audience], encoding="utf-8")
    return folder
