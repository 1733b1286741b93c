"""This year: pages added up against the goal's line, and the year ahead's likely range."""

from __future__ import annotations

from compound.charts.base import (
    GOAL,
    RANGE,
    READ,
    TITLE_MARGIN,
    ChartData,
    date_ticks,
    number_ticks,
    size,
    title,
)
from compound.domain import series

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt


def cumulative(plt: Plt, data: ChartData) -> str | None:
    """This year's pages added up, against the goal's straight line."""
    s = series.year_to_date(data.history)
    if not s.pages or s.pages[-1] == 0:
        return "No pages logged this year yet: log a few days to see the year add up."
    xs = list(range(1, len(s.days) + 1))
    plt.plot(xs, list(s.pages), color=READ, label="read")
    top: float = s.pages[-1]
    titles = [f"Pages this year: {s.pages[-1]:,}"]
    if s.goal is not None:
        plt.plot(xs, list(s.goal), color=GOAL, label=f"goal: {s.basis}")
        top = max(top, s.goal[-1])
        ahead = s.pages[-1] - round(s.goal[-1])
        where = f"{ahead:,} ahead of" if ahead >= 0 else f"{-ahead:,} behind"
        titles[:0] = [
            f"{titles[0]}, {where} the goal ({s.goal_for_year:,} by 31 Dec)",
            f"{titles[0]}, {where} the goal",
        ]
    label_width, _ = number_ticks(plt, top)
    if len(xs) > 1:
        date_ticks(plt, s.days, label_width)
        plt.xlim(1, len(xs))
    title(plt, label_width, *titles)
    return None


def projection(plt: Plt, data: ChartData) -> str | None:
    """This year's pages so far, then the P10–P90 range (and the median) to 31 December."""
    s = series.year_ahead(data.history, data.days)
    if not s.enough:
        return "Log a week or more to see where this year is heading."
    read_xs = list(range(1, len(s.read) + 1))
    if len(read_xs) > 1:
        plt.plot(read_xs, list(s.read), color=READ, label="read")
    elif read_xs:
        plt.scatter(read_xs, list(s.read), color=READ, label="read")
    so_far = s.read[-1] if s.read else 0
    titles = [f"Pages this year: {so_far:,} read"]
    if s.fan:
        # The fan starts from the last counted day, so it joins the line read so far.
        fan_xs = (
            list(range(len(s.read), len(s.days) + 1)) if s.read else list(range(1, len(s.days) + 1))
        )
        start = [(so_far, so_far, so_far)] if s.read else []
        low, middle, high = (list(p) for p in zip(*start, *s.fan))
        _shade_between(plt, fan_xs, low, high, max(so_far, high[-1]))
        plt.plot(fan_xs, middle, color=RANGE, label="median", marker="braille")
        end = f"{round(low[-1]):,}–{round(high[-1]):,} by 31 Dec"
        titles[:0] = [
            f"{titles[0]}, likely {end}",
            f"This year: {so_far:,}, likely {end}",
            f"{so_far:,} read; {end}",
        ]
    label_width, _ = number_ticks(plt, max(so_far, *(p for _, _, p in s.fan)))
    date_ticks(plt, s.days, label_width)
    plt.xlim(1, len(s.days))
    title(plt, label_width, *titles)
    width, _ = size(plt)
    method = f"range: P10–P90 of {s.samples:,} futures drawn from your last {s.recent_days} days"
    if len(method) <= width - label_width - TITLE_MARGIN:
        plt.xlabel(method)
    return None


def _shade_between(
    plt: Plt, xs: list[int], low: list[float], high: list[float], top: float
) -> None:
    """Fill the band from `low` to `high` with a light shade, a point every half row
    (plotext fills only down to the axis)."""
    _, height = size(plt)
    step = top / max(2 * (height - 5), 1)
    shade_xs, shade_ys = [], []
    for x, lo, hi in zip(xs, low, high):
        y = lo
        while y <= hi:
            shade_xs.append(x)
            shade_ys.append(y)
            y += step
        shade_xs.append(x)
        shade_ys.append(hi)
    plt.scatter(shade_xs, shade_ys, marker="░", color=RANGE, label="P10–P90")
