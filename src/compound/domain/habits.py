"""Habits: each one's streaks, consistency and strength, from per-day totals.

Three daily habits always exist: reading (the day's pages reach the daily-pages goal
in force, 1 page without one), learning (the day's minutes reach the daily-minutes
goal, any session without one) and the learning day (either: domain/met.py). Weekly
goals add a weekly habit each. Streaks come from the one daily engine
(streaks.daily_runs). Strength is the exponential moving average of Loop Habit
Tracker: with f the goal's frequency per day, m = 0.5^(√f / 13) and each due day
does score = score·m + met·(1 − m), so a perfect record is half-way to 100 after
13 days; excused days leave it unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.goals import DAILY_KINDS, WEEKLY_KINDS
from compound.domain.met import MetDays, met_days
from compound.domain.records import GoalKind
from compound.domain.schedules import DueDays
from compound.domain.streaks import (
    EXCUSED,
    MET,
    MISSED,
    Run,
    best_runs,
    daily_runs,
    judge_weeks,
    runs,
    streak_of,
    week_target,
)
from compound.domain.totals import History

READING, LEARNING, LEARNING_DAY = "reading", "learning", "learning-day"


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
    m: float = 0.5 ** (math.sqrt(frequency) / 13)
    return m


# A weekly habit is judged once a week. Loop would step a once-a-week habit daily
# with f = 1/7, so one weekly step is seven of those.
WEEKLY_MULTIPLIER = multiplier(1 / 7) ** 7


def strength(judged: Iterable[tuple[date, date, str]], m: float = multiplier()) -> float:
    """The habit strength 0–100 after the judged periods, starting from 0."""
    score = 0.0
    for _first, _last, mark in judged:
        if mark == MET:
            score = score * m + (1 - m)
        elif mark == MISSED:
            score *= m
    return 100 * score


def consistency(judged: Sequence[tuple[date, date, str]], today: date, days: int) -> float | None:
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


def _report(
    name: str,
    unit: str,
    scores: tuple[float | None, float | None, float],
    *,
    finished: list[Run],
    current: Run | None,
    met_now: bool,
    due_now: bool,
    target: int | None = None,
    done: int | None = None,
) -> HabitReport:
    streak = streak_of(finished, current, met_today=met_now, due_today=due_now)
    return HabitReport(
        name=name,
        unit=unit,
        current=streak.current,
        longest=streak.longest,
        at_risk=streak.at_risk,
        met_today=met_now,
        best=best_runs(finished, current),
        consistency_30=scores[0],
        consistency_90=scores[1],
        strength=scores[2],
        target=target,
        done=done,
    )


def daily_habit(
    name: str,
    met: Iterable[date],
    skipped: Iterable[date],
    today: date,
    *,
    since: date | None = None,
    due: DueDays | None = None,
) -> HabitReport:
    """A daily habit judged from `since` (default: its first met day) to today."""
    met_days_ = {day for day in met if day <= today}
    skip_days = frozenset(skipped)
    finished, current = daily_runs(met_days_, skip_days, today, due)
    due_now = today not in skip_days and (due is None or due(today))
    return _report(
        name,
        "day",
        _daily_scores(met_days_, skip_days, today, since, due),
        finished=finished,
        current=current,
        met_now=today in met_days_,
        due_now=due_now,
    )


def _daily_scores(
    met: set[date],
    skipped: frozenset[date],
    today: date,
    since: date | None,
    due: DueDays | None,
) -> tuple[float | None, float | None, float]:
    """(consistency over 30 days, over 90 days, strength) of a daily habit: the days of
    streaks.judge_days, judged and scored in one pass.

    The same marks and the same arithmetic in the same order as judging the days
    first and scoring them after (strength(judge_days(...))), without a list of ten
    years of judged days for each of the three daily habits.
    """
    last = today.toordinal()
    first = (since or min(met, default=today)).toordinal()
    met_o = {day.toordinal() for day in met}
    excused = {day.toordinal() for day in skipped}
    if due is not None:
        excused.update(day.toordinal() for day in due.not_due)
    if last not in met_o:
        excused.add(last)  # not over yet: neither met nor missed
    m = multiplier()
    score = 0.0
    start_30, start_90 = last - 29, last - 89
    due_30 = met_30 = due_90 = met_90 = 0
    for ordinal in range(first, last + 1):
        if ordinal in excused:
            continue
        hit = ordinal in met_o
        score = score * m + (1 - m) if hit else score * m
        if ordinal >= start_90:
            due_90 += 1
            met_90 += hit
            if ordinal >= start_30:
                due_30 += 1
                met_30 += hit
    return (
        met_30 / due_30 if due_30 else None,
        met_90 / due_90 if due_90 else None,
        100 * score,
    )


def weekly_habit(
    name: str,
    amount_by_day: Mapping[date, int],
    target_for: Callable[[date], int | None],
    skipped: Iterable[date],
    today: date,
    *,
    since: date,
    week_starts_on: int = 0,
) -> HabitReport:
    """A weekly habit: a week is met when its total reaches the target."""
    skip_days = frozenset(skipped)
    judged = judge_weeks(
        amount_by_day, target_for, skip_days, today, since=since, week_starts_on=week_starts_on
    )
    this_week = judged[-1]
    days = [this_week.first + timedelta(days=i) for i in range(7)]
    done = sum(amount_by_day.get(day, 0) for day in days if day <= today)
    target = target_for(today)
    finished, current = runs(judged)
    scores = (
        consistency(judged, today, 30),
        consistency(judged, today, 90),
        strength(judged, WEEKLY_MULTIPLIER),
    )
    return _report(
        name,
        "week",
        scores,
        finished=finished,
        current=current,
        met_now=this_week.mark == MET,
        due_now=target is not None,
        target=week_target(target, days, skip_days, since) if target else None,
        done=done,
    )


def habits_of(
    history: History, week_starts_on: int = 0, met: MetDays | None = None
) -> dict[str, HabitReport]:
    """Every habit of the person, by name: the three daily ones, then weekly goals set.
    `met`: the days already judged by the met-day rule, when the caller has them."""
    today, totals, goals = history.today, history.totals, history.goals
    since = totals.first_day or today
    met = met if met is not None else met_days(totals.rows(), goals)
    found = {
        LEARNING_DAY: daily_habit(
            LEARNING_DAY,
            met.learning_days,
            history.skips,
            today,
            since=since,
            due=goals.due(today, DAILY_KINDS),
        ),
        READING: daily_habit(
            READING,
            met.reading,
            history.skips,
            today,
            since=since,
            due=goals.due(today, (GoalKind.DAILY_PAGES,)),
        ),
        LEARNING: daily_habit(
            LEARNING,
            met.learning,
            history.skips,
            today,
            since=since,
            due=goals.due(today, (GoalKind.DAILY_MINUTES,)),
        ),
    }
    amounts = {GoalKind.WEEKLY_PAGES: totals.pages, GoalKind.WEEKLY_SESSIONS: totals.sessions}
    for kind in WEEKLY_KINDS:
        first = goals.first_since(kind)
        # A goal imported with a later `since` is not in force yet.
        if first is not None and first <= today:
            found[kind.value] = weekly_habit(
                kind.value,
                amounts[kind],
                goals.targets(kind),
                history.skips,
                today,
                since=first,
                week_starts_on=week_starts_on,
            )
    return found
