"""KOReader (and Readest): the e-reader's statistics database (statistics.sqlite3).

Its table page_stat_data has a row per page turned: id_book, page, start_time (Unix
seconds), duration (seconds on the page) and total_pages (the book's page count in
the layout of the moment; a smaller font means more pages). Readest keeps its
statistics in the same schema, so `compound import readest` is this importer.

Each book's page reads that can be trusted are packed into the batch (see
domain/page_reads.py) with its pages and minutes per logical day, in the person's
time zone and day start: pages rescaled to the book's current count (book.pages)
as KOReader's own page_stat view does, distinct pages and seconds summed per day.
Each (book, day) becomes one reading log keyed by the book's md5. Applying the
batch merges the reads with those kept from earlier files (another device's), and
counts the book's days again from all of them. Page reads no reading can have are
left out and listed (with strict, the first refuses the file).
"""

from __future__ import annotations

import sqlite3
from array import array
from bisect import bisect_left, bisect_right
from itertools import chain
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ImportedLog,
    ImportedPageReads,
    ReadOptions,
    checked,
)
from compound.domain.page_reads import PageReads, day_logs, days, pack
from compound.domain.quantities import MAX_BOOK_PAGES
from compound.domain.records import BookStatus
from compound.domain.text import clean_text
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage
from compound.words.numbers import plural

# A page read whose numbers no reading can have is left out rather than trusted: a
# page beyond any book's length, a page open for more than a day, a time past what
# a date can hold (the file is someone's, but it may be damaged or hand-edited).
_LONGEST_PAGE_SECONDS = 24 * 3600
_LATEST_TIME = 253_402_000_000  # late in December 9999, the last year a date can hold

_WANTED = {
    "book": {"id", "title", "authors", "pages", "md5"},
    "page_stat_data": {"id_book", "page", "start_time", "duration", "total_pages"},
}


_NAMES = {"koreader": "KOReader", "readest": "Readest"}


def _open(path: Path, name: str) -> sqlite3.Connection:
    if not path.exists():
        raise InputError(f"there is no file {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a {name} statistics file")
    # Read-only: the person's copy stays as it was (a WAL beside it is still read).
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # A damaged file can hold text that is not UTF-8: read it with replacement
    # characters rather than fail on it.
    con.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        tables = {
            table: {
                row[0] for row in con.execute("SELECT name FROM pragma_table_info(?)", (table,))
            }
            for table in _WANTED
        }
    except sqlite3.DatabaseError:
        con.close()
        raise InputError(
            f"{path.name} is not a SQLite database; expected {name}'s statistics.sqlite3"
        ) from None
    except UnicodeDecodeError:
        # SQLite's own message quotes the damaged schema, and is not UTF-8 either.
        con.close()
        raise InputError(
            f"{path.name} is a damaged SQLite database (its schema cannot be read)"
        ) from None
    for table, columns in _WANTED.items():
        if not tables[table]:
            con.close()
            raise InputError(
                f"{path.name} is not a {name} statistics database: it has no table {table}"
            )
        if not columns <= tables[table]:
            con.close()
            lacking = ", ".join(sorted(columns - tables[table]))
            raise InputError(
                f"{path.name} is not a {name} statistics database: table {table} lacks {lacking}"
            )
    return con


def _pages(value: object) -> bool:
    """Whether a book's page count is one a book can have."""
    return isinstance(value, int) and 0 < value <= MAX_BOOK_PAGES


