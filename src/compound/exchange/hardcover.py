"""Hardcover (hardcover.app): the library export CSV (Settings → Export Your Data).

Each row is one book of the library, read by column name: Title, Author, Status
(Want to Read, Currently Reading, Read, Paused, Did Not Finish, Ignored), ISBN 10,
ISBN 13, Pages, Duration in Seconds (an audiobook's length), Date Added, Date
Started, Date Finished, Rating, Review, Lists, Owned, Hardcover Book ID and more.
Days come as 2024-03-15, moments (the review's) as 2024-03-15T10:00:00Z. A row is a
read: a book finished earlier and being read again is two books, as compound keeps
rereads. The export has no day-by-day reading, so a Hardcover import brings books.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ReadOptions,
    check_batch,
    isbn_key,
    name_key,
)
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import read_rows
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage

REQUIRED = ("Title", "Author", "Status", "Date Started", "Date Finished")
OPTIONAL = ("ISBN 10", "ISBN 13", "Pages", "Duration in Seconds", "Hardcover Book ID")

STATUSES = {
    "want to read": BookStatus.TO_READ,
    "currently reading": BookStatus.READING,
    "paused": BookStatus.READING,  # put down for now, not given up
    "read": BookStatus.FINISHED,
    "did not finish": BookStatus.ABANDONED,
}
# Books the reader marked as not for them: not part of their reading at all.
NOT_READING = {"ignored", "none"}

# The longest audiobook taken: a thousand hours is far past any published one.
MAX_DURATION_SECONDS = 3_600_000

# A day, or a moment whose day is kept as written: 2024-03-15, 2024-03-15T10:00:00Z,
# 2024-03-15T10:00:00+01:00, 2024-03-15 10:00:00 UTC, 2024-03-15 10:00:00.123456+00:00.
_MOMENT = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$",
    re.ASCII | re.IGNORECASE,
)
_ROLE = re.compile(r"\([^()]*\)\s*$")  # "Ray Porter (Narrator)"
_SECONDS = re.compile(r"^\d{1,12}(?:\.\d+)?$", re.ASCII)

Read = tuple[BookStatus, date | None, date | None]  # (status, started, finished)


def day_part(value: str, what: str) -> date | None:
    """The day of a date or a moment cell (its time and zone are not needed: the day
    is the one the reader's tool showed); None when the cell is empty."""
    text = value.strip()
    if not text:
        return None
    match = _MOMENT.match(text)
    if not match:
        raise InputError(f"{what} {text!r} is not a date like 2024-03-15")
    return fields.day_or_none(match[1], what)


def writers(value: str) -> str | None:
    """The Author cell's authors, without the contributors it names by their role
    ("Andy Weir, Ray Porter (Narrator)" → "Andy Weir"), so that the book is recognised
    by the author other tools name; the whole cell when every name has a role."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    authors = [name for name in names if not _ROLE.search(name)]
    return fields.person(", ".join(authors) if authors else value)


def minutes_of(value: str) -> int | None:
    """An audiobook's length in seconds as whole minutes, rounded; None when empty."""
    text = value.strip()
    if not text or not _SECONDS.match(text):
        if text:
            raise InputError(f"Duration in Seconds {text!r} is not a number of seconds")
        return None
    seconds = float(text)
    if seconds > MAX_DURATION_SECONDS:
        raise InputError(
            f"Duration in Seconds {text} is more than {MAX_DURATION_SECONDS // 3600:,} hours"
        )
    return int(seconds / 60 + 0.5) or None  # half a minute up, not to the even one


def first_isbn(salvage: Salvage, where: str, cells: list[tuple[str, str]]) -> str | None:
    """The first of (column, text) that is a good ISBN; a malformed one is passed over
    and listed, naming the one used instead."""
    wrong: list[str] = []
    for column, text in cells:
        if not fields.excel_text(text):
            continue
        try:
            found = fields.isbn_or_none(text)
        except InputError as exc:
            wrong.append(f"{column}: {exc}")
            continue
        for problem in wrong:
            salvage.repair(where, problem, f"the {column} was used")
        return found
    for problem in wrong:
        salvage.repair(where, problem, "imported without an ISBN")
    return None


def dated(
    salvage: Salvage, where: str, started: date | None, finished: date | None, reading: bool
) -> tuple[date | None, date | None]:
    """A start after the finish: for a read under way, the finish is an earlier read's
    and the start this one's; otherwise the two were typed the wrong way round."""
    if started is None or finished is None or started <= finished or reading:
        return started, finished
    salvage.repair(
        where,
        f"finished on {finished.isoformat()}, before it was started on {started.isoformat()}",
        "read as started on the earlier day and finished on the later",
    )
    return finished, started


def inferred(
    started: date | None, finished: date | None, stopped: date | None = None
) -> BookStatus:
    """The status a row's dates tell when its own word cannot be read."""
    if finished is not None:
        return BookStatus.FINISHED
    if stopped is not None:
        return BookStatus.ABANDONED
    return BookStatus.READING if started is not None else BookStatus.TO_READ


def reads_of(status: BookStatus, started: date | None, finished: date | None) -> list[Read]:
    """Which books a row's one read and status make: a finish date under another status
    is an earlier read, a finished book of its own (a reread under way, or wanted)."""
    if status == BookStatus.FINISHED:
        return [(status, started, finished)]
    if finished is None:
        return [(status, None if status == BookStatus.TO_READ else started, None)]
    if status == BookStatus.ABANDONED:
        # The day a read was given up on is not a finish.
        return [(status, started if started is None or started <= finished else None, None)]
    earlier = started if started is not None and started <= finished else None
    later = started if started is not None and started > finished else None
    current = (status, later if status == BookStatus.READING else None, None)
    return [(BookStatus.FINISHED, earlier, finished), current]


def cell_of(columns: dict[str, int], name: str) -> Callable[[list[str]], str]:
    """A reader of column `name` in a row, or of nothing when the layout lacks it."""
    place = columns.get(name)
    if place is None:
        return lambda row: ""
    return lambda row: row[place]


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in a Hardcover library export, as books."""
    source = Path(path).name
    columns, rows = read_rows(path, REQUIRED, "a Hardcover library export")
    title_at, author_at, status_at, started_at, finished_at = (columns[n] for n in REQUIRED)
    isbn10, isbn13, pages_of, duration_of, book_id_of = (cell_of(columns, n) for n in OPTIONAL)
    salvage = Salvage(source, strict=options.strict)
    books: list[ImportedBook] = []
    seen: dict[tuple, int] = {}
    for number, row in rows:
        where = f"row {number}"
        try:
            title = fields.title(row[title_at])
        except InputError:
            salvage.skip(where, "no title")
            continue
        word = " ".join(row[status_at].split()).lower()
        if word in NOT_READING:
            salvage.skipped.append((where, f"Status {row[status_at].strip()}: not being read"))
            continue
        author = salvage.cell(where, partial(writers, row[author_at]), None)
        isbn = first_isbn(salvage, where, [("ISBN 13", isbn13(row)), ("ISBN 10", isbn10(row))])
        pages = salvage.cell(where, partial(fields.pages_or_none, pages_of(row), "Pages"), None)
        minutes = salvage.cell(where, partial(minutes_of, duration_of(row)), None)
        started = salvage.cell(where, partial(day_part, row[started_at], "Date Started"), None)
        finished = salvage.cell(where, partial(day_part, row[finished_at], "Date Finished"), None)
        status = STATUSES.get(word)
        started, finished = dated(salvage, where, started, finished, status == BookStatus.READING)
        if status is None:
            status = inferred(started, finished)
            said = row[status_at].strip()
            salvage.repair(
                where,
                f"Status {said!r} is not one of Want to Read, Currently Reading, Read, "
                "Paused, Did Not Finish"
                if said
                else "no Status",
                f"read as {status.value.replace('_', ' ')} from its dates",
            )
        identity = book_id_of(row).strip() or isbn_key(isbn) or (name_key(title), name_key(author))
        key = (identity, status, started, finished)
        if key in seen:
            salvage.skipped.append((where, f"the same book and read as row {seen[key]}"))
            continue
        seen[key] = number
        reads = reads_of(status, started, finished)
        for index, (read_status, read_started, read_finished) in enumerate(reads):
            books.append(
                ImportedBook(
                    ref=where if len(reads) == 1 else f"{where} read {index + 1}",
                    where=where,
                    title=title,
                    author=author,
                    total_pages=pages,
                    isbn=isbn,
                    status=read_status,
                    started_on=read_started,
                    finished_on=read_finished,
                    source="hardcover",
                    total_minutes=minutes,
                )
            )
    batch = ImportBatch(
        kind="hardcover",
        source=source,
        books=tuple(books),
        skipped=tuple(salvage.skipped),
        repaired=tuple(salvage.repaired),
    )
    try:
        check_batch(batch)  # the bounds every import is held to
    except InputError as exc:
        raise InputError(f"{source}, {exc}") from None
    return batch


IMPORTER = Importer("hardcover", "Hardcover library export (CSV)", read)
