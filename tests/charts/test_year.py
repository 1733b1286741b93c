"""This year added up, and the year ahead's range."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from math import floor

import plotext
import pytest
from rich.text import Text

from compound import charts
from compound.domain import series
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind

from .drawing import LINE, Cells, ago, canvas, cells, history, render

# -- cumulative ------------------------------------------------------------------------


def test_cumulative_against_a_yearly_books_goal(plt):
    plt.plotsize(100, 16)
    pages = {date(2026, 1, 1) + timedelta(days=n): 20 for n in range(0, 326)}
    data = charts.ChartData(
        history(pages, goals=[GoalChange(GoalKind.YEARLY_BOOKS, 24, date(2026, 1, 1))])
    )
    text = render(plt, "cumulative", data)
    # 326 days × 20 = 6,520 pages; the line: 6,288 × 326 / 365 = 5,616.
    assert "Pages this year: 6,520, 904 ahead of the goal (6,288 by 31 Dec)" in text
    assert "goal: 24 books × 262 pages" in text and "read" in text
    assert re.search(r"^10,000┤", text, re.M) and re.search(r"^ 5,000┤", text, re.M)
    rows = canvas(text)
    assert any(ch in LINE for ch in rows[-1][:3])  # both lines start at 0, at the left


def test_cumulative_without_goal_has_no_goal_line(plt):
    text = render(plt, "cumulative", charts.ChartData(history({date(2026, 3, 1): 50})))
    assert "Pages this year: 50" in text and "goal" not in text


def test_cumulative_before_any_reading_this_year(plt):
    data = charts.ChartData(history({date(2025, 12, 30): 50}))
    assert charts.cumulative(plt, data) == (
        "No pages logged this year yet: log a few days to see the year add up."
    )


# -- projection ------------------------------------------------------------------------

MIDYEAR = date(2026, 6, 30)
EIGHTHS = set("▁▂▃▄▅▆▇")


def uneven_half_year(goal: GoalChange | None = None) -> charts.ChartData:
    """Six months of reading that swings from day to day, so the likely range to
    31 December spans many rows."""
    days = (MIDYEAR - date(2026, 1, 1)).days + 1
    swings = (0, 0, 150, 10, 0, 200, 40, 0, 90, 0, 0)
    pages = {date(2026, 1, 1) + timedelta(days=n): swings[n * n % 11] for n in range(days)}
    return charts.ChartData(history(pages, [goal] if goal else [], today=MIDYEAR), 90)


def colour(name: str) -> int:
    """The 16-colour number plotext writes for a colour's name."""
    return Text.from_ansi(plotext.colorize("x", name)).spans[0].style.color.number


def nearest(position: float) -> int:
    return floor(position + 0.5)


