from django.db import connection, models
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
    """Add one to today's count of outcomes at `level`, safely against concurrent requests.

    One statement, SQL that SQLite and PostgreSQL share: the ORM cannot add to a row that
    may not exist yet without a read, and every self-check answer pays for this."""
    table = connection.ops.quote_name(OutcomeCount._meta.db_table)
    day = connection.ops.adapt_datefield_value(timezone.localdate())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (day, level, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (day, level) DO UPDATE SET count = {table}.count + 1",
            [day, level],
        )
