"""Daily pages: bars, colours and the goal's line, read back from the drawing."""

from __future__ import annotations

import re

import plotext
import pytest

from compound import charts
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind

from .drawing import LINE, TODAY, ago, bars, canvas, history, render

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
