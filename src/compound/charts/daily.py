"""Daily pages: a bar a day (a week, over a long span) against the daily goal in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from compound.charts.base import (
    FAINT,
    GOAL,
    READ,
    UNDER,
    Cell,
    ChartData,
    canvas_size,
    draw_cells,
    in_last,
    last,
    scale,
    short,
    slot_ticks,
    slots,
    title,
)
from compound.domain import series
from compound.words.numbers import rate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt, Scale

# Beyond half a year a bar a day is a smear even where the days fit: a bar a week.
MOST_DAILY_BARS = 183
WIDEST_BAR = 3  # columns; the rest of a day's room is the gap
BAR = "█"


@dataclass(frozen=True, slots=True)
class _Bars:
    """What is drawn: one slot (a day or a week) per bar, oldest first."""

    firsts: tuple[date, ...]  # each slot's first day
    pages: tuple[int, ...]
    goals: tuple[int | None, ...]  # the goal the slot is judged by (None: none)
    met: tuple[bool, ...]
    off: tuple[bool, ...]  # days the goal's schedule gives off (never a week)
    days_per_slot: int

    def latest(self, count: int) -> _Bars:
        return _Bars(
            self.firsts[-count:],
            self.pages[-count:],
            self.goals[-count:],
            self.met[-count:],
            self.off[-count:],
            self.days_per_slot,
        )


def daily(plt: Plt, data: ChartData) -> str | None:
    """Bars of pages a day from zero, green where the day's goal was met and orange
    where not, behind them the goal in force as a thin line; a bar a week when the days
    do not fit."""
    s = series.daily_pages(data.history, data.days)
    if not s.any_reading:
        return f"No pages logged {in_last(data.days)}: log a few days to see them here."
    _, rows = canvas_size(plt, 0)
    legend_rows = 1 if rows >= 4 else 0  # the canvas's top row names the colours
    bars = _Bars(s.days, s.pages, s.goals, s.met, s.off, 1)
    values = scale(_top(bars), rows - legend_rows)
    columns, _ = canvas_size(plt, values.label_width)
    weeks_left_out = 0
    if len(s.days) > min(columns, MOST_DAILY_BARS):
        w = series.weekly_pages(data.history, data.days, data.week_starts_on)
        bars = _Bars(w.weeks, w.pages, w.goals, w.met, (False,) * len(w.weeks), 7)
        values = scale(_top(bars), rows - legend_rows)
        columns, _ = canvas_size(plt, values.label_width)
        weeks_left_out = max(len(w.weeks) - columns, 0)
        bars = bars.latest(len(w.weeks) - weeks_left_out)  # the latest weeks that fit
    cells, centres = _cells(bars, values, columns)
    if legend_rows:
        legend = _legend(bars, {colour for _, colour in cells.values()}, s.goals, columns)
        for x, cell in enumerate(legend, start=1):
            if cell[0] != " ":
                cells[(x, rows - 1)] = cell
    draw_cells(plt, cells, (columns, rows), values)
    slot_ticks(plt, centres, bars.firsts, bars.days_per_slot)
    _title(plt, data, s, bars, values.label_width, weeks_left_out)
    return None


def _top(bars: _Bars) -> int:
    return max([*bars.pages, *(g or 0 for g in bars.goals)])


def _cells(
    bars: _Bars, values: Scale, columns: int
) -> tuple[dict[tuple[int, int], Cell], list[int]]:
    """Each bar's cells, and the goal's behind them; and each slot's centre column (the
    slots laid out as base.slots lays them)."""
    laid = slots(len(bars.firsts), columns, WIDEST_BAR)
    half, width = laid.half, laid.width
    cells: dict[tuple[int, int], Cell] = {}
    each = zip(bars.pages, bars.goals, bars.met, bars.off, laid.lefts, strict=True)
    for n, (pages, goal, met, off, left) in enumerate(each):
        start, room = laid.starts[n], laid.starts[n + 1] - laid.starts[n]
        if goal is not None:
            # The goal runs across the whole slot, gap included: a level line that
            # steps where the goal changes and breaks where none is asked for.
            row, char = values.level(goal)
            for x in range(start, start + room):
                cells[(x, row)] = (char, GOAL)
        # A day off is neither met nor missed: the goal asked nothing of it.
        colour = FAINT if off else READ if met else UNDER
        for row, char in enumerate(values.column(pages, half=half)):
            for x in range(left, left + width):
                cells[(x, row)] = (char, colour)  # the bar in front of the goal
    return cells, laid.centres


def _legend(
    bars: _Bars, shown: set[str], daily_goals: tuple[int | None, ...], room: int
) -> list[Cell]:
    """The top row: each colour shown, with what it means, in the longest wording that
    fits."""
    goals = {g for g in daily_goals if g is not None}
    if bars.days_per_slot == 7:
        line, short_line = "the week's goal", "goal"
    elif len(goals) == 1:
        line = short_line = f"goal {next(iter(goals))}"
        line += " a day"
    else:
        line, short_line = "goal in force", "goal"
    wordings = [
        [
            (BAR, READ, "goal met"),
            (BAR, UNDER, "goal missed"),
            (BAR, FAINT, "day off"),
            ("─", GOAL, line),
        ],
        [(BAR, READ, "met"), (BAR, UNDER, "missed"), (BAR, FAINT, "off"), ("─", GOAL, short_line)],
    ]
    if not goals:  # every bar met the one rule without a goal: any page
        wordings = [[(BAR, READ, "pages read")], [(BAR, READ, "pages")]]
    fitting: list[Cell] = []
    for wording in wordings:
        fitting = []
        for mark, colour, name in wording:
            if colour in shown:
                if fitting:
                    fitting += [(" ", "default")] * 2
                fitting.append((mark, colour))
                fitting += [(char, "default") for char in f" {name}"]
        if len(fitting) <= room - 1:
            break
    return fitting[: room - 1]


def _title(
    plt: Plt,
    data: ChartData,
    s: series.DailyPages,
    bars: _Bars,
    label_width: int,
    weeks_left_out: int,
) -> None:
    if bars.days_per_slot == 7:
        weeks = len(bars.firsts)
        span = f"last {weeks} of {weeks + weeks_left_out}" if weeks_left_out else f"last {weeks}"
        heading = f"Pages a week, {span} weeks"
    else:
        heading = f"Pages a day, {last(data.days)}"
    total = sum(bars.pages)
    goal = next((g for g in reversed(s.goals) if g is not None), None)
    aim = f", goal {goal}" if goal else ""
    if goal and s.goal_since:
        aim += f" since {short(s.goal_since)}"
    # The pace over these days, as every surface counts it (an unlogged today is not
    # a 0 yet; days before the first entry are not counted).
    mean = f"{rate(s.pace)} a day{aim}"
    title(
        plt,
        label_width,
        f"{heading}: {total:,} pages, {mean}",
        f"{heading}: {mean}",
        heading,
    )
