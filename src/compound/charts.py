"""Chart builders: each draws one figure onto a plotext-like object.

`plt` is the `plotext` module in the plain terminal, or `PlotextPlot().plt` in the
TUI. Set its size (`plt.plotsize(w, h)`) before calling a builder: the builders
space their labels and calendar cells for that size. They never call `show()` and
never choose a theme, so the terminal's (or the app's) colours stay in charge; the
colours they do name are the 16 basic ones, which every theme maps to its own.

A builder returns None when it drew, or a plain sentence when there is too little
data to draw anything worth reading.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import ceil

from compound.domain import series
from compound.domain.days import format_duration
from compound.domain.projection import RANGE_WINDOW_DAYS
from compound.domain.totals import History
from compound.words.numbers import rate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Literal, Protocol

    class Plt(Protocol):
        """What the builders draw with: the `plotext` module, or a textual-plotext `Plot`."""

        def plotsize(
            self, width: int | None = None, height: int | None = None, /
        ) -> tuple[int | None, int | None]: ...
        def title(self, label: str, /) -> None: ...
        def xlabel(self, label: str, /) -> None: ...
        def xlim(self, left: float, right: float, /) -> None: ...
        def ylim(self, lower: float, upper: float, /) -> None: ...
        def xticks(self, ticks: Sequence[float], labels: Sequence[str], /) -> None: ...
        def yticks(self, ticks: Sequence[float], labels: Sequence[str], /) -> None: ...
        def bar(
            self,
            *args: Sequence[float] | Sequence[str],
            color: str | None = None,
            width: float | None = None,
            orientation: Literal["horizontal", "vertical"] | None = None,
        ) -> None: ...
        def plot(
            self,
            *args: Sequence[float],
            color: str | None = None,
            label: str | None = None,
            marker: str | None = None,
        ) -> None: ...
        def scatter(
            self,
            *args: Sequence[float],
            color: str | None = None,
            label: str | None = None,
            marker: str | None = None,
        ) -> None: ...
        def text(
            self,
            label: str,
            x: float,
            y: float,
            /,
            *,
            alignment: Literal["left", "center", "right"] | None = None,
        ) -> None: ...


DEFAULT_SIZE = (80, 20)
# The days each kind looks back by default; kinds missing here are about this year.
DEFAULT_DAYS = {
    "daily": 30,
    "weekday": 90,
    "sessions": 30,
    "calendar": 365,
    "projection": RANGE_WINDOW_DAYS,
}
READ, UNDER, GOAL, FAINT, RANGE = "green", "orange", "red", "gray", "cyan"
TITLE_MARGIN = 1
SHADES = ("·", "░", "▒", "▓", "█")  # calendar levels 0-4: readable without colour too


@dataclass(frozen=True, slots=True)
class ChartData:
    """What every builder reads: one person's history, and the window to look at."""

    history: History
    days: int = 30
    minutes_by_kind: Mapping[str, int] = field(default_factory=dict)  # over the window


def _size(plt: Plt) -> tuple[int, int]:
    width, height = plt.plotsize()
    return width or DEFAULT_SIZE[0], height or DEFAULT_SIZE[1]


def _title(plt: Plt, label_width: int, *choices: str) -> None:
    """The first title that fits, clipped if none does. plotext centres a title over
    the canvas (right of the y labels) and drops one that would overflow."""
    width, _ = _size(plt)
    room = width - label_width - TITLE_MARGIN
    fitting = next((text for text in choices if len(text) <= room), None)
    plt.title(fitting or choices[-1][: room - 1] + "…")


def _last(days: int) -> str:
    return "today" if days == 1 else f"last {days} days"


def _in_last(days: int) -> str:
    return "today" if days == 1 else f"in the last {days} days"


def _short(day: date) -> str:
    return f"{day:%b} {day.day}"


