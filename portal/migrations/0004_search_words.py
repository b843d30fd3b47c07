import re

from django.db import migrations, models

# As portal.search.engine.SPELLING_WORD_RE, copied so this migration never changes.
WORD_RE = re.compile(r"[a-z]{4,}")


def fill_from_index(apps, schema_editor):
    Passage, SearchWord = apps.get_model("portal", "Passage"), apps.get_model("portal", "SearchWord")
    words = set()
    for text in Passage.objects.values_list("text", flat=True).iterator():
        words.update(WORD_RE.findall(text.lower()))
    SearchWord.objects.bulk_create([SearchWord(word=word) for word in sorted(words)], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_full_text_index")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=100, unique=True)),
            ],
        ),
        migrations.RunPython(fill_from_index, migrations.RunPython.noop),
    ]
