"""Daily pages: bars from zero with a gap between them, met and missed days in the
colours the legend names, the goal in force as a thin line; read back cell by cell."""

from __future__ import annotations

import re
from datetime import date

import pytest

from compound import charts
from compound.domain import series
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind

from .drawing import Cells, ago, cells, colour, history

PAGES = GoalKind.DAILY_PAGES
WEEKDAYS_ONLY = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
GREEN, ORANGE, RED = colour(charts.READ), colour(charts.UNDER), colour(charts.GOAL)
GRAY = colour(charts.FAINT)  # a day off: the schedule asked nothing of it
BAR_CHARS = "█▁▂▃▄▅▆▇▌▖"
HALF_CHARS = "▌▖"  # a half-width bar: the right half of its cell is the gap
GOAL_CHARS = "▔─▁"
EIGHTHS = {ch: n / 8 for n, ch in enumerate("▁▂▃▄▅▆▇█", start=1)} | {"▌": 1, "▖": 0.5}


def draw(plt, data: charts.ChartData, width: int, height: int = 20) -> tuple[str, Cells]:
    """The title line and the canvas (its top row is the legend)."""
    plt.plotsize(width, height)
    drawing = cells(plt, "daily", data)
    return drawing.chars[0].strip(), drawing


def bars(canvas: Cells) -> list[list[int]]:
    """Each bar's columns, left to right, from the bar cells below the legend: a run of
    full-width columns is one bar, and a half-width column is a bar of its own."""
    found: list[list[int]] = []
    previous_full = False
    for column in range(len(canvas.chars[0])):
        chars = [
            row[column]
            for r, row in enumerate(canvas.chars[1:], start=1)
            if row[column] in BAR_CHARS and canvas.colours[r][column] in (GREEN, ORANGE, GRAY)
        ]
        if not chars:
            previous_full = False
            continue
        half = all(ch in HALF_CHARS for ch in chars)
        if previous_full and not half:
            found[-1].append(column)
        else:
            found.append([column])
        previous_full = not half
    return found


def height(canvas: Cells, column: int) -> float:
    """A bar column's height in rows, read from the bottom up."""
    total = 0.0
    for row in reversed(canvas.chars[1:]):
        if row[column] not in EIGHTHS:
            break
        total += EIGHTHS[row[column]]
    return total


def bar_colour(canvas: Cells, columns: list[int]) -> int | None:
    return canvas.colours[len(canvas.chars) - 1][columns[0]]


def goal_cells(canvas: Cells) -> set[tuple[int, int]]:
    return {(r, c) for r, c in canvas.where(GOAL_CHARS, {RED}) if r > 0}


def legend(canvas: Cells) -> dict[int, str]:
    """Each colour in the legend row with the words after its mark."""
    row = canvas.chars[0]
    named = {}
    for column, number in enumerate(canvas.colours[0]):
        if number is not None:
            words = re.match(r" ([^█─]+)", row[column + 1 :])
            named[number] = words.group(1).strip() if words else ""
    return named


def varied(days: int) -> dict[date, int]:
    """Pages on most of the last `days` days, a day without now and then."""
    return {ago(n): 3 + (n * 7) % 38 for n in range(days) if n % 6 != 4}


GOAL_25 = [GoalChange(PAGES, 25, ago(400))]


# -- one bar a day ---------------------------------------------------------------------


@pytest.mark.parametrize(("days", "width"), [(30, 80), (30, 140), (30, 100), (7, 60), (14, 62)])
def test_a_bar_a_day_with_a_gap_never_sharing_a_column(plt, days, width):
    pages = varied(days)
    title, drawing = draw(plt, charts.ChartData(history(pages, GOAL_25), days), width)
    canvas = drawing.inside()
    found = bars(canvas)
    assert title.startswith(f"Pages a day, last {days} days")
    # One bar for each day with pages, none for a day without, in the days' order.
    read = [pages[ago(n)] for n in range(days - 1, -1, -1) if ago(n) in pages]
    assert len(found) == len(read)
    # Full-width bars: one width, at most three columns, a column between any two.
    assert len({len(columns) for columns in found}) == 1 and len(found[0]) <= 3
    assert all(b[0] - a[-1] >= 2 for a, b in zip(found, found[1:]))
    # Heights follow the pages, to the nearest eighth of a row.
    per_page = max(height(canvas, c[0]) for c in found) / max(read)
    for columns, p in zip(found, read):
        assert height(canvas, columns[0]) == pytest.approx(p * per_page, abs=1 / 8 + 1e-9)


