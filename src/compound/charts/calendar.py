"""A contribution calendar: a column a week, a row a weekday, a shade a day."""

from __future__ import annotations

from datetime import timedelta

from compound.charts.base import (
    FAINT,
    READ,
    SHADES,
    TITLE_MARGIN,
    ChartData,
    in_last,
    short,
    size,
    title,
)
from compound.domain import series

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt


def calendar(plt: Plt, data: ChartData) -> str | None:
    """A contribution calendar: a column a week, a row a weekday, a shade a day."""
    s = series.calendar(data.history, data.days)
    if not s.any_reading:
        return f"No pages logged {in_last(data.days)}: log a few days to see the calendar fill in."
    width, height = size(plt)
    canvas_width = width - 3 - 2  # "Mon" and the frame
    # Two columns a week (a cell and a gap) when they fit, one when not, and when even
    # that does not fit, the latest weeks that do.
    spacing = 2 if 2 * s.weeks - 1 <= canvas_width else 1
    weeks = min(s.weeks, (canvas_width + spacing - 1) // spacing)
    skipped = s.weeks - weeks
    first = s.first + timedelta(weeks=skipped)
    heading = f"Pages a day since {short(first)} {first.year}:  {_calendar_legend(s.limits)}"
    # Shrink the figure to the cells (a row a weekday) rather than spread them out,
    # keeping room for the title and its legend.
    width = min(width, max(5 + weeks * spacing, 3 + len(heading) + TITLE_MARGIN))
    height = min(height, 7 + 4)
    plt.plotsize(width, height)
    canvas_width, rows = width - 5, height - 4
    by_level: dict[int, tuple[list[int], list[int]]] = {n: ([], []) for n in range(5)}
    for n, cell in enumerate(s.cells):
        week = n // 7 - skipped
        if week >= 0:
            xs, ys = by_level[cell.level]
            xs.append(week * spacing)
            ys.append(rows - 1 - cell.day.weekday())
    for level, (xs, ys) in by_level.items():
        if xs:
            plt.scatter(xs, ys, marker=SHADES[level], color=READ if level else FAINT)
    # Limits chosen so one week is exactly `spacing` columns and one weekday one row.
    plt.xlim(0, canvas_width - 1)
    plt.ylim(0, rows - 1)
    plt.yticks([rows - 1, rows - 3, rows - 5], ["Mon", "Wed", "Fri"])
    months = [
        (n // 7 - skipped, cell.day)
        for n, cell in enumerate(s.cells)
        if cell.day.day == 1 and n // 7 >= skipped
    ] or [(0, first)]
    # (A label always: without one plotext drops the label line and adds a canvas row.)
    plt.xticks([week * spacing for week, _ in months], [f"{day:%b}" for _, day in months])
    legend = _calendar_legend(s.limits)
    title(plt, 3, heading, f"Pages a day:  {legend}", legend)
    return None


def _calendar_legend(limits: tuple[int, ...]) -> str:
    """E.g. `· 0  ░ 1-10  ▒ 11-20  ▓ 21-35  █ 36+`; a middle shade that no day can
    have (two quarters with the same limit) is left out."""
    parts = [f"{SHADES[0]} 0"]
    low = 1
    for level, high in enumerate(limits, start=1):
        if high >= low:
            parts.append(f"{SHADES[level]} {low}" + (f"-{high}" if high > low else ""))
            low = high + 1
    parts.append(f"{SHADES[4]} {low}+")
    return "  ".join(parts)
