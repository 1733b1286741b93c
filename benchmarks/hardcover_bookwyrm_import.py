"""Hardcover or BookWyrm import of 1,000 books, against the csv module and SQLite alone.

    .venv/bin/python benchmarks/hardcover_bookwyrm_import.py --kind hardcover [--rounds 20]
    .venv/bin/python benchmarks/hardcover_bookwyrm_import.py --kind bookwyrm [--check]

In one process, interleaved round by round:
- floor: the least any import of this file must do: the export read with Python's csv
  module into one dict per row, then the same 1,000 books, already in the form SQLite
  stores, written with the sqlite3 module alone (BEGIN IMMEDIATE, one executemany,
  COMMIT) into a fresh copy of an empty database whose schema is at head;
- subject: `compound import KIND` without the process around it: the file read,
  salvaged and checked (exchange.hardcover.read or exchange.bookwyrm.read), then
  applied to a fresh copy of the same empty database in one transaction
  (Store.import_batch), committed.
Reading and checking alone is timed too, to show where the time goes. The target,
2x the floor, is the import's; the script prints the ratio either way.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _harness  # noqa: E402

BOOKS = 1_000
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
HARDCOVER_HEADER = [
    "Title", "Author", "Series", "Status", "Rating", "Review", "Review Contains Spoilers",
    "Review Date", "Private Notes", "Date Added", "Date Started", "Date Finished", "Lists",
    "Owned", "Edition Format", "Publisher", "Release Date", "Pages", "Duration in Seconds",
    "ISBN 10", "ISBN 13", "Hardcover Book ID", "Hardcover Edition ID",
]  # fmt: skip
HARDCOVER_STATUSES = ("Read", "Read", "Read", "Want to Read", "Currently Reading", "Did Not Finish")
BOOKWYRM_HEADER = (
    "title,author_text,remote_id,openlibrary_key,finna_key,libris_key,inventaire_id,"
    "librarything_key,goodreads_key,bnf_id,viaf,wikidata,asin,aasin,isfdb,isbn_10,isbn_13,"
    "oclc_number,pages,start_date,finish_date,stopped_date,rating,review_name,review_cw,"
    "review_content,review_published,shelf,shelf_name,shelf_date"
).split(",")  # the 2026 layout
BOOKWYRM_SHELVES = ("read", "read", "read", "to-read", "reading", "stopped-reading")


def _isbn13(n: int) -> str:
    body = f"978{n:09d}"
    return body + str(
        (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body)) % 10) % 10
    )


def _day(n: int, year: int) -> str:
    return f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"


def write_hardcover(path: Path) -> None:
    """Every status, audiobooks among the books, reviews on several lines, titles in
    several scripts, one in four without an ISBN."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HARDCOVER_HEADER)
        writer.writeheader()
        for n in range(BOOKS):
            status = HARDCOVER_STATUSES[n % len(HARDCOVER_STATUSES)]
            audio = n % 5 == 0
            writer.writerow(
                {
                    "Title": f"{TITLES[n % len(TITLES)]} {n}",
                    "Author": f"Author {n % 211}" + (", Reader Voice (Narrator)" if audio else ""),
                    "Status": status,
                    "Rating": str(n % 6) if status == "Read" else "",
                    "Review": 'Loved it.\nWould "reread", maybe.' if n % 7 == 0 else "",
                    "Review Date": "2024-02-12T08:30:00Z" if n % 7 == 0 else "",
                    "Date Added": _day(n, 2014),
                    "Date Started": _day(n, 2015 + n % 11) if status != "Want to Read" else "",
                    "Date Finished": _day(n + 1, 2015 + n % 11) if status == "Read" else "",
                    "Owned": "true" if n % 2 else "false",
                    "Edition Format": "Audiobook" if audio else "Paperback",
                    "Pages": "" if audio or n % 10 == 1 else str(120 + n % 700),
                    "Duration in Seconds": str(20_000 + n * 37) if audio else "",
                    "ISBN 13": "" if n % 4 == 0 else _isbn13(200_000 + n),
                    "Hardcover Book ID": str(100_000 + n),
                }
            )


