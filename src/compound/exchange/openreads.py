"""Openreads: the reading app's CSV export (Settings → Backup → Export to CSV).

Its columns: title, subtitle, author, description, status, favourite, deleted,
rating, pages, publisher, publication_year, isbn, olid, tags, my_review, notes,
book_format, readings, date_added, date_modified. status is finished, in_progress,
planned, abandoned or unknown (0 to 3 for the first four in the app's own backups);
book_format is paperback, hardcover, ebook or audiobook. readings lists every read,
separated by ";", each as start|finish|time: ISO 8601 moments as the app wrote them
(2024-03-15T00:00:00.000, the day at local midnight), either left empty when not
known, and the time read in milliseconds when the person entered one. Exports before
readings had start_date, finish_date and reading_time (milliseconds) instead: one read.

Each read becomes a book of its own, as compound keeps rereads: a read with a finish
day is a finished book, and the row's status applies to the latest read. Books in
Openreads' bin (deleted true) are not imported. An audiobook's length is the time a
finished read of it took, when the person entered one (ImportedBook.total_minutes).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ReadOptions,
    isbn_key,
    name_key,
)
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import collector_held, read_rows
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage

REQUIRED = ("title", "author", "status", "deleted", "pages", "isbn", "book_format")
WHAT = "an Openreads CSV export"

STATUSES = {
    "finished": BookStatus.FINISHED,
    "in_progress": BookStatus.READING,
    "planned": BookStatus.TO_READ,
    "abandoned": BookStatus.ABANDONED,
    # The app's own numbering (its backups): read, in progress, for later, unfinished.
    "0": BookStatus.FINISHED,
    "1": BookStatus.READING,
    "2": BookStatus.TO_READ,
    "3": BookStatus.ABANDONED,
}
# The longest audiobook length believed: a thousand hours.
MAX_AUDIOBOOK_MINUTES = 60_000

Read = tuple[date | None, date | None, int | None]  # (started, finished, minutes read)
Identity = str | tuple[str, str]  # a book as compared: its ISBN-13, or its title and author


class _Days:
    """Openreads' moments as days: as written when local, in the person's zone when not."""

    def __init__(self, options: ReadOptions):
        self.zone = None
        if options.timezone:
            from zoneinfo import ZoneInfo

            self.zone = ZoneInfo(options.timezone)
        # Each moment read, by its text: the app writes the same midnights again and
        # again. At most one entry per cell of the file.
        self.known: dict[str, date | None] = {"": None}

    def start(self, text: str) -> date | None:
        return self._day(text, "reading start")

    def finish(self, text: str) -> date | None:
        return self._day(text, "reading finish")

    def _day(self, text: str, what: str) -> date | None:
        text = text.strip()
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise InputError(f"{what} {text!r} is not a date like 2024-03-15") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.zone)  # zone None: the system's
        return moment.date()


def _minutes(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        ms = float(text)
    except ValueError:
        raise InputError(f"reading time {text!r} is not a number of milliseconds") from None
    if not 0 <= ms <= MAX_AUDIOBOOK_MINUTES * 60_000:
        raise InputError(
            f"reading time {text!r} is not from 0 to {MAX_AUDIOBOOK_MINUTES // 60:,} hours"
        )
    return round(ms / 60_000) or None


def readings(text: str, where: str, days: _Days, salvage: Salvage) -> list[Read]:
    """The reads in a readings cell, oldest first; a bad part is repaired and listed."""
    reads: list[Read] = []
    known, start, finish = days.known, days.start, days.finish
    remembered = fields.remembered
    for part in text.split(";"):
        if not part.strip():
            continue
        pieces = part.split("|")
        if len(pieces) not in (2, 3):
            salvage.repair(where, f"reading {part.strip()!r} is not start|finish|time", "left out")
            continue
        cell = pieces[0]
        started = known[cell] if cell in known else remembered(known, cell, start, salvage, where)
        cell = pieces[1]
        finished = known[cell] if cell in known else remembered(known, cell, finish, salvage, where)
        try:
            minutes = _minutes(pieces[2]) if len(pieces) == 3 and pieces[2] else None
        except InputError as exc:
            salvage.repair(where, str(exc), "left empty")
            minutes = None
        if started and finished and finished < started:
            salvage.repair(
                where,
                f"reading {part.strip()!r} finishes before it starts",
                f"read as from {finished.isoformat()} to {started.isoformat()}",
            )
            started, finished = finished, started
        if started or finished or minutes:
            reads.append((started, finished, minutes))
    if len(reads) < 2:
        return reads
    return sorted(reads, key=lambda r: (r[1] or r[0] or date.max, r[0] or date.min))


def reads_for(status: BookStatus, reads: list[Read]) -> list[tuple[BookStatus, Read]]:
    """Which book each read becomes: every read but the latest is a finished one."""
    if status == BookStatus.FINISHED:
        return [(BookStatus.FINISHED, r) for r in reads] or [(status, (None, None, None))]
    finished: list[Read] = []
    under_way: Read | None = None
    for r in reads:  # one pass: a file holds thousands of rows
        if r[1] is None:
            under_way = r  # the latest read under way
        else:
            finished.append(r)
    current: Read = (None, None, None)
    if under_way is not None:
        current = under_way
    elif status == BookStatus.ABANDONED and finished:
        last = finished.pop()  # the finish of a read given up is when it was given up
        current = (last[0], None, last[2])
    if status == BookStatus.TO_READ:
        current = (None, None, None)  # planned: not started, whatever an old read said
    return [(BookStatus.FINISHED, r) for r in finished] + [(status, current)]


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in an Openreads CSV export, as books."""
    with collector_held():
        return _read(path, options)