def test_half_width_bars_when_a_day_has_one_column(plt):
    pages = varied(90)
    title, drawing = draw(plt, charts.ChartData(history(pages, GOAL_25), 90), 100)
    canvas = drawing.inside()
    found = bars(canvas)
    assert title.startswith("Pages a day, last 90 days")
    assert len(found) == len(pages) and all(len(columns) == 1 for columns in found)
    # Only left-half glyphs: half a cell of gap after every day's bar.
    drawn = {canvas.chars[r][c] for r, c in canvas.where(BAR_CHARS, {GREEN, ORANGE}) if r > 0}
    assert drawn <= set(HALF_CHARS)


@pytest.mark.parametrize(("days", "width"), [(30, 80), (30, 140), (90, 100), (365, 80)])
def test_every_bar_starts_at_zero(plt, days, width):
    pages = varied(days) | {ago(1): 1}  # a single page still shows
    _, drawing = draw(plt, charts.ChartData(history(pages, GOAL_25), days), width)
    canvas = drawing.inside()
    bottom = len(canvas.chars) - 1
    # Zero is the frame's line under the bottom row; the ticks are evenly spaced.
    rows = sorted(drawing.y_labels())
    assert "0" not in drawing.y_labels().values()
    assert len({b - a for a, b in zip(rows, rows[1:])}) == 1
    assert bottom - rows[-1] == rows[1] - rows[0] - 1  # the first tick's row is a step up
    for columns in bars(canvas):
        for column in columns:
            assert canvas.chars[bottom][column] in BAR_CHARS, column
            assert canvas.colours[bottom][column] in (GREEN, ORANGE)


def test_a_bar_of_a_ticks_value_ends_on_that_ticks_row(plt):
    pages = [5, 20, 40, 10, 30, 20, 40]  # six days ago … today
    data = charts.ChartData(history({ago(6 - n): p for n, p in enumerate(pages)}), 7)
    _, drawing = draw(plt, data, 60)
    canvas = drawing.inside()
    labels = {int(label): row for row, label in drawing.y_labels().items()}
    found = bars(canvas)
    assert len(found) == len(pages)
    checked = 0
    for columns, p in zip(found, pages):
        if p in labels and p:
            top = min(r for r, row in enumerate(canvas.chars) if r and row[columns[0]] != " ")
            assert (top, canvas.chars[top][columns[0]]) == (labels[p], "█"), p
            checked += 1
    assert checked >= 2


# -- colours and the legend -------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "width", "goals"),
    [(30, 100, GOAL_25), (30, 60, GOAL_25), (30, 100, []), (365, 100, GOAL_25), (365, 60, [])],
)
def test_the_legend_names_every_colour_drawn(plt, days, width, goals):
    _, drawing = draw(plt, charts.ChartData(history(varied(days), goals), days), width)
    canvas = drawing.inside()
    on_bars = {bar_colour(canvas, columns) for columns in bars(canvas)}
    drawn = on_bars | ({RED} if goal_cells(canvas) else set())
    named = legend(canvas)
    assert set(named) == drawn
    if goals:
        assert on_bars == {GREEN, ORANGE}
        assert named[GREEN] in ("goal met", "met") and named[ORANGE] in ("goal missed", "missed")
        assert named[RED].startswith("goal") or named[RED] == "the week's goal"
    else:  # no goal: one colour for every bar
        assert on_bars == {GREEN} and named[GREEN] in ("pages read", "pages")
    # The top row holds the legend alone: no bar and no goal reaches it.
    assert re.fullmatch(r" [█─] [a-z' 0-9]+(  [█─] [a-z' 0-9]+)* *", canvas.chars[0])


# -- the goal's line -------------------------------------------------------------------


