from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE portal_passage_fts USING fts5(heading, text, tokenize='porter unicode61 remove_diacritics 2')",
    # Triggers keep the index in step with portal_passage, including Django's flush.
    """CREATE TRIGGER portal_passage_fts_insert AFTER INSERT ON portal_passage BEGIN
        INSERT INTO portal_passage_fts(rowid, heading, text) VALUES (new.id, new.heading, new.text);
    END""",
    """CREATE TRIGGER portal_passage_fts_delete AFTER DELETE ON portal_passage BEGIN
        DELETE FROM portal_passage_fts WHERE rowid = old.id;
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER portal_passage_fts_delete",
    "DROP TRIGGER portal_passage_fts_insert",
    "DROP TABLE portal_passage_fts",
]
POSTGRES_FORWARD = ["CREATE INDEX portal_passage_search_gin ON portal_passage USING GIN (search_vector)"]
POSTGRES_BACKWARD = ["DROP INDEX portal_passage_search_gin"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_search_index_and_questions")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
