"""What an import brings in, how its books are recognised, and what it did.

Every importer turns a file into an ImportBatch of plain records; the store then
applies the batch in one transaction. The rules that make an import idempotent
live here, free of any database: a book is recognised by its ISBN, else by its
normalised title and author, and among those by which *read* it is (a reread is a
second book, as `compound book add` makes it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import NamedTuple, overload

from compound.domain.days import MAX_DURATION_MINUTES
from compound.domain.errors import InputError
from compound.domain.goals import check_goal
from compound.domain.quantities import MAX_PAGES_PER_LOG
from compound.domain.records import Book, BookStatus, GoalKind, SessionKind

# More skip days than a hundred years hold is a generated or damaged file, not rest
# anyone took (the command line plans at most a year of them at a time): bounded, an
# import of them stays a matter of seconds.
MAX_SKIP_DAYS = 36_600


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What an importer needs to know about the person: when their day starts, and where."""

    day_starts_at: time = time(0)
    timezone: str | None = None  # IANA name; None means the system's
    # Refuse the file at its first problem rather than salvage the row (`--strict`).
    strict: bool = False
    # What to bring of a source whose habits are generic (Loop): (habit name, what it
    # becomes: "reading" or a learning session's kind), as `--habit "Read=reading"`.
    habits: tuple[tuple[str, str], ...] = ()


# Books and logs are named tuples: as immutable as frozen dataclasses, and made in a
# third of the time, which counts when a file holds thousands of them.
class ImportedBook(NamedTuple):
    ref: str  # how the batch's logs name this book
    where: str  # how messages name its place in the file: "row 7", "books[3]"
    title: str
    author: str | None = None
    total_pages: int | None = None
    isbn: str | None = None
    status: BookStatus = BookStatus.TO_READ
    started_on: date | None = None
    finished_on: date | None = None
    source: str = "manual"
    # Logs imported earlier under keys starting with this (plus ":") name the book:
    # a KOReader book is its file's md5, whatever its title says.
    link_key: str | None = None
    # An audiobook's length (or a book measured in time), in minutes.
    total_minutes: int | None = None


class ImportedLog(NamedTuple):
    where: str
    day: date
    pages: int  # 0 for reading measured only by time: then minutes is set
    book_ref: str | None = None
    minutes: int | None = None
    note: str | None = None
    created_at: datetime | None = None
    started_book: bool = False
    import_key: str | None = None  # set: importing again updates the log with this key


class ImportedPageReads(NamedTuple):
    """An e-reader's page reads of one book (domain/page_reads.py): kept, so another
    device's file adds to them and the book's days are counted from all of them."""

    book_ref: str
    link_key: str  # the book as its logs' import keys begin: koreader:<md5>
    reads: bytes  # packed by domain/page_reads.py's pack
    book_pages: int | None = None  # the book's current page count, reads rescale to it


@dataclass(frozen=True, slots=True)
class ImportedSession:
    where: str
    day: date
    minutes: int
    kind: SessionKind = SessionKind.OTHER
    topic: str | None = None
    note: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportedGoal:
    where: str
    kind: GoalKind
    target: int
    since: date
    schedule: str | None = None


@dataclass(frozen=True, slots=True)
class ImportedSkip:
    where: str
    day: date
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """Everything one file holds, checked and ready to apply."""

    kind: str  # the importer's name: goodreads, storygraph, koreader, compound
    source: str  # the file, as messages name it
    books: tuple[ImportedBook, ...] = ()
    logs: tuple[ImportedLog, ...] = ()
    sessions: tuple[ImportedSession, ...] = ()
    goals: tuple[ImportedGoal, ...] = ()
    skips: tuple[ImportedSkip, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()  # (where, why) for rows left out while reading
    # (where, what was wrong and what was done) for rows kept with what could be trusted
    repaired: tuple[tuple[str, str], ...] = ()
    # Page reads kept per book; their books' logs (in `logs`) are counted again from
    # the reads kept and these, placed on days by `placement`'s day start and zone.
    page_reads: tuple[ImportedPageReads, ...] = ()
    placement: ReadOptions = ReadOptions()

    @property
    def size(self) -> int:
        """How many records applying the batch goes through (the progress bar's total)."""
        return (
            len(self.books)
            + len(self.logs)
            + len(self.sessions)
            + len(self.goals)
            + len(self.skips)
        )


def check_read_days(started_on: date | None, finished_on: date | None) -> None:
    """A read finishes on or after the day it started, as the command line keeps it."""
    if started_on is not None and finished_on is not None and finished_on < started_on:
        raise InputError(
            f"finished on {finished_on.isoformat()}, before it was started on "
            f"{started_on.isoformat()}"
        )


def check_batch(batch: ImportBatch) -> None:
    """Hold what a file brings to the bounds anything typed is held to: a read's days
    in order, a log's pages and minutes, a goal's target and schedule, and a number
    of skip days a life could hold. Refusals name the record ("books[3]: …")."""
    for book in batch.books:
        try:
            check_read_days(book.started_on, book.finished_on)
        except InputError as exc:
            raise InputError(f"{book.where}: {exc}") from None
    for log in batch.logs:
        # Reading by time (an audiobook, a Kindle session) has minutes and 0 pages.
        if not (1 if log.minutes is None else 0) <= log.pages <= MAX_PAGES_PER_LOG:
            raise InputError(
                f"{log.where}: {log.pages:,} pages is not from 1 to {MAX_PAGES_PER_LOG:,}"
            )
        if log.minutes is not None and not 1 <= log.minutes <= MAX_DURATION_MINUTES:
            raise InputError(f"{log.where}: {log.minutes:,} minutes is more than a day")
    for session in batch.sessions:
        if not 1 <= session.minutes <= MAX_DURATION_MINUTES:
            raise InputError(f"{session.where}: {session.minutes:,} minutes is more than a day")
    for goal in batch.goals:
        try:
            check_goal(goal.kind, goal.target, goal.schedule)
        except InputError as exc:
            raise InputError(f"{goal.where}: {exc}") from None
    if len(batch.skips) > MAX_SKIP_DAYS:
        raise InputError(
            f"{len(batch.skips):,} skip days are more than a hundred years of days "
            f"({MAX_SKIP_DAYS:,}); nobody rests that long"
        )


def checked(batch: ImportBatch) -> ImportBatch:
    """`batch`, held to check_batch: every importer's last step; a refusal names the file."""
    try:
        check_batch(batch)
    except InputError as exc:
        raise InputError(f"{batch.source}, {exc}") from None
    return batch


@dataclass(slots=True)
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0  # already there, as the file has it


@dataclass(slots=True)
class ImportSummary:
    """What applying a batch did (or, in a dry run, would do)."""

    kind: str
    source: str
    dry_run: bool = False
    books: Tally = field(default_factory=Tally)
    reading_logs: Tally = field(default_factory=Tally)
    sessions: Tally = field(default_factory=Tally)
    goals: Tally = field(default_factory=Tally)
    skips: Tally = field(default_factory=Tally)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    repaired: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            t.added or t.updated
            for t in (self.books, self.reading_logs, self.sessions, self.goals, self.skips)
        )


