from django.contrib.postgres.search import SearchVectorField
from django.db import models

from content.models import Article, Revision


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
    questions = models.TextField(
        blank=True, help_text="The questions the passage's section answers, in readers' words, one a line."
    )
    level = models.CharField(
        max_length=20,
        blank=True,
        help_text="How urgently the passage's section tells readers to act, if it does.",
    )
    # PostgreSQL's full-text vector (GIN-indexed by migration); SQLite uses an FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        db_table = "portal_passage"  # made by the portal app, before search was an app of its own
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

    class Meta:
        db_table = "portal_searchword"

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
        db_table = "portal_question"
        ordering = ["-asked_on", "-pk"]
        indexes = [
            # The editors' list of unanswered questions.
            models.Index(fields=["answered", "asked_on"], name="question_answered_day"),
        ]

    def __str__(self):
        return self.text
