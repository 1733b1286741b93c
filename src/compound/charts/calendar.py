"""The contribution calendar, laid out as lines of text: a column a week, a row a
weekday (Monday on top), a character a day, each month's name above the week it
begins in, and a legend.

No plotext: a calendar is a grid of characters, one a day, where a plot's axes would
put the month names under it and place each cell by a rounded scale. `compound chart
calendar` prints these lines (coloured on a terminal, plain in a pipe) and the app's History screen
draws the same lines with its theme, so both show the same cells for the same days.
Each run of text carries a style name (STYLES) that the front end maps to colours;
the characters alone tell every kind of day apart, without colour too.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from compound.charts.base import SHADES, ChartData, in_last, short
from compound.domain import series
from compound.domain.series import DayMark
from compound.words.numbers import pages, plural

LABEL_WIDTH = 4  # "Mon " before the first week
ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
SKIP, NOT_DUE, OUTSIDE = "×", "◦", " "
LEVELS = ("nothing", "level-1", "level-2", "level-3", "level-4")  # by level, 0-4
STYLES = (*LEVELS, "skip", "not-due", "label", "title")
GRID_LINES = 8  # the month names and the seven weekdays

Run = tuple[str, str]  # some text and its style name ("" for the surrounding text)
Line = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class CalendarLayout:
    lines: tuple[Line, ...]  # the title, the month names, Mon..Sun, the legend

    def text(self) -> list[str]:
        """The lines without styles or trailing spaces."""
        return ["".join(text for text, _ in line).rstrip() for line in self.lines]


def calendar(data: ChartData, width: int, height: int | None = None) -> CalendarLayout | str:
    """The calendar of `data.days` days for `width` × `height` characters, or a plain
    sentence when nothing was read in them."""
    found = series.calendar(data.history, data.days)
    if not found.any_reading:
        return f"No pages logged {in_last(data.days)}: log a few days to see the calendar fill in."
    return lay_out(found, width, height)


def lay_out(found: series.Calendar, width: int, height: int | None = None) -> CalendarLayout:
    """The latest weeks that fit `width` (a gap column between weeks when all of them
    fit with it), under a title, with the legend below as far as `height` allows: the
    month names and the seven weekdays are always drawn, then the title, then the
    legend's lines in turn."""
    weeks, step = _fit(found.weeks, width)
    shown = found.cells[(found.weeks - weeks) * 7 :]
    mondays = tuple(shown[7 * n].day for n in range(weeks))
    columns = tuple(LABEL_WIDTH + step * n for n in range(weeks))
    inside = [cell for cell in shown if cell.mark is not DayMark.OUTSIDE]

    grid = [_months(inside, mondays, columns, width)]
    for weekday in range(7):
        runs: list[Run] = [(f"{ROW_LABELS[weekday]:<{LABEL_WIDTH}}", "label")]
        for n in range(weeks):
            if n and step == 2:
                runs.append((" ", ""))
            runs.append(_cell(shown[7 * n + weekday]))
        grid.append(_joined(runs))

    legend = _legend(found, inside, width)
    room = len(grid) + 1 + len(legend) if height is None else height
    title = [_title(inside, width)] if room > GRID_LINES else []
    legend = legend[: max(room - GRID_LINES - len(title), 0)]
    return CalendarLayout((*title, *grid, *legend))


def _fit(weeks: int, width: int) -> tuple[int, int]:
    """How many of the latest weeks fit, and the columns a week takes (2: with a gap)."""
    room = max(width - LABEL_WIDTH, 1)
    if 2 * weeks - 1 <= room:
        return weeks, 2
    return min(weeks, room), 1


def _cell(cell: series.CalendarCell) -> Run:
    if cell.mark is DayMark.OUTSIDE:
        return OUTSIDE, ""
    if cell.mark is DayMark.SKIP:
        return SKIP, "skip"
    if cell.mark is DayMark.NOT_DUE:
        return NOT_DUE, "not-due"
    return SHADES[cell.level], LEVELS[cell.level]


