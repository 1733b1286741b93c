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

_ROLE = re.compile(r"\([^()]*\)\s*$")  # "Ray Porter (Narrator)"
_SECONDS = re.compile(r"^\d{1,12}(?:\.\d+)?$", re.ASCII)


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


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in a Hardcover library export, as books."""
    source = Path(path).name
    columns, rows = read_rows(path, REQUIRED, "a Hardcover library export")
    # Cells by place rather than by name: a library holds thousands of rows.
    title_at, author_at, status_at, started_at, finished_at = (columns[n] for n in REQUIRED)
    isbn10, isbn13, pages_of, duration_of, book_id_of = (cell_of(columns, n) for n in OPTIONAL)
    salvage = Salvage(source, strict=options.strict)
    books: list[ImportedBook] = []
    seen: dict[tuple, int] = {}
    # A library repeats its statuses, authors, page counts and days: each distinct cell
    # is read once (its day one date object, shared by the rows that name it).
    words: dict[str, str] = {}
    authors: dict[str, str | None] = {}
    counts: dict[str, int | None] = {}
    lengths: dict[str, int | None] = {}
    days: dict[str, date | None] = {}
    remembered = fields.remembered
    pages_in = partial(fields.pages_or_none, what="Pages")
    started_in = partial(day_part, what="Date Started")
    finished_in = partial(day_part, what="Date Finished")
    reading = BookStatus.READING
    for number, row in rows:
        where = f"row {number}"
        try:
            title = fields.title(row[title_at])
        except InputError:
            salvage.skip(where, "no title")
            continue
        said = row[status_at]
        word = words.get(said)
        if word is None:
            word = words[said] = " ".join(said.split()).lower()
        if word in NOT_READING:
            salvage.leave_out(where, f"Status {said.strip()}: not being read")
            continue
        text = row[author_at]
        author = (
            authors[text] if text in authors else remembered(authors, text, writers, salvage, where)
        )
        try:  # a row's ISBNs are its own: checked, not remembered
            isbn = fields.isbn_or_none(isbn13(row), isbn10(row))
        except InputError:
            isbn = first_isbn(salvage, where, [("ISBN 13", isbn13(row)), ("ISBN 10", isbn10(row))])
        text = pages_of(row)
        pages = (
            counts[text] if text in counts else remembered(counts, text, pages_in, salvage, where)
        )
        text = duration_of(row)
        minutes = (
            lengths[text]
            if text in lengths
            else remembered(lengths, text, minutes_of, salvage, where)
        )
        text = row[started_at]
        started = days[text] if text in days else remembered(days, text, started_in, salvage, where)
        text = row[finished_at]
        finished = (
            days[text] if text in days else remembered(days, text, finished_in, salvage, where)
        )
        status = STATUSES.get(word)
        started, finished = dated(salvage, where, started, finished, status == reading)
        if status is None:
            status = inferred(started, finished)
            said = said.strip()
            salvage.repair(
                where,
                f"Status {said!r} is not one of Want to Read, Currently Reading, Read, "
                "Paused, Did Not Finish"
                if said
                else "no Status",
                f"read as {fields.status_word(status)} from its dates",
            )
        identity = book_id_of(row).strip() or isbn_key(isbn) or (name_key(title), name_key(author))
        book = ImportedBook(
            where, where, title, author, pages, isbn, status, started, finished, "hardcover",
            None, minutes,  # link_key, total_minutes
        )  # fmt: skip
        add_reads(books, seen, (identity, status, started, finished), number, salvage, book)
    return fields.batch_of("hardcover", source, books, salvage)


IMPORTER = Importer("hardcover", "Hardcover library export (CSV)", read)
