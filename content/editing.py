"""Writing a topic: every save is a new draft revision; a stale save is refused."""

from django.db import IntegrityError, transaction

from content.markdown import CitationError
from content.models import Article, Revision


class StaleEdit(Exception):
    """Someone saved a newer revision after this editor opened the form."""

    def __init__(self, latest):
        self.latest = latest
        if latest is None:
            what = "this topic changed"
        elif latest.author is None:
            what = f"the import saved revision {latest.number}"
        else:
            by = latest.author.get_full_name() or latest.author.get_username()
            what = f"{by} saved revision {latest.number}"
        super().__init__(
            f"Not saved: {what} after you opened this form. "
            "Your text is still in the form; compare it with the newer revision before saving again."
        )


class AddressTaken(Exception):
    """Someone else created a topic at this address after this editor's form was checked."""

    def __init__(self, slug):
        self.slug = slug
        super().__init__(
            f"Not saved: someone else has just created a topic at /articles/{slug}/. "
            "Your text is still in the form; choose another address, or edit that topic instead."
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
    topic has moved on since, nothing is saved and StaleEdit is raised. If another editor
    took the new topic's address meanwhile, nothing is saved and AddressTaken is raised.
    """
    if article is None:
        article = create_article(slug)
    locked = Article.objects.select_for_update().get(pk=article.pk)
    # Read in its own query, after the lock is held: on PostgreSQL a join in the locking
    # query would return the row as it was before the other editor's save (a NULL revision).
    latest = Revision.objects.select_related("author").filter(pk=locked.latest_revision_id).first()
    if (latest.number if latest else 0) != base_number:
        raise StaleEdit(latest)
    revision = Revision.objects.create(
        article=locked, number=base_number + 1, author=by, status=Revision.Status.DRAFT, **content
    )
    Article.objects.filter(pk=locked.pk).update(latest_revision=revision)
    return revision


def create_article(slug):
    """A new topic at `slug`; AddressTaken when another editor's topic got there first.

    The form checked the address, but another editor's save may commit after that check:
    the unique index decides (Django needs the failing query in its own atomic block)."""
    try:
        with transaction.atomic():
            return Article.objects.create(slug=slug)
    except IntegrityError:
        raise AddressTaken(slug) from None


def restore(revision, by):
    """Copy an old revision's text into a new draft on top of the topic's newest revision."""
    latest_number = revision.article.revisions.order_by("-number").values_list("number", flat=True).first()
    return save_draft(revision.content(), by, latest_number, article=revision.article)
