"""Goodreads: the library export CSV (My Books → Import and export → Export library).

Three header layouts are in the wild, all read alike by column name: 31 columns up
to 2024; 24 in 2025 (without Recommended For/By, Original Purchase Date/Location,
Condition, Condition Description and BCID); 23 in 2026 (also without Average
Rating). ISBNs come as ="0316769487" so that spreadsheets keep their zeros; dates
as 2024/03/15. Each row is one book; its Exclusive Shelf is its status, and Date
Read the day it was last finished. The export has no day-by-day reading, so a
Goodreads import brings books, not logs.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import ImportBatch, ImportedBook, ReadOptions, checked
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import in_row_order, read_rows
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage

REQUIRED = (
    "Book Id",
    "Title",
    "Author",
    "ISBN",
    "ISBN13",
    "Number of Pages",
    "Date Read",
    "Exclusive Shelf",
)

SHELVES = {
    "read": BookStatus.FINISHED,
    "currently-reading": BookStatus.READING,
    "to-read": BookStatus.TO_READ,
}
# Custom exclusive shelves people make for books they gave up on.
GAVE_UP = {
    "did-not-finish",
    "dnf",
    "abandoned",
    "gave-up",
    "not-finished",
    "unfinished",
    "stopped-reading",
}


def shelf_status(shelf: str) -> BookStatus:
    """read, currently-reading, to-read; a did-not-finish shelf; any other custom shelf
    (say "owned" or "wishlist") is not a reading state, so the book is to read."""
    name = shelf.strip().lower()
    if name in SHELVES:
        return SHELVES[name]
    return BookStatus.ABANDONED if name in GAVE_UP else BookStatus.TO_READ


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every row of a Goodreads library export as a book (two for a reread under way).

    A row with a bad cell is kept without it, and listed; a row without a title is
    left out. With `options.strict` the first such problem refuses the file."""
    source = Path(path).name
    salvage = Salvage(source, strict=options.strict)
    columns, rows = read_rows(path, REQUIRED, "a Goodreads library export", salvage)
    # Cells by place rather than by name: a library holds thousands of rows.
    (book_id_at, title_at, author_at, isbn10_at, isbn13_at, pages_at, date_read_at, shelf_at) = (
        columns[name] for name in REQUIRED
    )
    books: list[ImportedBook] = []
    seen: dict[str, int] = {}
    statuses: dict[str, BookStatus] = {}
    finished = BookStatus.FINISHED
    cell = salvage.cell
    for number, row in rows:
        where = f"row {number}"
        try:
            title = fields.title(row[title_at])
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        book_id = row[book_id_at].strip()
        if book_id:
            if book_id in seen:
                salvage.leave_out(
                    where, f"the same Goodreads book ({book_id}) as row {seen[book_id]}"
                )
                continue
            seen[book_id] = number
        date_read = cell(where, partial(fields.day_or_none, row[date_read_at], "Date Read"), None)
        shelf = row[shelf_at]
        status = statuses.get(shelf)
        if status is None:
            if shelf.strip():
                status = statuses[shelf] = shelf_status(shelf)
            else:
                status = finished if date_read is not None else BookStatus.TO_READ
                salvage.repair(
                    where,
                    "Exclusive Shelf is empty",
                    f'read as "{_SHELF_OF[status]}"'
                    + (", from its Date Read" if status == finished else ""),
                )
        author = cell(where, partial(fields.person, row[author_at]), None)
        pages = cell(where, partial(fields.pages_or_none, row[pages_at], "Number of Pages"), None)
        isbn = _isbn(row[isbn13_at], row[isbn10_at], where, salvage)
        if date_read is not None and status != finished:
            # Shelved again after a finished read (a reread under way, or wanted):
            # the earlier read is a finished book of its own, as compound keeps
            # rereads.
            books.append(
                ImportedBook(
                    ref=f"{where} earlier read",
                    where=where,
                    title=title,
                    author=author,
                    total_pages=pages,
                    isbn=isbn,
                    status=finished,
                    finished_on=date_read,
                    source="goodreads",
                )
            )
        books.append(
            ImportedBook(
                ref=where,
                where=where,
                title=title,
                author=author,
                total_pages=pages,
                isbn=isbn,
                status=status,
                finished_on=date_read if status == finished else None,
                source="goodreads",
            )
        )
    return checked(
        ImportBatch(
            kind="goodreads",
            source=source,
            books=tuple(books),
            skipped=in_row_order(salvage.skipped),
            repaired=in_row_order(salvage.repaired),
        )
    )


_SHELF_OF = {status: shelf for shelf, status in SHELVES.items()}


def _isbn(isbn13: str, isbn10: str, where: str, salvage: Salvage) -> str | None:
    """The row's ISBN: its ISBN13, else its ISBN. A cell that is not an ISBN (Goodreads
    has written ones cut short, ="97803167694") is passed over for the other, and
    listed."""
    try:
        return fields.isbn_in(isbn13, "ISBN13") or fields.isbn_in(isbn10, "ISBN")
    except InputError as exc:
        problem = str(exc)
    done = "imported without it"
    if problem.startswith("ISBN13"):
        try:
            other = fields.isbn_in(isbn10, "ISBN")
        except InputError as exc:
            problem, done, other = f"{problem}; {exc}", "imported without either", None
        if other is not None:
            salvage.repair(where, problem, f"imported with its ISBN, {other}")
            return other
    salvage.repair(where, problem, done)
    return None


IMPORTER = Importer("goodreads", "Goodreads library export (CSV)", read)