def _read(path: Path, options: ReadOptions) -> ImportBatch:
    source = Path(path).name
    columns, rows = read_rows(path, REQUIRED, WHAT)
    if "readings" not in columns and not {"start_date", "finish_date"} <= columns.keys():
        raise InputError(f"{source} is not {WHAT}: its header lacks readings")
    title_at, author_at, status_at, deleted_at, pages_at, isbn_at, format_at = (
        columns[name] for name in REQUIRED
    )
    readings_at = columns.get("readings")
    old_at = [columns.get(name) for name in ("start_date", "finish_date", "reading_time")]
    days = _Days(options)
    salvage = Salvage(source, strict=options.strict)
    books: list[ImportedBook] = []
    # Earlier rows by their status and reads: the one row so far (its number and book),
    # or the first row of each book among them.
    seen: dict[tuple, tuple[int, str | None, str, str | None] | dict[Identity, int]] = {}
    # Cells read well, by their text: an export names the same authors, page counts
    # and statuses again and again. At most one entry per cell of the file.
    authors: dict[str, str | None] = {}
    page_counts: dict[str, int | None] = {}
    author_keys: dict[str | None, str] = {}
    statuses_said: dict[str, str] = {}
    remembered = fields.remembered
    pages_in = partial(fields.pages_or_none, what="pages")

    def identity(isbn: str | None, title: str, author: str | None) -> Identity:
        if isbn:
            return isbn_key(isbn)
        if author not in author_keys:
            author_keys[author] = name_key(author)
        return (name_key(title), author_keys[author])

    for number, row in rows:
        where = f"row {number}"
        deleted = row[deleted_at]
        if deleted != "false" and deleted.strip().lower() == "true":  # "false": most rows
            salvage.leave_out(where, "in Openreads' bin (deleted)")
            continue
        try:
            title = fields.title(row[title_at])
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        text = row[author_at]
        author = (
            authors[text]
            if text in authors
            else remembered(authors, text, fields.person, salvage, where)
        )
        try:
            isbn = fields.isbn_or_none(row[isbn_at])
        except InputError as exc:
            salvage.repair(where, str(exc), "imported without it")
            isbn = None
        text = row[pages_at]
        pages = (
            page_counts[text]
            if text in page_counts
            else remembered(page_counts, text, pages_in, salvage, where)
        )
        text = row[status_at]
        said = statuses_said[text] if text in statuses_said else text.strip().lower()
        statuses_said[text] = said
        if readings_at is not None:
            reads = readings(row[readings_at], where, days, salvage)
        else:  # the export before readings: one read
            reads = readings(
                "|".join("" if place is None else row[place] for place in old_at),
                where,
                days,
                salvage,
            )
        status = STATUSES.get(said)
        if status is None:
            # "unknown", or a word this reader does not know: what the dates say.
            status = BookStatus.FINISHED if any(r[1] for r in reads) else BookStatus.TO_READ
            if said != "unknown":
                salvage.repair(
                    where,
                    f"status {said!r} is not one of finished, in_progress, planned, abandoned",
                    f"read as {fields.status_word(status)} from its readings",
                )
        audiobook = row[format_at].strip().lower() == "audiobook"
        # A row is listed again when its book (by ISBN, or by name) has the same status
        # and reads as an earlier row's. The book's name is compared only among rows of
        # the same status and reads, as making it comparable costs the most; each
        # row's is made once at most.
        shape = (status, tuple(reads))
        earlier = seen.get(shape)
        if earlier is None:
            seen[shape] = (number, isbn, title, author)
        else:
            if isinstance(earlier, tuple):
                first, first_isbn, first_title, first_author = earlier
                earlier = seen[shape] = {identity(first_isbn, first_title, first_author): first}
            same = identity(isbn, title, author)
            if same in earlier:
                salvage.leave_out(where, f"the same book and reads as row {earlier[same]}")
                continue
            earlier[same] = number
        length = None
        if audiobook:
            length = next((r[2] for r in reversed(reads) if r[1] and r[2]), None)
        chosen = reads_for(status, reads)
        for index, (read_status, (started, finished, _minutes_read)) in enumerate(chosen):
            # In ImportedBook's field order: by position, made in half the time.
            books.append(
                ImportedBook(
                    where if len(chosen) == 1 else f"{where} read {index + 1}",  # ref
                    where,
                    title,
                    author,
                    pages,  # total_pages
                    isbn,
                    read_status,
                    started if read_status != BookStatus.TO_READ else None,  # started_on
                    finished if read_status == BookStatus.FINISHED else None,  # finished_on
                    "openreads",  # source
                    None,  # link_key
                    length,  # total_minutes
                )
            )
    return fields.batch_of("openreads", source, books, salvage)


IMPORTER = Importer("openreads", "Openreads CSV export", read)
