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


GOOD = {
    "Title": "Dune",
    "Authors": "Frank Herbert",
    "ISBN/UID": "9780441013593",
    "Read Status": "read",
    "Dates Read": "2024/01/02-2024/02/03",
}

# A bad cell: (the change to the row, the refusal under --strict, what is listed
# otherwise, and the books the row becomes: (status, started_on, finished_on), none
# when it is left out).
BAD_CELLS = [
    (
        {"Dates Read": "2025/04/21-2025/04/19"},
        "row 3: Dates Read '2025/04/21-2025/04/19' ends before it starts",
        "Dates Read '2025/04/21-2025/04/19' ends before it starts; "
        "read as 2025/04/19 to 2025/04/21, the days it names",
        [(F, date(2025, 4, 19), date(2025, 4, 21))],
    ),
    (
        {"Dates Read": "last spring", "Last Date Read": "2025/05/01"},
        "row 3: Dates Read 'last spring' is not a day or a range like 2025/04/19-2025/04/21",
        "Dates Read 'last spring' is not a day or a range like 2025/04/19-2025/04/21; "
        "that read was left out",
        [(F, None, date(2025, 5, 1))],
    ),
    (
        {"Dates Read": "2025/02/30"},
        "row 3: Dates Read '2025/02/30' is not a real date",
        "Dates Read '2025/02/30' is not a real date (day is out of range for month); left empty",
        [(F, None, None)],
    ),
    (
        {"Read Status": "reading", "Dates Read": "2025/03/01-"},
        "row 3: Read Status 'reading' is not one of read, "
        "currently-reading, paused, to-read, did-not-finish",
        "Read Status 'reading' is not one of read, currently-reading, paused, to-read, "
        'did-not-finish; read as "currently-reading", from its dates',
        [(R, date(2025, 3, 1), None)],
    ),
    ({"Title": ""}, "row 3: the title cannot be empty", "the title cannot be empty", []),
]


def _with_bad_cell(tmp_path, change):
    return write_csv(
        tmp_path / "sg.csv", header_of("storygraph_export.csv"), [GOOD, {**GOOD, **change}]
    )


@pytest.mark.parametrize("change, message, listed, books", BAD_CELLS)
def test_a_bad_cell_is_refused_naming_the_row_under_strict(
    tmp_path, change, message, listed, books
):
    with pytest.raises(InputError) as refused:
        read(_with_bad_cell(tmp_path, change), ReadOptions(strict=True))
    assert str(refused.value).startswith(f"sg.csv, {message}")


@pytest.mark.parametrize("change, message, listed, books", BAD_CELLS)
def test_a_bad_cell_is_salvaged_and_listed_with_its_row(tmp_path, change, message, listed, books):
    batch = read(_with_bad_cell(tmp_path, change), ReadOptions())
    assert (batch.books[0].where, batch.books[0].finished_on) == ("row 2", date(2024, 2, 3))
    assert [(b.status, b.started_on, b.finished_on) for b in batch.books[1:]] == books
    if books:
        assert (batch.repaired, batch.skipped) == ((("row 3", listed),), ())
    else:
        assert (batch.repaired, batch.skipped) == ((), (("row 3", listed),))


@pytest.mark.parametrize(
    "dates, last, status, books",
    [
        ("2024/05/01-2024/05/09", "2024/05/09", "read", [(F, date(2024, 5, 1), date(2024, 5, 9))]),
        ("", "2024/05/09", "read", [(F, None, date(2024, 5, 9))]),
        ("2024/05/01-", "", "currently-reading", [(R, date(2024, 5, 1), None)]),
        # A reread under way: the earlier read finished, the latest is being read.
        (
            "2023/01/02-2023/01/09, 2024/05/01-",
            "2023/01/09",
            "currently-reading",
            [(F, date(2023, 1, 2), date(2023, 1, 9)), (R, date(2024, 5, 1), None)],
        ),
        ("", "", "to-read", [(T, None, None)]),
    ],
)
def test_an_empty_read_status_is_told_by_the_dates(tmp_path, dates, last, status, books):
    row = {**GOOD, "Read Status": "", "Dates Read": dates, "Last Date Read": last}
    path = write_csv(tmp_path / "sg.csv", header_of("storygraph_export.csv"), [row])
    batch = read(path, ReadOptions())
    assert [(b.status, b.started_on, b.finished_on) for b in batch.books] == books
    assert batch.repaired == (
        ("row 2", f'Read Status is empty; read as "{status}", from its dates'),
    )
    with pytest.raises(InputError, match=r"^sg.csv, row 2: Read Status is empty$"):
        read(path, ReadOptions(strict=True))


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
