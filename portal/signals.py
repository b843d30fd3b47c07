from django.db import transaction
from django.dispatch import receiver

from content.signals import review_status_changed
from portal.content_version import bump_content_version
from search.signals import index_rebuilt


@receiver(review_status_changed)
def content_changed(sender, **kwargs):
    # After commit: a page rendered before then would show the old text under the new version.
    transaction.on_commit(bump_content_version, robust=True)


@receiver(index_rebuilt)
def index_changed(sender, **kwargs):
    bump_content_version()