def test_the_goal_is_a_thin_line_that_steps_and_breaks_where_nothing_is_due(plt):
    # Mon 9 … Sun 22 November. No goal until Thu 12; then 10 pages on weekdays; from
    # Wed 18, 30 pages on weekdays. Five pages a day, but 12 on Tue 17 and Fri 20.
    goals = [
        GoalChange(PAGES, 10, date(2026, 11, 12), WEEKDAYS_ONLY),
        GoalChange(PAGES, 30, date(2026, 11, 18), WEEKDAYS_ONLY),
    ]
    pages = {ago(n): 5 for n in range(14)} | {date(2026, 11, 17): 12, date(2026, 11, 20): 12}
    title, drawing = draw(plt, charts.ChartData(history(pages, goals), 14), 62)
    canvas = drawing.inside()
    found = bars(canvas)
    assert len(found) == 14
    step = found[1][0] - found[0][0]
    slots = [range(columns[0], columns[0] + step) for columns in found]
    line = goal_cells(canvas)
    # One cell high: never two goal cells in one column.
    columns = [c for _, c in line]
    assert len(columns) == len(set(columns))
    rows_in = [{r for r, c in line if c in slot} for slot in slots]
    due_10 = [3, 4, 7, 8]  # Thu 12, Fri 13, Mon 16, Tue 17
    due_30 = [9, 10, 11]  # Wed 18 … Fri 20
    (low,) = rows_in[3]
    (high,) = rows_in[9]
    assert high < low  # a step up where the goal rose
    for n, rows in enumerate(rows_in):
        expected = {low} if n in due_10 else {high} if n in due_30 else set()
        assert rows == expected, n
        if expected:  # across the gap too, not only behind the bar
            assert (low if n in due_10 else high, slots[n][-1]) in line
    # Met and missed by the goal in force that day; a day without one is met by reading;
    # a weekend under a weekday goal is a day off, neither.
    colours = [bar_colour(canvas, columns) for columns in found]
    assert [n for n, c in enumerate(colours) if c == ORANGE] == [3, 4, 7, 9, 10, 11]
    assert [n for n, c in enumerate(colours) if c == GRAY] == [5, 6, 12, 13]
    assert colours[8] == GREEN  # Tue 17: 12 pages against 10
    named = legend(canvas)
    assert named[GRAY] in ("day off", "off") and named[ORANGE] in ("goal missed", "missed")
    assert "goal 30 since Nov 18" in title


def test_the_goal_begun_inside_the_window_is_dated_in_the_title(plt):
    data = charts.ChartData(history(varied(30), [GoalChange(PAGES, 25, date(2026, 11, 9))]), 30)
    title, drawing = draw(plt, data, 100)
    canvas = drawing.inside()
    assert "goal 25 since Nov 9" in title
    found = bars(canvas)
    first_goal_column = min(c for _, c in goal_cells(canvas))
    # No line over the days before it: the first goal cell is right of Nov 8's bar.
    read_days = [ago(n) for n in range(29, -1, -1) if ago(n) in varied(30)]
    before = [cols for cols, day in zip(found, read_days) if day < date(2026, 11, 9)]
    assert before and first_goal_column > before[-1][-1]


# -- a bar a week ----------------------------------------------------------------------


@pytest.mark.parametrize(("days", "width"), [(90, 80), (365, 80), (365, 100), (365, 140)])
def test_long_spans_draw_a_bar_a_week_met_by_the_weeks_goal(plt, days, width):
    data = charts.ChartData(history(varied(days), [GoalChange(PAGES, 18, ago(400))]), days)
    title, drawing = draw(plt, data, width)
    canvas = drawing.inside()
    weekly = series.weekly_pages(data.history, days)
    assert title.startswith(f"Pages a week, last {len(weekly.weeks)} weeks")
    found = bars(canvas)
    read = [met for p, met in zip(weekly.pages, weekly.met) if p]
    assert len(found) == len(read)
    assert [bar_colour(canvas, columns) == GREEN for columns in found] == read
    assert set(read) == {True, False}  # both kinds of week are drawn


def test_weeks_that_do_not_fit_show_the_latest_and_say_so(plt):
    data = charts.ChartData(history(varied(365), GOAL_25), 365)
    title, drawing = draw(plt, data, 40, 14)
    canvas = drawing.inside()
    weeks = len(series.weekly_pages(data.history, 365).weeks)
    shown = re.search(r"last (\d+) of (\d+) weeks", title)
    assert shown and int(shown.group(2)) == weeks and int(shown.group(1)) < weeks
    assert len(bars(canvas)) <= int(shown.group(1)) <= len(canvas.chars[0])


def test_daily_without_pages_says_so(plt):
    data = charts.ChartData(history({ago(40): 12}), 30)
    assert charts.daily(plt, data) == (
        "No pages logged in the last 30 days: log a few days to see them here."
    )


def test_the_title_keeps_the_pace_and_the_goal(plt):
    week = dict(zip([ago(n) for n in range(6, -1, -1)], [10, 0, 20, 40, 0, 30, 40]))
    data = charts.ChartData(history({d: p for d, p in week.items() if p}, GOAL_25), 7)
    title, _ = draw(plt, data, 80)
    assert title == "Pages a day, last 7 days: 140 pages, 20 a day, goal 25"
