from django.dispatch import receiver

from content.signals import review_status_changed
from portal.search.engine import reindex


@receiver(review_status_changed)
def reindex_topic(sender, revision, **kwargs):
    """What readers see may have changed: index it now, not on a reader's request."""
    reindex(revision.article)
