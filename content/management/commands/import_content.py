from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from content.importer import import_topics
from content.sources import ContentError


class Command(BaseCommand):
    help = "Import topics from content/articles/ (or PATH): a new revision where the text changed."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=settings.CONTENT_ARTICLES_DIR)
        parser.add_argument(
            "--glossary",
            default=settings.CONTENT_GLOSSARY_FILE,
            help="The glossary file (default: the shipped one).",
        )

    def handle(self, path, glossary, **options):
        try:
            results = import_topics(path, glossary_file=glossary)
        except ContentError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        if connection.vendor == "postgresql":
            # Fresh planner statistics: right after a bulk load PostgreSQL guesses a handful of
            # matching passages where there are thousands, and a search takes seconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for result in results:
            self.stdout.write(str(result))