def _months(
    inside: list[series.CalendarCell],
    mondays: tuple[date, ...],
    columns: tuple[int, ...],
    width: int,
) -> Line:
    """Each month's name from the column of the week holding its 1st (a day shown). A
    name with no room (it would touch the one before, or run past `width`) is left
    out rather than moved off its week."""
    text = ""
    for cell in inside:
        if cell.day.day != 1:
            continue
        column = columns[(cell.day - mondays[0]).days // 7]
        name = f"{cell.day:%b}"
        if column > len(text) and column + len(name) <= width:
            text = f"{text:<{column}}{name}"
    return ((text, "label"),)


def _title(inside: list[series.CalendarCell], width: int) -> Line:
    first = inside[0].day
    read = [cell.pages for cell in inside if cell.pages]
    since = f"Pages a day since {short(first)} {first.year}"
    figures = f"{pages(sum(read))} on {plural(len(read), 'day')}" if read else "none logged"
    choices = (f"{since}: {figures}", since, "Pages a day")
    fitting = next((text for text in choices if len(text) <= width), choices[-1][:width])
    return ((fitting, "title"),)


def _legend(found: series.Calendar, inside: list[series.CalendarCell], width: int) -> list[Line]:
    """The scale (less … more) and the marks of the other days shown, then what the
    levels mean: the ranges of pages against the goal, or of the quarters."""
    scale: list[Line] = [
        (("less ", ""), *((shade, style) for shade, style in zip(SHADES, LEVELS)), (" more", ""))
    ]
    marks = {cell.mark for cell in inside}
    if DayMark.SKIP in marks:
        scale.append(((SKIP, "skip"), (" skip day", "")))
    if DayMark.NOT_DUE in marks:
        scale.append(((NOT_DUE, "not-due"), (" not due", "")))
    meaning: list[list[Line]] = []
    if len(found.goals) == 1:
        (goal,) = found.goals
        meaning.append(
            [((f"against the goal of {goal}:", ""),), *_ranges(series.goal_limits(goal))]
        )
    elif found.goals:
        said = ", then ".join(str(goal) for goal in found.goals)
        meaning.append(
            [
                ((f"against each day's goal ({said}):", ""),),
                *(
                    ((SHADES[level], LEVELS[level]), (f" {what}", ""))
                    for level, what in enumerate(
                        ("under a third", "under two thirds", "under the goal", "met"), start=1
                    )
                ),
            ]
        )
    if found.limits:
        head = "days without a goal, by quarter:" if found.goals else "quarters of reading days:"
        meaning.append([((head, ""),), *_ranges(found.limits)])
    return _wrap([scale, *meaning], width)


def _ranges(limits: tuple[int, ...]) -> list[Line]:
    """`░ 1-8`, `▒ 9-16`, `▓ 17-24`, `█ 25+`: the pages of each level; a level no day
    can have (two limits alike) is left out."""
    found: list[Line] = []
    low = 1
    for level, high in enumerate(limits, start=1):
        if high >= low:
            pages = f" {low}-{high}" if high > low else f" {low}"
            found.append(((SHADES[level], LEVELS[level]), (pages, "")))
            low = high + 1
    found.append(((SHADES[4], LEVELS[4]), (f" {low}+", "")))
    return found


def _wrap(groups: list[list[Line]], width: int) -> list[Line]:
    """Groups of items on lines of `width`: a group goes on after the one before only
    when all of it fits there, else it starts a line and wraps between its items; an
    item longer than a line is cut."""
    lines: list[list[Run]] = []
    for group in groups:
        size = sum(_size(item) for item in group) + 2 * (len(group) - 1)
        gap = "   "
        if not lines or _size(lines[-1]) + len(gap) + size > width:
            lines.append([])
        for item in (piece for whole in group for piece in _words(whole, width)):
            if lines[-1] and _size(lines[-1]) + len(gap) + _size(item) > width:
                lines.append([])
            lines[-1] += [(gap, ""), *item] if lines[-1] else list(_clipped(item, width))
            gap = "  "
    return [_joined(line) for line in lines]


def _size(runs: Sequence[Run]) -> int:
    return sum(len(text) for text, _ in runs)


def _words(item: Line, width: int) -> list[Line]:
    """An item of plain words longer than a line, as lines of its words."""
    if _size(item) <= width or len(item) > 1:
        return [item]
    ((text, style),) = item
    return [((part, style),) for part in textwrap.wrap(text, width)]


def _clipped(item: Line, width: int) -> Line:
    runs: list[Run] = []
    for text, style in item:
        room = width - sum(len(t) for t, _ in runs)
        if room <= 0:
            break
        runs.append((text[:room], style))
    return tuple(runs)


def _joined(runs: list[Run]) -> Line:
    """Neighbouring runs of one style as one."""
    joined: list[Run] = []
    for text, style in runs:
        if joined and joined[-1][1] == style:
            joined[-1] = (joined[-1][0] + text, style)
        else:
            joined.append((text, style))
    return tuple(joined)
