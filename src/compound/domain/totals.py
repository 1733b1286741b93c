"""Per-day totals: the shape in which history reaches the pure insight code.

The store aggregates entries per logical day in SQL; streaks, pace and projections
are computed from these maps. A day that is absent had nothing logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class DailyTotals:
    pages: Mapping[date, int] = field(default_factory=dict)            # pages read
    sessions: Mapping[date, int] = field(default_factory=dict)         # learning sessions held
    session_minutes: Mapping[date, int] = field(default_factory=dict)  # learning minutes

    @property
    def first_day(self) -> date | None:
        """The earliest day with any entry, or None for an empty history."""
        days = [*self.pages, *self.sessions]
        return min(days) if days else None


@dataclass(frozen=True, slots=True)
class History:
    """Everything the insight engine reads about one person, as of `today`."""

    today: date
    totals: DailyTotals
    goals: tuple  # GoalChange, oldest first (kept with their history)
    skips: frozenset[date]
    finished_pages: tuple[int, ...]  # page counts of finished books of known length
    finished_this_year: int
    reading: tuple  # Book, being read
    to_read: tuple  # Book, on the to-read shelf
