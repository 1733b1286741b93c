"""Streaks: consecutive days on which the habit was met.

Skip days (planned rest, travel) neither break nor lengthen a streak. Today, while
not yet met, leaves the streak "at risk" rather than broken: the day is not over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    longest: int
    at_risk: bool
    met_today: bool


def checkin_days(pages_by_day: Mapping[date, int], sessions_by_day: Mapping[date, int],
                 pages_needed: Callable[[date], int] = lambda _day: 1) -> set[date]:
    """Learning days: the pages goal in force that day reached, or any session held."""
    met = {day for day, pages in pages_by_day.items() if pages >= pages_needed(day)}
    met.update(day for day, count in sessions_by_day.items() if count > 0)
    return met


def daily_streak(met: Iterable[date], skipped: Iterable[date], today: date) -> Streak:
    """The current and longest daily streak as of `today`.

    `at_risk` means there is a streak to lose and today is due but not yet met.
    """
    met_days = {day for day in met if day <= today}
    skip_days = {day for day in skipped if day <= today}
    met_today = today in met_days

    current = 0
    # An unmet today does not break the streak yet: count back from yesterday.
    day = today if met_today else today - ONE_DAY
    while day in met_days or day in skip_days:  # both sets are finite, so this ends
        current += day in met_days
        day -= ONE_DAY

    longest = run = 0
    for day in _days_between(min(met_days, default=today), today):
        if day in met_days:
            run += 1
            longest = max(longest, run)
        elif day not in skip_days and day != today:
            run = 0

    at_risk = current > 0 and not met_today and today not in skip_days
    return Streak(current=current, longest=longest, at_risk=at_risk, met_today=met_today)


def _days_between(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += ONE_DAY
