"""History: everything the pure figures read about one person, as of a day.

The store reads it in one transaction (per-day totals summed in SQL, the goal
timeline, skip days, books); every figure (today, streaks, pace, the year ahead,
goal pace, the charts) is computed from it. A day that is absent from the totals
had nothing logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from compound.domain.goals import GoalTimeline
from compound.domain.met import DayTotals, day_rows
from compound.domain.records import Book


@dataclass(frozen=True, slots=True)
class DailyTotals:
    pages: Mapping[date, int] = field(default_factory=dict)  # pages read
    sessions: Mapping[date, int] = field(default_factory=dict)  # learning sessions held
    session_minutes: Mapping[date, int] = field(default_factory=dict)  # learning minutes
    # Minutes of reading logs without pages (an audiobook): reading measured by time.
    timed_minutes: Mapping[date, int] = field(default_factory=dict)
    # The same days as rows, oldest first, when the reader has them in that order
    # already (the store's SQL does): the figures walk them without sorting again.
    in_order: tuple[DayTotals, ...] | None = field(default=None, compare=False, repr=False)

    @property
    def first_day(self) -> date | None:
        """The earliest day with any entry, or None for an empty history."""
        days = [*self.pages, *self.sessions, *self.timed_minutes]
        return min(days) if days else None

    def rows(self) -> list[DayTotals]:
        """(day, pages, sessions, minutes, minutes read by time) for each day with
        anything, oldest first."""
        if self.in_order is not None:
            return list(self.in_order)
        return day_rows(self.pages, self.sessions, self.session_minutes, self.timed_minutes)

    def reading_days(self, first: date, last: date) -> set[date]:
        """Days from `first` to `last` with reading: pages, or minutes read by time (a
        day of an audiobook only is a day of reading too)."""
        return {
            day
            for by_day in (self.pages, self.timed_minutes)
            for day, read in by_day.items()
            if read and first <= day <= last
        }

    def timed_between(self, first: date, last: date) -> int:
        """Minutes read by time (no pages known) from `first` to `last`, both included."""
        return sum(m for day, m in self.timed_minutes.items() if first <= day <= last)


@dataclass(frozen=True, slots=True)
class History:
    """Everything the figures read about one person, as of `today`."""

    today: date
    totals: DailyTotals
    goals: GoalTimeline = field(default_factory=GoalTimeline)
    skips: frozenset[date] = frozenset()
    finished_pages: tuple[int, ...] = ()  # page counts of finished books of known length
    finished_days: tuple[date, ...] = ()  # the day each finished book was finished
    reading: tuple[Book, ...] = ()  # being read
    to_read: tuple[Book, ...] = ()  # on the to-read shelf

    def finished_between(self, first: date, last: date) -> int:
        """Books finished from `first` to `last`, both included."""
        return sum(1 for day in self.finished_days if first <= day <= last)

    @property
    def finished_this_year(self) -> int:
        return self.finished_between(date(self.today.year, 1, 1), self.today)

    @property
    def timed_this_year(self) -> int:
        """Minutes read by time (no pages known) this year, up to today."""
        return self.totals.timed_between(date(self.today.year, 1, 1), self.today)


@dataclass(frozen=True, slots=True)
class TimedReading:
    """Minutes read by time (no pages known: an audiobook), in a span and this year."""

    in_period: int
    this_year: int


def timed_reading(history: History, first: date, last: date) -> TimedReading:
    """Reading measured by time from `first` to `last`, and this year up to today."""
    return TimedReading(history.totals.timed_between(first, last), history.timed_this_year)
