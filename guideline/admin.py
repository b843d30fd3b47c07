from django.contrib import admin

from content.admin import RecordAdmin
from guideline.models import OutcomeCount


@admin.register(OutcomeCount)
class OutcomeCountAdmin(RecordAdmin):
    """Anonymous daily counts, to read only: the self-check alone writes them."""

    list_display = ["day", "level", "count"]
    list_filter = ["level"]
    date_hierarchy = "day"
