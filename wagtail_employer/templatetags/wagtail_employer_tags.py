"""Template helpers for the package's block and page templates."""

from django import template

register = template.Library()

HEADING_LEVELS = ["h1", "h2", "h3", "h4", "h5", "h6"]


@register.filter
def heading_below(level):
    """The heading level one step below ``level`` ("h2" → "h3"), never past h6."""
    try:
        index = HEADING_LEVELS.index(str(level))
    except ValueError:
        index = 1
    return HEADING_LEVELS[min(index + 1, len(HEADING_LEVELS) - 1)]


@register.filter
def agreement_choice(value, kind):
    """The label of a leader agreement block's choice, e.g.
    ``{{ row.delegated|agreement_choice:"yes_no" }}``."""
    from ..blocks.agreements import CHOICE_LABELS

    return CHOICE_LABELS.get(kind, {}).get(value, value)
