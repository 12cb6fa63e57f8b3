"""Template helpers for the package's block and page templates."""

import uuid

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


@register.filter
def survey_score(shown, decimals=1):
    """A survey score as a reader may see it: the number in the active language (4,5 in
    Norwegian), or words for a hidden or missing value."""
    from ..charts import shown_text

    return shown_text(shown, int(decimals))


@register.filter
def chart_svg(chart, element_id):
    """``{{ chart|chart_svg:chart_id }}``: a bar chart of ``charts.py`` as SVG."""
    from ..charts import render_svg

    return render_svg(chart, str(element_id))


@register.filter
def percent(value):
    """A response rate in the active language: "68 %" in Norwegian, "68%" in English."""
    from ..charts import format_score

    if value is None:
        return ""
    decimals = 0 if value == int(value) else 1
    return _("%(number)s %%") % {"number": format_score(value, decimals)}


@register.filter
def duration(minutes):
    """``120`` → "2 hours", ``90`` → "1 hour 30 minutes", in the reader's language."""
    hours, rest = divmod(int(minutes or 0), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest})
    return " ".join(parts)


@register.filter
def iso_duration(minutes):
    """``90`` → "PT90M", for ``<time datetime>``."""
    return f"PT{int(minutes or 0)}M"


@register.simple_tag
def unique_id(prefix):
    """An id for ``aria-labelledby`` that stays unique when a block appears twice on a page."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@register.filter
def may_be_named_to(page, user):
    """Whether an admin listing may name ``page`` to ``user``: any page but a leader
    agreement the user may not manage (``page_permissions.py``)."""
    from ..models import LeaderAgreementPage
    from ..privacy import can_manage_agreement

    if not page:
        return False
    specific = page.specific_deferred
    return not isinstance(specific, LeaderAgreementPage) or can_manage_agreement(user, specific)
