"""The met-day rule: which days' reading, learning, or either, meet the goals in force."""

from __future__ import annotations

from datetime import date, timedelta

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.met import left_to_meet, met_days
from compound.domain.records import GoalKind

TODAY = date(2026, 11, 22)
PAGES, MINUTES = GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES


def ago(*offsets: int) -> tuple[date, ...]:
    return tuple(sorted(TODAY - timedelta(days=n) for n in offsets))


def met(rows, goals=()):
    return met_days(
        [(TODAY - timedelta(days=n), p, s, m) for n, p, s, m in rows], GoalTimeline(goals)
    )


def test_without_goals_one_page_or_any_session_meets_a_day():
    found = met([(0, 1, 0, 0), (1, 0, 0, 0), (2, 30, 0, 0), (3, 0, 2, 10), (4, 0, 0, 0)])
    assert found.reading == ago(0, 2)
    assert found.learning == ago(3)
    assert found.learning_days == ago(0, 2, 3)


def test_each_day_is_judged_by_the_pages_goal_in_force_that_day():
    goals = [GoalChange(PAGES, 10, ago(5)[0]), GoalChange(PAGES, 20, TODAY)]
    assert met([(0, 15, 0, 0), (1, 15, 0, 0)], goals).reading == ago(1)


def test_a_session_meets_a_day_whose_pages_fell_short_when_there_is_no_minutes_goal():
    found = met([(0, 3, 1, 5)], [GoalChange(PAGES, 20, ago(9)[0])])
    assert found.reading == () and found.learning_days == ago(0)


def test_a_minutes_goal_is_met_only_by_enough_minutes():
    goals = [GoalChange(MINUTES, 30, ago(9)[0])]
    found = met([(0, 0, 1, 5), (1, 0, 2, 30), (2, 0, 1, 29)], goals)
    assert found.learning == ago(1)
    assert found.learning_days == ago(1)


def test_what_is_left_to_meet_a_day():
    assert left_to_meet(25, 0, 30, None).pages == 5
    assert left_to_meet(25, 40, 30, 30).minutes == 0
    assert left_to_meet(0, 0, None, None) == left_to_meet(9, 9, None, None)
