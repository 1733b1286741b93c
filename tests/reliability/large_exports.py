"""Large files to import, shaped like the real exports: a Goodreads library of
thousands of books and a KOReader statistics database of many page reads.

The small sample files in tests/fixtures/exchange show the formats; these scale
them up so an import takes long enough to be killed half way.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "exchange"))
import koreader_stats  # noqa: E402

# The 2025 layout (24 columns).
GOODREADS_HEADER = [
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
]
SHELVES = ("read", "read", "to-read", "currently-reading", "did-not-finish")
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


def isbn13(n: int) -> str:
    body = f"978{n:09d}"
    check = (10 - sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body)) % 10) % 10
    return f"{body}{check}"


def goodreads_rows(count: int, first_id: int = 10_000) -> list[list[str]]:
    """`count` distinct books on every shelf, with ISBNs as ="…", reviews on several
    lines, titles in several scripts, one in four without an ISBN. Each is one book
    when imported (no reread under way: a read book's shelf is "read")."""
    rows = []
    for n in range(count):
        shelf = SHELVES[n % len(SHELVES)]
        rows.append(
            [
                str(first_id + n),
                f"{TITLES[n % len(TITLES)]} (#{n % 9 + 1}) {first_id + n}",
                f"Author {n % 211}",
                f"{n % 211}, Author",
                "",
                '=""',
                '=""' if n % 4 == 0 else f'="{isbn13(first_id + n)}"',
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
    return rows


def write_goodreads(
    path: Path, rows: list[list[str]], header: list[str] = GOODREADS_HEADER
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_koreader(path: Path, books: int, days: int, pages_a_day: int = 12) -> Path:
    """A statistics.sqlite3 with `books` books, each read on `days` days (one log per
    book and day when imported), `pages_a_day` page turns a day."""
    listed = [
        (n, f"KOReader book {n} 📖", f"Author {n}\nCo-author", 300 + n, f"{n:032x}")
        for n in range(1, books + 1)
    ]
    turns = []
    for book in range(1, books + 1):
        for day in range(days):
            start = koreader_stats.at("2024-01-01 20:00") + day * 86_400 + book * 60
            turns += [
                (book, 1 + (day * pages_a_day + p) % 300, start + p * 40, 40, 300 + book)
                for p in range(pages_a_day)
            ]
    return koreader_stats.write(path, turns, listed)
