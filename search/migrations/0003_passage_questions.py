# Each passage carries the questions its section answers, and the full-text index reads them
# as part of the section's heading, so a reader's question matches the authors' wording.
#
# The column is added with plain ALTER TABLE (see 0002); on SQLite the insert trigger is
# made again to index the questions, and the index is filled again from the table.

from django.db import migrations, models

ADD_COLUMN = "ALTER TABLE portal_passage ADD COLUMN questions text NOT NULL DEFAULT ''"
DROP_COLUMN = "ALTER TABLE portal_passage DROP COLUMN questions"
SQLITE_FORWARD = [
    "DROP TRIGGER portal_passage_fts_insert",
    """CREATE TRIGGER portal_passage_fts_insert AFTER INSERT ON portal_passage BEGIN
        INSERT INTO portal_passage_fts(rowid, heading, text)
        VALUES (new.id, new.heading || ' ' || new.questions, new.text);
    END""",
    "DELETE FROM portal_passage_fts",
    "INSERT INTO portal_passage_fts(rowid, heading, text) SELECT id, heading || ' ' || questions, text FROM portal_passage",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER portal_passage_fts_insert",
    """CREATE TRIGGER portal_passage_fts_insert AFTER INSERT ON portal_passage BEGIN
        INSERT INTO portal_passage_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
    END""",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0002_passage_level")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD_COLUMN, DROP_COLUMN)],
            state_operations=[
                migrations.AddField(
                    model_name="passage",
                    name="questions",
                    field=models.TextField(
                        blank=True,
                        help_text="The questions the passage's section answers, in readers' words, one a line.",
                    ),
                )
            ],
        ),
        migrations.RunPython(run(SQLITE_FORWARD), run(SQLITE_BACKWARD)),
    ]
