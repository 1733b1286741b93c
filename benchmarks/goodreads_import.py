"""Goodreads import of 1,000 books, against parsing the same CSV plus SQLite writing
the same rows alone.

    .venv/bin/python benchmarks/goodreads_import.py [--rounds 20] [--warmup 3] [--check]

In one process, interleaved round by round:
- the csv module: the export read into one dict per row;
- SQLite alone: the same 1,000 rows, already in the form SQLite stores, written with
  the sqlite3 module alone (BEGIN IMMEDIATE, one executemany, COMMIT) into a fresh
  copy of an empty database;
- subject: `compound import goodreads` without the process around it: the file
  read and checked (exchange.goodreads.read), then applied to an empty database in
  one transaction (Store.import_batch), committed. Each round gets a fresh copy of
  an empty database whose schema is already at head, opened before the clock starts.
The floor is the first two added, round by round: the least any import of this file
into this schema must do, as for every importer. Reading and checking alone is timed
too, to show where the time goes, and the ratio to the csv module alone is printed.
The target is 2x; the script prints the ratio either way.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _harness  # noqa: E402

BOOKS = 1_000
SHELVES = ("read", "read", "read", "to-read", "currently-reading", "did-not-finish")
TITLES = (
    "The Left Hand of Darkness",
    "ノルウェイの森",
    "三体",
    "Война и мир",
    "Le Petit Prince",
    "Gödel, Escher, Bach",
    "채식주의자",
    "Atomic Habits 📈",
)
HEADER = [
    "Book Id",
    "Title",
    "Author",
    "Author l-f",
    "Additional Authors",
    "ISBN",
    "ISBN13",
    "My Rating",
    "Average Rating",
    "Publisher",
    "Binding",
    "Number of Pages",
    "Year Published",
    "Original Publication Year",
    "Date Read",
    "Date Added",
    "Bookshelves",
    "Bookshelves with positions",
    "Exclusive Shelf",
    "My Review",
    "Spoiler",
    "Private Notes",
    "Read Count",
    "Owned Copies",
]  # the 2025 layout


def _isbn13(n: int) -> str:
    body = f"978{n:09d}"
    return body + str(
        (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body)) % 10) % 10
    )


def write_export(path: Path) -> None:
    """A library export of BOOKS books: every shelf, ISBNs as ="…", some reviews on
    several lines, titles in several scripts, one in four without an ISBN."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(BOOKS):
            shelf = SHELVES[n % len(SHELVES)]
            title = f"{TITLES[n % len(TITLES)]} ({'Saga' if n % 3 else 'Cycle'}, #{n % 9 + 1}) {n}"
            writer.writerow(
                [
                    str(10_000 + n),
                    title,
                    f"Author {n % 211}",
                    f"{n % 211}, Author",
                    "",
                    '=""',
                    '=""' if n % 4 == 0 else f'="{_isbn13(200_000 + n)}"',
                    str(n % 6),
                    "3.97",
                    "Publisher",
                    "Paperback",
                    "" if n % 10 == 0 else str(120 + n % 700),
                    "2015",
                    "1999",
                    f"20{15 + n % 11}/{1 + n % 12:02d}/{1 + n % 28:02d}" if shelf == "read" else "",
                    "2014/06/01",
                    shelf,
                    f"{shelf} (#{n})",
                    shelf,
                    'Loved it.\nWould "reread", maybe.' if n % 7 == 0 else "",
                    "",
                    "",
                    "1" if shelf == "read" else "0",
                    "0",
                ]
            )


def main() -> int:
    options = _harness.parser(__doc__, target=2.0)
    args = _harness.parse(options)

    from compound.domain.imports import ReadOptions
    from compound.exchange.goodreads import read

    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        export = workdir / "goodreads_library_export.csv"
        write_export(export)
        size_kib = export.stat().st_size / 1024
        template = _harness.empty_database(workdir / "empty.db")

        def floor(index: int) -> float:
            started = time.perf_counter()
            rows = _harness.csv_dicts(export)
            elapsed = time.perf_counter() - started
            assert len(rows) == BOOKS
            return elapsed

        def parse(index: int) -> float:
            started = time.perf_counter()
            read(export, ReadOptions())
            return time.perf_counter() - started

        # The rows as an import hands them to SQLite: dates and moments as text.
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        stored_rows = [
            (
                n + 1,
                1,
                b.title,
                b.author,
                b.total_pages,
                b.isbn,
                b.status.value,
                None,
                b.finished_on and b.finished_on.isoformat(),
                b.source,
                now,
            )
            for n, b in enumerate(read(export, ReadOptions()).books)
        ]
        insert_sql = (
            "INSERT INTO book (id, profile_id, title, author, total_pages, isbn, "
            "status, started_on, finished_on, source, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )

        def sqlite_alone(index: int) -> float:
            # Nothing parsed: SQLite's own share alone.
            elapsed, _ = _harness.sqlite_floor(
                template, workdir / f"sqlite-{index}.db", lambda: None, [(insert_sql, stored_rows)]
            )
            return elapsed

        def subject(index: int) -> float:
            elapsed, summary = _harness.import_round(
                template, workdir / f"round-{index}.db", lambda: read(export, ReadOptions())
            )
            assert summary.books.added == BOOKS, summary.books
            return elapsed

        subject_times, floor_times, parse_times, sqlite_times = _harness.in_turns(
            subject, floor, parse, sqlite_alone, warmup=args.warmup, rounds=args.rounds
        )

    parse_median, parse_p90 = _harness.median_p90_ms(parse_times)
    sqlite_median, sqlite_p90 = _harness.median_p90_ms(sqlite_times)
    floor_median, _ = _harness.median_p90_ms(floor_times)
    print(f"Goodreads export of {BOOKS:,} books ({size_kib:.0f} KiB)")
    print(
        f"  reading and checking it alone:       {parse_median:6.1f} ms "
        f"(p90 {parse_p90:.1f}), {parse_median / floor_median:.2f}x the csv module"
    )
    print(
        f"  SQLite writing the same rows alone:  {sqlite_median:6.1f} ms "
        f"(p90 {sqlite_p90:.1f}), {sqlite_median / floor_median:.2f}x the csv module"
    )
    subject_median, _ = _harness.median_p90_ms(subject_times)
    least = floor_median + sqlite_median
    print(
        f"  so the csv module plus SQLite alone, the least any import here must do, "
        f"is {least / floor_median:.2f}x the csv module;"
    )
    print(f"  the whole import is {subject_median / least:.2f}x that least")
    # The verdict, as for every importer: against the csv module plus SQLite alone,
    # each round's two parts added (csv alone is shown above, for the record).
    return _harness.report(
        "goodreads import",
        "import (read, check, write)",
        "csv module + SQLite alone",
        subject_times,
        [csv_part + sqlite_part for csv_part, sqlite_part in zip(floor_times, sqlite_times)],
        target=args.target,
        check=args.check,
    )


if __name__ == "__main__":
    sys.exit(main())
