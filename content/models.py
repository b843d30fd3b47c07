import hashlib
import json
from urllib.parse import urlsplit

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from content.audience import AUDIENCES
from content.glossary import Glossary, term_from_dict
from content.markdown import render_markdown
from content.readability import prose_from_html, readability

# The highest US school grade patient text may need (AMA and NIH advice: 6 to 8).
PATIENT_GRADE_LIMIT = 8
REFERENCE_KINDS = {"guideline": "Guideline", "research": "Research", "review": "Review"}
# What a revision holds; once it leaves draft, none of it may change.
CONTENT_FIELDS = ("title", "summary", "tags", "references", "patient_markdown", "clinician_markdown")


class RevisionLocked(Exception):
    """Raised on an attempt to change the text of a revision that left draft."""


class AppendOnly(Exception):
    """Raised on an attempt to change or delete a recorded status change."""


class ArticleQuerySet(models.QuerySet):
    def readable(self):
        """Topics a reader may open, each annotated with the revision a reader sees:
        the approved one, else (when pending content is shown) the newest submitted one.
        """
        readable_id = F("published_revision_id")
        if settings.PORTAL_SHOW_PENDING:
            newest_pending = (
                Revision.objects.filter(article=OuterRef("pk"), status__in=Revision.PENDING_STATUSES)
                .order_by("-number")
                .values("pk")[:1]
            )
            readable_id = Coalesce(F("published_revision_id"), Subquery(newest_pending))
        return self.annotate(readable_revision_id=readable_id).filter(readable_revision_id__isnull=False)

    def with_exported_revisions(self):
        """[(article, revision)]: each topic's newest approved or pending revision."""
        newest = (
            Revision.objects.filter(article=OuterRef("pk"), status__in=Revision.REVIEWED_OR_PENDING)
            .order_by("-number")
            .values("pk")[:1]
        )
        articles = list(
            self.annotate(exported_revision_id=Subquery(newest)).filter(exported_revision_id__isnull=False)
        )
        revisions = Revision.objects.in_bulk([article.exported_revision_id for article in articles])
        return [(article, revisions[article.exported_revision_id]) for article in articles]

    def with_readable_revisions(self):
        """[(article, revision)] for every readable topic, in two queries."""
        articles = list(self.readable())
        revisions = Revision.objects.in_bulk([article.readable_revision_id for article in articles])
        return [(article, revisions[article.readable_revision_id]) for article in articles]


