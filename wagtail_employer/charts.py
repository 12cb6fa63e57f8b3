"""Server-rendered SVG bar charts for survey results.

No scripts, no external fonts: the template draws what this module measures, so the
chart works under a strict Content-Security-Policy. Every bar carries its series name
and its value as text, hidden and missing values say so in words, and the series differ
by pattern as well as by colour: nothing is told by colour alone. A data table with the
same numbers always accompanies the chart.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import get_format, number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

WIDTH = 720
LABEL_WIDTH = 230  # series names, right-aligned before the bars
BAR_X = LABEL_WIDTH + 10
BAR_AREA = 360
BAR_HEIGHT = 14
ROW_HEIGHT = 20
GROUP_HEADING = 24
GROUP_GAP = 10
AXIS_HEIGHT = 24
MAX_LABEL = 32


def format_score(value, decimals):
    """A score in the active language: 4,5 in Norwegian, 4.5 in English."""
    if value is None:
        return ""
    # Half up, as survey reports round (3,95 → 4,0), not Python's half to even.
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if abs(rounded) < 1000:
        # Scores and percentages have no thousands to group: only the decimal mark is the
        # language's. (number_format costs a page of 250 result tables a tenth of its time.)
        return f"{rounded:.{decimals}f}".replace(".", get_format("DECIMAL_SEPARATOR"))
    return number_format(rounded, decimal_pos=decimals, use_l10n=True)


def shown_text(shown, decimals):
    if shown.hidden:
        return str(_("too few answers"))
    if shown.value is None:
        return str(_("no value"))
    return format_score(shown.value, decimals)


@dataclass
class Bar:
    series: int
    label: str
    full_label: str
    text: str
    y: int
    width: float
    state: str  # "shown", "hidden" or "missing"

    @property
    def text_x(self):
        return round(BAR_X + self.width + 6, 1)

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 3


@dataclass
class Group:
    label: str
    y: int
    bars: list = field(default_factory=list)


@dataclass
class Tick:
    x: float
    text: str


@dataclass
class BarChart:
    title: str
    description: str
    groups: list
    ticks: list
    height: int
    width: int = WIDTH
    bar_x: int = BAR_X
    label_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    axis_y: int = AXIS_HEIGHT - 8


def bar_chart(title, description, groups, scale_min, scale_max, decimals):
    """Lay out horizontal bars.

    ``groups``: ``[(group label, [(series label, Shown, text), ...]), ...]``, where text
    is the value as the reader sees it (``None``: formatted here); every group lists the
    same series in the same order.
    """
    scale_min, scale_max = Decimal(scale_min), Decimal(scale_max)
    span = (scale_max - scale_min) or Decimal(1)
    laid_out = []
    y = AXIS_HEIGHT
    for group_label, bars in groups:
        group = Group(label=group_label, y=y + 16)
        y += GROUP_HEADING
        for series, (series_label, shown, text) in enumerate(bars):
            if shown.hidden or shown.value is None:
                width, state = 0, "hidden" if shown.hidden else "missing"
            else:
                fraction = (Decimal(shown.value) - scale_min) / span
                width = max(1.0, float(fraction) * BAR_AREA)
                state = "shown"
            label = str(series_label)
            short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
            group.bars.append(
                Bar(
                    series,
                    short,
                    label,
                    shown_text(shown, decimals) if text is None else text,
                    y,
                    round(width, 1),
                    state,
                )
            )
            y += ROW_HEIGHT
        y += GROUP_GAP
        laid_out.append(group)
    return BarChart(
        title=str(title),
        description=str(description),
        groups=laid_out,
        ticks=_ticks(scale_min, scale_max, span),
        height=y,
    )


def _ticks(scale_min, scale_max, span):
    step = Decimal(1) if span <= 10 else Decimal(10) if span <= 50 else Decimal(20)
    ticks, value = [], scale_min
    while value <= scale_max:
        x = BAR_X + float((value - scale_min) / span) * BAR_AREA
        ticks.append(Tick(round(x, 1), format_score(value, 0)))
        value += step
    return ticks


def unit_chart(report, rows=None):
    """The chart of a :class:`~wagtail_employer.survey_results.UnitReport`: one group per
    dimension, one bar per series (unit, parent, municipality, national)."""
    survey = report.survey
    rows = report.rows if rows is None else rows
    return bar_chart(
        _("Results for %(unit)s, %(survey)s") % {"unit": report.unit.name, "survey": survey.name},
        _("Bar chart of the table below, on the scale %(scale)s.") % {"scale": survey.scale_text},
        [
            (
                row.dimension.name,
                [
                    (series.label, value, text)
                    for series, value, text in zip(
                        report.series, row.values, row.texts, strict=True
                    )
                ],
            )
            for row in rows
        ],
        survey.scale_min,
        survey.scale_max,
        survey.decimals,
    )


def trend_chart(report, row):
    """One dimension of one unit across the provider's surveys, oldest first."""
    survey = report.survey
    history = [
        (str(earlier.year), shown, text)
        for (earlier, shown), (_earlier, text) in zip(row.trend, row.trend_texts, strict=True)
    ]
    history.append((str(survey.year), row.values[0], row.texts[0]))
    return bar_chart(
        _("%(dimension)s for %(unit)s over time")
        % {"dimension": row.dimension.name, "unit": report.unit.name},
        _("Bar chart of the table below, on the scale %(scale)s.") % {"scale": survey.scale_text},
        [(row.dimension.name, history)],
        survey.scale_min,
        survey.scale_max,
        survey.decimals,
    )


