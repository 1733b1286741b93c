"""What an action did, for the front ends to say (with compound.words).

Named tuples rather than dataclasses: they are as immutable and as typed, and a
check-in, which imports this module every time, makes them in a tenth of the time.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from compound.domain.goals import GoalChange
from compound.domain.records import Book, Entry, LearningSession, ReadingLog, RemovedEntry, Skip
from compound.domain.today import TodayFigures


class PagesLogged(NamedTuple):
    log: ReadingLog
    book: Book | None  # the book it went to, as it is now
    started_book: bool  # the log took the book off the to-read shelf
    finished_book: bool  # the log reached the book's last page
    day: TodayFigures  # the log's day, as it stands now


class SessionLogged(NamedTuple):
    session: LearningSession
    day: TodayFigures


# An entry deleted (or undone), and what that did to its book: what the store says.
EntryRemoved = RemovedEntry


class EntryRestored(NamedTuple):
    """A deleted entry brought back as it was, under its own id."""

    entry: Entry


class BookMoved(NamedTuple):
    """A book moved between shelves; `before` is how it was, to put it back."""

    book: Book
    before: Book
    day: date  # the day of the move

    @property
    def resumed(self) -> bool:
        """Being read again after an earlier start (it keeps its first start day)."""
        return self.book.started_on is not None and self.book.started_on != self.day


class BookPutBack(NamedTuple):
    """A move undone: the book is where it was."""

    book: Book
    undone: BookMoved


class GoalSet(NamedTuple):
    goal: GoalChange
    kept_schedule: bool  # the schedule in force was carried over to the new target


class SkipsAdded(NamedTuple):
    first: date
    last: date
    added: tuple[Skip, ...]
    already: int  # days in the span skipped before


class SkipsRemoved(NamedTuple):
    first: date
    last: date
    removed: tuple[Skip, ...]
