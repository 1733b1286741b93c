"""Daily pages: a bar a day against the daily goal in force."""

from __future__ import annotations

from compound.charts.base import (
    GOAL,
    READ,
    UNDER,
    ChartData,
    date_ticks,
    in_last,
    last,
    number_ticks,
    title,
)
from compound.domain import series
from compound.words.numbers import rate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt


def daily(plt: Plt, data: ChartData) -> str | None:
    """Bars of pages a day, green where the day's goal was met, with the goal line."""
    s = series.daily_pages(data.history, data.days)
    if not s.any_reading:
        return f"No pages logged {in_last(data.days)}: log a few days to see them here."
    xs = range(1, len(s.days) + 1)
    met = [(x, p) for x, p, g in zip(xs, s.pages, s.goals) if g is None or p >= g]
    under = [(x, p) for x, p, g in zip(xs, s.pages, s.goals) if g is not None and p < g]
    for points, color in ((met, READ), (under, UNDER)):
        if points:
            plt.bar(*zip(*points), color=color, width=0.5)
    _goal_steps(plt, s.goals)
    label_width, _ = number_ticks(plt, max(max(s.pages), max(g or 0 for g in s.goals)))
    date_ticks(plt, s.days, label_width)
    plt.xlim(0.5, len(s.days) + 0.5)
    total = sum(s.pages)
    aim = f", goal {s.goals[-1]}" if s.goals[-1] else ""
    # The pace over these days, as every surface counts it (an unlogged today is not
    # a 0 yet; days before the first entry are not counted).
    mean = f"{rate(s.pace)} a day{aim}"
    title(
        plt,
        label_width,
        f"Pages a day, {last(data.days)}: {total:,} pages, {mean}",
        f"Pages a day, {last(data.days)}: {mean}",
    )
    return None


def _goal_steps(plt: Plt, goals: tuple[int | None, ...]) -> None:
    """The daily goal as a level line over each stretch of days it was in force."""
    labelled = False
    start = 0
    for end in range(1, len(goals) + 1):
        if end < len(goals) and goals[end] == goals[start]:
            continue
        level = goals[start]
        if level is not None:
            plt.plot(
                [start + 0.5, end + 0.5],
                [level] * 2,
                color=GOAL,
                label=None if labelled else "goal",
            )
            labelled = True
        start = end
