from django.contrib.postgres.search import SearchVectorField
from django.db import models

from content.models import Article, Revision


class Feedback(models.Model):
    """A reader's verdict on a topic page, or a report of an error in it. Anonymous."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", "Helpful"
        NOT_HELPFUL = "not_helpful", "Not helpful"
        ERROR_REPORT = "error_report", "Error report"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    revision = models.ForeignKey(
        Revision, on_delete=models.SET_NULL, null=True, related_name="+", help_text="The text the reader saw."
    )
    audience = models.CharField(max_length=20)
    kind = models.CharField(max_length=20, choices=Kind)
    message = models.TextField(blank=True, help_text="What the reader says is wrong (error reports only).")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The editors' feedback page counts and lists feedback per topic.
            models.Index(fields=["article", "kind"], name="feedback_by_article_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article}"


class Passage(models.Model):
    """One paragraph or list item of a readable revision, for one audience: the search index.

    Rebuilt for a topic whenever what readers see of it changes; never edited by hand.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="passages")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="passages")
    audience = models.CharField(max_length=20)
    position = models.PositiveIntegerField(help_text="Order in the text, from 0.")
    heading = models.CharField(max_length=300, blank=True)
    anchor = models.CharField(max_length=300, blank=True, help_text="The section heading's id.")
    text = models.TextField(help_text="Plain words, without citation numbers.")
    html = models.TextField(help_text="Sanitised HTML; citations link to the topic's reference list.")
    citations = models.JSONField(default=list, help_text="Reference numbers in this audience's list.")
    # PostgreSQL's full-text vector (GIN-indexed by migration); SQLite uses an FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["article", "audience", "position"]
        indexes = [
            # Every query filters by audience and topic before ranking.
            models.Index(fields=["audience", "article"], name="passage_audience_article"),
        ]

    def __str__(self):
        return f"{self.article.slug} ({self.audience}) #{self.position}"


class SearchWord(models.Model):
    """A word that readable text has used: the dictionary that misspelt queries are corrected
    from. Added to on every reindex, so reading it costs the same at 10 topics or 10,000;
    `rebuild_search_index` starts it afresh."""

    word = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.word


class Question(models.Model):
    """A question a reader asked, kept without anything that identifies the reader."""

    text = models.CharField(max_length=500)
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    audience = models.CharField(max_length=20)
    answered = models.BooleanField(help_text="Whether a reviewed passage scored above the threshold.")
    asked_on = models.DateField(auto_now_add=True, help_text="The day only: no time, no person.")
    helpful_count = models.PositiveIntegerField(default=0)
    not_helpful_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-asked_on", "-pk"]
        indexes = [
            # The editors' list of unanswered questions.
            models.Index(fields=["answered", "asked_on"], name="question_answered_day"),
        ]

    def __str__(self):
        return self.text
