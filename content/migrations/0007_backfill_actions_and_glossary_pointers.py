from django.db import migrations

# The workflow's moves as they stood when records began keeping their action.
ACTIONS = {
    ("draft", "submitted"): "content.revision.submit",
    ("submitted", "under_review"): "content.revision.start_review",
    ("under_review", "approved"): "content.revision.approve",
    ("under_review", "changes_requested"): "content.revision.request_changes",
    ("approved", "unpublished"): "content.revision.unpublish",
}


def name_recorded_actions(apps, schema_editor):
    for model_name in ("StatusChange", "GlossaryStatusChange"):
        records = apps.get_model("content", model_name).objects.filter(action="")
        for (from_status, to_status), action in ACTIONS.items():
            records.filter(from_status=from_status, to_status=to_status).update(action=action)


def point_at_glossary_revisions(apps, schema_editor):
    """Readers saw the newest approved version; editors worked on the newest one."""
    GlossaryRevision = apps.get_model("content", "GlossaryRevision")
    latest = GlossaryRevision.objects.order_by("-number").first()
    if latest is None:
        return
    published = GlossaryRevision.objects.filter(status="approved").order_by("-number").first()
    apps.get_model("content", "SiteGlossary").objects.update_or_create(
        pk=1, defaults={"latest_revision": latest, "published_revision": published}
    )


class Migration(migrations.Migration):
    dependencies = [("content", "0006_review_actions_and_glossary_pointers")]

    operations = [
        migrations.RunPython(name_recorded_actions, migrations.RunPython.noop),
        migrations.RunPython(point_at_glossary_revisions, migrations.RunPython.noop),
    ]
