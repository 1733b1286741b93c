"""What every chart builder shares: the data it reads, the size it draws at, its
colours, and the frame (titles, date and number ticks) laid out for that size."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import ceil

from compound.domain.days import format_duration
from compound.domain.projection import RANGE_WINDOW_DAYS
from compound.domain.totals import History

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
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
    week_starts_on: int = 0  # as date.weekday(): where a chart's weeks begin


def size(plt: Plt) -> tuple[int, int]:
    width, height = plt.plotsize()
    return width or DEFAULT_SIZE[0], height or DEFAULT_SIZE[1]


def title(plt: Plt, label_width: int, *choices: str) -> None:
    """The first title that fits, clipped if none does. plotext centres a title over
    the canvas (right of the y labels) and drops one that would overflow."""
    width, _ = size(plt)
    room = width - label_width - TITLE_MARGIN
    fitting = next((text for text in choices if len(text) <= room), None)
    plt.title(fitting or choices[-1][: room - 1] + "…")


def last(days: int) -> str:
    return "today" if days == 1 else f"last {days} days"


def in_last(days: int) -> str:
    return "today" if days == 1 else f"in the last {days} days"


def short(day: date) -> str:
    return f"{day:%b} {day.day}"


def date_ticks(plt: Plt, days: tuple[date, ...], y_label_width: int) -> None:
    """Label every k-th day, counted back from the last, so the labels do not collide."""
    width, _ = size(plt)
    canvas = max(width - y_label_width - 2, 10)
    per_day = canvas / len(days)
    needed = len(short(days[-1])) + 3
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
    plt.xticks(ticks, [short(days[t - 1]) for t in ticks])


def number_ticks(plt: Plt, top: float) -> tuple[int, int]:
    """Whole-number y ticks from 0 (plotext's own are decimals); returns the labels'
    width and the axis top."""
    _, height = size(plt)
    count = max(min((height - 5) // 3, 6), 2)
    raw = max(top, 1) / count
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    ticks = list(range(0, int(step * ceil(max(top, 1) / step)) + 1, step))
    labels = [f"{t:,}" for t in ticks]
    plt.yticks(ticks, labels)
    plt.ylim(0, ticks[-1])
    return max(len(label) for label in labels), ticks[-1]


def duration_ticks(plt: Plt, most: int, label_width: int) -> None:
    """Minutes along the x axis as durations (1h30m), at round steps that fit."""
    width, _ = size(plt)
    room = max((width - label_width - 2) // 10, 2)  # a label every ten columns at most
    step = next(
        (m for m in (5, 10, 15, 30, 60, 120, 180, 300, 600, 1200, 3000, 6000) if m * room >= most),
        60 * ceil(most / room / 60),
    )
    ticks = list(range(0, most + step, step))
    plt.xticks(ticks, [format_duration(t) if t else "0" for t in ticks])
    plt.xlim(0, ticks[-1])


# -- drawing in cells ------------------------------------------------------------------
# A figure drawn cell by cell: the limits make one unit exactly one canvas cell, so what
# is placed is what shows (plotext's own bars and lines round to its grid, overlap their
# neighbours and start below zero).

EIGHTHS = "▁▂▃▄▅▆▇█"  # a cell filled from the bottom, an eighth at a time
HALF, HALF_LOW = "▌", "▖"  # a half-width column, and its lower half for its top
THIN = ("▁", "─", "▔")  # a level line low, in the middle of, or high in its cell
# What sits around the canvas: the title and the tick labels' rows and the frame.
FRAME_ROWS, FRAME_COLUMNS = 4, 2

Cell = tuple[str, str]  # (character, colour); colour "default" is the terminal's own


@dataclass(frozen=True, slots=True)
class Scale:
    """Values up the canvas in whole rows: row 0's bottom edge (the frame's bottom
    line) is 0, each row holds `per_row`, and each tick names the row whose top edge
    is its value."""

    per_row: float
    ticks: tuple[tuple[int, str], ...]  # (row, label), from the bottom

    @property
    def label_width(self) -> int:
        return max(len(label) for _, label in self.ticks)

    def column(self, value: float, *, half: bool = False) -> list[str]:
        """A bar's cells from the bottom row up, its top to the nearest eighth (half a
        row for a half-width bar); any value above 0 shows."""
        if value <= 0:
            return []
        parts, full_char = (2, HALF) if half else (8, EIGHTHS[-1])
        filled = max(round(value / self.per_row * parts), 1)
        full, rest = divmod(filled, parts)
        top = (HALF_LOW if half else EIGHTHS[rest - 1]) if rest else ""
        return [full_char] * full + ([top] if top else [])

    def level(self, value: float) -> tuple[int, str]:
        """The row and character of a thin line at `value`."""
        height = value / self.per_row
        row = max(ceil(height) - 1, 0)
        within = height - row  # how high in its row, 0 to 1
        return row, THIN[2 if within > 2 / 3 else 1 if within > 1 / 3 else 0]


def scale(top: float, rows: int) -> Scale:
    """Round-number ticks for values up to `top` on `rows` rows: a tick every two rows
    or more, and not too far apart (eight rows, more on a tall canvas), at the step
    that lets the tallest value use the most rows."""
    top = max(top, 1)
    widest = max(8, rows // 5)
    # (ticks close enough, rows the tallest value uses, rows the ticks span, ticks, step,
    # rows a step)
    options: list[tuple[bool, float, int, int, int, int]] = []
    for step in _round_steps(top):
        count = ceil(top / step)
        per_step = rows // count
        if per_step >= 2 and (count >= 2 or rows < 6):
            tallest = top / step * per_step
            options.append((per_step <= widest, tallest, count * per_step, count, step, per_step))
    if options:
        *_, count, step, per_step = max(options)
    else:  # too few rows for two ticks: one step over them all
        count, step, per_step = 1, next(s for s in _round_steps(top) if s >= top), max(rows, 1)
    # A tick names the row a bar of its value fills to the top. Zero is the frame's
    # bottom line, below row 0: a "0" on row 0 would sit half a row above it, and
    # closer to the first tick than the ticks are to each other.
    ticks = {n * per_step - 1: f"{n * step:,}" for n in range(1, count + 1)}
    return Scale(step / per_step, tuple(sorted(ticks.items())))


def _round_steps(top: float) -> Iterator[int]:
    """1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, … up to the first past `top`."""
    magnitude = 1
    while True:
        yield magnitude
        yield 2 * magnitude
        if magnitude >= 10:  # 25, 250: pages come in quarters of a hundred too
            yield 5 * magnitude // 2
        yield 5 * magnitude
        if magnitude > top:
            return
        magnitude *= 10


def canvas_size(plt: Plt, label_width: int) -> tuple[int, int]:
    """The canvas's columns and rows inside the frame, right of `label_width` labels."""
    width, height = size(plt)
    return max(width - label_width - FRAME_COLUMNS, 1), max(height - FRAME_ROWS, 2)


