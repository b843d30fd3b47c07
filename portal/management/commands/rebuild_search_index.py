from django.core.management.base import BaseCommand

from content.models import Article
from portal.models import SearchWord
from portal.page_cache import bump_content_version
from portal.search.engine import reindex


class Command(BaseCommand):
    help = "Index what readers see of every topic again (after a restore or a settings change)."

    def handle(self, **options):
        articles = list(Article.objects.all())
        SearchWord.objects.all().delete()  # words of text no longer readable go
        for article in articles:
            reindex(article)
        bump_content_version()
        self.stdout.write(f"Indexed {len(articles)} topic(s).")
