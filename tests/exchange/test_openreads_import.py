"""Reading an Openreads CSV export: every read a book, deleted books left out."""

from __future__ import annotations

from datetime import date, time

import openreads_files
import pytest
from openreads_files import reading, row

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.openreads import read
from compound.store.repository import Store

OPTIONS = ReadOptions(day_starts_at=time(3), timezone="Europe/Berlin")
F, R, T, A = BookStatus.FINISHED, BookStatus.READING, BookStatus.TO_READ, BookStatus.ABANDONED


def books(batch):
    return [
        (b.title, b.status, b.started_on, b.finished_on, b.total_pages, b.isbn, b.total_minutes)
        for b in batch.books
    ]


def test_every_read_becomes_a_book(tmp_path):
    batch = read(openreads_files.write(tmp_path / "Openreads-2026_11_22.csv"), OPTIONS)
    assert books(batch) == [
        ("Dune", F, date(2019, 6, 1), date(2019, 7, 10), 612, "0441013597", None),
        ("Dune", F, date(2024, 1, 5), date(2024, 2, 11), 612, "0441013597", None),
        ("Project Hail Mary", R, date(2026, 11, 2), None, 496, "9780593135204", None),
        ("三体", T, None, None, 302, None, None),
        ("Ulysses", A, date(2023, 3, 1), None, 730, None, None),
        ("The Hobbit", F, date(2025, 8, 1), date(2025, 8, 19), None, None, 683),
    ]
    assert [b.ref for b in batch.books][:3] == ["row 2 read 1", "row 2 read 2", "row 3"]
    assert {b.source for b in batch.books} == {"openreads"}
    assert batch.skipped == (("row 7", "in Openreads' bin (deleted)"),)
    assert batch.repaired == ()


def test_the_apps_own_status_numbers_and_the_export_before_readings(tmp_path):
    header = [c for c in openreads_files.HEADER if c != "readings"] + [
        "start_date",
        "finish_date",
        "reading_time",
    ]
    cells = dict(zip(openreads_files.HEADER, row("Dune", "Frank Herbert", "0"), strict=True))
    cells.update(start_date="2024-01-05T00:00:00.000", finish_date="2024-02-11T00:00:00.000")
    path = openreads_files.write(tmp_path / "old.csv", [[cells.get(c, "") for c in header]], header)
    assert books(read(path, OPTIONS)) == [
        ("Dune", F, date(2024, 1, 5), date(2024, 2, 11), None, None, None)
    ]


def test_a_moment_in_utc_is_a_day_in_the_persons_zone(tmp_path):
    rows = [row("Dune", "Frank Herbert", "finished", readings=("|2024-02-10T23:30:00.000Z|",))]
    batch = read(openreads_files.write(tmp_path / "o.csv", rows), OPTIONS)
    assert batch.books[0].finished_on == date(2024, 2, 11)  # 00:30 in Berlin


BROKEN = [
    row("Dune", "Frank Herbert", "finished", isbn="0441013598", pages="612"),
    row(
        "Ulysses",
        "James Joyce",
        "finished",
        pages="lots",
        readings=(reading("2023-03-20", "2023-03-01"),),
    ),
    row("", "Nobody", "finished"),
    row("Emma", "Jane Austen", "reading", readings=("2024-13-45|2024-02-01|",)),
]


def test_rows_with_problems_are_kept_with_what_can_be_trusted_and_listed(tmp_path):
    batch = read(openreads_files.write(tmp_path / "o.csv", BROKEN), OPTIONS)
    assert books(batch) == [
        ("Dune", F, None, None, 612, None, None),
        ("Ulysses", F, date(2023, 3, 1), date(2023, 3, 20), None, None, None),
        ("Emma", F, None, date(2024, 2, 1), None, None, None),
    ]
    assert batch.repaired == (
        (
            "row 2",
            "ISBN '0441013598' has a wrong check digit; is there a typo?; imported without it",
        ),
        ("row 3", "pages must be a whole number, not 'lots'; left empty"),
        (
            "row 3",
            "reading '2023-03-20T00:00:00.000|2023-03-01T00:00:00.000|' finishes before it "
            "starts; read as from 2023-03-01 to 2023-03-20",
        ),
        ("row 5", "reading start '2024-13-45' is not a date like 2024-03-15; left empty"),
        (
            "row 5",
            "status 'reading' is not one of finished, in_progress, planned, abandoned; "
            "read as finished from its readings",
        ),
    )
    assert batch.skipped == (("row 4", "the title cannot be empty"),)