class Article(models.Model):
    slug = models.SlugField(unique=True, help_text="The topic's address: /articles/<slug>/.")
    created_at = models.DateTimeField(auto_now_add=True)
    published_revision = models.ForeignKey(
        "Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The approved revision readers see. Set by approval, never by hand.",
    )
    latest_revision = models.ForeignKey(
        "Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The newest revision, whatever its status: what editors work on.",
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("article", args=[self.slug])

    def readable_revision(self):
        """The revision a reader sees, or None when there is nothing to show yet."""
        revision_id = getattr(self, "readable_revision_id", None)
        if revision_id is None:
            revision_id = (
                Article.objects.readable()
                .filter(pk=self.pk)
                .values_list("readable_revision_id", flat=True)
                .first()
            )
        if revision_id is None:
            return None
        if revision_id == self.published_revision_id:
            return self.published_revision
        return Revision.objects.get(pk=revision_id)


class Revision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        UNDER_REVIEW = "under_review", "Under review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        UNPUBLISHED = "unpublished", "Unpublished"

    PENDING_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW)
    # Text that has been through review or is in it: what export writes to the repository.
    REVIEWED_OR_PENDING = (Status.APPROVED, *PENDING_STATUSES)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(help_text="1 for a topic's first revision, then 2, 3…")
    title = models.CharField(max_length=200, help_text="The topic as a reader's question.")
    summary = models.TextField(help_text="One or two plain sentences for the topic list.")
    tags = models.JSONField(default=list, blank=True)
    references = models.JSONField(
        default=list,
        help_text="List of {key, kind, authors, title, source, year, url}; cite as [@key].",
    )
    patient_markdown = models.TextField(help_text="Plain language, school grade 6–8.")
    clinician_markdown = models.TextField(help_text="Complete and technical.")
    patient_html = models.TextField(editable=False)
    clinician_html = models.TextField(editable=False)
    patient_citations = models.JSONField(default=list, editable=False)
    clinician_citations = models.JSONField(default=list, editable=False)
    patient_grade = models.FloatField(null=True, editable=False, help_text="Flesch–Kincaid grade.")
    clinician_grade = models.FloatField(null=True, editable=False, help_text="Flesch–Kincaid grade.")
    patient_smog = models.FloatField(null=True, editable=False, help_text="SMOG grade.")
    clinician_smog = models.FloatField(null=True, editable=False, help_text="SMOG grade.")
    patient_reading_ease = models.FloatField(
        null=True, editable=False, help_text="Flesch Reading Ease, 0–100."
    )
    clinician_reading_ease = models.FloatField(
        null=True, editable=False, help_text="Flesch Reading Ease, 0–100."
    )
    content_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authored_revisions",
        help_text="Empty for text imported from the repository.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_revisions",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_revisions",
        help_text="The Board member an editor asked to review this revision.",
    )

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_per_article"),
            # The review queue relies on one revision of a topic being in review at a time.
            models.UniqueConstraint(
                fields=["article"],
                condition=Q(status="under_review"),
                name="one_revision_in_review_per_article",
            ),
        ]

    def __str__(self):
        return f"{self.article.slug} r{self.number} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.get_deferred_fields():
            raise ValueError(f"{self} was loaded in part (.only/.defer); load it whole to save it")
        stored = getattr(self, "_stored", None)
        if stored is None and not self._state.adding:
            # Loaded in part and completed field by field since: ask the database what it holds.
            stored = Revision.objects.filter(pk=self.pk).values(*CONTENT_FIELDS, "status").first()
        content_changed = stored is None or any(
            getattr(self, name) != stored[name] for name in CONTENT_FIELDS
        )
        if stored and content_changed and stored["status"] != self.Status.DRAFT:
            raise RevisionLocked(f"{self} has left draft; edit a new revision instead")
        if content_changed or not self.content_hash:
            self.render()
        super().save(*args, **kwargs)
        self._stored = {name: getattr(self, name) for name in CONTENT_FIELDS + ("status",)}

    @classmethod
    def from_db(cls, db, field_names, values):
        revision = super().from_db(db, field_names, values)
        if not revision.get_deferred_fields():  # a part-loaded revision cannot be saved
            revision._stored = {name: getattr(revision, name) for name in CONTENT_FIELDS + ("status",)}
        return revision

    def render(self):
        """Render both audiences and score them. Raises CitationError on a bad citation."""
        keys = [reference["key"] for reference in self.references]
        for audience in AUDIENCES:
            try:
                rendered = render_markdown(getattr(self, f"{audience}_markdown"), keys)
            except ValueError as error:
                error.audience = audience
                raise
            setattr(self, f"{audience}_html", rendered.html)
            setattr(self, f"{audience}_citations", rendered.cited_keys)
            scores = readability(rendered.html)
            setattr(self, f"{audience}_grade", scores.flesch_kincaid_grade if scores else None)
            setattr(self, f"{audience}_smog", scores.smog if scores else None)
            setattr(self, f"{audience}_reading_ease", scores.reading_ease if scores else None)
        self.content_hash = content_hash(self.content())

    def editorial_url(self):
        return reverse("editorial:revision", args=[self.pk])

    def review_title(self):
        return f"“{self.title}” (revision {self.number})"

    def apply_move(self, to_status, by, now):
        """A topic's move also publishes or withdraws it for readers."""
        changed = apply_review_move(self, to_status, by, now)
        if to_status == self.Status.APPROVED:
            Article.objects.filter(pk=self.article_id).update(
                published_revision=self, last_reviewed_at=now, next_review_due=next_review_due(now)
            )
        elif to_status == self.Status.UNPUBLISHED:
            Article.objects.filter(pk=self.article_id, published_revision=self).update(
                published_revision=None, next_review_due=None
            )
        return changed

    def record_change(self, from_status, to_status, by, comment):
        return StatusChange.objects.create(
            revision=self, from_status=from_status, to_status=to_status, changed_by=by, comment=comment
        )

    def uncited_keys(self):
        """Keys of references that neither audience's text cites (after render())."""
        cited = set(self.patient_citations) | set(self.clinician_citations)
        return [reference["key"] for reference in self.references if reference["key"] not in cited]

    def reader_html(self, audience, glossary=None):
        """The text as a reader sees it: patients meet the glossary's definitions."""
        html = self.html_for(audience)
        if audience != "patient":
            return html
        return (glossary or readable_glossary()).mark_terms(html)

    def panes(self):
        """Each audience's text as readers see it, with its grade, for editors."""
        glossary = readable_glossary()
        return [
            {
                "audience": audience,
                "label": audience.capitalize(),
                "html": self.reader_html(audience, glossary),
                "grade": self.grade_for(audience),
                "smog": getattr(self, f"{audience}_smog"),
                "reading_ease": getattr(self, f"{audience}_reading_ease"),
                "too_hard": audience == "patient" and (self.grade_for(audience) or 0) > PATIENT_GRADE_LIMIT,
                "unexplained_words": glossary.unexplained_words(prose_from_html(self.html_for(audience)))
                if audience == "patient"
                else [],
                "references": self.reference_list(audience),
            }
            for audience in AUDIENCES
        ]

    def content(self):
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def html_for(self, audience):
        return getattr(self, f"{audience}_html")

    def grade_for(self, audience):
        return getattr(self, f"{audience}_grade")

    def reference_list(self, audience):
        """The references one audience's text cites, numbered in order of first citation."""
        by_key = {reference["key"]: reference for reference in self.references}
        cited = getattr(self, f"{audience}_citations")
        return [
            {
                **by_key[key],
                "number": number,
                "kind_label": REFERENCE_KINDS[by_key[key]["kind"]],
                "url": web_url(by_key[key].get("url")),
            }
            for number, key in enumerate(cited, start=1)
        ]

    def review_steps(self):
        """The reader's review tracker: [(label, "done" | "current" | "to do")]."""
        steps = [self.Status.SUBMITTED, self.Status.UNDER_REVIEW, self.Status.APPROVED]
        current = steps.index(self.status) if self.status in steps else -1
        states = [
            "done" if i < current else "current" if i == current else "to do" for i in range(len(steps))
        ]
        return [(step.label, state) for step, state in zip(steps, states, strict=True)]

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


