"""How a reminder speaks: what is left, and what is at stake."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import GoalKind
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History
from compound.words.reminders import days_name, next_firing, reminder_text

TODAY = date(2026, 11, 22)


def figures(pages: dict[date, int]):
    return today_figures(
        History(
            today=TODAY,
            totals=DailyTotals(pages=pages, sessions={}, session_minutes={}),
            goals=GoalTimeline([GoalChange(GoalKind.DAILY_PAGES, 30, TODAY)]),
            skips=frozenset(),
        )
    )


def test_the_streak_at_stake():
    nine_days = {TODAY - timedelta(days=n): 5 for n in range(1, 10)}
    assert reminder_text(figures({**nine_days, TODAY: 18})) == (
        "12 more pages or any learning session will keep your 9-day streak"
    )


def test_no_streak_yet():
    assert reminder_text(figures({})) == "30 pages or any learning session will start a streak"


def test_days_and_the_next_firing():
    assert days_name((0, 1, 2, 3, 4)) == "weekdays"
    assert days_name((0, 2, 4)) == "Mon, Wed, Fri"
    now = datetime(2026, 11, 22, 9, 0)
    assert next_firing(datetime(2026, 11, 22, 20, 30), now) == "today at 20:30"
    assert next_firing(datetime(2026, 11, 23, 20, 30), now) == "tomorrow at 20:30"
    assert next_firing(datetime(2026, 11, 27, 20, 30), now) == "Fri 27 Nov at 20:30"
