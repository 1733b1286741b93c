"""`compound import hardcover` and `compound import bookwyrm` as people run them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
from sample_files import header_of, write_csv  # noqa: E402

HARDCOVER = str(SAMPLES / "hardcover_export.csv")
HARDCOVER_MESSY = str(SAMPLES / "hardcover_export_messy.csv")
BOOKWYRM = str(SAMPLES / "bookwyrm_export_2026.csv")
BOOKWYRM_MESSY = str(SAMPLES / "bookwyrm_export_messy.csv")
GOODREADS = str(SAMPLES / "goodreads_library_export_2026.csv")


def stored(ok) -> list[dict]:
    return json.loads(ok("export").out)["books"]


def named(books: list[dict], title: str) -> list[dict]:
    return [book for book in books if book["title"] == title]


@pytest.mark.parametrize(
    "kind, path, added",
    [("hardcover", HARDCOVER, 9), ("bookwyrm", BOOKWYRM, 8)],
)
def test_an_export_imports_once_and_again_adds_nothing(
    db_path, ok, snapshot_rows, kind, path, added
):
    first = ok("import", kind, path)
    assert first.lines[:2] == [
        f"Imported {Path(path).name} ({kind}):",
        f"  books             {added} added",
    ]
    once = snapshot_rows(f"sqlite:///{db_path}")
    again = ok("import", kind, path)
    assert again.lines[-1] == "Nothing new: everything in the file was here already."
    assert snapshot_rows(f"sqlite:///{db_path}") == once
    hobbits = named(stored(ok), "The Hobbit")
    assert len(hobbits) == 2  # a reread is a second book
    assert {book["source"] for book in stored(ok)} == {kind}


@pytest.mark.parametrize(
    "kind, path, first_repair",
    [
        (
            "hardcover",
            HARDCOVER_MESSY,
            "  row 3:   ISBN 13: ISBN '9780441478126' has a wrong check digit; is there a typo?; "
            "the ISBN 10 was used",
        ),
        (
            "bookwyrm",
            BOOKWYRM_MESSY,
            "  row 3:  isbn_13: ISBN '9780807083698' has a wrong check digit; is there a typo?; "
            "the isbn_10 was used",
        ),
    ],
)
def test_a_messy_export_is_imported_with_its_repairs_listed(
    db_path, ok, run, snapshot_rows, kind, path, first_repair
):
    url = f"sqlite:///{db_path}"
    dry = ok("import", kind, path, "--dry-run")
    assert dry.lines[0] == f"Dry run of {Path(path).name} ({kind}): nothing was written."
    assert not db_path.exists()

    strict = run("import", kind, path, "--strict")
    assert strict.code == 2 and strict.out == ""
    assert strict.err.strip().splitlines() == [
        f"compound: {Path(path).name}, row 3: "
        + first_repair.split(": ", 1)[1].strip().rsplit("; ", 1)[0]
    ]
    assert snapshot_rows(url) is None  # not even a database

    done = ok("import", kind, path)
    assert done.lines[0] == f"Imported {Path(path).name} ({kind}):"
    repaired = done.lines.index(next(line for line in done.lines if line.startswith("Repaired")))
    assert done.lines[repaired + 1] == first_repair
    assert any(line.startswith("Skipped 2 entries") for line in done.lines)
    assert any("no title" in line for line in done.lines)
    # The reversed range was read as the dates it holds.
    kindred = named(stored(ok), "Kindred")
    assert [(b["started_on"], b["finished_on"]) for b in kindred] == (
        [("2024-04-02", "2024-05-10")] if kind == "hardcover" else [("2023-08-30", "2023-09-09")]
    )

    # With a database in place, --strict still leaves it as it was.
    before = snapshot_rows(url)
    assert run("import", kind, path, "--strict").code == 2
    assert snapshot_rows(url) == before


@pytest.mark.parametrize("kind", ["hardcover", "bookwyrm"])
def test_a_file_of_another_kind_is_refused_in_one_line(db_path, run, kind):
    refused = run("import", kind, GOODREADS)
    assert refused.code == 2 and refused.out == ""
    lines = refused.err.strip().splitlines()
    assert len(lines) == 1 and "goodreads_library_export_2026.csv is not a" in lines[0]
    assert not db_path.exists()


def test_one_book_across_goodreads_hardcover_and_bookwyrm(db_path, ok):
    """Norwegian Wood: Goodreads' row has its ISBN-10 and ISBN-13, Hardcover's only the
    ISBN-13 and a translator beside the author, BookWyrm's both and another title case."""
    ok("import", "goodreads", GOODREADS)
    hardcover = ok("import", "hardcover", HARDCOVER)
    assert hardcover.lines[1] == "  books             7 added, 2 updated"
    ok("import", "bookwyrm", BOOKWYRM)
    books = named(stored(ok), "Norwegian Wood")
    assert len(books) == 1
    # Goodreads had only the day it was finished; Hardcover brought the day it started.
    assert (books[0]["started_on"], books[0]["finished_on"]) == ("2024-01-20", "2024-02-11")
    assert books[0]["source"] == "goodreads"


def test_an_isbn_10_and_its_isbn_13_are_one_book_whatever_the_title(db_path, ok, tmp_path):
    """Matched by ISBN alone: the titles differ, and Goodreads has only the ISBN-10."""
    goodreads = write_csv(
        tmp_path / "goodreads_library_export.csv",
        header_of("goodreads_library_export_2026.csv"),
        [
            {
                "Book Id": "11297",
                "Title": "Noruwei no Mori",
                "Author": "Haruki Murakami",
                "ISBN": '="0375704027"',
                "ISBN13": '=""',
                "Number of Pages": "296",
                "Date Read": "2024/02/11",
                "Exclusive Shelf": "read",
            }
        ],
    )
    hardcover = write_csv(
        tmp_path / "hardcover.csv",
        header_of("hardcover_export.csv"),
        [
            {
                "Title": "Norwegian Wood",
                "Author": "Haruki Murakami",
                "Status": "Read",
                "Date Finished": "2024-02-11",
                "ISBN 13": "9780375704024",
            }
        ],
    )
    ok("import", "goodreads", str(goodreads))
    assert ok("import", "hardcover", str(hardcover)).lines[-1] == (
        "Nothing new: everything in the file was here already."
    )
    assert len(stored(ok)) == 1
