"""The format of a topic's article.toml, declared: what each field holds and of which type."""

import re
from typing import Annotated, Literal

from content.models import REFERENCE_KINDS, web_url
from content.tomlfile import Schema, checked

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# How messages name a reference: by its key.
ARTICLE_PARTS = {"references": ("reference", "key")}

Slug = Annotated[str, checked(SLUG_RE.fullmatch, "must be lowercase words joined by hyphens")]
WebUrl = Annotated[str, checked(web_url, "must start with https:// or http://")]


class Reference(Schema):
    key: str
    kind: Literal[tuple(REFERENCE_KINDS)]
    authors: str
    title: str
    source: str
    year: int
    url: WebUrl | None = None


class Article(Schema):
    slug: Slug
    title: str
    summary: str
    tags: list[str]
    references: list[Reference]
