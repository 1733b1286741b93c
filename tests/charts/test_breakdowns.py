"""Pages by weekday and learning by kind."""

from __future__ import annotations

import re
from datetime import date

from compound import charts

from .drawing import TODAY, ago, bars, canvas, history, render

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