def render_svg(chart, element_id):
    """The chart's SVG markup; ``element_id`` prefixes the ids its title and description
    are referred to by.

    Drawn here rather than in a template: a chart has dozens of bars of eight attributes
    each, and Django's template engine spends some 10 µs on every variable, so a page of
    survey blocks spent most of its time drawing bars. Every text is escaped; numbers are
    written with a decimal point, whatever the reader's language."""
    element_id = escape(element_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="we-chart__svg" '
        f'viewBox="0 0 {chart.width} {chart.height}" role="img" '
        f'aria-labelledby="{element_id}-title {element_id}-desc" focusable="false">',
        f'<title id="{element_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{element_id}-desc">{escape(chart.description)}</desc>',
        '<g class="we-chart__axis">',
    ]
    for tick in chart.ticks:
        parts.append(
            f'<line class="we-chart__grid" x1="{tick.x}" x2="{tick.x}" y1="{chart.axis_y}" '
            f'y2="{chart.height}"/><text class="we-chart__tick" x="{tick.x}" '
            f'y="{chart.axis_y}" text-anchor="middle">{escape(tick.text)}</text>'
        )
    parts.append("</g>")
    for group in chart.groups:
        parts.append(
            f'<g class="we-chart__group"><text class="we-chart__group-label" x="0" '
            f'y="{group.y}">{escape(group.label)}</text>'
        )
        for bar in group.bars:
            state = escape(bar.state)
            title = (
                f"<title>{escape(bar.full_label)}</title>" if bar.label != bar.full_label else ""
            )
            parts.append(
                f'<g class="we-chart__row" data-state="{state}">'
                f'<text class="we-chart__series-label" x="{chart.label_x}" y="{bar.text_y}" '
                f'text-anchor="end">{escape(bar.label)}{title}</text>'
            )
            if bar.state == "shown":
                parts.append(
                    f'<rect class="we-chart__bar we-chart__bar--{bar.series}" x="{chart.bar_x}" '
                    f'y="{bar.y}" width="{bar.width}" height="{chart.bar_height}"/>'
                )
            value_class = "we-chart__value"
            if bar.state != "shown":
                value_class += f" we-chart__value--{state}"
            parts.append(
                f'<text class="{value_class}" x="{bar.text_x}" y="{bar.text_y}">'
                f"{escape(bar.text)}</text></g>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)
