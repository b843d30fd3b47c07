"""Template filters for showing review: `{% load review %}`."""

from django import template

from content import presentation
from content.workflow import ACTION_LABELS

register = template.Library()


@register.filter
def review_steps(revision):
    """The reader's review tracker: {% for label, state in revision|review_steps %}."""
    return presentation.review_steps(revision)


@register.filter
def action_label(action):
    """What the history calls a recorded action (its dotted name, if it has no label)."""
    return ACTION_LABELS.get(action, action)
