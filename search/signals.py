from django.dispatch import Signal, receiver

from content.models import Revision
from content.signals import review_status_changed
from search.engine import reindex

# Sent when the whole index was built again, so whatever was derived from the old one goes.
index_rebuilt = Signal()


@receiver(review_status_changed)
def reindex_topic(sender, revision, **kwargs):
    """What readers see may have changed: index it now, not on a reader's request."""
    if sender is Revision:
        reindex(revision.article)