def _text(value: object) -> str | None:
    """A text column as text: SQLite lets a damaged file hold a number or bytes there."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _authors(text: str | None) -> str | None:
    # KOReader writes "N/A" for a book without authors, and one author per line.
    names = [n.strip() for n in (text or "").splitlines() if n.strip() and n.strip() != "N/A"]
    return clean_text(", ".join(names), "the author") if names else None


# Why a page read is left out, in the order it is asked: what the summary says of
# them, numbered as the CASE in _REASONS numbers them. The bounds are given as
# parameters (_BOUNDS), never written into the statement.
_LEFT_OUT = (
    "of a book the file does not list",
    "without a page or a time",
    "of no time at all",
    "beyond the last page of any book",
    "of more than a day on one page",
    "at a time no calendar holds",
)
_BOUNDS = (MAX_BOOK_PAGES, _LONGEST_PAGE_SECONDS, _LATEST_TIME)
_FIRST_LEFT_OUT = """
SELECT rowid, reason FROM (
    SELECT rowid, CASE
        WHEN typeof(id_book) != 'integer'
            OR id_book NOT IN (SELECT id FROM book WHERE typeof(id) = 'integer') THEN 0
        WHEN typeof(page) != 'integer' OR typeof(start_time) != 'integer'
            OR page < 1 OR start_time <= 0 THEN 1
        WHEN typeof(duration) != 'integer' OR duration <= 0 THEN 2
        WHEN page > ? THEN 3
        WHEN duration > ? THEN 4
        WHEN start_time >= ? THEN 5
    END AS reason FROM page_stat_data
) WHERE reason IS NOT NULL ORDER BY rowid LIMIT 1
"""
_LEFT_OUT_COUNTS = """
SELECT reason, count(*) FROM (
    SELECT CASE
        WHEN typeof(id_book) != 'integer'
            OR id_book NOT IN (SELECT id FROM book WHERE typeof(id) = 'integer') THEN 0
        WHEN typeof(page) != 'integer' OR typeof(start_time) != 'integer'
            OR page < 1 OR start_time <= 0 THEN 1
        WHEN typeof(duration) != 'integer' OR duration <= 0 THEN 2
        WHEN page > ? THEN 3
        WHEN duration > ? THEN 4
        WHEN start_time >= ? THEN 5
    END AS reason FROM page_stat_data
) WHERE reason IS NOT NULL GROUP BY reason
"""

# Every page read that can be trusted (none of the above), in the order the days are
# counted in. SQLite does the checking and the sorting; Python sees only numbers. Not
# by an index: the unique one would be searched (the page's bounds) and each read then
# looked up, slower than reading the table through and sorting it.
_READS = """
SELECT id_book, start_time, page, duration,
    CASE WHEN typeof(total_pages) = 'integer' AND total_pages > 0 THEN total_pages ELSE 0 END
FROM page_stat_data NOT INDEXED
WHERE typeof(id_book) = 'integer'
    AND id_book IN (SELECT id FROM book WHERE typeof(id) = 'integer')
    AND typeof(page) = 'integer' AND typeof(start_time) = 'integer'
    AND typeof(duration) = 'integer'
    AND page BETWEEN 1 AND ? AND duration BETWEEN 1 AND ? AND start_time > 0 AND start_time < ?
ORDER BY id_book, start_time, page
"""
# The same, one per (book, start, page), for a file whose table does not say so itself
# (KOReader's has a unique index; a file written by another program may hold a read
# twice): the longer is kept, SQLite's bare columns being those of the max().
_READS_ONCE = """
SELECT id_book, start_time, page, max(duration),
    CASE WHEN typeof(total_pages) = 'integer' AND total_pages > 0 THEN total_pages ELSE 0 END
FROM page_stat_data NOT INDEXED
WHERE typeof(id_book) = 'integer'
    AND id_book IN (SELECT id FROM book WHERE typeof(id) = 'integer')
    AND typeof(page) = 'integer' AND typeof(start_time) = 'integer'
    AND typeof(duration) = 'integer'
    AND page BETWEEN 1 AND ? AND duration BETWEEN 1 AND ? AND start_time > 0 AND start_time < ?