@dataclass(frozen=True)
class Drawing:
    """The projection as drawn: its canvas cell by cell (row 0 at the bottom), with the
    scales read back from its own tick labels."""

    cells: Cells
    backgrounds: list[list[int | None]]
    frame: tuple[int, int, int, int]  # the rows of ┌ and └, the columns of ┌ and ┐
    legend: dict[str, int]  # each label, and the colour of its marker

    @classmethod
    def of(cls, plt, data: charts.ChartData) -> Drawing:
        drawn = cells(plt, "projection", data)
        again = Text.from_ansi(plt.build())
        backgrounds = []
        for line in again.split("\n"):
            row: list[int | None] = [None] * len(line.plain)
            for span in line.spans:
                back = getattr(span.style, "bgcolor", None)
                for n in range(span.start, min(span.end, len(row))):
                    row[n] = back.number if back is not None else None
            backgrounds.append(row)
        top = next(n for n, row in enumerate(drawn.chars) if "┌" in row)
        bottom = next(n for n, row in enumerate(drawn.chars) if "└" in row)
        frame = (top, bottom, drawn.chars[top].index("┌"), drawn.chars[top].index("┐"))
        drawing = cls(drawn, backgrounds, frame, {})
        # plotext's legend, from the top left: a space, two markers and a space, the label.
        for row in range(drawing.height - 1, -1, -1):
            if drawing.char(row, 1) == " " or drawing.char(row, 3) != " ":
                break
            label = "".join(drawing.char(row, n) for n in range(4, drawing.width))
            drawing.legend[label.split("  ")[0].strip()] = drawing.colour(row, 1)
        return drawing

    @property
    def width(self) -> int:
        return self.frame[3] - self.frame[2] - 1

    @property
    def height(self) -> int:
        return self.frame[1] - self.frame[0] - 1

    def _at(self, grid, row: int, column: int):
        return grid[self.frame[1] - 1 - row][self.frame[2] + 1 + column]

    def char(self, row: int, column: int) -> str:
        return self._at(self.cells.chars, row, column)

    def colour(self, row: int, column: int) -> int | None:
        return self._at(self.cells.colours, row, column) if self.char(row, column) != " " else None

    def background(self, row: int, column: int) -> int | None:
        return self._at(self.backgrounds, row, column)

    def in_legend(self, row: int, column: int) -> bool:
        width = 4 + max(len(label) for label in self.legend)
        return row >= self.height - len(self.legend) and column <= width

    def where(self, colour_number: int) -> list[tuple[int, int]]:
        """The (row, column) of every cell drawn in, or painted behind with, a colour,
        outside the legend."""
        return [
            (row, column)
            for row in range(self.height)
            for column in range(self.width)
            if colour_number in (self.colour(row, column), self.background(row, column))
            and not self.in_legend(row, column)
        ]

    def row_of(self, pages: float) -> float:
        """Where `pages` sits, from the y axis's labels (row 0 at the bottom)."""
        ticks = {}
        for row in range(self.height):
            label = self.cells.chars[self.frame[1] - 1 - row][: self.frame[2]].strip()
            if label:
                ticks[row] = int(label.replace(",", ""))
        (low_row, low), (high_row, high) = min(ticks.items()), max(ticks.items())
        return low_row + (pages - low) * (high_row - low_row) / (high - low)

    def day_of(self, column: int) -> float:
        """The day number (1 January is 1) a column shows, from the month labels."""
        axis = self.cells.chars[self.frame[1]]
        ticks = [n - self.frame[2] - 1 for n, ch in enumerate(axis) if ch == "┬"]
        months = self.cells.chars[self.frame[1] + 1].split()
        firsts = [date(2026, list(MONTHS).index(m) + 1, 1).timetuple().tm_yday for m in months]
        (c0, d0), (c1, d1) = (ticks[0], firsts[0]), (ticks[-1], firsts[-1])
        return d0 + (column - c0) * (d1 - d0) / (c1 - c0)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fan_on(ahead: series.YearAhead, day: float) -> tuple[float, float, float]:
    """P10, P50 and P90 of the year's total on a day number, from the last counted day
    (the total read so far) on, read straight between whole days."""
    start = len(ahead.read)
    points = [(float(ahead.read[-1]),) * 3, *ahead.fan]
    offset = min(max(day - start, 0.0), len(points) - 1)
    before = floor(offset)
    after = min(before + 1, len(points) - 1)
    share = offset - before
    return tuple(a + (b - a) * share for a, b in zip(points[before], points[after]))


def band_columns(drawing: Drawing) -> dict[int, list[int]]:
    """Each column's rows in the band's colour (drawn in it, or painted behind a line)."""
    found: dict[int, list[int]] = {}
    for row, column in drawing.where(colour(charts.FAINT)):
        found.setdefault(column, []).append(row)
    assert found, "no likely range drawn in its colour"
    return {column: sorted(rows) for column, rows in sorted(found.items())}


@pytest.mark.parametrize(("width", "height"), [(100, 30), (140, 40), (72, 20), (60, 14)])
def test_projection_fills_the_likely_range_from_p10_to_p90_in_every_column(plt, width, height):
    plt.plotsize(width, height)
    data = uneven_half_year()
    ahead = series.year_ahead(data.history, 90)
    drawing = Drawing.of(plt, data)
    band = band_columns(drawing)
    first = min(band)
    # From the last counted day to 31 December, every column, and nowhere before it.
    assert list(band) == list(range(first, drawing.width))
    half_a_column = (drawing.day_of(1) - drawing.day_of(0)) / 2
    assert abs(drawing.day_of(first) - len(ahead.read)) <= half_a_column + 1
    for column, rows in band.items():
        low, _, high = fan_on(ahead, drawing.day_of(column))
        assert rows == list(range(rows[0], rows[-1] + 1)), f"a hole in column {column}"
        assert abs(rows[0] - nearest(drawing.row_of(low))) <= 1, column
        assert abs(rows[-1] - nearest(drawing.row_of(high))) <= 1, column
        for row in rows:
            ch = drawing.char(row, column)
            # Solid below the top; a line crossing it keeps the band's colour behind it.
            assert (
                ch == "█"
                or (row == rows[-1] and ch in EIGHTHS)
                or (ch == "━" and drawing.background(row, column) == colour(charts.FAINT))
            ), (column, row, ch)
    assert max(len(rows) for rows in band.values()) >= 2  # a band, not a line


