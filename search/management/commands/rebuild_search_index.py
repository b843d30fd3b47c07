from django.core.management.base import BaseCommand

from content.models import Article
from search.engine import reindex
from search.models import SearchWord
from search.signals import index_rebuilt


class Command(BaseCommand):
    help = "Index what readers see of every topic again (after a restore or a settings change)."

    def handle(self, **options):
        articles = list(Article.objects.all())
        SearchWord.objects.all().delete()  # words of text no longer readable go
        for article in articles:
            reindex(article)
        index_rebuilt.send(sender=self.__class__)
        self.stdout.write(f"Indexed {len(articles)} topic(s).")
