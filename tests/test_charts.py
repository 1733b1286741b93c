"""The chart builders, rendered by plotext at a fixed size and read back as text."""

from __future__ import annotations

import re
from datetime import date, timedelta

import plotext
import pytest

from compound import charts
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import GoalKind
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


# -- daily -----------------------------------------------------------------------------

WEEK = dict(zip([ago(n) for n in range(6, -1, -1)], [10, 0, 20, 40, 0, 30, 40]))


def test_daily_bars_rise_with_the_pages_under_a_goal_line(plt):
    data = charts.ChartData(
        history(
            {d: p for d, p in WEEK.items() if p},
            goals=[GoalChange(GoalKind.DAILY_PAGES, 25, ago(30))],
        ),
        7,
    )
    text = render(plt, "daily", data)
    assert "Pages a day, last 7 days: 140 pages, 20 a day, goal 25" in text
    rows = canvas(text)
    assert len(rows) == 10 and "goal" in rows[0]
    heights = bars(rows)
    # Five reading days, two without: 10, 20, 40, 30, 40 pages.
    assert len(heights) == 5
    assert heights[2] == heights[4] == len(rows)  # 40 pages reach the axis top, 40
    assert heights[0] < heights[1] < heights[3] < heights[2]
    assert heights[1] == pytest.approx(2 * heights[0], abs=1)
    # The goal: one line across the whole width, between the 20- and 30-page tops.
    goal_rows = [n for n, row in enumerate(rows) if sum(ch in LINE for ch in row) > 0.9 * len(row)]
    assert len(goal_rows) == 1
    assert len(rows) - heights[3] < goal_rows[0] < len(rows) - heights[1]
    assert re.search(r"^40┤", text, re.M) and re.search(r"^ 0┤", text, re.M)
    assert "Nov 22" in text.splitlines()[-1]  # today is always labelled


def test_daily_colours_met_days_apart_from_the_rest(plt):
    data = charts.ChartData(
        history({ago(1): 10, TODAY: 40}, goals=[GoalChange(GoalKind.DAILY_PAGES, 25, ago(30))]), 2
    )
    assert charts.daily(plt, data) is None
    coloured = plt.build()
    green, orange = plotext.colorize("x", "green"), plotext.colorize("x", "orange")
    for code in (green, orange):
        assert code.split("x")[0] in coloured


def test_daily_goal_changes_draw_a_step(plt):
    data = charts.ChartData(
        history(
            {TODAY: 5},
            goals=[
                GoalChange(GoalKind.DAILY_PAGES, 10, ago(30)),
                GoalChange(GoalKind.DAILY_PAGES, 40, ago(2)),
            ],
        ),
        6,
    )
    rows = canvas(render(plt, "daily", data))
    line_rows = {n for n, row in enumerate(rows) for ch in row if ch in LINE}
    assert len(line_rows) >= 2  # two levels: 10 on the left, 40 on the right


def test_daily_without_pages_says_so(plt):
    data = charts.ChartData(history({ago(40): 12}), 30)
    assert charts.daily(plt, data) == (
        "No pages logged in the last 30 days: log a few days to see them here."
    )


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


def test_projection_draws_the_year_so_far_then_the_shaded_range(plt):
    from compound.domain import series

    plt.plotsize(100, 20)
    data = charts.ChartData(
        history({date(2026, 1, 1) + timedelta(days=n): 10 + n % 7 * 5 for n in range(0, 326)}), 90
    )
    ahead = series.year_ahead(data.history, 90)
    text = render(plt, "projection", data)
    low, high = round(ahead.fan[-1][0]), round(ahead.fan[-1][2])
    assert f"Pages this year: {ahead.read[-1]:,} read, likely {low:,}–{high:,} by 31 Dec" in text
    assert "P10–P90" in text and "median" in text and "read" in text
    assert "range: P10–P90 of 1,000 futures drawn from your last 90 days" in text
    rows = canvas(text)
    today_column = round(325 / 364 * (len(rows[0]) - 1))
    shade = [n for row in rows for n, ch in enumerate(row) if ch == "░" and n > 10]
    assert shade and min(shade) >= today_column - 1  # the range starts where reading stops
    assert "Dec" in text.splitlines()[-2]


