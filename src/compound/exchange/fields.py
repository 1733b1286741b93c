"""Reading the cells of other tools' exports: ISBNs, dates, counts and names; and the
reads a row's status and dates make (Hardcover and BookWyrm alike)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from compound.domain.errors import InputError
from compound.domain.imports import ImportBatch, ImportedBook, check_read_days, checked
from compound.domain.quantities import MAX_BOOK_PAGES, parse_whole
from compound.domain.records import BookStatus
from compound.domain.text import clean_text, normalise_isbn
from compound.exchange.salvage import Salvage

T = TypeVar("T")

_DAY = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$", re.ASCII)
_ISBN10_X = re.compile(r"^\d{9}X$", re.ASCII)
# A day, or a moment whose day is kept as written: 2024-03-15, 2024-03-15T10:00:00Z,
# 2024-03-15T10:00:00+01:00, 2024-03-15 10:00:00 UTC, 2024-03-15 10:00:00.123456+00:00.
_MOMENT = re.compile(
    r"^(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$",
    re.ASCII | re.IGNORECASE,
)

Read = tuple[BookStatus, date | None, date | None]  # (status, started, finished)


def excel_text(value: str) -> str:
    """A cell written as ="…" to stop spreadsheets eating leading zeros (Goodreads'
    ISBNs), as its plain text."""
    text = value.strip()
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1]
    return text.strip()


def day_or_none(value: str, what: str) -> date | None:
    """A date written 2024/03/15 (or 2024-03-15); None when the cell is empty."""
    text = value.strip()
    if not text:
        return None
    match = _DAY.match(text)
    if not match:
        raise InputError(f"{what} {text!r} is not a date like 2024/03/15")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise InputError(f"{what} {text!r} is not a real date ({exc})") from None


def pages_or_none(value: str, what: str = "the page count") -> int | None:
    """A book's page count; None when the cell is empty or 0 (the length is unknown)."""
    text = value.strip()
    if not text or text == "0":
        return None
    return parse_whole(text, what, high=MAX_BOOK_PAGES)


def isbn_in(value: str, column: str) -> str | None:
    """The ISBN in the cell of `column` (written plain or as ="…"); None when empty.
    Refused, naming the column, when it is not an ISBN: a typo, or a number a
    spreadsheet or the exporting tool cut short."""
    text = excel_text(value)
    if not text:
        return None
    try:
        return normalise_isbn(text)
    except InputError:
        digits = text.replace("-", "").replace(" ", "").upper()
        numeric = digits.isascii() and digits.isdigit()
        if numeric and len(digits) in (10, 13) or _ISBN10_X.match(digits):
            why = "its check digit is wrong"
        elif numeric:
            why = f"it has {len(digits)} digits, not 10 or 13"
        else:
            why = "an ISBN is 10 or 13 digits"
        raise InputError(f"{column} {quoted(text)} is not an ISBN ({why})") from None


def quoted(text: str, limit: int = 60) -> str:
    """A cell's text in double quotes, as a message shows what a file held; a long one
    cut short, so that one line stays one line."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.isprintable():  # a line break or a control character in the cell
        text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return '"' + text.replace('"', '\\"') + '"'


def isbn_or_none(*values: str) -> str | None:
    """The first non-empty ISBN among `values`, checked; refused when it is wrong."""
    for value in values:
        text = excel_text(value)
        if text:
            return normalise_isbn(text)
    return None


def title(value: str) -> str:
    return clean_text(value, "the title", required=True)


def person(value: str | None) -> str | None:
    """An author's name; None when empty."""
    return clean_text(value, "the author")


def day_part(value: str, what: str) -> date | None:
    """The day of a date or a moment cell (its time and zone are not needed: the day
    is the one the reader's tool showed); None when the cell is empty."""
    text = value.strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == text[7] == "-" and text.isascii():
        try:  # the usual 2024-03-15, read at once; anything else as below
            return date.fromisoformat(text)
        except ValueError:
            pass
    match = _MOMENT.match(text)
    if not match:
        raise InputError(f"{what} {text!r} is not a date like 2024-03-15")
    return day_or_none(match[1], what)


