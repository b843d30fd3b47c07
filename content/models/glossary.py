"""The glossary: one per site, versioned and reviewed like a topic."""

from django.conf import settings
from django.db import models
from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from content.glossary import Glossary, term_from_dict
from content.models.review import PENDING_STATUSES, Reviewable, ReviewRecord


class SiteGlossary(models.Model):
    """The site's one glossary, as an Article is one topic: its two pointers.

    A single row (pk ONLY), made when the first glossary revision is."""

    ONLY = 1

    published_revision = models.ForeignKey(
        "GlossaryRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The approved revision readers see. Set by approval, never by hand.",
    )
    latest_revision = models.ForeignKey(
        "GlossaryRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The newest revision, whatever its status: what editors work on.",
    )

    class Meta:
        verbose_name_plural = "site glossary"

    def __str__(self):
        return "The glossary"

    @classmethod
    def load(cls):
        """The row, with both revisions, or an unsaved empty one before any import."""
        pointers = cls.objects.select_related("published_revision", "latest_revision")
        return pointers.filter(pk=cls.ONLY).first() or cls(pk=cls.ONLY)


class GlossaryRevision(Reviewable):
    """One version of the whole glossary (content/glossary.toml), reviewed like a topic."""

    number = models.PositiveIntegerField(unique=True)
    terms = models.JSONField(help_text="List of {term, synonyms, definition, source, url}.")

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"glossary r{self.number} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        is_new = self.pk is None
        super().save(*args, **kwargs)
        if is_new:
            # Each new version (the import makes them) is what editors now work on.
            SiteGlossary.objects.update_or_create(pk=SiteGlossary.ONLY, defaults={"latest_revision": self})

    def glossary(self):
        return glossary_of(self.pk, self.content_hash, self.terms)

    def editorial_url(self):
        return reverse("editorial:glossary")

    def review_title(self):
        return f"The glossary (revision {self.number})"

    def lock_pointers(self):
        SiteGlossary.objects.select_for_update().filter(pk=SiteGlossary.ONLY).exists()

    def siblings(self):
        return GlossaryRevision.objects.all()

    def publish(self, now):
        SiteGlossary.objects.update_or_create(pk=SiteGlossary.ONLY, defaults={"published_revision": self})

    def withdraw(self):
        SiteGlossary.objects.filter(pk=SiteGlossary.ONLY, published_revision=self).update(
            published_revision=None
        )


class GlossaryStatusChange(ReviewRecord):
    glossary_revision = models.ForeignKey(
        GlossaryRevision, on_delete=models.PROTECT, related_name="status_changes"
    )

    def __str__(self):
        return f"{self.glossary_revision}: {self.from_status} → {self.to_status}"


_compiled_glossaries = {}


def glossary_of(pk, digest, terms):
    """A Glossary for a stored version, compiled once per process (its regex is large)."""
    key = (pk, digest)
    if key not in _compiled_glossaries:
        _compiled_glossaries.clear()
        _compiled_glossaries[key] = Glossary([term_from_dict(entry) for entry in terms])
    return _compiled_glossaries[key]


def readable_glossary_revision():
    """The glossary readers see: the published revision, else (while pending content is
    shown) the newest one in review; None when there is none. One query, for page views."""
    readable_id = Subquery(SiteGlossary.objects.filter(pk=SiteGlossary.ONLY).values("published_revision"))
    if settings.PORTAL_SHOW_PENDING:
        newest_pending = GlossaryRevision.objects.filter(status__in=PENDING_STATUSES).values("pk")[:1]
        readable_id = Coalesce(readable_id, Subquery(newest_pending))
    return GlossaryRevision.objects.filter(pk=readable_id).first()


def readable_glossary():
    version = readable_glossary_revision()
    return version.glossary() if version else Glossary([])
