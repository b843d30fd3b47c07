from django.db import transaction
from django.dispatch import receiver

from content.models import Revision
from content.signals import review_status_changed
from portal.page_cache import bump_content_version
from portal.search.engine import reindex


@receiver(review_status_changed)
def reindex_topic(sender, revision, **kwargs):
    """What readers see may have changed: index it now, not on a reader's request."""
    if sender is Revision:
        reindex(revision.article)
    # After commit: a page rendered before then would show the old text under the new version.
    transaction.on_commit(bump_content_version, robust=True)
