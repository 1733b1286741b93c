"""The figures' sentences: today against its goals, what is left, the streak."""

from __future__ import annotations

from datetime import date, timedelta

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import GoalKind
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History
from compound.words.figures import (
    learning_today,
    left_today,
    reading_today,
    short_line,
    skip_days_added,
    streak_sentence,
    week_progress,
)

SUNDAY = date(2026, 11, 22)
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


def figures(pages=None, goals=(), skips=(), minutes=None, today=SUNDAY):
    minutes = minutes or {}
    totals = DailyTotals(
        pages=pages or {}, sessions={d: 1 for d in minutes}, session_minutes=minutes
    )
    return today_figures(
        History(today=today, totals=totals, goals=GoalTimeline(goals), skips=frozenset(skips))
    )


def ago(n: int) -> date:
    return SUNDAY - timedelta(days=n)


def test_a_day_the_schedule_does_not_require_is_said_once():
    found = figures(
        {SUNDAY: 10, ago(2): 25}, [GoalChange(GoalKind.DAILY_PAGES, 20, ago(30), WEEKDAYS)]
    )
    assert reading_today(found) == "10 of 20 pages · today is not due (weekdays)"
    assert learning_today(found) == "0m · today is not due (weekdays)"
    assert streak_sentence(found) == "1 day (best 1 day) · today is not due (weekdays)"


def test_a_skip_day():
    found = figures({SUNDAY: 10}, [GoalChange(GoalKind.DAILY_PAGES, 20, ago(30))], [SUNDAY])
    assert reading_today(found) == "10 of 20 pages · today is a skip day"
    assert streak_sentence(found) == "none yet; today is a skip day"


def test_what_is_left_after_part_of_the_goal():
    goals = [GoalChange(GoalKind.DAILY_PAGES, 30, ago(30))]
    started = figures({SUNDAY: 25}, goals)
    assert left_today(started) == "5 more pages or any learning session"
    assert streak_sentence(started) == (
        "none yet today: 5 more pages or any learning session will start one"
    )
    kept = figures({SUNDAY: 25, ago(1): 30, ago(2): 30}, goals)
    assert streak_sentence(kept) == (
        "2 days (best 2 days) · at risk: 5 more pages or any learning session will keep it"
    )
    both = figures(
        {SUNDAY: 25},
        [*goals, GoalChange(GoalKind.DAILY_MINUTES, 30, ago(30))],
        minutes={SUNDAY: 10},
    )
    assert left_today(both) == "5 more pages or 20m more of learning"
    assert left_today(figures()) == "a check-in"


def test_weekly_goals_this_week():
    found = figures(minutes={SUNDAY: 20}, goals=[GoalChange(GoalKind.WEEKLY_SESSIONS, 3, ago(30))])
    assert [week_progress(w) for w in found.weekly] == ["1 of 3 sessions this week"]


def test_the_prompt_line_and_plurals():
    assert (
        short_line(figures({SUNDAY: 25}, [GoalChange(GoalKind.DAILY_PAGES, 30, ago(3))]))
        == "📚 25/30 p · 🔥 0"
    )
    assert skip_days_added(1) == "1 day that neither breaks nor lengthens a streak"
    assert skip_days_added(3) == "3 days that neither break nor lengthen a streak"