def test_projection_draws_the_median_as_a_line_inside_the_band(plt):
    plt.plotsize(100, 30)
    data = uneven_half_year()
    ahead = series.year_ahead(data.history, 90)
    drawing = Drawing.of(plt, data)
    band = band_columns(drawing)
    median = {}
    for row, column in drawing.where(colour(charts.RANGE)):
        assert column not in median, f"two median cells in column {column}"
        median[column] = row
    assert list(median) and sorted(median) == list(band)
    for column, row in median.items():
        assert drawing.char(row, column) == "━"
        assert band[column][0] <= row <= band[column][-1]
        _, middle, _ = fan_on(ahead, drawing.day_of(column))
        assert abs(row - nearest(drawing.row_of(middle))) <= 1


def test_projection_read_line_ends_where_the_band_begins(plt):
    plt.plotsize(100, 30)
    drawing = Drawing.of(plt, uneven_half_year())
    read = drawing.where(colour(charts.READ))
    first = min(band_columns(drawing))
    assert min(column for _, column in read) <= 1  # from 1 January
    assert 0 <= first - max(column for _, column in read) <= 1
    # It ends at the height of the pages read so far, where the band starts.
    last = max(read, key=lambda cell: cell[1])
    assert abs(last[0] - min(band_columns(drawing)[first])) <= 1


def test_projection_draws_the_goal_line_through_the_whole_year(plt):
    plt.plotsize(100, 30)
    goal = GoalChange(GoalKind.DAILY_PAGES, 30, date(2026, 1, 1))
    data = uneven_half_year(goal)
    drawing = Drawing.of(plt, data)
    ends = series.year_to_date(data.history).goal_for_year
    assert ends == 30 * 365
    red = drawing.where(colour(charts.GOAL))
    columns = {column for _, column in red}
    # From the start of the year (under what was read, where they meet) to its end.
    assert min(columns) <= drawing.width // 10 and max(columns) == drawing.width - 1
    # It ends on 31 December at the goal for the year (in the title too).
    assert any(
        abs(row - nearest(drawing.row_of(ends))) <= 1
        for row, column in red
        if column == drawing.width - 1
    )
    assert f"goal {ends:,}" in drawing.cells.chars[0]
    assert "goal: 30 pages a day" in drawing.legend


def test_projection_without_a_goal_has_no_goal_line(plt):
    plt.plotsize(100, 30)
    drawing = Drawing.of(plt, uneven_half_year())
    assert drawing.where(colour(charts.GOAL)) == []
    assert not any("goal" in label for label in drawing.legend)


@pytest.mark.parametrize("goal", [None, GoalChange(GoalKind.YEARLY_BOOKS, 30, date(2026, 1, 1))])
def test_projection_legend_names_each_colour_it_draws(plt, goal):
    plt.plotsize(100, 30)
    drawing = Drawing.of(plt, uneven_half_year(goal))
    used = {
        number
        for row in range(drawing.height)
        for column in range(drawing.width)
        if not drawing.in_legend(row, column)
        for number in (drawing.colour(row, column), drawing.background(row, column))
        if number is not None
    }
    names = {
        "read": charts.READ,
        "median": charts.RANGE,
        "likely range (8 years in 10)": charts.FAINT,
    }
    if goal:
        names["goal: 30 books × 262 pages"] = charts.GOAL
    assert drawing.legend == {label: colour(name) for label, name in names.items()}
    assert used == set(drawing.legend.values())


def test_projection_title_gives_the_range_stats_reports(plt):
    plt.plotsize(100, 20)
    data = charts.ChartData(
        history({date(2026, 1, 1) + timedelta(days=n): 10 + n % 7 * 5 for n in range(0, 326)}), 90
    )
    ahead = series.year_ahead(data.history, 90)
    text = render(plt, "projection", data)
    low, high = round(ahead.fan[-1][0]), round(ahead.fan[-1][2])
    assert f"Pages this year: {ahead.read[-1]:,} read, likely {low:,}–{high:,} by 31 Dec" in text
    assert "range: P10–P90 of 1,000 futures drawn from your last 90 days" in text
    assert "Dec" in text.splitlines()[-2]


def test_projection_on_the_apps_plot_object_fills_the_band_too():
    from textual_plotext import Plot

    plot = Plot()
    plot.plotsize(90, 26)
    drawing = Drawing.of(plot, uneven_half_year())
    band = band_columns(drawing)
    assert list(band) == list(range(min(band), drawing.width))
    assert all(rows == list(range(rows[0], rows[-1] + 1)) for rows in band.values())


def test_projection_needs_a_week(plt):
    data = charts.ChartData(history({ago(n): 10 for n in range(1, 5)}), 90)
    assert charts.projection(plt, data) == "Log a week or more to see where this year is heading."
