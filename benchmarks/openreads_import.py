"""Openreads import of 1,000 books, against the least any import of them does.

    .venv/bin/python benchmarks/openreads_import.py [--rounds 20] [--warmup 3] [--check]

In one process, interleaved round by round:
- subject: `compound import openreads` without the process around it: the export read
  and checked (exchange.openreads.read), then applied to an empty database in one
  transaction (Store.import_batch), committed;
- floor: the export read with Python's csv module into one dict per row, plus SQLite
  writing the rows the import stores (one per read, already in the form SQLite stores)
  with the sqlite3 module alone (BEGIN IMMEDIATE, one executemany, COMMIT).
Each round gets a fresh copy of an empty database whose schema is already at head,
opened before the clock starts. The target is 2x.
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
STATUSES = ("finished", "finished", "finished", "in_progress", "planned", "abandoned")
FORMATS = ("paperback", "hardcover", "ebook", "audiobook")
HEADER = (
    "title,subtitle,author,description,status,favourite,deleted,rating,pages,publisher,"
    "publication_year,isbn,olid,tags,my_review,notes,book_format,readings,date_added,"
    "date_modified"
).split(",")


def _isbn13(n: int) -> str:
    body = f"978{n:09d}"
    return body + str(
        (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body)) % 10) % 10
    )


def write_export(path: Path) -> None:
    """BOOKS books: every status and format, one in five read twice, reviews on lines."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(BOOKS):
            status = STATUSES[n % len(STATUSES)]
            fmt = FORMATS[n % len(FORMATS)]
            year = 2015 + n % 11
            day = f"{year}-{1 + n % 12:02d}-{1 + n % 27:02d}"
            finish = f"{year}-{1 + n % 12:02d}-{2 + n % 27:02d}"
            readings = {
                "finished": f"{day}T00:00:00.000|{finish}T00:00:00.000|"
                + ("36000000" if fmt == "audiobook" else ""),
                "in_progress": f"{day}T00:00:00.000||",
                "planned": "",
                "abandoned": f"{day}T00:00:00.000|{finish}T00:00:00.000|",
            }[status]
            if status == "finished" and n % 5 == 0:
                readings = f"2014-01-01T00:00:00.000|2014-02-01T00:00:00.000|;{readings}"
            cells = {
                "title": f"Book {n} — 三体 {n % 17}",
                "author": f"Author {n % 211}",
                "status": status,
                "favourite": "false",
                "deleted": "true" if n % 97 == 0 else "false",
                "rating": "4.0",
                "pages": "" if fmt == "audiobook" else str(120 + n % 700),
                "isbn": "" if n % 4 == 0 else _isbn13(300_000 + n),
                "tags": "sf|||||owned",
                "my_review": 'Loved it.\nWould "reread".' if n % 7 == 0 else "",
                "book_format": fmt,
                "readings": readings,
                "date_added": "2024-01-02T18:21:07.412",
                "date_modified": "2025-03-01T09:00:00.000",
            }
            writer.writerow([cells.get(column, "") for column in HEADER])


def main() -> int:
    options = _harness.parser(__doc__, target=2.0)
    args = _harness.parse(options)

    from compound.domain.imports import ReadOptions
    from compound.exchange.openreads import read

    read_options = ReadOptions(timezone="Europe/Berlin")
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        export = workdir / "Openreads-2026_11_22.csv"
        write_export(export)
        size_kib = export.stat().st_size / 1024
        template = _harness.empty_database(workdir / "empty.db")
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
                b.started_on and b.started_on.isoformat(),
                b.finished_on and b.finished_on.isoformat(),
                b.source,
                now,
            )
            for n, b in enumerate(read(export, read_options).books)
        ]
        insert_sql = (
            "INSERT INTO book (id, profile_id, title, author, total_pages, isbn, "
            "status, started_on, finished_on, source, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
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

        def subject(index: int) -> float:
            elapsed, summary = _harness.import_round(
                template, workdir / f"round-{index}.db", lambda: read(export, read_options)
            )
            assert summary.books.added == len(stored_rows), summary.books
            return elapsed

        subject_times, floor_times = _harness.in_turns(
            subject, floor, warmup=args.warmup, rounds=args.rounds
        )

    print(f"Openreads export of {BOOKS:,} books ({size_kib:.0f} KiB): {len(stored_rows):,} reads")
    return _harness.report(
        "openreads import",
        "import (read, check, match, write)",
        "csv module + SQLite executemany alone",
        subject_times,
        floor_times,
        target=args.target,
        check=args.check,
    )


if __name__ == "__main__":
    sys.exit(main())
