"""BookWyrm: the CSV export (Settings → Export Book List), from any instance.

Read by column name, so every layout in the wild reads alike: from 2022, title,
author_text, remote_id, the book's other ids (openlibrary_key, inventaire_id, …,
isbn_10, isbn_13, oclc_number) and the latest review (rating, review_name,
review_cw, review_content); from January 2024 the latest read too (start_date,
finish_date, stopped_date, first written as moments, "2024-01-04 10:00:00+00:00",
then as days), with review_published and the shelf (shelf, shelf_name, shelf_date);
finna_key from 2025, pages from December 2025, libris_key from 2026.

A row is one edition and its latest read; a shelf is to-read, reading, read or
stopped-reading, or one of the reader's own (its identifier "favourites-12"), which
is not a reading state: such a book's state comes from its dates. The same book in
several rows with other dates is a reread, a book of its own.
"""

from __future__ import annotations

import re
from datetime import date
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
from compound.exchange.csvfiles import read_rows
from compound.exchange.fields import (
    add_reads,
    cell_of,
    dated,
    day_part,
    first_isbn,
    inferred,
)
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage

REQUIRED = ("title", "author_text", "remote_id", "isbn_10", "isbn_13")
OPTIONAL = ("pages", "start_date", "finish_date", "stopped_date", "shelf")

SHELVES = {
    "to-read": BookStatus.TO_READ,
    "reading": BookStatus.READING,
    "read": BookStatus.FINISHED,
    "stopped-reading": BookStatus.ABANDONED,
}
# The identifier BookWyrm gives a reader's own shelf: its name's letters, "-", its id.
_OWN_SHELF = re.compile(r"^\w*-\d+$")


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in a BookWyrm CSV export, as books."""
    source = Path(path).name
    columns, rows = read_rows(path, REQUIRED, "a BookWyrm CSV export")
    title_at, author_at, remote_id_at, isbn10_at, isbn13_at = (columns[n] for n in REQUIRED)
    pages_of, start_of, finish_of, stopped_of, shelf_of = (cell_of(columns, n) for n in OPTIONAL)
    salvage = Salvage(source, strict=options.strict)
    books: list[ImportedBook] = []
    seen: dict[tuple, int] = {}
    # A library repeats its authors, page counts and days: each distinct cell is read
    # once (its day one date object, shared by the rows that name it).
    authors: dict[str, str | None] = {}
    counts: dict[str, int | None] = {}
    days: dict[str, date | None] = {}
    remembered = fields.remembered
    pages_in = partial(fields.pages_or_none, what="pages")
    start_in = partial(day_part, what="start_date")
    finish_in = partial(day_part, what="finish_date")
    stopped_in = partial(day_part, what="stopped_date")
    for number, row in rows:
        where = f"row {number}"
        try:
            title = fields.title(row[title_at])
        except InputError:
            salvage.skip(where, "no title")
            continue
        text = row[author_at]
        author = (
            authors[text]
            if text in authors
            else remembered(authors, text, fields.person, salvage, where)
        )
        try:  # a row's ISBNs are its own: checked, not remembered
            isbn = fields.isbn_or_none(row[isbn13_at], row[isbn10_at])
        except InputError:
            isbn = first_isbn(
                salvage, where, [("isbn_13", row[isbn13_at]), ("isbn_10", row[isbn10_at])]
            )
        text = pages_of(row)
        pages = (
            counts[text] if text in counts else remembered(counts, text, pages_in, salvage, where)
        )
        text = start_of(row)
        started = days[text] if text in days else remembered(days, text, start_in, salvage, where)
        text = finish_of(row)
        finished = days[text] if text in days else remembered(days, text, finish_in, salvage, where)
        text = stopped_of(row)
        stopped = days[text] if text in days else remembered(days, text, stopped_in, salvage, where)
        shelf = shelf_of(row).strip()
        status = SHELVES.get(shelf.lower())
        started, finished = dated(salvage, where, started, finished, status == BookStatus.READING)
        if status is None:
            status = inferred(started, finished, stopped)
            if shelf and not _OWN_SHELF.match(shelf):
                salvage.repair(
                    where,
                    f"shelf {shelf!r} is not one of {', '.join(SHELVES)} nor a shelf of "
                    "the reader's own",
                    f"read as {fields.status_word(status)} from its dates",
                )
        identity = (
            row[remote_id_at].strip() or isbn_key(isbn) or (name_key(title), name_key(author))
        )
        book = ImportedBook(
            where, where, title, author, pages, isbn, status, started, finished, "bookwyrm"
        )
        key = (identity, status, started, finished, stopped)
        add_reads(books, seen, key, number, salvage, book)
    return fields.batch_of("bookwyrm", source, books, salvage)


IMPORTER = Importer("bookwyrm", "BookWyrm CSV export", read)
