"""Drawing the chart builders at a fixed size, and reading the drawing back: as plain
text (rows inside the frame) and as cells with their colours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import plotext
import pytest

from compound import charts
from compound.domain.goals import GoalTimeline
from compound.domain.totals import DailyTotals, History

TODAY = date(2026, 11, 22)  # a Sunday
LINE = set("▄▀▖▗▘▝▚▞▙▛▜▟▌▐")  # plotext's half-block line characters


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def history(pages=None, goals=(), today=TODAY) -> History:
    return History(
        today=today,
        totals=DailyTotals(pages=pages or {}),
        goals=GoalTimeline(goals),
        skips=frozenset(),
        finished_pages=(),
        reading=(),
        to_read=(),
    )


@pytest.fixture
def plt():
    """The plotext module as `compound chart` sets it up, at 60×14 unless a test resizes."""
    plotext.clear_figure()
    plotext.limit_size(False, False)
    plotext.theme("clear")
    plotext.plotsize(60, 14)
    yield plotext
    plotext.clear_figure()


def render(plt, kind: str, data: charts.ChartData) -> str:
    assert charts.BUILDERS[kind](plt, data) is None
    return plt.uncolorize(plt.build())


def canvas(text: str) -> list[str]:
    """The rows inside the frame, without the frame."""
    rows = text.splitlines()
    top = next(n for n, row in enumerate(rows) if "┌" in row)
    bottom = next(n for n, row in enumerate(rows) if "└" in row)
    left = rows[top].index("┌") + 1
    return [
        row[left : left + len(rows[top]) - left - 1].ljust(len(rows[top]) - left - 1)
        for row in rows[top + 1 : bottom]
    ]


def bars(rows: list[str]) -> list[int]:
    """Each vertical bar's height in rows, left to right (bars are runs of █ columns)."""
    tops: list[int] = []
    previous = False
    for column in range(len(rows[0])):
        filled = [n for n, row in enumerate(rows) if row[column] == "█"]
        if filled and not previous:
            tops.append(min(filled))
        previous = bool(filled)
    return [len(rows) - top for top in tops]


@dataclass(frozen=True)
class Cells:
    """A drawing as a grid: each cell's character and its colour (the 16-colour number
    plotext wrote, None for the terminal's own)."""

    chars: list[str]
    colours: list[list[int | None]]

    def colour_at(self, row: int, column: int) -> int | None:
        return self.colours[row][column]

    def inside(self) -> Cells:
        """The canvas: the cells inside the frame, its top row first."""
        top = next(n for n, row in enumerate(self.chars) if "┌" in row)
        bottom = next(n for n, row in enumerate(self.chars) if "└" in row)
        left, right = self.chars[top].index("┌") + 1, self.chars[top].index("┐")
        width = right - left
        return Cells(
            [row[left:right].ljust(width) for row in self.chars[top + 1 : bottom]],
            [(row[left:right] + [None] * width)[:width] for row in self.colours[top + 1 : bottom]],
        )

    def y_labels(self) -> dict[int, str]:
        """The y axis labels by canvas row (the canvas's top row is 0)."""
        top = next(n for n, row in enumerate(self.chars) if "┌" in row)
        bottom = next(n for n, row in enumerate(self.chars) if "└" in row)
        left = self.chars[top].index("┌")
        return {
            n: row[:left].strip()
            for n, row in enumerate(self.chars[top + 1 : bottom])
            if row[:left].strip()
        }

    def where(self, chars: str, colours: set[int | None]) -> set[tuple[int, int]]:
        """The (row, column) of every cell holding one of `chars` in one of `colours`."""
        return {
            (r, c)
            for r, row in enumerate(self.chars)
            for c, ch in enumerate(row)
            if ch in chars and self.colours[r][c] in colours
        }


def colour(name: str) -> int:
    """The 16-colour number plotext writes for a colour `name`."""
    code = plotext.colorize("x", name).split("x")[0]
    return int(code.split(";")[-1].rstrip("m"))


def cells(plt, kind: str, data: charts.ChartData) -> Cells:
    """Draw `kind` in colour and read it back cell by cell."""
    from rich.text import Text

    assert charts.BUILDERS[kind](plt, data) is None
    text = Text.from_ansi(plt.build())
    chars: list[str] = []
    colours: list[list[int | None]] = []
    for line in text.split("\n"):
        row: list[int | None] = [None] * len(line.plain)
        for span in line.spans:
            style = span.style
            colour = getattr(style, "color", None)
            number = colour.number if colour is not None else None
            for n in range(span.start, min(span.end, len(row))):
                row[n] = number
        chars.append(line.plain)
        colours.append(row)
    return Cells(chars, colours)
