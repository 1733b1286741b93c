"""This year added up, and the year ahead's range."""

from __future__ import annotations

import re
from datetime import date, timedelta

from compound import charts
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind

from .drawing import LINE, ago, canvas, history, render

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
