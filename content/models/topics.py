"""Topics: an Article is a topic's address and its two pointers; a Revision is one
version of its text, for both audiences, reviewed before readers see it."""

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from content.audience import AUDIENCES, CLINICIAN, PATIENT, UnknownAudience
from content.markdown import render_markdown
from content.models.glossary import readable_glossary
from content.models.review import Reviewable, ReviewRecord, content_hash
from content.readability import readability
from content.schema import REFERENCE_KINDS, reference_html, web_url

# What a revision holds; once it leaves draft, none of it may change.
CONTENT_FIELDS = (
    "name",
    "title",
    "summary",
    "clinician_title",
    "clinician_summary",
    "tags",
    "related",
    "codes",
    "references",
    "patient_markdown",
    "clinician_markdown",
)
# Fields added after the first topics were written: blank, they are left out of the hash,
# so text written before them keeps its hash and a re-import of it makes no new revision.
BLANK_UNHASHED = ("name", "clinician_title", "clinician_summary", "codes", "related")


class RevisionLocked(Exception):
    """Raised on an attempt to change the text of a revision that left draft."""


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


@dataclass(frozen=True)
class AudienceText:
    """One audience's text and what was rendered and scored from it."""

    markdown: str
    html: str
    citations: list
    grade: float | None  # Flesch–Kincaid
    smog: float | None
    reading_ease: float | None


