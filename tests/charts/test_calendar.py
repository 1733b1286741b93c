"""The calendar laid out as text: a column a week, Monday to Sunday down, month names
over the weeks they begin in, a legend; read back from the text itself."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from compound import charts
from compound.charts.calendar import NOT_DUE, SKIP, STYLES, lay_out
from compound.domain import series
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind

from .drawing import TODAY, ago, history

SHADES = charts.SHADES
PAGES = GoalKind.DAILY_PAGES


def draw(h, days: int, width: int = 120, height: int | None = None) -> list[str]:
    found = charts.calendar(charts.ChartData(h, days), width, height)
    assert not isinstance(found, str), found
    return found.text()


def grid(lines: list[str]) -> tuple[str, list[str]]:
    """The month names' line and the seven weekday rows, Monday first: the rows from
    the one labelled Mon, each padded to the widest line."""
    top = next(n for n, line in enumerate(lines) if line.startswith("Mon"))
    width = max(len(line) for line in lines)
    return lines[top - 1].ljust(width), [line.ljust(width) for line in lines[top : top + 7]]


def week_columns(rows: list[str]) -> list[int]:
    """The columns with a day drawn in any row, left to right: one a week."""
    return [c for c in range(4, len(rows[0])) if any(row[c] != " " for row in rows)]


def weeks_back(day: date, today: date) -> int:
    """How many weeks (Monday to Sunday) `day`'s is before today's."""
    return (today.toordinal() - today.weekday() - day.toordinal() + day.weekday()) // 7


def column_of(rows: list[str], day: date, today: date) -> int:
    """The column of `day`'s week, counted back from today's (the rightmost)."""
    return week_columns(rows)[-1 - weeks_back(day, today)]


def found(rows: list[str], mark: str) -> list[tuple[int, int]]:
    return [(r, c) for r, row in enumerate(rows) for c, ch in enumerate(row) if ch == mark]


# -- weekdays ----------------------------------------------------------------------------


@pytest.mark.parametrize("today", [TODAY - timedelta(days=n) for n in range(7)])
@pytest.mark.parametrize("days", range(15, 22))
def test_each_day_is_in_the_row_of_its_weekday_whatever_day_the_window_starts(today, days):
    # 10 pages every day and 40 on one known day: it alone is drawn at the top level.
    start = today - timedelta(days=days - 1)
    known = start + timedelta(days=9)
    pages = {start + timedelta(days=n): 10 for n in range(days)} | {known: 40}
    _, rows = grid(draw(history(pages, today=today), days))
    assert [row[:3] for row in rows] == ["Mon", "   ", "Wed", "   ", "Fri", "   ", "   "]
    assert found(rows, SHADES[4]) == [(known.weekday(), column_of(rows, known, today))]
    # The first week is blank before the window's first day, the last after today:
    # every other cell holds a day.
    first, last = week_columns(rows)[0], week_columns(rows)[-1]
    assert [row[first] != " " for row in rows] == [n >= start.weekday() for n in range(7)]
    assert [row[last] != " " for row in rows] == [n <= today.weekday() for n in range(7)]
    inner = [row[c] for row in rows for c in week_columns(rows)[1:-1]]
    assert inner and " " not in inner


# -- months ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [30, 57, 60, 80, 109, 140])
@pytest.mark.parametrize("today", [TODAY, date(2026, 3, 4), date(2027, 1, 1)])
def test_each_month_is_named_over_the_week_holding_its_first_day(width, today):
    pages = {today - timedelta(days=n): 5 + n % 30 for n in range(0, 400, 2)}
    months, rows = grid(draw(history(pages, today=today), 365, width))
    named = {m[0]: m.start() for m in re.finditer(r"\S+", months)}
    # The 1st of each month in the window, in the weeks shown.
    firsts = [
        day
        for day in (today - timedelta(days=n) for n in range(364, -1, -1))
        if day.day == 1 and weeks_back(day, today) < len(week_columns(rows))
    ]
    assert named and set(named) <= {f"{day:%b}" for day in firsts}
    for day in firsts:
        if f"{day:%b}" in named:
            assert named[f"{day:%b}"] == column_of(rows, day, today)
    # Every month is named but a last one with no room before the edge.
    missing = [day for day in firsts if f"{day:%b}" not in named]
    assert missing in ([], firsts[-1:])
    assert all(column_of(rows, day, today) + 3 > width for day in missing)


def test_a_month_name_with_no_room_is_left_out_rather_than_moved():
    # February has 28 days: in 2027 its 1st is a Monday, four weeks before March's.
    today = date(2027, 3, 7)
    pages = {today - timedelta(days=n): 5 for n in range(60)}
    months, rows = grid(draw(history(pages, today=today), 60, width=30))
    assert months.split() == ["Feb", "Mar"]
    assert months.index("Feb") == column_of(rows, date(2027, 2, 1), today)
    assert months.index("Mar") == column_of(rows, date(2027, 3, 1), today)


# -- the legend --------------------------------------------------------------------------


def test_the_legend_names_the_quarters_without_a_goal():
    pages = {ago(n): p for n, p in enumerate([40, 30, 20, 10, 8, 6, 4, 2])}
    lines = draw(history(pages), 14)
    assert lines[0] == "Pages a day since Nov 9 2026: 120 pages on 8 days"
    assert "less ·░▒▓█ more" in lines[-1]
    assert "quarters of reading days:  ░ 1-4  ▒ 5-8  ▓ 9-20  █ 21+" in lines[-1]
    _, rows = grid(lines)
    # Two weeks, Monday on top: 2 pages last Sunday, then 4, 6, 8, 10, 20, 30, today 40.
    assert [row[4:].split() for row in rows] == [
        ["·", "░"],
        ["·", "▒"],
        ["·", "▒"],
        ["·", "▓"],
        ["·", "▓"],
        ["·", "█"],
        ["░", "█"],
    ]


def test_the_legend_names_the_levels_against_the_goal():
    goal = [GoalChange(PAGES, 25, ago(100))]
    pages = {ago(1): 8, ago(2): 9, ago(3): 16, ago(4): 17, ago(5): 24, ago(6): 25, ago(7): 60}
    lines = draw(history(pages, goal), 14)
    assert "against the goal of 25:  ░ 1-8  ▒ 9-16  ▓ 17-24  █ 25+" in "\n".join(lines)
    _, rows = grid(lines)
    shade = {n: rows[ago(n).weekday()][column_of(rows, ago(n), TODAY)] for n in range(1, 8)}
    assert shade == {1: "░", 2: "▒", 3: "▒", 4: "▓", 5: "▓", 6: "█", 7: "█"}


def test_a_goal_changed_in_the_window_shades_each_day_by_its_own():
    goals = [GoalChange(PAGES, 20, ago(100)), GoalChange(PAGES, 30, ago(3))]
    lines = draw(history({ago(5): 20, ago(2): 20, ago(1): 30}, goals), 14)
    _, rows = grid(lines)
    assert [rows[ago(n).weekday()][column_of(rows, ago(n), TODAY)] for n in (5, 2, 1)] == [
        "█",  # met the 20 of its day
        "▓",  # under the 30 of its day
        "█",
    ]
    text = "\n".join(lines)
    assert "against each day's goal (20, then 30):" in text
    assert "░ under a third  ▒ under two thirds  ▓ under the goal  █ met" in text


def test_skip_days_and_days_not_due_have_marks_of_their_own():
    # Reading asked for on weekdays; last Tuesday skipped.
    goal = [GoalChange(PAGES, 20, ago(100), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")]
    h = replace(history({ago(1): 20, ago(3): 5}, goal), skips=frozenset({ago(5)}))
    lines = draw(h, 14)
    _, rows = grid(lines)

    def at(n: int) -> str:
        return rows[ago(n).weekday()][column_of(rows, ago(n), TODAY)]

    # Tue skipped; Sun and Sat off; Fri and Wed nothing read; Sat met; Thu 5 of 20.
    assert [at(n) for n in (5, 0, 8, 2, 4, 1, 3)] == [SKIP, NOT_DUE, NOT_DUE, "·", "·", "█", "░"]
    assert len({SKIP, NOT_DUE, *SHADES, " "}) == 8  # told apart without colour
    legend = "\n".join(lines[9:])  # below the title, the months and the seven weekdays
    assert f"{SKIP} skip day" in legend and f"{NOT_DUE} not due" in legend


def test_every_run_names_a_style_and_each_kind_of_day_has_its_own():
    goal = [GoalChange(PAGES, 20, ago(100), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")]
    h = replace(history({ago(1): 20, ago(3): 5}, goal), skips=frozenset({ago(5)}))
    layout = lay_out(series.calendar(h, 14), 80)
    styles = {}
    for line in layout.lines:
        for text, style in line:
            assert style in STYLES or style == ""
            for ch in text:
                styles.setdefault(ch, set()).add(style)
    assert styles[SKIP] == {"skip"} and styles[NOT_DUE] == {"not-due"}
    assert styles[SHADES[0]] == {"nothing"} and styles[SHADES[4]] == {"level-4"}


# -- size --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [30, 40, 57, 80, 109, 110, 150])
@pytest.mark.parametrize("height", [8, 9, 10, 12, 25])
def test_the_calendar_fits_the_size_it_is_given(width, height):
    goals = [GoalChange(PAGES, 20, ago(200))]
    pages = {ago(n): 5 + (n * 7) % 40 for n in range(400) if n % 5}
    lines = draw(replace(history(pages, goals), skips=frozenset({ago(9)})), 365, width, height)
    assert len(lines) <= height and max(len(line) for line in lines) <= width
    _, rows = grid(lines)  # the weekdays are always drawn
    assert len(rows) == 7
    if height >= 9:
        assert lines[0].startswith("Pages a day")
    if height >= 10:
        assert lines[9].startswith("less ·░▒▓█ more")


def test_a_year_in_a_narrow_terminal_shows_the_latest_weeks():
    pages = {ago(n): 10 + n % 7 for n in range(0, 365, 2)}
    lines = draw(history(pages), 365, width=40)
    _, rows = grid(lines)
    assert len(week_columns(rows)) == 36  # of 53, a column each after "Mon "
    assert rows[6].rstrip()[-1] != " "  # today's week is the last
    assert lines[0] == "Pages a day since Mar 16 2026"  # the first day shown
    wide = grid(draw(history(pages), 365, width=120))[1]
    assert len(week_columns(wide)) == 53 and week_columns(wide)[:2] == [4, 6]


def test_calendar_without_pages():
    assert charts.calendar(charts.ChartData(history({}), 365), 80, 20) == (
        "No pages logged in the last 365 days: log a few days to see the calendar fill in."
    )
