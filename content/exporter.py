"""Write each topic's newest revision back to its files."""

from content.models import Article
from content.sources import write_topic


def export_topics(root):
    """Write every topic's newest revision under `root`; return the folders written."""
    articles = Article.objects.filter(latest_revision__isnull=False).select_related("latest_revision")
    return [write_topic(root, article.slug, article.latest_revision.content()) for article in articles]
