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
