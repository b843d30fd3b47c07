"""The self-check's pages and API: what readers and clinicians' systems see of guideline."""

from django.urls import reverse


def self_check_path(slug, audience):
    """The address of a topic's self-check, worded for `audience`."""
    return f"{reverse('self_check:self-check', args=[slug])}?for={audience}"
