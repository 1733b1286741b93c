"""The Markdown report: totals, streaks, books finished and a month table, escaped."""

from __future__ import annotations

from datetime import date

from sample_data import sample_export

from compound.domain.records import Goal, GoalKind
from compound.exchange.markdown import escape, lines, table


def test_escaping_keeps_text_as_text():
    assert escape("*Deep* Work | Rules") == "\\*Deep\\* Work \\| Rules"
    assert escape("line one\nline two") == "line one line two"
    assert escape(None) == ""
    assert table(["A", "N"], [["x", "1"]], right=(1,)) == [
        "| A | N |",
        "| --- | ---: |",
        "| x | 1 |",
    ]


def test_the_whole_report():
    report = lines(sample_export())
    assert report == [
        "# Reading and learning, 2026-10-30 to 2026-11-22",
        "",
        "Profile ana, exported 2026-11-22 20:00 UTC.",
        "",
        "## Totals",
        "",
        "|  | Total |",
        "| --- | ---: |",
        "| Pages read | 67 |",
        "| Days with reading | 5 of 24 |",
        "| Pace on 2026-11-22 (pages a day, last 30 days) | 2.8 |",
        "| Learning | 1h30m in 1 session |",
        "| Books finished | 1 |",
        "| Skip days | 1 |",
        "",
        "## Streaks",
        "",
        # Nov 18, 19 (goal 10 met), 20 skipped, 21, 22: four days, today done.
        "- Streak on 2026-11-22: 4 days (today is done)",
        "- Longest in the period: 4 days",
        "",
        "## Books finished",
        "",
        "- 2026-11-19: *\\*Deep\\* Work \\| Rules* by Cal Newport, 30 pages",
        "",
        "## Month by month",
        "",
        "| Month | Pages | Reading days | Learning | Sessions | Books finished |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        "| 2026-10 | 3 | 1 | 0m | 0 | 0 |",
        "| 2026-11 | 64 | 4 | 1h30m | 1 | 1 |",
    ]


def test_a_period_counts_its_own_days_and_an_unmet_today_is_at_risk():
    data = sample_export(since=date(2026, 11, 1), until=date(2026, 11, 22))
    data = sample_export(
        since=date(2026, 11, 1),
        until=date(2026, 11, 22),
        reading_logs=tuple(
            log for log in data.reading_logs if log.day.month == 11 and log.day.day < 22
        ),
    )
    report = lines(data)
    assert report[0] == "# Reading and learning, 2026-11-01 to 2026-11-22"
    assert "| Days with reading | 3 of 22 |" in report
    assert "- Streak on 2026-11-22: 3 days (at risk: today is not done yet)" in report


def test_the_streak_follows_the_goals_schedule_as_stats_does():
    # Reading on the 18th, 19th, 21st and 22nd; the 20th is unscheduled, not skipped.
    weekends_off = sample_export(
        skips=(),
        goals=(
            Goal(
                id=1,
                kind=GoalKind.DAILY_PAGES,
                target=10,
                since=date(2026, 11, 1),
                schedule="FREQ=WEEKLY;BYDAY=SA,SU,WE,TH",
            ),
        ),
    )
    assert "- Streak on 2026-11-22: 4 days (today is done)" in lines(weekends_off)
    every_day = sample_export(skips=())
    assert "- Streak on 2026-11-22: 2 days (today is done)" in lines(every_day)
