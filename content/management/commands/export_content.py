from django.core.management.base import BaseCommand

from content.exporter import export_topics


class Command(BaseCommand):
    help = "Write each topic's newest revision to PATH/<slug>/ in the import format."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        for folder in export_topics(path):
            self.stdout.write(f"wrote {folder}")
