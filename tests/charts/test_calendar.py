"""The calendar: a cell a day, shaded."""

from __future__ import annotations

from compound import charts

from .drawing import ago, canvas, history, render

# -- calendar --------------------------------------------------------------------------


def test_calendar_has_a_cell_a_day_shaded_by_quarter(plt):
    plt.plotsize(80, 20)
    pages = {ago(n): p for n, p in enumerate([40, 30, 20, 10, 8, 6, 4, 2])}
    text = render(plt, "calendar", charts.ChartData(history(pages), 14))
    assert "Pages a day since Nov 9 2026:  · 0  ░ 1-4  ▒ 5-8  ▓ 9-20  █ 21+" in text
    rows = canvas(text)
    assert len(rows) == 7  # the figure shrinks to a row a weekday
    # Two weeks, a column each, Monday on top: 2 pages last Sunday, then 4, 6, 8, 10, 20,
    # 30 and today 40.
    assert [row.split() for row in rows] == [
        ["·", "░"],
        ["·", "▒"],
        ["·", "▒"],
        ["·", "▓"],
        ["·", "▓"],
        ["·", "█"],
        ["░", "█"],
    ]
    assert [line[:3] for line in text.splitlines()[2:9:2]] == ["Mon", "Wed", "Fri", "   "]
    assert "Nov" in text.splitlines()[-1]


def test_calendar_of_a_year_fits_a_narrow_terminal_by_showing_the_latest_weeks(plt):
    plt.plotsize(40, 20)
    pages = {ago(n): 10 + n % 7 for n in range(0, 365, 2)}
    text = render(plt, "calendar", charts.ChartData(history(pages), 365))
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 40
    cells = sum(ch in charts.SHADES for row in canvas(text) for ch in row)
    assert cells == 35 * 7  # 35 of the 53 weeks fit in 40 columns (today is a Sunday)


def test_calendar_without_pages(plt):
    assert charts.calendar(plt, charts.ChartData(history({}), 365)) == (
        "No pages logged in the last 365 days: log a few days to see the calendar fill in."
    )
