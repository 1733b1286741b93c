"""What makes a day count: the one met-day rule.

A day's reading is met when its pages reach the daily-pages goal in force that day
(any reading without a goal: a page, or minutes read by time, an audiobook); its
learning is met when its learning minutes reach the daily-minutes goal in force (any
session without a goal). Reading measured only by time (minutes, no pages) does not
meet a pages goal: its pages are unknown, not zero read, and guessing them would
count pages nobody read. A *learning day* is a day
on which either is met: that is what the streak counts, on every surface and in the
team report. Each past day is judged by the goals in force then: raising a goal
today must not retroactively break last month's streak.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from compound.domain.goals import GoalTimeline
from compound.domain.records import GoalKind

# (day, pages read, learning sessions held, learning minutes[, minutes read by time]):
# one day's totals. The last, reading logs without pages (an audiobook), may be left
# out: a team member's file written before it existed has four.
DayTotals = tuple[date, int, int, int, *tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class MetDays:
    """Which days met each daily habit, oldest first."""

    reading: tuple[date, ...]
    learning: tuple[date, ...]
    learning_days: tuple[date, ...]  # either: the streak's days


def met_days(days: Iterable[DayTotals], goals: GoalTimeline) -> MetDays:
    """Judge each day's totals (in any order) by the goals in force that day."""
    # The days come in order: walk each kind's goal history along them (a team report
    # judges a thousand members' five years) rather than look each day up.
    pages_changes = list(goals.history(GoalKind.DAILY_PAGES))
    minutes_changes = list(goals.history(GoalKind.DAILY_MINUTES))
    pages_target: int | None = None
    minutes_target: int | None = None
    reading, learning, either = [], [], []
    for day, pages, sessions, minutes, *timed in sorted(days):
        while pages_changes and pages_changes[0].since <= day:
            pages_target = pages_changes.pop(0).target
        while minutes_changes and minutes_changes[0].since <= day:
            minutes_target = minutes_changes.pop(0).target
        read = pages_met(pages, pages_target) or (not pages_target and any(timed))
        learned = minutes >= minutes_target if minutes_target else sessions > 0  # any session
        if read:
            reading.append(day)
        if learned:
            learning.append(day)
        if read or learned:
            either.append(day)
    return MetDays(tuple(reading), tuple(learning), tuple(either))


def pages_met(pages: int, target: int | None) -> bool:
    """A day's pages meet the target in force (one page without a goal). A day the
    goal's schedule does not ask for is judged the same way; the streak excuses it, it
    does not count it as met. Reading by time alone meets no pages goal (met_days)."""
    return pages >= (target or 1)


def day_rows(
    pages: Mapping[date, int],
    sessions: Mapping[date, int],
    minutes: Mapping[date, int],
    timed: Mapping[date, int] | None = None,
) -> list[DayTotals]:
    """Per-day maps as (day, pages, sessions, minutes, minutes read by time) rows,
    oldest first."""
    timed = timed or {}
    return [
        (day, pages.get(day, 0), sessions.get(day, 0), minutes.get(day, 0), timed.get(day, 0))
        for day in sorted({*pages, *sessions, *minutes, *timed})
    ]


@dataclass(frozen=True, slots=True)
class Left:
    """What would still meet a day: pages to read, or learning minutes (None: that
    side has no goal, so any page or any session would do)."""

    pages: int | None
    minutes: int | None


def left_to_meet(
    pages: int, minutes: int, pages_target: int | None, minutes_target: int | None
) -> Left:
    """How far the day is from being met, on each side."""
    return Left(
        pages=max(pages_target - pages, 0) if pages_target else None,
        minutes=max(minutes_target - minutes, 0) if minutes_target else None,
    )
