"""Writing a topic: every save is a new draft revision; a stale save is refused."""

from django.db import transaction

from content.markdown import CitationError
from content.models import Article, Revision


class StaleEdit(Exception):
    """Someone saved a newer revision after this editor opened the form."""

    def __init__(self, latest):
        self.latest = latest
        by = latest.author.get_full_name() or latest.author.get_username() if latest.author else "the import"
        super().__init__(
            f"Not saved: {by} saved revision {latest.number} after you opened this form. "
            "Your text is still in the form; compare it with the newer revision before saving again."
        )


def preview(content):
    """Render content as readers would see it, without saving: (revision, error)."""
    revision = Revision(**content)
    try:
        revision.render()
    except CitationError as error:
        return revision, error
    return revision, None


@transaction.atomic
def save_draft(content, by, base_number, article=None, slug=None):
    """Save `content` as a new draft revision of `article` (or of a new topic `slug`).

    `base_number` is the revision the editor started from (0 for a new topic); if the
    topic has moved on since, nothing is saved and StaleEdit is raised.
    """
    if article is None:
        article = Article.objects.create(slug=slug)
    locked = (
        Article.objects.select_for_update(of=("self",))
        .select_related("latest_revision__author")
        .get(pk=article.pk)
    )
    latest = locked.latest_revision
    if (latest.number if latest else 0) != base_number:
        raise StaleEdit(latest)
    revision = Revision.objects.create(
        article=locked, number=base_number + 1, author=by, status=Revision.Status.DRAFT, **content
    )
    Article.objects.filter(pk=locked.pk).update(latest_revision=revision)
    return revision


def restore(revision, by):
    """Copy an old revision's text into a new draft on top of the topic's newest revision."""
    latest_number = revision.article.revisions.order_by("-number").values_list("number", flat=True).first()
    return save_draft(revision.content(), by, latest_number, article=revision.article)
