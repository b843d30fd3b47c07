# Each passage knows how urgently its section tells readers to act.
#
# Added with plain ALTER TABLE on both databases: on SQLite, Django would rebuild the table
# to add a NOT NULL column, and the rebuild drops the triggers that keep the FTS5 index in
# step (portal migration 0003). The index is rebuilt by `rebuild_search_index` or the next
# review move, which fills the column.

from django.db import migrations, models

ADD_COLUMN = "ALTER TABLE portal_passage ADD COLUMN level varchar(20) NOT NULL DEFAULT ''"
DROP_COLUMN = "ALTER TABLE portal_passage DROP COLUMN level"


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD_COLUMN, DROP_COLUMN)],
            state_operations=[
                migrations.AddField(
                    model_name="passage",
                    name="level",
                    field=models.CharField(
                        blank=True,
                        help_text="How urgently the passage's section tells readers to act, if it does.",
                        max_length=20,
                    ),
                )
            ],
        )
    ]
