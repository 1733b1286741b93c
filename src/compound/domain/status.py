"""Today at a glance: pages and minutes against the goals, the streak, books in hand.

Built from per-day totals, so the same function serves the light read path of
`compound status --short` and the full store.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from compound.domain.records import Book, GoalKind
from compound.domain.streaks import Streak, checkin_days, daily_streak


@dataclass(frozen=True, slots=True)
class GoalChange:
    """A goal's target from `since` on (goals are kept with their history).

    `schedule` is an RFC 5545 RRULE naming the days the goal applies to (expanded
    from `since`); None means every day.
    """

    kind: GoalKind
    target: int
    since: date
    schedule: str | None = None


@dataclass(frozen=True, slots=True)
class TodayStatus:
    today: date
    pages: int
    minutes: int
    sessions: int
    pages_goal: int | None
    minutes_goal: int | None
    streak: Streak
    reading: tuple[Book, ...]
    goal_pace: object | None = None  # projection.GoalPace, with a yearly-books goal


def target_on(changes: Sequence[GoalChange], kind: GoalKind, day: date) -> int | None:
    """The target of `kind` in force on `day`, or None if none had been set."""
    timeline = sorted((c.since, c.target) for c in changes if c.kind == kind)
    index = bisect_right(timeline, (day, float("inf"))) - 1
    return timeline[index][1] if index >= 0 else None


def build_status(today: date, pages_by_day: Mapping[date, int],
                 sessions_by_day: Mapping[date, tuple[int, int]],
                 skip_days: Iterable[date], goals: Sequence[GoalChange],
                 reading: Iterable[Book], finished_this_year: int = 0,
                 finished_pages: Sequence[int] = ()) -> TodayStatus:
    """Assemble today's status. `sessions_by_day` maps a day to (count, minutes).

    With a yearly-books goal, `finished_this_year` and the page counts of finished
    books (`finished_pages`, for the usual book length) give the goal pace.
    """
    # Each past day is judged by the goal in force then: raising the goal today
    # must not retroactively break last month's streak.
    met = checkin_days(
        pages_by_day,
        {day: count for day, (count, _minutes) in sessions_by_day.items()},
        lambda day: target_on(goals, GoalKind.DAILY_PAGES, day) or 1,
    )
    due = None
    if any(goal.schedule for goal in goals):  # else dateutil stays unimported
        from compound.domain.schedules import due_days

        due = due_days(goals, today)
    pace = None
    books_goal = target_on(goals, GoalKind.YEARLY_BOOKS, today)
    if books_goal:
        from compound.domain.projection import book_length, goal_pace

        pace = goal_pace(books_goal, finished_this_year, today, book_length(finished_pages))
    sessions_today = sessions_by_day.get(today, (0, 0))
    return TodayStatus(
        today=today,
        pages=pages_by_day.get(today, 0),
        minutes=sessions_today[1],
        sessions=sessions_today[0],
        pages_goal=target_on(goals, GoalKind.DAILY_PAGES, today),
        minutes_goal=target_on(goals, GoalKind.DAILY_MINUTES, today),
        streak=daily_streak(met, skip_days, today, due),
        reading=tuple(reading),
        goal_pace=pace,
    )
