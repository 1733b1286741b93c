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

from pathlib import Path

from compound.domain.imports import ImportBatch, ImportedBook, ReadOptions
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import at, read_table
from compound.exchange.registry import Importer

REQUIRED = ("Book Id", "Title", "Author", "ISBN", "ISBN13", "Number of Pages", "Date Read",
            "Exclusive Shelf")

SHELVES = {"read": BookStatus.FINISHED, "currently-reading": BookStatus.READING,
           "to-read": BookStatus.TO_READ}
# Custom exclusive shelves people make for books they gave up on.
GAVE_UP = {"did-not-finish", "dnf", "abandoned", "gave-up", "not-finished", "unfinished",
           "stopped-reading"}


def shelf_status(shelf: str) -> BookStatus:
    """read, currently-reading, to-read; a did-not-finish shelf; any other custom shelf
    (say "owned" or "wishlist") is not a reading state, so the book is to read."""
    name = shelf.strip().lower()
    if name in SHELVES:
        return SHELVES[name]
    return BookStatus.ABANDONED if name in GAVE_UP else BookStatus.TO_READ


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every row of a Goodreads library export as a book (two for a reread under way)."""
    source = Path(path).name
    _header, rows = read_table(path, REQUIRED, "a Goodreads library export")
    books: list[ImportedBook] = []
    skipped: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for number, row in rows:
        where = f"row {number}"
        with at(source, where):
            book_id = row["Book Id"].strip()
            if book_id and book_id in seen:
                skipped.append((where, f"the same Goodreads book ({book_id}) as row "
                                       f"{seen[book_id]}"))
                continue
            if book_id:
                seen[book_id] = number
            status = shelf_status(row["Exclusive Shelf"])
            date_read = fields.day_or_none(row["Date Read"], "Date Read")
            common = dict(title=fields.title(row["Title"]), author=fields.person(row["Author"]),
                          total_pages=fields.pages_or_none(row["Number of Pages"],
                                                           "Number of Pages"),
                          isbn=fields.isbn_or_none(row["ISBN13"], row["ISBN"]),
                          source="goodreads")
        if date_read is not None and status != BookStatus.FINISHED:
            # Shelved again after a finished read (a reread under way, or wanted): the
            # earlier read is a finished book of its own, as compound keeps rereads.
            books.append(ImportedBook(ref=f"{where} earlier read", where=where,
                                      status=BookStatus.FINISHED, finished_on=date_read,
                                      **common))
        books.append(ImportedBook(ref=where, where=where, status=status,
                                  finished_on=date_read if status == BookStatus.FINISHED
                                  else None, **common))
    return ImportBatch(kind="goodreads", source=source, books=tuple(books),
                       skipped=tuple(skipped))


IMPORTER = Importer("goodreads", "Goodreads library export (CSV)", read)
