"""Chart builders: each draws one figure onto a plotext-like object.

`plt` is the `plotext` module in the plain terminal, or `PlotextPlot().plt` in the
TUI. Set its size (`plt.plotsize(w, h)`) before calling a builder: the builders
space their labels for that size. They never call `show()` and
never choose a theme, so the terminal's (or the app's) colours stay in charge; the
colours they do name are the 16 basic ones, which every theme maps to its own.

A builder returns None when it drew, or a plain sentence when there is too little
data to draw anything worth reading.
"""

from __future__ import annotations

from collections.abc import Callable

from compound.charts.base import (
    DEFAULT_DAYS,
    DEFAULT_SIZE,
    FAINT,
    GOAL,
    RANGE,
    READ,
    SHADES,
    UNDER,
    ChartData,
)
from compound.charts.breakdowns import sessions, weekday
from compound.charts.calendar import calendar
from compound.charts.daily import daily
from compound.charts.year import cumulative, projection
from compound.charts.years import years

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt

__all__ = [
    "BUILDERS",
    "DEFAULT_DAYS",
    "DEFAULT_SIZE",
    "FAINT",
    "GOAL",
    "RANGE",
    "READ",
    "SHADES",
    "UNDER",
    "ChartData",
    "calendar",
    "cumulative",
    "daily",
    "projection",
    "sessions",
    "weekday",
    "years",
]

BUILDERS: dict[str, Callable[[Plt, ChartData], str | None]] = {
    "daily": daily,
    "cumulative": cumulative,
    "projection": projection,
    "weekday": weekday,
    "sessions": sessions,
    "years": years,
    # The calendar is no plotext figure: `calendar(data, width, height)` lays it out
    # as lines of text (charts/calendar.py), for `chart calendar` and the app alike.
}
