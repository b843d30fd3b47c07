# The search models now belong to the search app (search/migrations/0001_initial.py); their
# tables stay where they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_search_words"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Passage"),
                migrations.DeleteModel(name="Question"),
                migrations.DeleteModel(name="SearchWord"),
            ]
        )
    ]
