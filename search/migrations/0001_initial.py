# The search index and readers' questions moved here from the portal app: the tables stay
# as they are (portal_passage, its FTS5 table and triggers or GIN index, portal_searchword,
# portal_question); only Django's idea of which app owns them changes.

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("content", "0005_glossary_review"),
        ("portal", "0004_search_words"),
    ]

    state_operations = [
        migrations.CreateModel(
            name="Passage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("audience", models.CharField(max_length=20)),
                ("position", models.PositiveIntegerField(help_text="Order in the text, from 0.")),
                ("heading", models.CharField(blank=True, max_length=300)),
                ("anchor", models.CharField(blank=True, help_text="The section heading's id.", max_length=300)),
                ("text", models.TextField(help_text="Plain words, without citation numbers.")),
                ("html", models.TextField(help_text="Sanitised HTML; citations link to the topic's reference list.")),
                ("citations", models.JSONField(default=list, help_text="Reference numbers in this audience's list.")),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("article", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="passages", to="content.article")),
                ("revision", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="passages", to="content.revision")),
            ],
            options={
                "db_table": "portal_passage",
                "ordering": ["article", "audience", "position"],
                "indexes": [models.Index(fields=["audience", "article"], name="passage_audience_article")],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.CharField(max_length=500)),
                ("audience", models.CharField(max_length=20)),
                ("answered", models.BooleanField(help_text="Whether a reviewed passage scored above the threshold.")),
                ("asked_on", models.DateField(auto_now_add=True, help_text="The day only: no time, no person.")),
                ("helpful_count", models.PositiveIntegerField(default=0)),
                ("not_helpful_count", models.PositiveIntegerField(default=0)),
                ("article", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="content.article")),
            ],
            options={
                "db_table": "portal_question",
                "ordering": ["-asked_on", "-pk"],
                "indexes": [models.Index(fields=["answered", "asked_on"], name="question_answered_day")],
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=100, unique=True)),
            ],
            options={"db_table": "portal_searchword"},
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