def test_projection_needs_a_week(plt):
    data = charts.ChartData(history({ago(n): 10 for n in range(1, 5)}), 90)
    assert charts.projection(plt, data) == "Log a week or more to see where this year is heading."


# -- weekday ---------------------------------------------------------------------------


def test_weekday_bars_with_their_averages(plt):
    plt.plotsize(70, 16)
    # Two weeks from Monday 9 November: Mondays 10 and 30, a Saturday 7, today (Sun) 4.
    data = charts.ChartData(
        history({date(2026, 11, 9): 10, date(2026, 11, 16): 30, date(2026, 11, 14): 7, TODAY: 4}),
        90,
    )
    text = render(plt, "weekday", data)
    assert "Average pages by weekday, Nov 9 to Nov 22" in text
    assert re.search(r"Mon\s+Tue\s+Wed\s+Thu\s+Fri\s+Sat\s+Sun", text.splitlines()[-1])
    heights = bars(canvas(text))
    assert len(heights) == 3 and heights[0] >= 3 * heights[1] and heights[1] >= heights[2]
    assert re.search(r"\b20\b", text) and re.search(r"\b4\b", text)  # 3.5 rounds to 4


def test_weekday_needs_a_week(plt):
    assert charts.weekday(plt, charts.ChartData(history({ago(1): 5}), 90)) == (
        "Log a week or more to see your pages by weekday."
    )


# -- sessions --------------------------------------------------------------------------


def test_sessions_by_kind_most_at_the_top(plt):
    data = charts.ChartData(history(), 30, {"course": 90, "article": 200, "talk": 0})
    text = render(plt, "sessions", data)
    assert "Learning by kind, last 30 days: 4h50m" in text
    lines = text.splitlines()
    article = next(n for n, line in enumerate(lines) if "article 3h20m" in line)
    course = next(n for n, line in enumerate(lines) if "course 1h30m" in line)
    assert article < course and "talk" not in text
    widths = [line.count("█") for line in (lines[article], lines[course])]
    assert widths[0] > 2 * widths[1] * 0.9  # 200 against 90 minutes
    assert lines[-1].split() == ["0", "1h", "2h", "3h", "4h"]  # durations, not decimals


def test_sessions_without_any(plt):
    assert charts.sessions(plt, charts.ChartData(history(), 30, {})) == (
        "No learning sessions in the last 30 days: log some with `compound learn` to see them here."
    )


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


# -- every kind ------------------------------------------------------------------------


def full_history() -> charts.ChartData:
    pages = {ago(n): 5 + (n * 7) % 40 for n in range(400) if n % 5}
    goals = [GoalChange(GoalKind.DAILY_PAGES, 20, ago(500))]
    return charts.ChartData(history(pages, goals), 90, {"course": 120, "podcast": 45})


@pytest.mark.parametrize("kind", list(charts.BUILDERS))
@pytest.mark.parametrize(("width", "height"), [(40, 10), (80, 24), (150, 30)])
def test_every_chart_fits_the_size_it_is_given(plt, kind, width, height):
    plt.plotsize(width, height)
    lines = render(plt, kind, full_history()).splitlines()
    assert len(lines) <= height
    assert max(len(line.rstrip()) for line in lines) <= width
    assert lines[0].strip(), "the title is shown"


@pytest.mark.parametrize("kind", list(charts.BUILDERS))
def test_every_chart_keeps_its_title_at_any_width(plt, kind):
    data = full_history()
    for width in (40, 47, 53, 61, 66, 70, 85, 100, 130):
        plt.clear_figure()
        plt.plotsize(width, 16)
        title = render(plt, kind, data).splitlines()[0].strip()
        assert len(title) > 20, (width, title)  # plotext drops a title that overflows


@pytest.mark.parametrize("kind", list(charts.BUILDERS))
def test_every_chart_draws_on_the_tui_plot_object_too(kind):
    from textual_plotext import Plot

    plot = Plot()
    plot.plotsize(70, 18)
    assert charts.BUILDERS[kind](plot, full_history()) is None
    assert plot.uncolorize(plot.build()).strip()