def write_bookwyrm(path: Path) -> None:
    """Every shelf, reviews with markup, titles in several scripts, one in four without
    an ISBN."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, BOOKWYRM_HEADER, lineterminator="\r\n")
        writer.writeheader()
        for n in range(BOOKS):
            shelf = BOOKWYRM_SHELVES[n % len(BOOKWYRM_SHELVES)]
            writer.writerow(
                {
                    "title": f"{TITLES[n % len(TITLES)]} {n}",
                    "author_text": f"Author {n % 211}",
                    "remote_id": f"https://bookwyrm.social/book/{10_000 + n}",
                    "openlibrary_key": f"OL{n}M",
                    "isbn_13": "" if n % 4 == 0 else _isbn13(200_000 + n),
                    "pages": "" if n % 10 == 1 else str(120 + n % 700),
                    "start_date": _day(n, 2015 + n % 11) if shelf != "to-read" else "",
                    "finish_date": _day(n + 1, 2015 + n % 11) if shelf == "read" else "",
                    "stopped_date": _day(n + 1, 2015 + n % 11)
                    if shelf == "stopped-reading"
                    else "",
                    "rating": f"{n % 5 + 1}.00" if n % 3 == 0 else "",
                    "review_content": "<p>Loved it.</p>\n<p>Would reread.</p>"
                    if n % 7 == 0
                    else "",
                    "shelf": shelf,
                    "shelf_name": shelf.replace("-", " ").title(),
                    "shelf_date": _day(n, 2014),
                }
            )


def main() -> int:
    options = _harness.parser(__doc__, target=2.0)
    options.add_argument("--kind", choices=("hardcover", "bookwyrm"), default="hardcover")
    args = _harness.parse(options)
    return measure(args)


def measure(args: argparse.Namespace) -> int:
    from compound.domain.imports import ReadOptions

    if args.kind == "hardcover":
        from compound.exchange.hardcover import read
    else:
        from compound.exchange.bookwyrm import read

    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        export = workdir / f"{args.kind}_export.csv"
        (write_hardcover if args.kind == "hardcover" else write_bookwyrm)(export)
        size_kib = export.stat().st_size / 1024
        template = _harness.empty_database(workdir / "empty.db")

        # The rows as an import hands them to SQLite: dates and moments as text.
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        books = read(export, ReadOptions()).books
        assert len(books) == BOOKS, len(books)
        stored_rows = [
            (
                n + 1,
                1,
                b.title,
                b.author,
                b.total_pages,
                b.total_minutes,
                b.isbn,
                b.status.value,
                b.started_on and b.started_on.isoformat(),
                b.finished_on and b.finished_on.isoformat(),
                b.source,
                now,
            )
            for n, b in enumerate(books)
        ]
        insert_sql = (
            "INSERT INTO book (id, profile_id, title, author, total_pages, total_minutes, "
            "isbn, status, started_on, finished_on, source, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        )

        def floor(index: int) -> float:
            elapsed, rows = _harness.sqlite_floor(
                template,
                workdir / f"floor-{index}.db",
                lambda: _harness.csv_dicts(export),
                [(insert_sql, stored_rows)],
            )
            assert len(rows) == BOOKS
            return elapsed

        def parse(index: int) -> float:
            started = time.perf_counter()
            read(export, ReadOptions())
            return time.perf_counter() - started

        def subject(index: int) -> float:
            elapsed, summary = _harness.import_round(
                template, workdir / f"round-{index}.db", lambda: read(export, ReadOptions())
            )
            assert summary.books.added == BOOKS, summary.books
            return elapsed

        subject_times, floor_times, parse_times = _harness.in_turns(
            subject, floor, parse, warmup=args.warmup, rounds=args.rounds
        )

    parse_median, parse_p90 = _harness.median_p90_ms(parse_times)
    floor_median, _ = _harness.median_p90_ms(floor_times)
    print(f"{args.kind} export of {BOOKS:,} books ({size_kib:.0f} KiB)")
    print(
        f"  reading, salvaging and checking it alone: {parse_median:6.1f} ms "
        f"(p90 {parse_p90:.1f}), {parse_median / floor_median:.2f}x the floor"
    )
    return _harness.report(
        f"{args.kind} import",
        "import (read, check, write)",
        "csv module plus sqlite3 alone",
        subject_times,
        floor_times,
        target=args.target,
        check=args.check,
    )


if __name__ == "__main__":
    sys.exit(main())
