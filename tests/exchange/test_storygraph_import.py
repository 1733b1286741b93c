"""Reading The StoryGraph's export: several reads, ranges, open reads, UIDs, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sample_files import FILES, header_of, write_csv

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.storygraph import dates_read, read

F, R, T, A = BookStatus.FINISHED, BookStatus.READING, BookStatus.TO_READ, BookStatus.ABANDONED


def test_the_export_has_storygraphs_23_columns():
    header = header_of("storygraph_export.csv")
    assert len(header) == 23
    assert header[:10] == [
        "Title",
        "Authors",
        "Contributors",
        "ISBN/UID",
        "Format",
        "Read Status",
        "Date Added",
        "Last Date Read",
        "Dates Read",
        "Read Count",
    ]


def test_each_read_becomes_a_book():
    batch = read(FILES / "storygraph_export.csv", ReadOptions())
    assert [
        (b.where, b.title, b.author, b.isbn, b.status, b.started_on, b.finished_on)
        for b in batch.books
    ] == [
        # Two reads, each a range: a book and its reread, both finished.
        (
            "row 2",
            "Red Rising",
            "Pierce Brown",
            "9780345539786",
            F,
            date(2025, 3, 1),
            date(2025, 3, 14),
        ),
        (
            "row 2",
            "Red Rising",
            "Pierce Brown",
            "9780345539786",
            F,
            date(2026, 9, 1),
            date(2026, 9, 12),
        ),
        # A single day: finished that day.
        ("row 3", "채식주의자", "한강", "9788936433598", F, None, date(2025, 2, 2)),
        # An open range: being read since.
        (
            "row 4",
            "The Left Hand of Darkness",
            "Ursula K. Le Guin",
            "9780441478125",
            R,
            date(2026, 11, 1),
            None,
        ),
        # Did not finish: the range is when it was read, not a finish.
        (
            "row 5",
            "Infinite Jest",
            "David Foster Wallace",
            "9780316066525",
            A,
            date(2024, 1, 15),
            None,
        ),
        # StoryGraph's own id is not an ISBN.
        ("row 6", "Some Web Novel", "Anon", None, T, None, None),
        # Read with no Dates Read: Last Date Read is the finish.
        ("row 7", "Piranesi", "Susanna Clarke", "9781635575637", F, None, date(2023, 6, 18)),
        # Paused is still being read.
        (
            "row 8",
            "A Psalm for the Wild-Built",
            "Becky Chambers",
            "9781250236210",
            R,
            date(2025, 8, 3),
            None,
        ),
        ("row 9", "Mrs Dalloway", "Virginia Woolf", "9780156628709", F, None, date(2022, 2, 20)),
    ]
    assert {b.total_pages for b in batch.books} == {None}  # StoryGraph has no page counts
    assert {b.source for b in batch.books} == {"storygraph"}
    assert batch.skipped == ()


def test_dates_read_forms():
    assert dates_read("") == []
    assert dates_read("2025/04/19-2025/04/21") == [(date(2025, 4, 19), date(2025, 4, 21))]
    assert dates_read("2025/04/19 - 2025/04/21, 2023/1/5") == [
        (None, date(2023, 1, 5)),
        (date(2025, 4, 19), date(2025, 4, 21)),
    ]
    assert dates_read("2026/11/01-") == [(date(2026, 11, 1), None)]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"Dates Read": "2025/04/21-2025/04/19"},
            "row 3: Dates Read '2025/04/21-2025/04/19' ends before it starts",
        ),
        (
            {"Dates Read": "last spring"},
            "row 3: Dates Read 'last spring' is not a day or a range like 2025/04/19-2025/04/21",
        ),
        ({"Dates Read": "2025/02/30"}, "row 3: Dates Read '2025/02/30' is not a real date"),
        (
            {"Read Status": "reading"},
            "row 3: Read Status 'reading' is not one of read, "
            "currently-reading, paused, to-read, did-not-finish",
        ),
        ({"Title": ""}, "row 3: the title cannot be empty"),
    ],
)
def test_a_bad_cell_is_refused_naming_the_row(tmp_path, change, message):
    good = {
        "Title": "Dune",
        "Authors": "Frank Herbert",
        "ISBN/UID": "9780441013593",
        "Read Status": "read",
        "Dates Read": "2024/01/02-2024/02/03",
    }
    path = write_csv(
        tmp_path / "sg.csv", header_of("storygraph_export.csv"), [good, {**good, **change}]
    )
    with pytest.raises(InputError) as refused:
        read(path, ReadOptions())
    assert str(refused.value).startswith(f"sg.csv, {message}")


def test_a_row_repeated_in_the_file_is_skipped(tmp_path):
    good = {
        "Title": "Dune",
        "Authors": "Frank Herbert",
        "ISBN/UID": "9780441013593",
        "Read Status": "read",
        "Dates Read": "2024/01/02-2024/02/03",
    }
    path = write_csv(tmp_path / "sg.csv", header_of("storygraph_export.csv"), [good, good])
    batch = read(path, ReadOptions())
    assert len(batch.books) == 1
    assert batch.skipped == (("row 3", "the same book and reads as row 2"),)