class Revision(Reviewable):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(help_text="1 for a topic's first revision, then 2, 3…")
    name = models.CharField(
        max_length=120, blank=True, help_text="The short name the topic is listed under in an A–Z index."
    )
    title = models.CharField(max_length=200, help_text="The topic as a patient's question.")
    summary = models.TextField(help_text="One plain sentence, shown under the title.")
    clinician_title = models.CharField(
        max_length=200, blank=True, help_text="The topic in clinical words; blank: the patient's title."
    )
    clinician_summary = models.TextField(
        blank=True, help_text="One sentence in professional words; blank: the patient's summary."
    )
    tags = models.JSONField(default=list, blank=True)
    related = models.JSONField(
        default=list,
        blank=True,
        help_text="Slugs of the topics a reader of this one may want next, in order.",
    )
    codes = models.JSONField(
        default=list,
        blank=True,
        help_text="The ICD-10-CM and SNOMED CT codes the topic explains, as article.toml holds them "
        "(system, code, display, where it was looked up); an EHR's Infobutton finds the topic by them.",
    )
    references = models.JSONField(
        default=list,
        help_text="As article.toml holds them (content.schema); cite as [@key].",
    )
    # Each audience's text comes in a pair of columns; audience_text() reads them as one value.
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

    def save(self, *args, update_fields=None, **kwargs):
        if self.get_deferred_fields():
            raise ValueError(f"{self} was loaded in part (.only/.defer); load it whole to save it")
        # A review move saves only its own fields: the text is neither checked nor rendered again.
        if update_fields is None or set(update_fields) & set(CONTENT_FIELDS):
            self.check_unlocked_and_render()
        super().save(*args, update_fields=update_fields, **kwargs)

    def check_unlocked_and_render(self):
        """Refuse a change to text that left draft (as the database holds it, whatever
        this object remembers); render the text again when it changed."""
        stored = None
        if self.pk is not None:
            stored = Revision.objects.filter(pk=self.pk).values(*CONTENT_FIELDS, "status").first()
        content_changed = stored is None or any(
            getattr(self, name) != stored[name] for name in CONTENT_FIELDS
        )
        if stored and content_changed and stored["status"] != self.Status.DRAFT:
            raise RevisionLocked(f"{self} has left draft; edit a new revision instead")
        if content_changed or not self.content_hash:
            self.render()

    def render(self):
        """Render both audiences and score them. Raises CitationError on a bad citation."""
        keys = [reference["key"] for reference in self.references]
        for audience in AUDIENCES:
            try:
                rendered = render_markdown(self.text(audience), keys)
            except ValueError as error:
                error.audience = audience
                raise
            self.keep_rendered(audience, rendered.html, rendered.cited_keys, readability(rendered.html))
        self.content_hash = revision_hash(self.content())

    def keep_rendered(self, audience, html, citations, scores):
        grade, smog, reading_ease = (
            (scores.flesch_kincaid_grade, scores.smog, scores.reading_ease) if scores else (None, None, None)
        )
        if audience == PATIENT:
            self.patient_html, self.patient_citations = html, citations
            self.patient_grade, self.patient_smog, self.patient_reading_ease = grade, smog, reading_ease
        elif audience == CLINICIAN:
            self.clinician_html, self.clinician_citations = html, citations
            self.clinician_grade, self.clinician_smog, self.clinician_reading_ease = grade, smog, reading_ease
        else:
            raise UnknownAudience()

    def audience_text(self, audience):
        """One audience's text and what was rendered from it, as a value."""
        if audience == PATIENT:
            return AudienceText(
                self.patient_markdown,
                self.patient_html,
                self.patient_citations,
                self.patient_grade,
                self.patient_smog,
                self.patient_reading_ease,
            )
        if audience == CLINICIAN:
            return AudienceText(
                self.clinician_markdown,
                self.clinician_html,
                self.clinician_citations,
                self.clinician_grade,
                self.clinician_smog,
                self.clinician_reading_ease,
            )
        raise UnknownAudience()

    def text(self, audience):
        """One audience's Markdown, as written."""
        return self.audience_text(audience).markdown

    def html(self, audience):
        return self.audience_text(audience).html

    def citations(self, audience):
        """The reference keys one audience's text cites, in order of first citation."""
        return self.audience_text(audience).citations

    def grade(self, audience):
        return self.audience_text(audience).grade

    def title_for(self, audience):
        """The title one audience reads: clinicians get the clinical one where there is one."""
        if audience not in AUDIENCES:
            raise UnknownAudience()
        return audience == CLINICIAN and self.clinician_title or self.title

    def summary_for(self, audience):
        if audience not in AUDIENCES:
            raise UnknownAudience()
        return audience == CLINICIAN and self.clinician_summary or self.summary

    def content(self):
        return {name: getattr(self, name) for name in CONTENT_FIELDS}

    def editorial_url(self):
        return reverse("editorial:revision", args=[self.pk])

    def review_title(self):
        return f"“{self.title}” (revision {self.number})"

    def lock_pointers(self):
        Article.objects.select_for_update().filter(pk=self.article_id).exists()

    def siblings(self):
        return Revision.objects.filter(article_id=self.article_id)

    def publish(self, now):
        Article.objects.filter(pk=self.article_id).update(
            published_revision=self, last_reviewed_at=now, next_review_due=next_review_due(now)
        )

    def withdraw(self):
        Article.objects.filter(pk=self.article_id, published_revision=self).update(
            published_revision=None, next_review_due=None
        )

    def uncited_keys(self):
        """Keys of references that neither audience's text cites (after render())."""
        cited = {key for audience in AUDIENCES for key in self.citations(audience)}
        return [reference["key"] for reference in self.references if reference["key"] not in cited]

    def reader_html(self, audience, glossary=None):
        """The text as a reader sees it: patients meet the glossary's definitions."""
        html = self.html(audience)
        if audience != PATIENT:
            return html
        return (glossary or readable_glossary()).mark_terms(html)

    def reference_list(self, audience):
        """The references one audience's text cites, numbered in order of first citation."""
        by_key = {reference["key"]: reference for reference in self.references}
        return [
            {**cited_reference(by_key[key]), "number": number}
            for number, key in enumerate(self.citations(audience), start=1)
        ]


class StatusChange(ReviewRecord):
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="status_changes")
    assigned_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For an assignment: the Board member asked to review.",
    )

    def __str__(self):
        return f"{self.revision}: {self.from_status} → {self.to_status}"


def revision_hash(content):
    """The hash of a revision's content (as Revision.content() gives it)."""
    kept = {name: value for name, value in content.items() if value or name not in BLANK_UNHASHED}
    return content_hash(kept)


def cited_reference(reference):
    """A reference as pages show it: its AMA text, kind, a link, and where it appeared."""
    doi = reference.get("doi")
    return {
        **reference,
        # A report with no authors is by its publisher.
        "authors": reference.get("authors") or ([reference["publisher"]] if "publisher" in reference else []),
        "html": reference_html(reference),
        "kind_label": REFERENCE_KINDS[reference["kind"]],
        "url": f"https://doi.org/{doi}" if doi else web_url(reference.get("url")),
        "source": reference.get("source") or reference.get("journal") or reference.get("publisher"),
    }


def next_review_due(approved_at):
    return (approved_at + relativedelta(months=settings.PORTAL_REVIEW_CYCLE_MONTHS)).date()
