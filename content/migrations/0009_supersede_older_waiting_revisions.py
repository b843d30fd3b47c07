from django.db import migrations

PENDING = ("submitted", "under_review")
ACTION = "content.revision.supersede"


def supersede(revisions, siblings_of, record):
    """Retire each waiting revision that a newer submitted one already follows, as the
    workflow now does on submission, so only the newest stays in the review queue."""
    for revision in revisions.filter(status__in=PENDING):
        newer = siblings_of(revision).filter(number__gt=revision.number).exclude(status="draft")
        newest = newer.order_by("-number").first()
        if newest is None:
            continue
        from_status, revision.status = revision.status, "superseded"
        revision.save(update_fields=["status"])
        record(revision, from_status, f"Revision {newest.number} was submitted.")


def supersede_older_waiting(apps, schema_editor):
    Revision = apps.get_model("content", "Revision")
    StatusChange = apps.get_model("content", "StatusChange")
    GlossaryRevision = apps.get_model("content", "GlossaryRevision")
    GlossaryStatusChange = apps.get_model("content", "GlossaryStatusChange")

    def topic_change(revision, from_status, comment):
        StatusChange.objects.create(
            revision=revision, from_status=from_status, to_status="superseded", action=ACTION, comment=comment
        )

    def glossary_change(revision, from_status, comment):
        GlossaryStatusChange.objects.create(
            glossary_revision=revision,
            from_status=from_status,
            to_status="superseded",
            action=ACTION,
            comment=comment,
        )

    def same_topic(revision):
        return Revision.objects.filter(article_id=revision.article_id)

    def every_glossary(revision):
        return GlossaryRevision.objects.all()

    supersede(Revision.objects.all(), same_topic, topic_change)
    supersede(GlossaryRevision.objects.all(), every_glossary, glossary_change)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0008_superseded_status"),
    ]

    operations = [
        migrations.RunPython(supersede_older_waiting, migrations.RunPython.noop),
    ]
