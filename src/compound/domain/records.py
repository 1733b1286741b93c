"""The plain objects the store hands out: detached, immutable, no database attached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, StrEnum

from compound.domain.errors import InputError

# The longest audiobook taken (a typo's guard, like a book's page count): 500 hours.
MAX_BOOK_MINUTES = 500 * 60


class BookStatus(StrEnum):
    TO_READ = "to-read"
    READING = "reading"
    FINISHED = "finished"
    ABANDONED = "abandoned"


class SessionKind(StrEnum):
    COURSE = "course"
    WORKSHOP = "workshop"
    TALK = "talk"
    PODCAST = "podcast"
    ARTICLE = "article"
    PRACTICE = "practice"
    OTHER = "other"


class Unset(Enum):
    """A marker for "leave it as it is", distinct from None ("clear it")."""

    UNSET = "unset"


UNSET = Unset.UNSET

# The kind a session is when none is said: the command line and the app agree.
DEFAULT_SESSION_KIND = SessionKind.OTHER


class GoalKind(StrEnum):
    DAILY_PAGES = "daily-pages"
    WEEKLY_PAGES = "weekly-pages"
    YEARLY_BOOKS = "yearly-books"
    DAILY_MINUTES = "daily-minutes"
    WEEKLY_SESSIONS = "weekly-sessions"


@dataclass(frozen=True, slots=True)
class Profile:
    id: int
    name: str


def measured_by_time(total_pages: int | None, total_minutes: int | None) -> bool:
    """Which length decides how far a book is: its pages when it has them, else its
    minutes (an audiobook's)."""
    return total_pages is None and total_minutes is not None


@dataclass(frozen=True, slots=True)
class Book:
    id: int
    title: str
    author: str | None
    total_pages: int | None
    isbn: str | None
    status: BookStatus
    started_on: date | None
    finished_on: date | None
    source: str
    pages_read: int = 0
    total_minutes: int | None = None  # an audiobook's length
    minutes_read: int = 0  # the minutes of its logs

    @property
    def by_time(self) -> bool:
        """Read (listened to) by time: its length is in minutes, not pages."""
        return measured_by_time(self.total_pages, self.total_minutes)

    @property
    def pages_left(self) -> int | None:
        if self.total_pages is None:
            return None
        return max(self.total_pages - self.pages_read, 0)

    @property
    def progress(self) -> float | None:
        """Share of the book read, 0.0 to 1.0, when its length is known: by its pages,
        or by its minutes for a book read by time."""
        if self.total_pages:
            return min(self.pages_read / self.total_pages, 1.0)
        if self.total_minutes:
            return min(self.minutes_read / self.total_minutes, 1.0)
        return None

    def label(self) -> str:
        return f"{self.title} ({self.author})" if self.author else self.title


@dataclass(frozen=True, slots=True)
class Position:
    """Where a reader has got to in a book: a page, a share of the book (45% is 0.45),
    or a time into an audiobook, in minutes. Exactly one is set."""

    page: int | None = None
    share: float | None = None
    minute: int | None = None


def check_share(share: float, said: str, whose: str = "the book") -> float:
    """A share of a book (0.45 for 45%), refused past its end; `said` is how the share
    was given, `whose` the book it is of."""
    if share > 1:
        raise InputError(f"{said} is past the end of {whose} (100% is the end)")
    return share


def amount_to(book: Book, position: Position) -> tuple[int, int | None]:
    """What reaching `position` in `book` adds: (pages, minutes or None).

    A page or a share of a book with pages gives the pages from the page reached so
    far; a share of an audiobook's length, or a time into it, gives the minutes from
    the minutes listened so far. A position behind where the book is, past its end,
    or a share of a book without a length is refused.
    """
    share = position.share
    if share is not None:
        check_share(share, f"{share:.0%}", book.title)
        if book.total_pages:
            position = Position(page=round(share * book.total_pages))
        elif book.total_minutes:
            position = Position(minute=round(share * book.total_minutes))
        else:
            raise InputError(
                f"{book.title} has no length, so a percent of it says nothing; "
                "give it one (pages or hours) or log what was read"
            )
    if position.page is not None:
        if book.by_time:
            raise InputError(f"{book.title} is read by time; give a time like 3:20 or a percent")
        if position.page <= book.pages_read:
            raise InputError(
                f"{book.title} is already at page {book.pages_read}; "
                "the page reached must be further on"
            )
        return position.page - book.pages_read, None
    minute = position.minute or 0
    # Not `not book.by_time`: a book with no length, or with both, takes a time too.
    if book.total_pages and not book.total_minutes:
        raise InputError(f"{book.title} is measured in pages; give a page or a percent")
    if book.total_minutes and minute > book.total_minutes:
        raise InputError(
            f"{book.title} is {_clock(book.total_minutes)} long, "
            f"so {_clock(minute)} is past its end"
        )
    if minute <= book.minutes_read:
        raise InputError(
            f"{book.title} is already at {_clock(book.minutes_read)}; "
            "the time reached must be further on"
        )
    return 0, minute - book.minutes_read


def _clock(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


@dataclass(frozen=True, slots=True)
class ReadingLog:
    id: int
    day: date
    pages: int
    book_id: int | None
    book_title: str | None
    minutes: int | None
    note: str | None
    created_at: datetime
    started_book: bool = False  # this log took its book off the to-read shelf
    import_key: str | None = None  # where an import found it (see db/tables.py)

    @property
    def by_time(self) -> bool:
        """Reading measured by time (an audiobook): minutes, and no pages."""
        return not self.pages and bool(self.minutes)

    @property
    def ref(self) -> str:
        """The id people type for this entry: r for reading."""
        return f"r{self.id}"


@dataclass(frozen=True, slots=True)
class LearningSession:
    id: int
    day: date
    minutes: int
    kind: SessionKind
    topic: str | None
    note: str | None
    created_at: datetime

    @property
    def ref(self) -> str:
        """The id people type for this entry: s for session."""
        return f"s{self.id}"


Entry = ReadingLog | LearningSession


@dataclass(frozen=True, slots=True)
class Goal:
    id: int
    kind: GoalKind
    target: int
    schedule: str | None
    since: date


@dataclass(frozen=True, slots=True)
class Skip:
    id: int
    day: date
    reason: str | None


@dataclass(frozen=True, slots=True)
class LoggedPages:
    """What logging pages did: the entry, and the book it moved along."""

    log: ReadingLog
    book: Book | None
    started_book: bool = False
    finished_book: bool = False


@dataclass(frozen=True, slots=True)
class RemovedEntry:
    """An entry that was deleted, and what that did to its book."""

    entry: Entry
    reopened_book: Book | None = None  # finished by the entry, now being read again
    reshelved_book: Book | None = None  # started by the entry, now back to to-read


def parse_ref(text: str) -> tuple[type[ReadingLog] | type[LearningSession], int]:
    """Read an entry id as shown in history: r12 is a reading log, s7 a learning session."""
    raw = (text or "").strip().lower()
    kinds = {"r": ReadingLog, "s": LearningSession}
    if len(raw) >= 2 and raw[0] in kinds and raw[1:].isdigit() and raw.isascii() and len(raw) < 12:
        return kinds[raw[0]], int(raw[1:])
    if raw.isdigit():
        raise InputError(f"entry ids start with r (reading) or s (session): r{raw} or s{raw}?")
    raise InputError(f"{text!r} is not an entry id like r12 (reading) or s7 (session)")
