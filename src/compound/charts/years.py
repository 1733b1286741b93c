"""The whole record, a year a column: books finished above, pages read below, each
panel with its own scale on the one axis, and the years along the bottom."""

from __future__ import annotations

from dataclasses import dataclass

from compound.charts.base import (
    RANGE,
    READ,
    Cell,
    ChartData,
    Scale,
    canvas_size,
    draw_cells,
    every_kth,
    scale,
    slots,
    title,
)
from compound.domain import series
from compound.words.numbers import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts.base import Plt

BOOKS, PAGES, TIMED = READ, RANGE, "magenta"
WIDEST_BAR = 4  # columns; the rest of a year's room is the gap
BAR = "█"
YEAR_LABEL = len("2026") + 2  # a year's label and the gap before the next
# Canvas rows needed for two and three panels, each with its name row; fewer rows
# keep the first panels only.
ROWS_FOR = {1: 2, 2: 7, 3: 11}


@dataclass(frozen=True, slots=True)
class _Panel:
    """One measure over the years: its bars sit on `base`, its name on the row above
    its tallest row."""

    name: str
    colour: str
    values: tuple[float, ...]
    base: int
    scale: Scale
    rows: int  # rows for bars, below the name row


def years(plt: Plt, data: ChartData) -> str | None:
    """Bars of books finished a year and, below them, pages read a year (and hours read
    by time, when any were), from the first year with any to this year; a year with
    nothing is an empty column."""
    s = series.years(data.history)
    if not s.any_reading:
        return "No books finished and no pages logged yet: finish a book to see your years here."
    _, rows = canvas_size(plt, 0)
    measures: list[tuple[str, str, tuple[float, ...]]] = [
        (name, colour, values)
        for name, colour, values in (
            ("books finished", BOOKS, s.books),
            ("pages read", PAGES, s.pages),
            ("hours read by time", TIMED, tuple(m / 60 for m in s.minutes)),
        )
        if any(values)
    ]
    while rows < ROWS_FOR[len(measures)]:
        measures.pop()  # the books first, then the pages
    panels = _panels(measures, rows)
    label_width = max(p.scale.label_width for p in panels)
    columns, _ = canvas_size(plt, label_width)
    shown = min(len(s.years), columns)  # the latest years that fit, a column each at least
    cells, centres = _cells(panels, len(s.years) - shown, columns)
    ticks = tuple((p.base + row, label) for p in reversed(panels) for row, label in p.scale.ticks)
    draw_cells(plt, cells, (columns, rows), Scale(1, ticks))
    labelled = _year_ticks(centres, s.years[-shown:])
    plt.xticks([centres[n] for n in labelled], [str(s.years[-shown:][n]) for n in labelled])
    _title(plt, s, shown, label_width)
    return None


def _panels(measures: list[tuple[str, str, tuple[float, ...]]], rows: int) -> list[_Panel]:
    """The measures stacked from the top, sharing the rows (the upper ones take any left
    over), each with a name row above its bars."""
    count = len(measures)
    heights = [rows // count + (n < rows % count) for n in range(count)]
    panels = []
    top = rows
    for (name, colour, values), height in zip(measures, heights, strict=True):
        base, bar_rows = top - height, height - 1
        panels.append(_Panel(name, colour, values, base, scale(max(values), bar_rows), bar_rows))
        top = base
    return panels


def _cells(
    panels: list[_Panel], left_out: int, columns: int
) -> tuple[dict[tuple[int, int], Cell], list[int]]:
    """Each panel's bars and name, and each year's centre column."""
    laid = slots(len(panels[0].values) - left_out, columns, WIDEST_BAR)
    half, width, lefts = laid.half, laid.width, laid.lefts
    cells: dict[tuple[int, int], Cell] = {}
    for panel in panels:
        for left, value in zip(lefts, panel.values[left_out:], strict=True):
            for row, char in enumerate(panel.scale.column(value, half=half)):
                for x in range(left, left + width):
                    cells[(x, panel.base + row)] = (char, panel.colour)
        name = f" {panel.name}"[: columns - 2]
        cells[(1, panel.base + panel.rows)] = (BAR, panel.colour)
        for x, char in enumerate(name, start=2):
            if char != " ":
                cells[(x, panel.base + panel.rows)] = (char, "default")
    return cells, laid.centres


def _year_ticks(centres: list[int], shown: tuple[int, ...]) -> list[int]:
    """Which years are labelled: every k-th (1, 2, 5, 10, …), counted back from this
    year, so the labels do not run into each other."""
    steps = (m * k for m in (10**e for e in range(len(str(len(shown))) + 1)) for k in (1, 2, 5))
    return every_kth(centres, YEAR_LABEL, steps) or [len(shown) - 1]


def _title(plt: Plt, s: series.Years, shown: int, label_width: int) -> None:
    first, last = s.years[-shown], s.years[-1]
    span = f"{first}–{last}" if first != last else f"{last}"
    if shown < len(s.years):
        span = f"last {shown} of {len(s.years)} years, {span}"
    books, pages = sum(s.books[-shown:]), sum(s.pages[-shown:])
    hours = round(sum(s.minutes[-shown:]) / 60)
    said = [plural(count, unit) for count, unit in ((books, "book"), (pages, "page")) if count]
    totals = ", ".join([*said, f"{plural(hours, 'hour')} by time"] if hours else said)
    heading = "Books and pages a year"
    title(
        plt,
        label_width,
        f"{heading}, {span}: {totals}",
        f"{heading}, {span}",
        heading,
    )
