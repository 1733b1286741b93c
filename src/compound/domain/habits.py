"""Habits: each one's streaks, consistency and strength, from per-day totals.

Three daily habits always exist: reading (the day's pages reach the daily-pages goal
in force, 1 page without one), learning (any session) and the learning day (either).
Weekly goals add a weekly habit each. Strength is the exponential moving average
of Loop Habit Tracker: with f the goal's frequency per day, m = 0.5^(√f / 13) and
each due day does score = score·m + met·(1 − m), so a perfect record is half-way
to 100 after 13 days; excused days leave it unchanged.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.records import GoalKind
from compound.domain.schedules import due_days
from compound.domain.status import target_on
from compound.domain.streaks import (
    EXCUSED,
    MET,
    MISSED,
    Judged,
    Run,
    best_runs,
    checkin_days,
    judge_days,
    judge_weeks,
    runs,
    week_target,
)
from compound.domain.totals import History

READING, LEARNING, LEARNING_DAY = "reading", "learning", "learning-day"
WEEKLY_KINDS = (GoalKind.WEEKLY_PAGES, GoalKind.WEEKLY_SESSIONS)


@dataclass(frozen=True, slots=True)
class HabitReport:
    """A habit's record as of today. For a weekly habit the periods are weeks."""

    name: str
    unit: str  # "day" or "week"
    current: int
    longest: int
    at_risk: bool  # a streak to lose, and today (this week) due but not yet met
    met_today: bool  # for a weekly habit: this week's target reached
    best: list[Run]  # up to five, longest first, as (first, last, length) tuples
    consistency_30: float | None  # share of due periods met, 0.0–1.0; None: none due
    consistency_90: float | None
    strength: float  # 0–100
    target: int | None = None  # a weekly habit's target this week (less for skip days)
    done: int | None = None  # a weekly habit's total so far this week


def multiplier(frequency: float = 1.0) -> float:
    """Loop's m for a habit due `frequency` times a day."""
    return 0.5 ** (math.sqrt(frequency) / 13)


# A weekly habit is judged once a week. Loop would step a once-a-week habit daily
# with f = 1/7, so one weekly step is seven of those.
WEEKLY_MULTIPLIER = multiplier(1 / 7) ** 7


def strength(judged: Iterable[Judged], m: float = multiplier()) -> float:
    """The habit strength 0–100 after the judged periods, starting from 0."""
    score = 0.0
    for _first, _last, mark in judged:
        if mark == MET:
            score = score * m + (1 - m)
        elif mark == MISSED:
            score *= m
    return 100 * score


def consistency(judged: Sequence[Judged], today: date, days: int) -> float | None:
    """The share of due periods in the last `days` days that were met."""
    start = today - timedelta(days=days - 1)
    met = due = 0
    for _first, last, mark in reversed(judged):  # only the tail: ten years are long
        if last < start:
            break
        if mark != EXCUSED:
            due += 1
            met += mark == MET
    return met / due if due else None


def _report(name: str, unit: str, judged: list[Judged], today: date, m: float, *,
            met_now: bool, due_now: bool, target: int | None = None,
            done: int | None = None) -> HabitReport:
    finished, current = runs(judged)
    length = current.length if current else 0
    return HabitReport(
        name=name, unit=unit, current=length,
        longest=max([length, *(r.length for r in finished)]),
        at_risk=length > 0 and due_now and not met_now, met_today=met_now,
        best=best_runs(finished, current),
        consistency_30=consistency(judged, today, 30),
        consistency_90=consistency(judged, today, 90),
        strength=strength(judged, m), target=target, done=done)


def daily_habit(name: str, met: Iterable[date], skipped: Iterable[date], today: date, *,
                since: date | None = None,
                due: Callable[[date], bool] | None = None) -> HabitReport:
    """A daily habit judged from `since` (default: its first met day) to today."""
    met_days = {day for day in met if day <= today}
    skip_days = frozenset(skipped)
    judged = judge_days(met_days, skip_days, today, since=since, due=due)
    due_now = today not in skip_days and (due is None or due(today))
    return _report(name, "day", judged, today, multiplier(), met_now=today in met_days,
                   due_now=due_now)


def weekly_habit(name: str, amount_by_day: Mapping[date, int],
                 target_for: Callable[[date], int | None], skipped: Iterable[date],
                 today: date, *, since: date, week_starts_on: int = 0) -> HabitReport:
    """A weekly habit: a week is met when its total reaches the target."""
    skip_days = frozenset(skipped)
    judged = judge_weeks(amount_by_day, target_for, skip_days, today, since=since,
                         week_starts_on=week_starts_on)
    this_week = judged[-1]
    days = [this_week.first + timedelta(days=i) for i in range(7)]
    done = sum(amount_by_day.get(day, 0) for day in days if day <= today)
    target = target_for(today)
    return _report(name, "week", judged, today, WEEKLY_MULTIPLIER,
                   met_now=this_week.mark == MET, due_now=target is not None,
                   target=week_target(target, days, skip_days, since) if target else None,
                   done=done)


def habits_of(history: History, week_starts_on: int = 0) -> dict[str, HabitReport]:
    """Every habit of the person, by name: the three daily ones, then weekly goals set."""
    today, totals, goals = history.today, history.totals, history.goals
    since = totals.first_day or today
    pages_needed = _pages_needed(goals)
    reading = {day for day, pages in totals.pages.items() if pages >= pages_needed(day)}
    learning = {day for day, count in totals.sessions.items() if count > 0}
    found = {
        LEARNING_DAY: daily_habit(
            LEARNING_DAY, checkin_days(totals.pages, totals.sessions, pages_needed),
            history.skips, today, since=since, due=due_days(goals, today)),
        READING: daily_habit(READING, reading, history.skips, today, since=since,
                             due=due_days(goals, today, (GoalKind.DAILY_PAGES,))),
        LEARNING: daily_habit(LEARNING, learning, history.skips, today, since=since,
                              due=due_days(goals, today, (GoalKind.DAILY_MINUTES,))),
    }
    amounts = {GoalKind.WEEKLY_PAGES: totals.pages, GoalKind.WEEKLY_SESSIONS: totals.sessions}
    for kind in WEEKLY_KINDS:
        # A goal imported with a later `since` is not in force yet.
        set_on = [change.since for change in goals
                  if change.kind == kind and change.since <= today]
        if set_on:
            found[kind.value] = weekly_habit(
                kind.value, amounts[kind], lambda day, kind=kind: target_on(goals, kind, day),
                history.skips, today, since=min(set_on), week_starts_on=week_starts_on)
    return found


def _pages_needed(goals: Sequence) -> Callable[[date], int]:
    """The daily-pages goal in force on a day, 1 page without one.

    Each past day is judged by the goal in force then: raising the goal today must
    not retroactively break last month's streak.
    """
    timeline = sorted((c.since, c.target) for c in goals if c.kind == GoalKind.DAILY_PAGES)
    if not timeline:
        return lambda _day: 1
    days = [since for since, _target in timeline]

    def needed(day: date) -> int:
        index = bisect_right(days, day) - 1
        return timeline[index][1] if index >= 0 else 1

    return needed
