"""Reading Hardcover library exports: statuses, rereads, audiobooks, salvaged rows, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sample_files import FILES, header_of, write_csv

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.hardcover import day_part, minutes_of, read, writers

EXPORT = FILES / "hardcover_export.csv"
MESSY = FILES / "hardcover_export_messy.csv"
F, R, T, A = BookStatus.FINISHED, BookStatus.READING, BookStatus.TO_READ, BookStatus.ABANDONED


def summary(batch):
    return [
        (b.where, b.title, b.author, b.isbn, b.total_pages, b.status, b.started_on, b.finished_on)
        for b in batch.books
    ]


def test_every_status_and_read_becomes_a_book():
    batch = read(EXPORT, ReadOptions())
    assert batch.kind == "hardcover" and batch.source == "hardcover_export.csv"
    assert summary(batch) == [
        # The translator is a contributor, not the author other tools name.
        ("row 2", "Norwegian Wood", "Haruki Murakami", "9780375704024", 296, F,
         date(2024, 1, 20), date(2024, 2, 11)),
        ("row 3", "Project Hail Mary", "Andy Weir", None, None, F,
         date(2023, 6, 1), date(2023, 6, 19)),
        ("row 4", "The Left Hand of Darkness", "Ursula K. Le Guin", "9780441478125", 304, R,
         date(2026, 3, 2), None),
        ("row 5", "Piranesi", "Susanna Clarke", "9781635575637", 272, T, None, None),
        # Did Not Finish: started, given up, no finish.
        ("row 6", "Infinite Jest", "David Foster Wallace", "9780316066525", 1079, A,
         date(2025, 5, 1), None),
        # Being read again after a finish in 2012: the earlier read is a book of its own.
        ("row 7", "The Hobbit", "J.R.R. Tolkien", "9780547928227", 300, F, None,
         date(2012, 8, 1)),
        ("row 7", "The Hobbit", "J.R.R. Tolkien", "9780547928227", 300, R,
         date(2026, 1, 10), None),
        # Paused is put down for now, not given up; an ISBN 10 alone is kept.
        ("row 8", "Gödel, Escher, Bach", "Douglas R. Hofstadter", "0465026567", 777, R,
         date(2025, 11, 1), None),
        ("row 10", "三体", "刘慈欣", "9787536692930", 302, F,
         date(2025, 7, 20), date(2025, 8, 30)),
    ]  # fmt: skip
    assert [b.ref for b in batch.books if b.where == "row 7"] == ["row 7 read 1", "row 7 read 2"]
    # An Ignored book is not the reader's reading: left out, and said, but no problem.
    assert batch.skipped == (("row 9", "Status Ignored: not being read"),)
    assert batch.repaired == ()
    assert {b.source for b in batch.books} == {"hardcover"}


def test_an_audiobook_length_is_kept_in_whole_minutes():
    books = {b.title: b for b in read(EXPORT, ReadOptions()).books}
    assert books["Project Hail Mary"].total_minutes == 972  # 58,320 s is 16 h 12 min
    assert books["Norwegian Wood"].total_minutes is None
    assert minutes_of("5430") == 91 and minutes_of("5370.0") == 90  # rounded
    assert minutes_of("") is None and minutes_of("20") is None  # under half a minute
    for bad in ("n/a", "-60", "1e5", "3600001"):
        with pytest.raises(InputError):
            minutes_of(bad)


@pytest.mark.parametrize(
    "text, day",
    [
        ("2024-03-15", date(2024, 3, 15)),
        ("2024-03-15T10:00:00Z", date(2024, 3, 15)),
        ("2024-03-15T23:30:00+02:00", date(2024, 3, 15)),  # the day as the reader saw it
        ("2024-03-15 10:00:00 UTC", date(2024, 3, 15)),
        ("2024-03-15 09:12:44.512345+00:00", date(2024, 3, 15)),
        ("  ", None),
    ],
)
def test_dates_are_read_from_the_forms_the_exports_use(text, day):
    assert day_part(text, "Date Started") == day


@pytest.mark.parametrize(
    "text", ["15/03/2024", "March 2024", "2024-02-30", "2024-13-01", "0000-01-01", "2024-03-15T"]
)
def test_a_date_that_is_not_one_is_refused_by_name(text):
    with pytest.raises(InputError, match="Date Started"):
        day_part(text, "Date Started")


def test_contributors_named_by_role_are_not_authors():
    assert writers("Andy Weir, Ray Porter (Narrator)") == "Andy Weir"
    assert writers("Neil Gaiman, Terry Pratchett") == "Neil Gaiman, Terry Pratchett"
    assert writers("Ray Porter (Narrator)") == "Ray Porter (Narrator)"  # all there is
    assert writers("") is None


def test_a_messy_export_keeps_every_row_it_can_and_says_what_it_did():
    batch = read(MESSY, ReadOptions())
    assert summary(batch) == [
        ("row 2", "Norwegian Wood", "Haruki Murakami", "9780375704024", 296, F,
         date(2024, 1, 20), date(2024, 2, 11)),
        ("row 3", "The Left Hand of Darkness", "Ursula K. Le Guin", "0441478123", None, F,
         None, date(2019, 4, 2)),
        ("row 4", "Piranesi", "Susanna Clarke", "163557563X", None, T, None, None),
        ("row 5", "Kindred", "Octavia E. Butler", None, 264, F,
         date(2024, 4, 2), date(2024, 5, 10)),
        ("row 6", "Beloved", "Toni Morrison", None, None, F, date(2023, 3, 1), date(2023, 3, 20)),
        ("row 7", "Middlemarch", "George Eliot", None, None, R, date(2026, 1, 5), None),
        ("row 8", "Dune", "Frank Herbert", None, None, F, date(2024, 3, 15), date(2024, 4, 1)),
        ("row 10", "Circe", "Madeline Miller", None, None, F, None, None),
    ]  # fmt: skip
    assert batch.repaired == (
        ("row 3", "ISBN 13: ISBN '9780441478126' has a wrong check digit; is there a typo?; "
         "the ISBN 10 was used"),
        ("row 4", "ISBN 13: ISBN '97816355756' must have 10 or 13 digits; the ISBN 10 was used"),
        ("row 5", "finished on 2024-04-02, before it was started on 2024-05-10; "
         "read as started on the earlier day and finished on the later"),
        ("row 6", "Status 'Finished!' is not one of Want to Read, Currently Reading, Read, "
         "Paused, Did Not Finish; read as finished from its dates"),
        ("row 7", "no Status; read as reading from its dates"),
        ("row 8", "Pages must be a whole number, not 'about 600'; left empty"),
        ("row 10", "Duration in Seconds 'n/a' is not a number of seconds; left empty"),
        ("row 10", "Date Finished '15/03/2024' is not a date like 2024-03-15; left empty"),
    )  # fmt: skip
    assert batch.skipped == (
        ("row 9", "no title"),
        ("row 11", "the same book and read as row 2"),
    )


def test_strict_refuses_at_the_first_problem():
    with pytest.raises(InputError) as refused:
        read(MESSY, ReadOptions(strict=True))
    assert str(refused.value) == (
        "hardcover_export_messy.csv, row 3: ISBN 13: ISBN '9780441478126' has a wrong check "
        "digit; is there a typo?"
    )
    read(EXPORT, ReadOptions(strict=True))  # a clean export is no problem


def test_both_isbns_wrong_keeps_the_book_without_one(tmp_path):
    path = write_csv(
        tmp_path / "h.csv",
        header_of("hardcover_export.csv"),
        [{"Title": "X", "Status": "Read", "ISBN 13": "123", "ISBN 10": "0441478124"}],
    )
    batch = read(path, ReadOptions())
    assert batch.books[0].isbn is None
    assert [what.rsplit("; ", 1)[1] for _, what in batch.repaired] == [
        "imported without an ISBN",
        "imported without an ISBN",
    ]


def test_a_cell_repeated_in_many_rows_is_judged_in_each(tmp_path):
    """Cells recur across a library (statuses, authors, days): a bad one is listed for
    every row that holds it, and a good one read alike in each."""
    rows = [
        {"Title": f"Book {n}", "Author": "Ann Leckie", "Status": "Read", "Pages": "abc",
         "Date Started": "2024-02-30", "Date Finished": "2024-03-15"}
        for n in range(3)
    ]  # fmt: skip
    path = write_csv(tmp_path / "h.csv", header_of("hardcover_export.csv"), rows)
    batch = read(path, ReadOptions())
    assert [(b.author, b.started_on, b.finished_on) for b in batch.books] == [
        ("Ann Leckie", None, date(2024, 3, 15))
    ] * 3
    assert [where for where, _ in batch.repaired] == ["row 2", "row 2", "row 3", "row 3"] + [
        "row 4",
        "row 4",
    ]
    assert all("Pages" in what or "Date Started" in what for _, what in batch.repaired)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "h.csv is empty; expected a Hardcover library export"),
        (
            b"Book Id,Title,Author,ISBN,ISBN13\n1,Dune,Frank Herbert,,\n",
            "h.csv is not a Hardcover library export: its header lacks Status, Date Started, "
            "Date Finished",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "h.csv, line 1: not UTF-8 text (byte 0x89)"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_whole(tmp_path, content, message):
    path = tmp_path / "h.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        read(path, ReadOptions())
    assert str(refused.value).startswith(message)
