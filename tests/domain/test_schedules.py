"""Which days a goal requires: RRULE schedules over the goal's history."""

from __future__ import annotations

from datetime import date, timedelta

from compound.domain.goals import DAILY_KINDS, GoalChange, GoalTimeline
from compound.domain.records import GoalKind
from compound.domain.schedules import expand
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History

PAGES, MINUTES = GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES
WEEKDAYS = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
MONDAY = date(2026, 11, 16)


def due_days(changes, until, kinds=DAILY_KINDS):
    return GoalTimeline(changes).due(until, kinds)


def build_status(today, pages, goals):
    return today_figures(
        History(today=today, totals=DailyTotals(pages=pages), goals=GoalTimeline(goals))
    )


def test_no_schedule_means_every_day_and_no_rrule_work():
    assert due_days([], MONDAY) is None
    assert due_days([GoalChange(PAGES, 10, MONDAY)], MONDAY) is None


def test_a_weekday_schedule_excuses_weekends_from_its_since_on():
    due = due_days([GoalChange(PAGES, 10, date(2026, 11, 2), WEEKDAYS)], MONDAY)
    assert [due(MONDAY - timedelta(days=n)) for n in range(7)] == [
        True,
        False,
        False,
        True,
        True,
        True,
        True,
    ]  # Mon, Sun, Sat, Fri … Tue
    # Before the goal existed every day counted.
    assert due(date(2026, 11, 1)) and due(date(2026, 10, 31))


def test_a_later_goal_replaces_the_schedule_from_its_own_since():
    changes = [
        GoalChange(PAGES, 10, date(2026, 11, 2), WEEKDAYS),
        GoalChange(PAGES, 20, date(2026, 11, 14)),
    ]
    due = due_days(changes, MONDAY)
    assert not due(date(2026, 11, 8))  # a Sunday under the weekday schedule
    assert due(date(2026, 11, 15))  # a Sunday under the every-day goal


def test_with_two_kinds_a_day_is_due_when_either_requires_it():
    changes = [
        GoalChange(PAGES, 10, date(2026, 11, 2), WEEKDAYS),
        GoalChange(MINUTES, 20, date(2026, 11, 2), "FREQ=WEEKLY;BYDAY=SA"),
    ]
    due = due_days(changes, MONDAY)
    assert due(date(2026, 11, 14))  # Saturday: learning
    assert not due(date(2026, 11, 15))  # Sunday: neither
    reading_only = due_days(changes, MONDAY, (PAGES,))
    assert not reading_only(date(2026, 11, 14))


def test_an_interval_counts_from_the_goals_since():
    every_other_day = expand("FREQ=DAILY;INTERVAL=2", date(2026, 11, 1), date(2026, 11, 6))
    assert every_other_day == {date(2026, 11, 1), date(2026, 11, 3), date(2026, 11, 5)}


def test_an_unreadable_stored_rule_counts_every_day_rather_than_failing():
    due = due_days([GoalChange(PAGES, 10, date(2026, 11, 2), "FREQ=NEVER")], MONDAY)
    assert due(date(2026, 11, 15))


def test_status_streak_follows_the_schedule():
    # Read every weekday for two weeks; weekends off; today is Monday, not yet read.
    pages = {
        MONDAY - timedelta(days=n): 12
        for n in range(1, 15)
        if (MONDAY - timedelta(days=n)).weekday() < 5
    }
    goals = [GoalChange(PAGES, 10, date(2026, 10, 1), WEEKDAYS)]
    status = build_status(MONDAY, pages, goals)
    assert status.streak.current == 10
    assert status.streak.at_risk
    every_day = build_status(MONDAY, pages, [GoalChange(PAGES, 10, date(2026, 10, 1))])
    assert every_day.streak.current == 0  # yesterday, a Sunday, was missed
