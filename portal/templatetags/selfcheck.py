from django import template

from guideline.ruleset import LEVEL_LABELS

register = template.Library()


@register.filter
def said_to(words, audience):
    """A text of the rules in the audience's wording: {{ step.title|said_to:audience }}."""
    return words(audience)


@register.filter
def level_label(level):
    """A triage level in words: "self_care" → "Self-care"."""
    return LEVEL_LABELS[level]
