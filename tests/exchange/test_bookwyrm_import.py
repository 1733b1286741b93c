"""Reading BookWyrm CSV exports: every header layout, shelves, rereads, salvage, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sample_files import FILES, header_of

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.bookwyrm import read

F, R, T, A = BookStatus.FINISHED, BookStatus.READING, BookStatus.TO_READ, BookStatus.ABANDONED
MESSY = FILES / "bookwyrm_export_messy.csv"


def summary(batch):
    return [
        (b.where, b.title, b.author, b.isbn, b.status, b.started_on, b.finished_on)
        for b in batch.books
    ]


def test_the_header_layouts_are_those_bookwyrm_has_written():
    h2023, h2024, h2026 = (header_of(f"bookwyrm_export_{v}.csv") for v in (2023, 2024, 2026))
    assert (len(h2023), len(h2024), len(h2026)) == (20, 27, 30)
    assert set(h2024) - set(h2023) == {
        "start_date",
        "finish_date",
        "stopped_date",
        "review_published",
        "shelf",
        "shelf_name",
        "shelf_date",
    }
    assert set(h2026) - set(h2024) == {"finna_key", "libris_key", "pages"}


READS = [
    ("row 2", "Norwegian Wood", "Haruki Murakami", "9780375704024", F,
     date(2024, 1, 20), date(2024, 2, 11)),
    ("row 3", "The Dispossessed", "Ursula K. Le Guin", "9780060512750", R,
     date(2026, 2, 1), None),
    ("row 4", "Piranesi", "Susanna Clarke", "9781635575637", T, None, None),
    # Stopped reading: started, given up; the day it stopped is not a finish.
    ("row 5", "Infinite Jest", "David Foster Wallace", "0316066524", A, date(2025, 5, 1), None),
    # The same edition read twice, in two rows: two books.
    ("row 6", "The Hobbit", "J.R.R. Tolkien", "9780547928227", F,
     date(2025, 12, 1), date(2025, 12, 28)),
    ("row 7", "The Hobbit", "J.R.R. Tolkien", "9780547928227", F,
     date(2012, 7, 20), date(2012, 8, 1)),
    # A shelf of the reader's own is not a reading state: the dates say finished.
    ("row 8", "Kindred", "Octavia E. Butler", "9780807083697", F,
     date(2023, 8, 30), date(2023, 9, 9)),
    # Reviewed, never shelved nor read here.
    ("row 9", "Dune", "Frank Herbert", "9780441013593", T, None, None),
]  # fmt: skip


@pytest.mark.parametrize("version", [2024, 2026])
def test_the_layouts_with_reads_read_to_the_same_books(version):
    name = f"bookwyrm_export_{version}.csv"
    batch = read(FILES / name, ReadOptions())
    assert batch.kind == "bookwyrm" and batch.source == name
    assert summary(batch) == READS
    assert batch.repaired == () and batch.skipped == ()
    pages = [b.total_pages for b in batch.books]
    if version == 2026:
        assert pages == [296, 387, 272, 1079, 300, 300, 264, None]
    else:
        assert pages == [None] * 8  # pages came in December 2025


def test_the_oldest_layout_brings_the_books_to_read():
    batch = read(FILES / "bookwyrm_export_2023.csv", ReadOptions())
    assert [(b.title, b.status, b.started_on, b.finished_on) for b in batch.books] == [
        (title, T, None, None)
        for title in (
            "Norwegian Wood",
            "The Dispossessed",
            "Piranesi",
            "Infinite Jest",
            "The Hobbit",
            "Kindred",
            "Dune",
        )
    ]
    assert batch.repaired == ()


def test_a_messy_export_keeps_every_row_it_can_and_says_what_it_did():
    batch = read(MESSY, ReadOptions())
    assert summary(batch) == [
        # Moments, as BookWyrm wrote them in January 2024: their days.
        ("row 2", "Norwegian Wood", "Haruki Murakami", "9780375704024", F,
         date(2024, 1, 20), date(2024, 2, 11)),
        ("row 3", "Kindred", "Octavia E. Butler", "0807083690", F,
         date(2023, 8, 30), date(2023, 9, 9)),
        ("row 4", "Beloved", "Toni Morrison", None, F, date(2023, 3, 1), date(2023, 3, 20)),
        ("row 5", "Middlemarch", "George Eliot", None, R, date(2026, 1, 5), None),
        ("row 7", "Circe", "Madeline Miller", None, F, None, None),
    ]  # fmt: skip
    assert batch.repaired == (
        ("row 3", "isbn_13: ISBN '9780807083698' has a wrong check digit; is there a typo?; "
         "the isbn_10 was used"),
        ("row 3", "pages must be a whole number, not 'lots'; left empty"),
        ("row 3", "finished on 2023-08-30, before it was started on 2023-09-09; "
         "read as started on the earlier day and finished on the later"),
        ("row 4", "isbn_13: ISBN '978140003341' must have 10 or 13 digits; "
         "imported without an ISBN"),
        ("row 4", "shelf 'Finished' is not one of to-read, reading, read, stopped-reading nor "
         "a shelf of the reader's own; read as finished from its dates"),
        ("row 5", "shelf 'currently-reading' is not one of to-read, reading, read, "
         "stopped-reading nor a shelf of the reader's own; read as reading from its dates"),
        ("row 7", "finish_date 'March 2024' is not a date like 2024-03-15; left empty"),
    )  # fmt: skip
    assert batch.skipped == (("row 6", "no title"), ("row 8", "the same book and read as row 2"))


def test_strict_refuses_at_the_first_problem():
    with pytest.raises(InputError) as refused:
        read(MESSY, ReadOptions(strict=True))
    assert str(refused.value) == (
        "bookwyrm_export_messy.csv, row 3: isbn_13: ISBN '9780807083698' has a wrong check "
        "digit; is there a typo?"
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\n\n", "b.csv is empty; expected a BookWyrm CSV export"),
        (
            b"Title,Author,Status,Date Started,Date Finished\nDune,Frank Herbert,Read,,\n",
            "b.csv is not a BookWyrm CSV export: its header lacks title, author_text, "
            "remote_id, isbn_10, isbn_13",
        ),
        (b'title,author_text,remote_id,isbn_10,isbn_13\n"Dune,x\n', "b.csv, row 2:"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_whole(tmp_path, content, message):
    path = tmp_path / "b.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        read(path, ReadOptions())
    assert str(refused.value).startswith(message)