def apply_review_move(revision, to_status, by, now):
    """Set the status (and, on approval, who approved and when); return the fields changed.

    Shared by topic and glossary revisions, whose moves differ only in what follows."""
    revision.status = to_status
    if to_status == Revision.Status.APPROVED:
        revision.approved_by, revision.approved_at = by, now
    return ["status", "approved_by", "approved_at"]


def next_review_due(approved_at):
    return (approved_at + relativedelta(months=settings.PORTAL_REVIEW_CYCLE_MONTHS)).date()


def web_url(url):
    """The URL if it is an http(s) address, else None: a reference links nowhere else."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def content_hash(content):
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class ReviewRecord(models.Model):
    """One move through review. Recorded once, never changed."""

    from_status = models.CharField(max_length=20, choices=Revision.Status)
    to_status = models.CharField(max_length=20, choices=Revision.Status)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for a change made by the content import.",
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("a recorded status change cannot be edited")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("a recorded status change cannot be deleted")


class StatusChange(ReviewRecord):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="status_changes")

    def __str__(self):
        return f"{self.revision}: {self.from_status} → {self.to_status}"


class GlossaryRevision(models.Model):
    """One version of the whole glossary (content/glossary.toml), reviewed like a topic."""

    Status = Revision.Status

    number = models.PositiveIntegerField(unique=True)
    terms = models.JSONField(help_text="List of {term, synonyms, definition, source, url}.")
    content_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(max_length=20, choices=Revision.Status, default=Revision.Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"glossary r{self.number} ({self.get_status_display()})"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def glossary(self):
        return glossary_of(self.pk, self.content_hash, self.terms)

    def editorial_url(self):
        return reverse("editorial:glossary")

    def review_title(self):
        return f"The glossary (revision {self.number})"

    def apply_move(self, to_status, by, now):
        return apply_review_move(self, to_status, by, now)

    def record_change(self, from_status, to_status, by, comment):
        return GlossaryStatusChange.objects.create(
            glossary_revision=self,
            from_status=from_status,
            to_status=to_status,
            changed_by=by,
            comment=comment,
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
    """The glossary readers see: the newest approved version, else (while pending content
    is shown) the newest one in review; None when there is none."""
    versions = GlossaryRevision.objects.only("pk", "number", "status", "content_hash", "terms", "approved_at")
    approved = versions.filter(status=Revision.Status.APPROVED).first()
    if approved or not settings.PORTAL_SHOW_PENDING:
        return approved
    return versions.filter(status__in=Revision.PENDING_STATUSES).first()


def readable_glossary():
    version = readable_glossary_revision()
    return version.glossary() if version else Glossary([])