# -- recognising books ------------------------------------------------------------------

# A series marker at the end of a title, as Goodreads writes it: "Dune (Dune #1)",
# "A Natural History of Dragons (The Memoirs of Lady Trent, #1)".
_SERIES = re.compile(r"\s*\([^()]*#\s*\d+(?:\.\d+)?\)\s*$")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is what str.isalnum() accepts, plus "_"


def name_key(text: str | None) -> str:
    """A title or an author as compared across sources: case, accents' composed forms,
    punctuation, spacing and a trailing series marker do not matter."""
    if not text:
        return ""
    folded = _SERIES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(_NOT_ALNUM.sub(" ", folded).split())


@overload
def isbn_key(isbn: str) -> str: ...
@overload
def isbn_key(isbn: None) -> None: ...
def isbn_key(isbn: str | None) -> str | None:
    """An ISBN as compared across sources: an ISBN-10 as the ISBN-13 it stands for, so
    0375704027 and 9780375704024 are one book. Expects a checked ISBN."""
    if not isbn or len(isbn) != 10:
        return isbn
    body = "978" + isbn[:9]
    check = (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body)) % 10) % 10
    return body + str(check)


def same_author(one: str | None, other: str | None) -> bool:
    """Authors agree, or one side does not say (a book added by hand without one)."""
    return not one or not other or name_key(one) == name_key(other)


_RANK = {
    BookStatus.TO_READ: 0,
    BookStatus.READING: 1,
    BookStatus.ABANDONED: 2,
    BookStatus.FINISHED: 3,
}


def _is_open(book: Book) -> bool:
    return book.status in (BookStatus.TO_READ, BookStatus.READING) and book.finished_on is None


def _fit(record: ImportedBook, book: Book) -> int | None:
    """How well `book` fits as the read `record` describes (lower is better), or None."""
    if (book.status, book.started_on, book.finished_on, book.total_pages) == (
        record.status,
        record.started_on,
        record.finished_on,
        record.total_pages,
    ):
        return 0
    if record.finished_on is not None:
        if book.finished_on == record.finished_on:
            return 1
        if _is_open(book) and (book.started_on is None or book.started_on <= record.finished_on):
            return 3  # the book being read here was finished there
        return None  # another read of the same book
    if book.finished_on is None:
        return 2 if book.status == record.status else 3
    if record.started_on is not None and book.started_on == record.started_on:
        return 2  # the same read, further along here
    return None


def choose_match(record: ImportedBook, candidates: Sequence[Book]) -> Book | None:
    """Of the books sharing `record`'s identity, the one that is the same read, if any."""
    fits = [
        (score, index)
        for index, book in enumerate(candidates)
        if (score := _fit(record, book)) is not None
    ]
    return candidates[min(fits)[1]] if fits else None


def changes_for(book: Book, record: ImportedBook) -> dict[str, object]:
    """What `record` adds to the matched `book`: a status further along, and any detail
    the book lacks. Nothing moves backwards, so applying it twice changes nothing."""
    changes: dict[str, object] = {}
    status = book.status
    if _RANK[record.status] > _RANK[book.status]:
        status = changes["status"] = record.status
    started = book.started_on
    if started is None and record.started_on is not None and status != BookStatus.TO_READ:
        started = changes["started_on"] = record.started_on
    if (
        status == BookStatus.FINISHED
        and book.finished_on is None
        and record.finished_on is not None
        and (started is None or started <= record.finished_on)
    ):
        changes["finished_on"] = record.finished_on
    for name in ("author", "total_pages", "isbn", "total_minutes"):
        if getattr(book, name) is None and getattr(record, name) is not None:
            changes[name] = getattr(record, name)
    total_pages = changes.get("total_pages")
    if isinstance(total_pages, int) and total_pages < book.pages_read:
        del changes["total_pages"]  # shorter than what was logged here: not this edition
    total_minutes = changes.get("total_minutes")
    if isinstance(total_minutes, int) and total_minutes < book.minutes_read:
        del changes["total_minutes"]  # shorter than what was listened to here
    return changes