@dataclass(frozen=True, slots=True)
class Slots:
    """`count` bars side by side across the canvas: where each slot starts (and the
    last ends), and how wide its bar is. A slot of k columns holds a bar k-1 columns
    wide (at most the chart's widest), so a column is always left between two bars; a
    slot of one column holds a half-width bar, so half a cell is."""

    starts: tuple[int, ...]  # count + 1 columns: each slot's first, then the end
    width: int
    half: bool

    @property
    def lefts(self) -> list[int]:
        """Each bar's first column: centred in its slot (a half bar at its start)."""
        s = self.starts
        return [
            s[n] if self.half else s[n] + (s[n + 1] - s[n] - self.width) // 2
            for n in range(len(s) - 1)
        ]

    @property
    def centres(self) -> list[int]:
        return [left + self.width // 2 for left in self.lefts]


def slots(count: int, columns: int, widest: int) -> Slots:
    """`count` slots over `columns`, bars at most `widest` columns wide."""
    slot = columns // count
    half = slot == 1
    if half:
        # Half-width bars spread over the whole canvas, a column or two apart (53
        # weeks on 100 columns): each still leaves half a cell before the next.
        starts = tuple(n * columns // count for n in range(count + 1))
    else:
        offset = (columns - slot * count) // 2
        starts = tuple(offset + n * slot for n in range(count + 1))
    return Slots(starts, 1 if half else min(slot - 1, widest), half)


def every_kth(centres: Sequence[int], needed: int, steps: Iterable[int]) -> list[int] | None:
    """Which slots to label so labels `needed` columns wide do not meet: every k-th (the
    first k of `steps` that leaves room), counted back from the last; None when none
    of the steps does."""
    spacing = centres[1] - centres[0] if len(centres) > 1 else needed
    step = next((k for k in steps if k * spacing >= needed), None)
    if step is None:
        return None
    return list(range(len(centres) - 1, -1, -step))[::-1]


def draw_cells(
    plt: Plt, cells: Mapping[tuple[int, int], Cell], canvas: tuple[int, int], value_scale: Scale
) -> None:
    """Place each (column, row) cell, and set the limits and y ticks so that one unit is
    one cell: column 0 is the canvas's left edge, row 0 its bottom."""
    groups: dict[Cell, tuple[list[int], list[int]]] = {}
    for (x, y), cell in cells.items():
        xs, ys = groups.setdefault(cell, ([], []))
        xs.append(x)
        ys.append(y)
    for (char, colour), (xs, ys) in groups.items():
        plt.scatter(xs, ys, marker=char, color=colour)
    columns, rows = canvas
    plt.xlim(0, columns - 1)
    plt.ylim(0, rows - 1)
    plt.yticks([row for row, _ in value_scale.ticks], [label for _, label in value_scale.ticks])


def slot_ticks(
    plt: Plt, centres: Sequence[int], firsts: Sequence[date], days_per_slot: int = 1
) -> None:
    """Date labels under slots (a day or a week each) at the given centre columns:
    every k-th slot counted back from the last, or, when even that crowds them, the
    months, each under the slot holding its first day."""
    needed = len("Sep 30") + 3  # the widest label and a gap
    chosen = every_kth(centres, needed, (1, 2, 7, 14) if days_per_slot == 1 else (1, 2, 4))
    if chosen is None:
        spacing = centres[1] - centres[0] if len(centres) > 1 else needed
        per_month = 30 / days_per_slot * spacing
        every = next((m for m in (1, 2, 3, 6) if m * per_month >= len("Sep") + 3), 12)
        months = []
        for centre, first in zip(centres, firsts, strict=True):
            end = first + timedelta(days=days_per_slot - 1)
            if end.day <= days_per_slot and (end.month - 1) % every == 0:  # holds the 1st
                months.append((centre, f"{end:%b}"))
        if months:
            plt.xticks([c for c, _ in months], [label for _, label in months])
            return
        chosen = [len(centres) - 1]  # the last alone
    plt.xticks([centres[n] for n in chosen], [short(firsts[n]) for n in chosen])
