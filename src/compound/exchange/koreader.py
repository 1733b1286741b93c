"""KOReader: the e-reader's statistics database (koreader/settings/statistics.sqlite3).

Its table page_stat_data has a row per page turned: id_book, page, start_time (Unix
seconds), duration (seconds on the page) and total_pages (the book's page count in
the layout of the moment; a smaller font means more pages). Pages are rescaled to
the book's current count (book.pages) as KOReader's own page_stat view does (never
past its last page), then each book's distinct pages and seconds are summed per
logical day, in the person's time zone and day start; a day counts at most the pages
one log may hold, and the import's summary says where it was cut. Each (book, day)
becomes one reading log keyed by the book's md5, so importing a newer copy of the
file updates those days.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from compound.domain.days import MAX_DURATION_MINUTES, logical_day
from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ImportedLog,
    ReadOptions,
    check_batch,
)
from compound.domain.quantities import MAX_BOOK_PAGES, MAX_PAGES_PER_LOG
from compound.domain.records import BookStatus
from compound.domain.text import clean_text
from compound.exchange.registry import Importer
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


def _open(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise InputError(f"there is no file {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a KOReader statistics file")
    # Read-only: the person's copy stays as it was (a WAL beside it is still read).
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    # A damaged file can hold text that is not UTF-8: read it with replacement
    # characters rather than fail on it.
    con.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        tables = {
            name: {row[0] for row in con.execute("SELECT name FROM pragma_table_info(?)", (name,))}
            for name in _WANTED
        }
    except sqlite3.DatabaseError:
        con.close()
        raise InputError(
            f"{path.name} is not a SQLite database; expected KOReader's statistics.sqlite3"
        ) from None
    except UnicodeDecodeError:
        # SQLite's own message quotes the damaged schema, and is not UTF-8 either.
        con.close()
        raise InputError(
            f"{path.name} is a damaged SQLite database (its schema cannot be read)"
        ) from None
    for name, columns in _WANTED.items():
        if not tables[name]:
            con.close()
            raise InputError(
                f"{path.name} is not a KOReader statistics database: it has no table {name}"
            )
        if not columns <= tables[name]:
            con.close()
            lacking = ", ".join(sorted(columns - tables[name]))
            raise InputError(
                f"{path.name} is not a KOReader statistics database: table {name} lacks {lacking}"
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


def _day_of(options: ReadOptions):
    zone = None
    if options.timezone:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(options.timezone)

    def day_of(timestamp: int) -> date:
        moment = datetime.fromtimestamp(timestamp, zone)  # zone None: the system's
        return logical_day(moment.replace(tzinfo=None), options.day_starts_at)

    return day_of


def _days_read(books: dict, reads, day_of) -> tuple[dict, dict, dict]:
    """The pages (as runs [first, last] of the book's current pages) and seconds read
    of each book on each logical day, and how many page reads were left out, by reason.

    Runs rather than a set of pages: one page of a 1-page layout is all 50,000 pages
    of the book now, and a set of them for each read took gigabytes.
    """
    runs: dict[tuple[int, date], list[list[int]]] = defaultdict(list)
    seconds: dict[tuple[int, date], int] = defaultdict(int)
    dropped: dict[str, int] = defaultdict(int)
    for id_book, page, start, duration, total in reads:
        book = books.get(id_book)
        if book is None:
            dropped["of a book the file does not list"] += 1
            continue
        if not isinstance(page, int) or not isinstance(start, int) or page < 1 or start <= 0:
            dropped["without a page or a time"] += 1
            continue
        if not isinstance(duration, int) or duration <= 0:
            dropped["of no time at all"] += 1
            continue
        if page > MAX_BOOK_PAGES:
            dropped["beyond the last page of any book"] += 1
            continue
        if duration > _LONGEST_PAGE_SECONDS:
            dropped["of more than a day on one page"] += 1
            continue
        try:
            if start >= _LATEST_TIME:
                raise OverflowError(start)
            key = (id_book, day_of(start))
        except (OverflowError, OSError, ValueError):
            dropped["at a time no calendar holds"] += 1
            continue
        current = book[3]
        first = last = page
        if isinstance(total, int) and total > 0 and _pages(current):
            # Rescale to today's layout as KOReader does: one page then may cover several
            # now; never past the book's last page (a page beyond its layout's count).
            first = (page - 1) * current // total + 1
            last = min(max(first, page * current // total), current)
            first = min(first, last)
        day = runs[key]
        if day and day[-1][0] <= first <= day[-1][1] + 1:
            day[-1][1] = max(day[-1][1], last)  # the next page along: most reads are
        else:
            day.append([first, last])
        seconds[key] += duration
    return runs, seconds, dropped


def _count(runs: list[list[int]]) -> int:
    """How many distinct pages the runs cover (a page read twice in a day counts once)."""
    counted, reached = 0, 0
    for first, last in sorted(runs):
        if last > reached:
            counted += last - max(first, reached + 1) + 1
            reached = last
    return counted


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Books with page reads, and their pages and minutes per logical day."""
    path = Path(path)
    source = path.name
    con = _open(path)
    try:
        books = {
            row[0]: row
            for row in con.execute("SELECT id, title, authors, pages, md5 FROM book ORDER BY id")
        }
        # Row by row, not fetched all at once: years of page turns are millions of rows.
        reads = con.execute(
            "SELECT id_book, page, start_time, duration, total_pages "
            "FROM page_stat_data ORDER BY id_book, start_time, page"
        )
        pages, seconds, dropped = _days_read(books, reads, _day_of(options))
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{source} cannot be read ({exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{source} cannot be read (it is damaged)") from None
    finally:
        con.close()

    days_by_book: dict[int, list[date]] = defaultdict(list)
    for id_book, day in sorted(pages, key=lambda k: (k[0], k[1])):
        days_by_book[id_book].append(day)
    batch_books: list[ImportedBook] = []
    logs: list[ImportedLog] = []
    skipped = [
        ("page_stat_data", f"{plural(count, 'page read', 'page reads')} {reason}")
        for reason, count in dropped.items()
    ]
    for id_book, (_id, title, authors, total_pages, md5) in books.items():
        where = f"book {id_book}"
        days = days_by_book.get(id_book)
        if not days:
            skipped.append((f"{where} ({title or 'untitled'})", "no page reads"))
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
                    total_pages=total_pages if _pages(total_pages) else None,
                    status=BookStatus.READING,
                    started_on=days[0],
                    source="koreader",
                    link_key=link,
                )
            )
        except InputError as exc:
            raise InputError(f"{source}, {where}: {exc}") from None
        for day in days:
            # Overlapping page reads can add up to more than a day; a day holds no more.
            minutes = min(round(seconds[(id_book, day)] / 60), MAX_DURATION_MINUTES)
            read_on = f"{where} on {day.isoformat()}"
            count = _count(pages[(id_book, day)])
            if count > MAX_PAGES_PER_LOG:
                # Pages rescaled from a layout far smaller than today's (or a damaged
                # file): a log holds at most what the command line lets one log hold.
                skipped.append(
                    (
                        read_on,
                        f"{count:,} pages in one day, counted as {MAX_PAGES_PER_LOG:,}, "
                        "the most one day's log holds",
                    )
                )
                count = MAX_PAGES_PER_LOG
            logs.append(
                ImportedLog(
                    where=read_on,
                    day=day,
                    pages=count,
                    book_ref=where,
                    minutes=minutes or None,
                    import_key=f"{link}:{day.isoformat()}",
                )
            )
    batch = ImportBatch(
        kind="koreader",
        source=source,
        books=tuple(batch_books),
        logs=tuple(logs),
        skipped=tuple(skipped),
    )
    try:
        check_batch(batch)
    except InputError as exc:
        raise InputError(f"{source}, {exc}") from None
    return batch


IMPORTER = Importer("koreader", "KOReader statistics database (statistics.sqlite3)", read)
