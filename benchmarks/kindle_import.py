"""Kindle import of three years of reading sessions, against the least any import does.

    .venv/bin/python benchmarks/kindle_import.py [--rounds 20] [--warmup 3] [--check]

In one process, interleaved round by round:
- subject: `compound import kindle` without the process around it: the Reading
  Insights file (20,000 sessions of 40 books over three years) read, summed per book
  and logical day and checked (exchange.kindle.read), then applied to an empty
  database in one transaction (Store.import_batch), committed;
- floor: the least any import of it must do: the file read with Python's csv module
  into one dict per row, plus SQLite writing the rows the import stores (the books and
  the day logs, already in the form SQLite stores) with the sqlite3 module alone
  (BEGIN IMMEDIATE, executemany, COMMIT) into a fresh copy of the same empty database.
Each round gets a fresh copy of an empty database whose schema is already at head,
opened before the clock starts. The target is 2x.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _harness  # noqa: E402

SESSIONS = 20_000
BOOKS = 40
HEADER = [
    "ASIN",
    "end_time",
    "product_name",
    "reading_marketplace",
    "start_time",
    "total_reading_milliseconds",
]


def write_export(path: Path) -> None:
    """SESSIONS sessions, each book read for a month or so in turn, several a day."""
    rng = random.Random(2026)
    first = datetime(2023, 11, 1, 6, tzinfo=UTC)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        for n in range(SESSIONS):
            book = n * BOOKS // SESSIONS
            start = first + timedelta(minutes=n * 79 + rng.randrange(0, 50))
            ms = rng.choice((8_000, 25_000, 600_000, 1_250_000, 2_700_000))
            end = start + timedelta(milliseconds=ms + rng.randrange(0, 90_000))
            writer.writerow(
                [
                    f"B0{book:08d}",
                    end.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
                    "Not Available" if book % 4 == 0 else f"Book {book} — ノルウェイの森",
                    "US",
                    start.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
                    str(ms),
                ]
            )


def main() -> int:
    options = _harness.parser(__doc__, target=2.0)
    args = _harness.parse(options)

    from compound.domain.imports import ReadOptions
    from compound.exchange.kindle import read

    read_options = ReadOptions(timezone="Europe/Berlin")
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        export = workdir / "Kindle.reading-insights-sessions_with_adjustments.csv"
        write_export(export)
        size_kib = export.stat().st_size / 1024
        template = _harness.empty_database(workdir / "empty.db")
        batch = read(export, read_options)
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        # Every book and every log the import adds (each book has a first day; each
        # log a book), as the import stores them.
        book_rows = [
            (
                n + 1,
                1,
                b.title,
                b.isbn,
                b.status.value,
                b.started_on and b.started_on.isoformat(),
                b.source,
                now,
            )
            for n, b in enumerate(batch.books)
        ]
        ids = {b.ref: n + 1 for n, b in enumerate(batch.books)}
        log_rows = [
            (
                1,
                log.day.isoformat(),
                0,
                ids[log.book_ref or ""],
                log.minutes,
                0,
                log.import_key,
                now,
            )
            for log in batch.logs
        ]

        inserts: _harness.Inserts = [
            (
                "INSERT INTO book (id, profile_id, title, isbn, status, started_on, "
                "source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                book_rows,
            ),
            (
                "INSERT INTO reading_log (profile_id, day, pages, book_id, minutes, "
                "started_book, import_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                log_rows,
            ),
        ]

        def floor(index: int) -> float:
            elapsed, rows = _harness.sqlite_floor(
                template, workdir / f"floor-{index}.db", lambda: _harness.csv_dicts(export), inserts
            )
            assert len(rows) == SESSIONS
            return elapsed

        def subject(index: int) -> float:
            elapsed, summary = _harness.import_round(
                template, workdir / f"round-{index}.db", lambda: read(export, read_options)
            )
            assert summary.reading_logs.added == len(log_rows), summary.reading_logs
            assert summary.books.added == len(book_rows), summary.books
            return elapsed

        subject_times, floor_times = _harness.in_turns(
            subject, floor, warmup=args.warmup, rounds=args.rounds
        )

    print(
        f"Kindle Reading Insights file of {SESSIONS:,} sessions ({size_kib:.0f} KiB): "
        f"{len(book_rows)} books, {len(log_rows):,} day logs"
    )
    return _harness.report(
        "kindle import",
        "import (read, sum per day, check, write)",
        "csv module + SQLite executemany alone",
        subject_times,
        floor_times,
        target=args.target,
        check=args.check,
    )


if __name__ == "__main__":
    sys.exit(main())
