from django import template
from django.utils.formats import number_format

from projects import charts
from projects.templatetags.money import money

register = template.Library()


def _value_text(value, kind):
    if kind == "money":
        return money(value, "EUR")
    return number_format(value, use_l10n=True, force_grouping=True)


def _chart_context(chart, *, chart_id, caption, label_heading, value_heading, kind):
    return {
        "chart": chart,
        "rows": [(bar, _value_text(bar.value, kind)) for bar in chart.bars],
        "chart_id": chart_id,
        "caption": caption,
        "label_heading": label_heading,
        "value_heading": value_heading,
    }


@register.inclusion_tag("includes/_column_chart.html")
def column_chart(points, chart_id, caption, label_heading, value_heading, kind="money"):
    """Columns for [(label, value, href)] (e.g. euros per year), with the same data as a table."""
    return _chart_context(
        charts.column_chart(points),
        chart_id=chart_id,
        caption=caption,
        label_heading=label_heading,
        value_heading=value_heading,
        kind=kind,
    )


@register.inclusion_tag("includes/_bar_chart.html")
def bar_chart(points, chart_id, caption, label_heading, value_heading, kind="money"):
    """Horizontal bars for [(label, value, href)] (e.g. euros per funder), with a table."""
    return _chart_context(
        charts.bar_chart(points),
        chart_id=chart_id,
        caption=caption,
        label_heading=label_heading,
        value_heading=value_heading,
        kind=kind,
    )
