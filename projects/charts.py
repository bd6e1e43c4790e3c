"""Geometry of the portal's server-rendered SVG charts.

The templates draw what these functions lay out; each chart is also shown as a table, so it
reads without the picture and without JavaScript.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    href: str
    x: float
    y: float
    width: float
    height: float
    # Where the bar's label and value are written.
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    # Crowded axes label every few bars only; the table names each one.
    show_label: bool = True


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list
    baseline_y: float
    show_values: bool

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


COLUMN_WIDTH = 480
COLUMN_HEIGHT = 200
COLUMN_TOP = 26  # room for the value above the tallest column
COLUMN_BOTTOM = 26  # room for the year below the baseline
# Above this many columns the values would overlap: the table carries them.
MAX_LABELLED_COLUMNS = 6
# At most this many labels fit under the columns.
MAX_AXIS_LABELS = 9


def _scale(value, largest, extent):
    if not largest or value <= 0:
        return 0.0
    return round(float(value) / float(largest) * extent, 2)


def column_chart(points, *, width=COLUMN_WIDTH, height=COLUMN_HEIGHT):
    """Vertical columns for [(label, value, href)], e.g. euros per year, in the given order."""
    points = list(points)
    plot_height = height - COLUMN_TOP - COLUMN_BOTTOM
    baseline = height - COLUMN_BOTTOM
    slot = width / max(len(points), 1)
    column = min(slot * 0.7, 64)
    largest = max((value for _label, value, _href in points), default=0)
    label_step = -(-len(points) // MAX_AXIS_LABELS) or 1
    bars = []
    for index, (label, value, href) in enumerate(points):
        bar_height = _scale(value, largest, plot_height)
        # A non-zero amount stays visible however small it is next to the largest.
        if value and bar_height < 2:
            bar_height = 2.0
        x = round(index * slot + (slot - column) / 2, 2)
        centre = round(index * slot + slot / 2, 2)
        bars.append(
            Bar(
                label=str(label),
                value=value,
                href=href,
                x=x,
                y=round(baseline - bar_height, 2),
                width=round(column, 2),
                height=bar_height,
                label_x=centre,
                label_y=baseline + 19,
                value_x=centre,
                value_y=round(baseline - bar_height - 7, 2),
                show_label=index % label_step == 0,
            )
        )
    return Chart(
        width=width,
        height=height,
        bars=bars,
        baseline_y=baseline,
        show_values=len(points) <= MAX_LABELLED_COLUMNS,
    )


BAR_WIDTH = 480
BAR_ROW = 50
BAR_THICKNESS = 18
BAR_VALUE_ROOM = 110  # room right of the longest bar for its value


def bar_chart(points, *, width=BAR_WIDTH):
    """Horizontal bars for [(label, value, href)], e.g. euros per funder, label above each bar."""
    points = list(points)
    largest = max((value for _label, value, _href in points), default=0)
    extent = width - BAR_VALUE_ROOM
    bars = []
    for index, (label, value, href) in enumerate(points):
        top = index * BAR_ROW
        bar_width = _scale(value, largest, extent)
        if value and bar_width < 2:
            bar_width = 2.0
        bar_y = top + 24
        bars.append(
            Bar(
                label=str(label),
                value=value,
                href=href,
                x=0,
                y=bar_y,
                width=bar_width,
                height=BAR_THICKNESS,
                label_x=0,
                label_y=top + 16,
                value_x=round(bar_width + 8, 2),
                value_y=bar_y + BAR_THICKNESS - 3,
            )
        )
    return Chart(
        width=width,
        height=max(len(points), 1) * BAR_ROW,
        bars=bars,
        baseline_y=0,
        show_values=True,
    )
