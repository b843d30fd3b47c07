from django.contrib import admin

from content.models import Article, GlossaryRevision, GlossaryStatusChange, Revision, StatusChange


class RecordAdmin(admin.ModelAdmin):
    """For records nobody may add, change or delete by hand: histories and counters."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RevisionInline(ReadOnlyInline):
    model = Revision
    fk_name = "article"
    fields = ["number", "title", "status", "author", "created_at", "patient_grade", "clinician_grade"]
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["slug", "published_revision", "latest_revision", "next_review_due"]
    search_fields = ["slug"]
    readonly_fields = ["slug", "published_revision", "latest_revision", "last_reviewed_at", "next_review_due"]
    inlines = [RevisionInline]


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = [
        "action",
        "from_status",
        "to_status",
        "changed_by",
        "assigned_reviewer",
        "changed_at",
        "comment",
    ]
    readonly_fields = fields
    show_change_link = False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "title", "status", "author", "created_at", "patient_grade"]
    list_filter = ["status"]
    search_fields = ["article__slug", "title"]
    inlines = [StatusChangeInline]
    # Revisions change only through the review workflow, which records each move.
    readonly_fields = [
        "article", "number", "title", "summary", "tags", "references", "patient_markdown",
        "clinician_markdown", "status", "author", "assigned_reviewer", "approved_by", "approved_at",
        "patient_grade", "clinician_grade", "content_hash", "created_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(RecordAdmin):
    list_display = ["revision", "action", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["action", "to_status"]


@admin.register(GlossaryRevision)
class GlossaryRevisionAdmin(RecordAdmin):
    list_display = ["number", "status", "created_at", "approved_by", "approved_at"]


@admin.register(GlossaryStatusChange)
class GlossaryStatusChangeAdmin(RecordAdmin):
    list_display = ["glossary_revision", "action", "from_status", "to_status", "changed_by", "changed_at"]
