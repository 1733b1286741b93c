"""What an action did, for the front ends to say (with compound.words)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from compound.domain.goals import GoalChange
from compound.domain.records import Book, Entry, LearningSession, ReadingLog, Skip
from compound.domain.today import TodayFigures


@dataclass(frozen=True, slots=True)
class PagesLogged:
    log: ReadingLog
    book: Book | None  # the book it went to, as it is now
    started_book: bool  # the log took the book off the to-read shelf
    finished_book: bool  # the log reached the book's last page
    day: TodayFigures  # the log's day, as it stands now


@dataclass(frozen=True, slots=True)
class SessionLogged:
    session: LearningSession
    day: TodayFigures


@dataclass(frozen=True, slots=True)
class EntryRemoved:
    """An entry deleted (or undone), and what that did to its book."""

    entry: Entry
    reopened_book: Book | None = None  # finished by the entry, now being read again
    reshelved_book: Book | None = None  # started by the entry, now back to to-read


@dataclass(frozen=True, slots=True)
class EntryRestored:
    """A deleted entry brought back as it was, under its own id."""

    entry: Entry


@dataclass(frozen=True, slots=True)
class BookMoved:
    """A book moved between shelves; `before` is how it was, to put it back."""

    book: Book
    before: Book
    day: date  # the day of the move

    @property
    def resumed(self) -> bool:
        """Being read again after an earlier start (it keeps its first start day)."""
        return self.book.started_on is not None and self.book.started_on != self.day


@dataclass(frozen=True, slots=True)
class BookPutBack:
    """A move undone: the book is where it was."""

    book: Book
    undone: BookMoved


@dataclass(frozen=True, slots=True)
class GoalSet:
    goal: GoalChange
    kept_schedule: bool  # the schedule in force was carried over to the new target


@dataclass(frozen=True, slots=True)
class SkipsAdded:
    first: date
    last: date
    added: tuple[Skip, ...]
    already: int  # days in the span skipped before


@dataclass(frozen=True, slots=True)
class SkipsRemoved:
    first: date
    last: date
    removed: tuple[Skip, ...]