GROUP BY id_book, start_time, page
ORDER BY id_book, start_time, page
"""


def _each_read_once(con: sqlite3.Connection) -> bool:
    """Whether the table holds each (book, page, start) at most once (a unique index)."""
    for _seq, index, unique, *_ in con.execute("PRAGMA index_list(page_stat_data)").fetchall():
        if unique:
            columns = {
                row[2]
                for row in con.execute("SELECT * FROM pragma_index_info(?)", (index,)).fetchall()
            }
            if columns == {"id_book", "page", "start_time"}:
                return True
    return False


def _left_out(con: sqlite3.Connection, salvage: Salvage, kept: int) -> dict[int, int]:
    """How many page reads are left out, by reason (the number in _LEFT_OUT); with
    strict, the file is refused at the first."""
    total = con.execute("SELECT count(*) FROM page_stat_data").fetchone()[0]
    if total == kept:
        return {}  # all of them kept: no need to read the file again
    if salvage.strict:
        first = con.execute(_FIRST_LEFT_OUT, _BOUNDS).fetchone()
        if first is not None:
            salvage.skip(f"page_stat_data row {first[0]}", f"a page read {_LEFT_OUT[first[1]]}")
    return dict(con.execute(_LEFT_OUT_COUNTS, _BOUNDS).fetchall())


def read(path: Path, options: ReadOptions, *, kind: str = "koreader") -> ImportBatch:
    """Books with page reads, their pages and minutes per logical day, and the page
    reads themselves (kept, so another device's file adds to them). With strict,
    the first page read that cannot be trusted refuses the file."""
    path = Path(path)
    source = path.name
    salvage = Salvage(source, strict=options.strict)
    con = _open(path, _NAMES[kind])
    try:
        books = {
            row[0]: row
            for row in con.execute("SELECT id, title, authors, pages, md5 FROM book ORDER BY id")
        }
        # Five numbers a read, flat, in one array: no Python object per read.
        query = _READS if _each_read_once(con) else _READS_ONCE
        flat = array("q", chain.from_iterable(con.execute(query, _BOUNDS)))
        left_out = _left_out(con, salvage, len(flat) // 5)
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{source} cannot be read ({exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{source} cannot be read (it is damaged)") from None
    finally:
        con.close()

    ids = flat[0::5]
    batch_books: list[ImportedBook] = []
    logs: list[ImportedLog] = []
    page_reads: list[ImportedPageReads] = []
    outside = 0
    empty: list[tuple[str, str]] = []
    cut: list[tuple[str, str]] = []
    for id_book, (_id, title, authors, total_pages, md5) in books.items():
        where = f"book {id_book}"
        first = bisect_left(ids, id_book) if isinstance(id_book, int) else 0
        end = bisect_right(ids, id_book, first) if isinstance(id_book, int) else 0
        reads = PageReads(*(flat[5 * first + n : 5 * end : 5] for n in range(1, 5)))
        current = total_pages if _pages(total_pages) else None
        counted, left = days(reads, current, options.day_starts_at, options.timezone)
        outside += left
        if not counted:
            empty.append((f"{where} ({title or 'untitled'})", "no page reads"))
            continue
        link = f"koreader:{md5 or f'book-{id_book}'}"
        try:
            batch_books.append(
                ImportedBook(
                    ref=where,
                    where=where,
                    # KOReader names a book without metadata after its file; never blank.
                    title=clean_text(_text(title), "the title") or f"KOReader book {id_book}",
                    author=_authors(_text(authors)),
                    total_pages=current,
                    status=BookStatus.READING,
                    started_on=counted[0].day,
                    source=kind,
                    link_key=link,
                )
            )
        except InputError as exc:
            raise InputError(f"{source}, {where}: {exc}") from None
        book_logs, book_cut = day_logs(where, where, link, counted)
        logs += book_logs
        cut += book_cut
        page_reads.append(ImportedPageReads(where, link, pack(reads), current))
    if outside:
        left_out[len(_LEFT_OUT) - 1] = left_out.get(len(_LEFT_OUT) - 1, 0) + outside
    for number, why in enumerate(_LEFT_OUT):
        if left_out.get(number):
            salvage.skip(
                "page_stat_data", f"{plural(left_out[number], 'page read', 'page reads')} {why}"
            )
    return checked(
        ImportBatch(
            kind=kind,
            source=source,
            books=tuple(batch_books),
            logs=tuple(logs),
            skipped=tuple(salvage.skipped + empty + cut),
            page_reads=tuple(page_reads),
            placement=ReadOptions(options.day_starts_at, options.timezone),
        )
    )


def read_readest(path: Path, options: ReadOptions) -> ImportBatch:
    """Readest's statistics, which it keeps in KOReader's schema."""
    return read(path, options, kind="readest")


IMPORTER = Importer("koreader", "KOReader statistics database (statistics.sqlite3)", read)
READEST = Importer(
    "readest", "Readest reading statistics (KOReader's statistics.sqlite3 schema)", read_readest
)