def remembered(
    known: dict[str, T],
    text: str,
    read: Callable[[str], T],
    salvage: Salvage | None = None,
    where: str = "",
    done: str = "left empty",
) -> T | None:
    """`read(text)`, kept in `known` for the rows that repeat the cell (a library's
    statuses, dates and authors recur); None, listed, when it refuses the cell. Only
    what was read is kept: a refusal is listed for each row it is in. Callers look in
    `known` first themselves (`known[text] if text in known else remembered(…)`): a
    call for each cell of a large file costs. Without `salvage` a refusal is not
    listed here: the caller reads the row again to list it its own way."""
    try:
        value = read(text)
    except InputError as exc:
        if salvage is not None:
            salvage.repair(where, str(exc), done)
        return None
    known[text] = value
    return value


def first_isbn(salvage: Salvage, where: str, cells: list[tuple[str, str]]) -> str | None:
    """The first of (column, text) that is a good ISBN; a malformed one is passed over
    and listed, naming the one used instead."""
    wrong: list[str] = []
    for column, text in cells:
        if not excel_text(text):
            continue
        try:
            found = isbn_or_none(text)
        except InputError as exc:
            wrong.append(f"{column}: {exc}")
            continue
        for problem in wrong:
            salvage.repair(where, problem, f"the {column} was used")
        return found
    for problem in wrong:
        salvage.repair(where, problem, "imported without an ISBN")
    return None


def cell_of(columns: dict[str, int], name: str) -> Callable[[list[str]], str]:
    """A reader of column `name` in a row, or of nothing when the layout lacks it."""
    place = columns.get(name)
    if place is None:
        return lambda row: ""
    return lambda row: row[place]


def dated(
    salvage: Salvage, where: str, started: date | None, finished: date | None, reading: bool
) -> tuple[date | None, date | None]:
    """A start after the finish: for a read under way, the finish is an earlier read's
    and the start this one's; otherwise the two were typed the wrong way round."""
    if started is None or finished is None or started <= finished or reading:
        return started, finished
    try:
        check_read_days(started, finished)
    except InputError as exc:
        salvage.repair(
            where, str(exc), "read as started on the earlier day and finished on the later"
        )
    return finished, started


def status_word(status: BookStatus) -> str:
    """A status as a message names it: "to read", "did not finish"."""
    return status.value.replace("_", " ")


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


def add_reads(
    books: list[ImportedBook],
    seen: dict[tuple, int],
    key: tuple,
    number: int,
    salvage: Salvage,
    book: ImportedBook,
) -> None:
    """The reads a row makes (`reads_of` its status and days), as copies of `book`;
    none when an earlier row (its number in `seen` by `key`) was the same book and read,
    which is listed as left out."""
    where = book.where
    if key in seen:
        salvage.leave_out(where, f"the same book and read as row {seen[key]}")
        return
    seen[key] = number
    reads = reads_of(book.status, book.started_on, book.finished_on)
    if len(reads) == 1 and reads[0] == (book.status, book.started_on, book.finished_on):
        books.append(book)
        return
    for index, (status, started, finished) in enumerate(reads):
        books.append(
            book._replace(
                ref=where if len(reads) == 1 else f"{where} read {index + 1}",
                status=status,
                started_on=started,
                finished_on=finished,
            )
        )


def batch_of(kind: str, source: str, books: list[ImportedBook], salvage: Salvage) -> ImportBatch:
    """A file's books, with what was repaired and left out, held to a batch's bounds."""
    return checked(
        ImportBatch(
            kind=kind,
            source=source,
            books=tuple(books),
            skipped=tuple(salvage.skipped),
            repaired=tuple(salvage.repaired),
        )
    )
