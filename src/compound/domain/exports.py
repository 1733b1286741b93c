"""What an export holds: one profile's records over a period, as plain objects.

The store gathers it; every exporter (JSON, CSV, Markdown, and reports built on
them) only formats it, so the formats cannot disagree about what is in a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from compound.domain.records import Book, Goal, LearningSession, ReadingLog, Skip


@dataclass(frozen=True, slots=True)
class ExportData:
    """A profile's records from `since` to `until` (None: without that bound).

    Logs, sessions and skips fall in the period by their day. Books are every book
    for a whole export; for a period, those read, started or finished in it. Goals
    are those set by the period's end, with their history (earlier targets judge
    earlier days).
    """

    profile: str
    exported_at: datetime
    today: date
    since: date | None
    until: date | None
    books: tuple[Book, ...] = ()
    reading_logs: tuple[ReadingLog, ...] = ()
    sessions: tuple[LearningSession, ...] = ()
    goals: tuple[Goal, ...] = ()
    skips: tuple[Skip, ...] = ()

    @property
    def last_day(self) -> date:
        """The day the period ends on: `until`, else today."""
        return self.until or self.today
