"""Import topics from their files into the database, all or nothing."""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from content.glossary import read_glossary, term_as_dict
from content.markdown import CitationError
from content.models import Article, GlossaryRevision, Revision, content_hash
from content.models.topics import revision_hash
from content.sources import ContentError, read_topics
from content.workflow import transition


@dataclass
class ImportResult:
    slug: str
    revision: Revision | None  # None when the text was unchanged

    def __str__(self):
        if self.revision is None:
            return f"{self.slug}: unchanged"
        return f"{self.slug}: new revision {self.revision.number} ({self.revision.get_status_display()})"


def import_topics(root, glossary_file=None):
    """Make a new submitted revision for every topic (and the glossary) whose text changed.

    Every file is read and every revision rendered before anything is written,
    and the writes share one transaction: a bad file leaves the database as it was.
    """
    topics = read_topics(root)
    check_related(topics)
    glossary_terms = [term_as_dict(term) for term in read_glossary(glossary_file)] if glossary_file else None
    articles = Article.objects.filter(slug__in=[topic.slug for topic in topics])
    latest_by_slug = {
        article.slug: article.latest_revision for article in articles.select_related("latest_revision")
    }
    # A file matching the exported text is unchanged even while a newer draft is open.
    exported_by_slug = {article.slug: revision for article, revision in articles.with_exported_revisions()}
    planned = []
    for topic in topics:
        latest = latest_by_slug.get(topic.slug)
        current_hashes = {
            revision.content_hash for revision in (latest, exported_by_slug.get(topic.slug)) if revision
        }
        if revision_hash(topic.content()) in current_hashes:
            planned.append((topic, None))
        else:
            planned.append((topic, prepared_revision(topic, latest)))

    with transaction.atomic():
        results = [save_import(topic, revision) for topic, revision in planned]
        if glossary_terms is not None:
            results.append(import_glossary(glossary_terms, Path(glossary_file).name))
        return results


def check_related(topics):
    """Every related topic is one being imported or one the site has."""
    known = {topic.slug for topic in topics} | set(Article.objects.values_list("slug", flat=True))
    for topic in topics:
        for index, slug in enumerate(topic.related):
            if slug == topic.slug or slug not in known:
                problem = "a topic is not related to itself" if slug == topic.slug else "no such topic"
                raise ContentError(
                    topic.metadata_path, topic.line_of("related", index), f"'{slug}': {problem}"
                )


def import_glossary(terms, file_name):
    digest = content_hash(terms)
    latest = GlossaryRevision.objects.first()
    if latest is not None and latest.content_hash == digest:
        return ImportResult("glossary", None)
    revision = GlossaryRevision.objects.create(
        number=latest.number + 1 if latest else 1, terms=terms, content_hash=digest
    )
    return ImportResult(
        "glossary", transition(revision, Revision.Status.SUBMITTED, comment=f"Imported from {file_name}")
    )


def prepared_revision(topic, latest):
    revision = Revision(number=latest.number + 1 if latest else 1, **topic.content())
    try:
        revision.render()
    except CitationError as error:
        raise ContentError(topic.audience_path(error.audience), error.line, error.message) from None
    uncited = revision.uncited_keys()
    if uncited:
        index = [reference["key"] for reference in topic.references].index(uncited[0])
        raise ContentError(
            topic.metadata_path,
            topic.line_of("references", index, "key"),
            f"reference '{uncited[0]}' is never cited in patient.md or clinician.md",
        )
    return revision


def save_import(topic, revision):
    if revision is None:
        return ImportResult(topic.slug, None)
    article, _ = Article.objects.get_or_create(slug=topic.slug)
    revision.article = article
    revision.save()
    Article.objects.filter(pk=article.pk).update(latest_revision=revision)
    revision = transition(revision, Revision.Status.SUBMITTED, comment=f"Imported from {topic.folder.name}/")
    return ImportResult(topic.slug, revision)