def test_strict_refuses_the_file_at_its_first_problem(tmp_path):
    path = openreads_files.write(tmp_path / "o.csv", BROKEN)
    with pytest.raises(InputError) as refused:
        read(path, ReadOptions(strict=True))
    assert str(refused.value) == (
        "o.csv, row 2: ISBN '0441013598' has a wrong check digit; is there a typo?"
    )


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        ("", "o.csv is empty"),
        ("Book Id,Title,Author\n1,Dune,Frank Herbert\n", "o.csv is not an Openreads CSV export"),
        (
            ",".join(c for c in openreads_files.HEADER if c != "readings") + "\n",
            "its header lacks readings",
        ),
    ],
)
def test_a_file_of_another_kind_is_refused_in_one_line(tmp_path, content, refusal):
    path = tmp_path / "o.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read(path, OPTIONS)
    assert refusal in str(refused.value)
    assert "\n" not in str(refused.value)


def test_importing_twice_adds_nothing_and_books_are_recognised_by_isbn(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'compound.db'}")
    try:
        # Dune, added by hand with its ISBN-13: the export's ISBN-10 is the same book.
        store.add_book("Dune", author="Frank Herbert", total_pages=612, isbn="9780441013593")
        path = openreads_files.write(tmp_path / "Openreads.csv")
        first = store.import_batch(read(path, OPTIONS))
        assert (first.books.added, first.books.updated) == (5, 1)
        assert len(store.books()) == 6
        again = store.import_batch(read(path, OPTIONS))
        assert not again.changed
        assert len(store.books()) == 6
    finally:
        store.close()


def test_an_audiobooks_length_is_stored(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'compound.db'}")
    try:
        store.import_batch(read(openreads_files.write(tmp_path / "Openreads.csv"), OPTIONS))
        hobbit = next(b for b in store.books() if b.title == "The Hobbit")
        assert hobbit.total_minutes == 683
    finally:
        store.close()


def test_a_row_listed_again_is_read_once(tmp_path):
    dune = reading("2019-06-01", "2019-07-10")
    rows = [
        row("Dune", "Frank Herbert", "finished", isbn="0441013597", readings=(dune,)),
        # The same ISBN written as its ISBN-13, the same read: the same row again.
        row("Dune (Book 1)", "F. Herbert", "finished", isbn="9780441013593", readings=(dune,)),
        # The same book, read another time: a book of its own.
        row(
            "Dune",
            "Frank Herbert",
            "finished",
            isbn="0441013597",
            readings=(reading("2024-01-05", "2024-02-11"),),
        ),
        row("Emma", "Jane Austen", "planned"),
        row("Persuasion", "Jane Austen", "planned"),
        # Named alike once case, accents' forms and spacing are set aside.
        row("emma ", "JANE  AUSTEN", "planned"),
        row("Émile", "Rousseau", "planned"),
        row("E\u0301mile", "Rousseau", "planned"),
        # The same name, but another status: not the same row.
        row("Persuasion", "Jane Austen", "in_progress"),
        row("Persuasion", "Jane Austen", "planned"),
    ]
    batch = read(openreads_files.write(tmp_path / "o.csv", rows), OPTIONS)
    assert [b.where for b in batch.books] == ["row 2", "row 4", "row 5", "row 6", "row 8", "row 10"]
    assert batch.skipped == (
        ("row 3", "the same book and reads as row 2"),
        ("row 7", "the same book and reads as row 5"),
        ("row 9", "the same book and reads as row 8"),
        ("row 11", "the same book and reads as row 6"),
    )
