"""This year: pages added up against the goal's line, and the year ahead's likely range."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil, floor
from typing import cast

from compound.charts.base import (
    EIGHTHS,
    FAINT,
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
    from typing import Protocol

    from compound.charts.base import Plt

    class _Painter(Protocol):
        """plotext's text, which can also paint the cell behind it (the Plt protocol
        leaves its colours out)."""

        def text(
            self, label: str, x: float, y: float, /, *, color: str, background: str
        ) -> None: ...


# The likely range is a muted block; the lines crossing it keep that colour behind them.
BAND, MEDIAN = FAINT, RANGE
ACROSS = "━"  # a line drawn across a cell of the band
RANGE_LABEL = "likely range (8 years in 10)"


def cumulative(plt: Plt, data: ChartData) -> str | None:
    """This year's pages added up, against the goal's straight line."""
    s = series.year_to_date(data.history)
    if not s.pages or s.pages[-1] == 0:
        return "No pages logged this year yet: log a few days to see the year add up."
    xs = list(range(1, len(s.days) + 1))
    top: float = s.pages[-1]
    titles = [f"Pages this year: {s.pages[-1]:,}"]
    if s.goal is not None:
        # Drawn first, so that what was read shows over it where the two meet.
        plt.plot(xs, list(s.goal), color=GOAL, label=f"goal: {s.basis}")
        top = max(top, s.goal[-1])
        ahead = s.pages[-1] - round(s.goal[-1])
        where = f"{ahead:,} ahead of" if ahead >= 0 else f"{-ahead:,} behind"
        titles[:0] = [
            f"{titles[0]}, {where} the goal ({s.goal_for_year:,} by 31 Dec)",
            f"{titles[0]}, {where} the goal",
        ]
    plt.plot(xs, list(s.pages), color=READ, label="read")
    label_width, _ = number_ticks(plt, top)
    if len(xs) > 1:
        date_ticks(plt, s.days, label_width)
        plt.xlim(1, len(xs))
    title(plt, label_width, *titles)
    return None


def projection(plt: Plt, data: ChartData) -> str | None:
    """This year's pages so far as a line, then the likely range (P10–P90) to 31 December
    as a filled band with its median, and the goal's line through the whole year."""
    s = series.year_ahead(data.history, data.days)
    if not s.enough:
        return "Log a week or more to see where this year is heading."
    goal = series.year_to_date(data.history)
    so_far = s.read[-1] if s.read else 0
    # The fan from the last counted day on, where it joins what was read (from 1 January
    # when nothing was counted this year yet).
    start = len(s.read) if s.read else 1
    fan = [(float(so_far),) * 3] if s.read else []
    fan += s.fan
    titles = [f"Pages this year: {so_far:,} read"]
    if s.fan:
        end = f"{round(fan[-1][0]):,}–{round(fan[-1][2]):,} by 31 Dec"
        titles[:0] = [
            f"{titles[0]}, likely {end}",
            f"This year: {so_far:,}, likely {end}",
            f"{so_far:,} read; {end}",
        ]
    if goal.goal_for_year is not None:
        titles.insert(0, f"{titles[0]}; goal {goal.goal_for_year:,}")
    top = max(so_far, fan[-1][2] if s.fan else 0, goal.goal_for_year or 0)
    label_width, axis_top = number_ticks(plt, top)
    date_ticks(plt, s.days, label_width)
    plt.xlim(1, len(s.days))
    title(plt, label_width, *titles)
    width, _ = size(plt)
    method = f"range: P10–P90 of {s.samples:,} futures drawn from your last {s.recent_days} days"
    with_method = len(method) <= width - label_width - TITLE_MARGIN
    if with_method:
        plt.xlabel(method)
    cells = _Cells.of(plt, label_width, with_method, len(s.days), axis_top)

    # What was read is drawn over the goal's line (as in `cumulative`), the band over both.
    if goal.goal_through_year is not None:
        xs = list(range(1, len(goal.goal_through_year) + 1))
        plt.plot(xs, list(goal.goal_through_year), color=GOAL, label=f"goal: {goal.basis}")
    read_xs: list[float] = list(range(1, len(s.read) + 1))
    if s.fan and read_xs:
        read_xs[-1] = cells.day(_nearest(cells.column(start)))  # where the band begins
    if len(read_xs) > 1:
        plt.plot(read_xs, list(s.read), color=READ, label="read")
    elif read_xs:
        plt.scatter(read_xs, list(s.read), color=READ, label="read")
    if s.fan:
        _band(plt, cells, start, fan, goal.goal_through_year)
    return None