def _date_ticks(plt: Plt, days: tuple[date, ...], y_label_width: int) -> None:
    """Label every k-th day, counted back from the last, so the labels do not collide."""
    width, _ = _size(plt)
    canvas = max(width - y_label_width - 2, 10)
    per_day = canvas / len(days)
    needed = len(_short(days[-1])) + 3
    step = next((s for s in (1, 2, 7, 14) if s * per_day >= needed), None)
    if step is None:  # a long span: name the months instead, every one that fits
        every = next((m for m in (1, 2, 3, 6) if m * 30 * per_day >= len("Sep") + 3), 12)
        ticks = [
            n
            for n, day in enumerate(days, start=1)
            if day.day == 1 and (day.month - 1) % every == 0
        ]
        if ticks:
            plt.xticks(ticks, [f"{days[t - 1]:%b}" for t in ticks])
            return
        step = len(days)
    ticks = list(range(len(days), 0, -step))[::-1]
    plt.xticks(ticks, [_short(days[t - 1]) for t in ticks])


def _number_ticks(plt: Plt, top: float) -> tuple[int, int]:
    """Whole-number y ticks from 0 (plotext's own are decimals); returns the labels'
    width and the axis top."""
    _, height = _size(plt)
    count = max(min((height - 5) // 3, 6), 2)
    raw = max(top, 1) / count
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = list(range(0, int(step * ceil(max(top, 1) / step)) + 1, step))
    labels = [f"{t:,}" for t in ticks]
    plt.yticks(ticks, labels)
    plt.ylim(0, ticks[-1])
    return max(len(label) for label in labels), ticks[-1]


def daily(plt: Plt, data: ChartData) -> str | None:
    """Bars of pages a day, green where the day's goal was met, with the goal line."""
    s = series.daily_pages(data.history, data.days)
    if not s.any_reading:
        return f"No pages logged {_in_last(data.days)}: log a few days to see them here."
    xs = range(1, len(s.days) + 1)
    met = [(x, p) for x, p, g in zip(xs, s.pages, s.goals) if g is None or p >= g]
    under = [(x, p) for x, p, g in zip(xs, s.pages, s.goals) if g is not None and p < g]
    for points, color in ((met, READ), (under, UNDER)):
        if points:
            plt.bar(*zip(*points), color=color, width=0.5)
    _goal_steps(plt, s.goals)
    label_width, _ = _number_ticks(plt, max(max(s.pages), max(g or 0 for g in s.goals)))
    _date_ticks(plt, s.days, label_width)
    plt.xlim(0.5, len(s.days) + 0.5)
    total = sum(s.pages)
    aim = f", goal {s.goals[-1]}" if s.goals[-1] else ""
    # The pace over these days, as every surface counts it (an unlogged today is not
    # a 0 yet; days before the first entry are not counted).
    mean = f"{rate(s.pace)} a day{aim}"
    _title(
        plt,
        label_width,
        f"Pages a day, {_last(data.days)}: {total:,} pages, {mean}",
        f"Pages a day, {_last(data.days)}: {mean}",
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
    label_width, _ = _number_ticks(plt, top)
    if len(xs) > 1:
        _date_ticks(plt, s.days, label_width)
        plt.xlim(1, len(xs))
    _title(plt, label_width, *titles)
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
    label_width, _ = _number_ticks(plt, max(so_far, *(p for _, _, p in s.fan)))
    _date_ticks(plt, s.days, label_width)
    plt.xlim(1, len(s.days))
    _title(plt, label_width, *titles)
    width, _ = _size(plt)
    method = f"range: P10–P90 of {s.samples:,} futures drawn from your last {s.recent_days} days"
    if len(method) <= width - label_width - TITLE_MARGIN:
        plt.xlabel(method)
    return None


def _shade_between(
    plt: Plt, xs: list[int], low: list[float], high: list[float], top: float
) -> None:
    """Fill the band from `low` to `high` with a light shade, a point every half row
    (plotext fills only down to the axis)."""
    _, height = _size(plt)
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


def weekday(plt: Plt, data: ChartData) -> str | None:
    """Average pages on each weekday, days without reading counted as 0."""
    s = series.weekday_averages(data.history, data.days)
    if not s.whole_week or not any(s.averages):
        return "Log a week or more to see your pages by weekday."
    plt.bar(list(series.WEEKDAYS), [round(a, 1) for a in s.averages], color=READ, width=0.5)
    _, height = _size(plt)
    rows = max(height - 5, 1)  # the canvas's row steps: title, frame and labels take 4
    # Room above the tallest bar for its number, one row high.
    label_width, top = _number_ticks(plt, max(s.averages) * (1 + 1.5 / rows))
    for n, average in enumerate(s.averages, start=1):
        if average:
            number = f"{average:.0f}"
            plt.text(number, n, average + top / rows, alignment="center")
    _title(
        plt,
        label_width,
        f"Average pages by weekday, {_short(s.first)} to {_short(s.last)}",
        "Average pages by weekday",
    )
    return None


def sessions(plt: Plt, data: ChartData) -> str | None:
    """Learning minutes by session kind over the window, the most first."""
    kinds = series.minutes_by_kind(data.minutes_by_kind)
    if not kinds:
        return (
            f"No learning sessions {_in_last(data.days)}: "
            "log some with `compound learn` to see them here."
        )
    kinds.reverse()  # plotext draws the first horizontal bar at the bottom
    labels = [f"{kind} {format_duration(minutes)}" for kind, minutes in kinds]
    plt.bar(
        labels, [minutes for _, minutes in kinds], orientation="horizontal", color=READ, width=0.5
    )
    _duration_ticks(plt, kinds[-1][1], max(map(len, labels)))
    total = sum(minutes for _, minutes in kinds)
    spent = format_duration(total)
    _title(
        plt,
        max(map(len, labels)),
        f"Learning by kind, {_last(data.days)}: {spent}",
        f"Learning, {_last(data.days)}: {spent}",
    )
    return None


def calendar(plt: Plt, data: ChartData) -> str | None:
    """A contribution calendar: a column a week, a row a weekday, a shade a day."""
    s = series.calendar(data.history, data.days)
    if not s.any_reading:
        return f"No pages logged {_in_last(data.days)}: log a few days to see the calendar fill in."
    width, height = _size(plt)
    canvas_width = width - 3 - 2  # "Mon" and the frame
    # Two columns a week (a cell and a gap) when they fit, one when not, and when even
    # that does not fit, the latest weeks that do.
    spacing = 2 if 2 * s.weeks - 1 <= canvas_width else 1
    weeks = min(s.weeks, (canvas_width + spacing - 1) // spacing)
    skipped = s.weeks - weeks
    first = s.first + timedelta(weeks=skipped)
    title = f"Pages a day since {_short(first)} {first.year}:  {_calendar_legend(s.limits)}"
    # Shrink the figure to the cells (a row a weekday) rather than spread them out,
    # keeping room for the title and its legend.
    width = min(width, max(5 + weeks * spacing, 3 + len(title) + TITLE_MARGIN))
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
    _title(plt, 3, title, f"Pages a day:  {_calendar_legend(s.limits)}", _calendar_legend(s.limits))
    return None


def _duration_ticks(plt: Plt, most: int, label_width: int) -> None:
    """Minutes along the x axis as durations (1h30m), at round steps that fit."""
    width, _ = _size(plt)
    room = max((width - label_width - 2) // 10, 2)  # a label every ten columns at most
    step = next(
        (m for m in (5, 10, 15, 30, 60, 120, 180, 300, 600, 1200, 3000, 6000) if m * room >= most),
        60 * ceil(most / room / 60),
    )
    ticks = list(range(0, most + step, step))
    plt.xticks(ticks, [format_duration(t) if t else "0" for t in ticks])
    plt.xlim(0, ticks[-1])


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


BUILDERS: dict[str, Callable[[Plt, ChartData], str | None]] = {
    "daily": daily,
    "cumulative": cumulative,
    "projection": projection,
    "weekday": weekday,
    "sessions": sessions,
    "calendar": calendar,
}
