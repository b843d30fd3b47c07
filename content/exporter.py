"""Write each topic's reviewed or pending text back to its files."""

from content.models import Article
from content.sources import write_topic


def export_topics(root):
    """Write each topic's newest approved or pending revision under `root`.

    Drafts and revisions sent back for changes stay in the database: the repository
    keeps the text that has been, or is being, reviewed. Returns the folders written.
    """
    return [
        write_topic(root, article.slug, revision.content())
        for article, revision in Article.objects.order_by("slug").with_exported_revisions()
    ]
