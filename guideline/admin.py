from django.contrib import admin

from guideline.models import OutcomeCount


@admin.register(OutcomeCount)
class OutcomeCountAdmin(admin.ModelAdmin):
    """Anonymous daily counts, to read only: the self-check alone writes them."""

    list_display = ["day", "level", "count"]
    list_filter = ["level"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