@dataclass(frozen=True, slots=True)
class _Cells:
    """The canvas as cells. plotext puts a day number x (1 to `days`) in column
    round((x - 1) × (columns - 1) / (days - 1)) and pages y (0 to `top`) in row
    round(y × (rows - 1) / top): each whole column and row is one cell's centre."""

    columns: int
    rows: int
    days: int
    top: int

    @classmethod
    def of(cls, plt: Plt, label_width: int, with_xlabel: bool, days: int, top: int) -> _Cells:
        width, height = size(plt)
        # Inside plotext's frame: an axis on each side; below and above, the two axes,
        # the date labels, the title, and the x label when there is one.
        return cls(width - label_width - 2, height - 4 - with_xlabel, days, top)

    # (A canvas a single cell wide or high, in a tiny window, is kept from dividing by 0.)
    def column(self, day: float) -> float:
        return (day - 1) * max(self.columns - 1, 1) / (self.days - 1)

    def day(self, column: float) -> float:
        return 1 + column * (self.days - 1) / max(self.columns - 1, 1)

    def row(self, pages: float) -> float:
        return pages * max(self.rows - 1, 1) / self.top

    def pages(self, row: float) -> float:
        return row * self.top / max(self.rows - 1, 1)


def _nearest(position: float) -> int:
    """The cell a position falls in (plotext rounds halves up)."""
    return floor(position + 0.5)


def _band(
    plt: Plt,
    cells: _Cells,
    start: int,
    fan: list[tuple[float, float, float]],
    goal: Sequence[float] | None,
) -> None:
    """The likely range as solid cells from P10 up to P90 in every column from day `start`
    (`fan`'s first day) to 31 December, its top edge to an eighth of a row; the median,
    and the goal where it crosses, as lines over it."""
    shapes: dict[str, tuple[list[float], list[float]]] = {"█": ([], [])}
    median: tuple[list[float], list[float]] = ([], [])
    across: list[tuple[float, float, str]] = []  # (x, y, colour) of the lines on the band
    goal_days = [(pages,) for pages in goal] if goal is not None else None
    for column in range(_nearest(cells.column(start)), cells.columns):
        x = cells.day(column)
        low, middle, high = (cells.row(pages) for pages in _between(fan, x - start))
        top = _nearest(high)  # the row P90 falls in, filled up to it in eighths
        eighths = round((high + 0.5 - top) * 8)
        if eighths == 0:
            top, eighths = top - 1, 8
        bottom = min(ceil(low), top)  # the lowest row at least half above P10
        for row in range(bottom, top + 1):
            xs, ys = shapes.setdefault("█" if row < top else EIGHTHS[eighths - 1], ([], []))
            xs.append(x)
            ys.append(cells.pages(row))
        if goal_days is not None:
            (pages,) = _between(goal_days, x - 1)
            if bottom <= (row := _nearest(cells.row(pages))) <= top:
                across.append((x, cells.pages(row), GOAL))
        row = min(max(_nearest(middle), bottom), top)
        median[0].append(x)
        median[1].append(cells.pages(row))
        across.append((x, cells.pages(row), MEDIAN))
    label: str | None = RANGE_LABEL
    for shape, (xs, ys) in shapes.items():
        if xs:
            plt.scatter(xs, ys, marker=shape, color=BAND, label=label)
            label = None
    plt.scatter(*median, marker=ACROSS, color=MEDIAN, label="median")
    # Drawn again as text, which paints the band's colour behind the line: no cell of
    # the band is left half empty where a line crosses it.
    painter = cast("_Painter", plt)
    for x, y, colour in across:
        painter.text(ACROSS, x, y, color=colour, background=BAND)


def _between(points: Sequence[tuple[float, ...]], offset: float) -> tuple[float, ...]:
    """The values `offset` days after the first of `points` (one a day), read straight
    between whole days."""
    offset = min(max(offset, 0.0), len(points) - 1)
    before = floor(offset)
    after = min(before + 1, len(points) - 1)
    share = offset - before
    return tuple(a + (b - a) * share for a, b in zip(points[before], points[after], strict=True))
