"""Where the reading and learning go: pages by weekday, minutes by session kind."""

from __future__ import annotations

from compound.charts.base import (
    READ,
    ChartData,
    duration_ticks,
    in_last,
    last,
    number_ticks,
    short,
    size,
    title,
)
from compound.domain import series
from compound.domain.days import format_duration

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt


def weekday(plt: Plt, data: ChartData) -> str | None:
    """Average pages on each weekday, days without reading counted as 0."""
    s = series.weekday_averages(data.history, data.days)
    if not s.whole_week or not any(s.averages):
        return "Log a week or more to see your pages by weekday."
    plt.bar(list(series.WEEKDAYS), [round(a, 1) for a in s.averages], color=READ, width=0.5)
    _, height = size(plt)
    rows = max(height - 5, 1)  # the canvas's row steps: title, frame and labels take 4
    # Room above the tallest bar for its number, one row high.
    label_width, top = number_ticks(plt, max(s.averages) * (1 + 1.5 / rows))
    for n, average in enumerate(s.averages, start=1):
        if average:
            number = f"{average:.0f}"
            plt.text(number, n, average + top / rows, alignment="center")
    title(
        plt,
        label_width,
        f"Average pages by weekday, {short(s.first)} to {short(s.last)}",
        "Average pages by weekday",
    )
    return None


def sessions(plt: Plt, data: ChartData) -> str | None:
    """Learning minutes by session kind over the window, the most first."""
    kinds = series.minutes_by_kind(data.minutes_by_kind)
    if not kinds:
        return (
            f"No learning sessions {in_last(data.days)}: "
            "log some with `compound learn` to see them here."
        )
    kinds.reverse()  # plotext draws the first horizontal bar at the bottom
    labels = [f"{kind} {format_duration(minutes)}" for kind, minutes in kinds]
    plt.bar(
        labels, [minutes for _, minutes in kinds], orientation="horizontal", color=READ, width=0.5
    )
    duration_ticks(plt, kinds[-1][1], max(map(len, labels)))
    total = sum(minutes for _, minutes in kinds)
    spent = format_duration(total)
    title(
        plt,
        max(map(len, labels)),
        f"Learning by kind, {last(data.days)}: {spent}",
        f"Learning, {last(data.days)}: {spent}",
    )
    return None
