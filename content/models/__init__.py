"""The content app's models, by concern; import them from here (`from content.models import Revision`).

review.py: what topic and glossary revisions share. topics.py: Article and Revision.
glossary.py: the glossary's pointers and versions.
"""

from content.models.glossary import (
    GlossaryRevision,
    GlossaryStatusChange,
    SiteGlossary,
    glossary_of,
    readable_glossary,
    readable_glossary_revision,
)
from content.models.review import AppendOnly, Reviewable, ReviewRecord, Status, content_hash
from content.models.topics import (
    CONTENT_FIELDS,
    REFERENCE_KINDS,
    Article,
    AudienceText,
    Revision,
    RevisionLocked,
    StatusChange,
    next_review_due,
    web_url,
)

__all__ = [
    "CONTENT_FIELDS",
    "REFERENCE_KINDS",
    "AppendOnly",
    "Article",
    "AudienceText",
    "GlossaryRevision",
    "GlossaryStatusChange",
    "ReviewRecord",
    "Reviewable",
    "Revision",
    "RevisionLocked",
    "SiteGlossary",
    "Status",
    "StatusChange",
    "content_hash",
    "glossary_of",
    "next_review_due",
    "readable_glossary",
    "readable_glossary_revision",
    "web_url",
]
