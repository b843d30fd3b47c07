from django.db import models
from django.db.models import F
from django.utils import timezone

from guideline.ruleset import LEVEL_LABELS, LEVELS


class OutcomeCount(models.Model):
    """How many self-check outcomes of one triage level were given on one day.

    The only thing the self-check writes: no answers, no time of day, nothing about who
    asked.
    """

    day = models.DateField()
    level = models.CharField(max_length=20, choices=[(level, LEVEL_LABELS[level]) for level in LEVELS])
    count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "level"]
        constraints = [
            # count_outcome() relies on one row a day and level to add to.
            models.UniqueConstraint(fields=["day", "level"], name="one_outcome_count_per_day_and_level"),
        ]

    def __str__(self):
        return f"{self.day} {self.get_level_display()}: {self.count}"


def count_outcome(level):
    """Add one to today's count of outcomes at `level`, safely against concurrent requests."""
    row, _ = OutcomeCount.objects.get_or_create(day=timezone.localdate(), level=level)
    OutcomeCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
