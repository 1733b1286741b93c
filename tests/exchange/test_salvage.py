"""Real exports are messy: a row with a bad cell is kept with what can be trusted and
listed by its row, a row without a title is left out and listed, and `strict` refuses
the file at the first such problem. A file that is not of its kind is refused whole."""

from __future__ import annotations

from datetime import date

import pytest
from sample_files import FILES, header_of, write_csv

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions, check_batch
from compound.domain.records import BookStatus
from compound.exchange import goodreads, storygraph
from compound.exchange.csvfiles import read_rows
from compound.exchange.salvage import Salvage

F, R, T = BookStatus.FINISHED, BookStatus.READING, BookStatus.TO_READ
GOODREADS = FILES / "goodreads_library_export_messy.csv"
STORYGRAPH = FILES / "storygraph_export_messy.csv"


def test_a_messy_goodreads_library_imports_every_row_it_can():
    batch = goodreads.read(GOODREADS, ReadOptions())
    assert [
        (b.where, b.title, b.isbn, b.total_pages, b.status, b.finished_on) for b in batch.books
    ] == [
        ("row 2", "Norwegian Wood", "9780375704024", 296, F, date(2024, 2, 11)),
        ("row 3", "Kafka on the Shore", "9781400079278", None, F, date(2024, 4, 2)),
        ("row 4", "The Great Gatsby", "9780743273565", 180, F, None),
        ("row 5", "To Kill a Mockingbird", "9780060935467", 324, F, date(2023, 8, 1)),
        ("row 7", "The Catcher in the Rye", None, 277, F, date(2022, 11, 20)),
        ("row 8", "Brave New World", "0060850523", 268, R, None),
        ("row 9", "Crime and Punishment", "9780143058144", 671, F, date(2021, 3, 14)),
        ("row 10", "Pride and Prejudice", "9780141439518", None, T, None),
        ("row 11", "The Alchemist", "9780062315007", None, T, None),
        ("row 12", "The Kite Runner", "9781594631931", None, F, None),
    ]
    assert batch.repaired == (
        ("row 3", "Number of Pages must be a whole number, not '480 pages'; left empty"),
        (
            "row 4",
            "Date Read '2024/02/30' is not a real date (day is out of range for month); left empty",
        ),
        ("row 5", 'Exclusive Shelf is empty; read as "read", from its Date Read'),
        (
            "row 7",
            'ISBN13 "97803167694" is not an ISBN (it has 11 digits, not 10 or 13); '
            "imported without it",
        ),
        (
            "row 8",
            'ISBN13 "978006085052" is not an ISBN (it has 12 digits, not 10 or 13); '
            "imported with its ISBN, 0060850523",
        ),
        ("row 9", "24 fields where the header has 23; the extra fields (empty) were dropped"),
        ("row 10", "7 fields where the header has 23; the missing ones were read as empty"),
        ("row 10", 'Exclusive Shelf is empty; read as "to-read"'),
        ("row 11", "Number of Pages must be at least 1, not -5; left empty"),
        (
            "row 12",
            "Date Read '2024/13/01' is not a real date (month must be in 1..12); left empty",
        ),
        ("row 12", "Number of Pages must be a whole number, not 'abc'; left empty"),
    )
    assert batch.skipped == (("row 6", "the title cannot be empty"),)


def test_a_messy_storygraph_export_imports_every_row_it_can():
    batch = storygraph.read(STORYGRAPH, ReadOptions())
    assert [(b.where, b.title, b.status, b.started_on, b.finished_on) for b in batch.books] == [
        ("row 2", "Red Rising", F, date(2025, 3, 1), date(2025, 3, 14)),
        # Dates Read 2024/05/10-2024/05/02: the days it holds, the earlier the start.
        ("row 3", "Project Hail Mary", F, date(2024, 5, 2), date(2024, 5, 10)),
        # No Read Status: told by the dates.
        ("row 4", "Circe", F, date(2024, 6, 1), date(2024, 6, 9)),
        ("row 5", "The Name of the Wind", R, date(2025, 1, 10), None),
        ("row 6", "Klara and the Sun", T, None, None),
        ("row 7", "Dune", T, None, None),
        ("row 8", "Station Eleven", F, date(2023, 9, 4), date(2023, 9, 30)),
        ("row 10", "The Hobbit", F, date(2022, 1, 5), date(2022, 1, 20)),
        # 2024/02/30-2024/03/10: the day that does not exist is left empty.
        ("row 11", "Beloved", F, None, date(2024, 3, 10)),
    ]
    assert batch.repaired == (
        (
            "row 3",
            "Dates Read '2024/05/10-2024/05/02' ends before it starts; "
            "read as 2024/05/02 to 2024/05/10, the days it names",
        ),
        ("row 4", 'Read Status is empty; read as "read", from its dates'),
        ("row 5", 'Read Status is empty; read as "currently-reading", from its dates'),
        ("row 6", 'Read Status is empty; read as "to-read", from its dates'),
        (
            "row 7",
            "Read Status 'want-to-read' is not one of read, currently-reading, paused, to-read, "
            'did-not-finish; read as "to-read", from its dates',
        ),
        (
            "row 8",
            "Last Date Read '2024/13/01' is not a real date (month must be in 1..12); left empty",
        ),
        ("row 10", "25 fields where the header has 23; the extra fields (not empty) were dropped"),
        (
            "row 11",
            "Dates Read '2024/02/30' is not a real date (day is out of range for month); "
            "left empty",
        ),
    )
    assert batch.skipped == (("row 9", "the title cannot be empty"),)
    check_batch(batch)  # a reversed range is repaired before the batch is held to its bounds


@pytest.mark.parametrize(
    "read, path, message",
    [
        # A row's width is judged as the file is read, before any row's cells.
        (
            goodreads.read,
            GOODREADS,
            "goodreads_library_export_messy.csv, row 9: 24 fields where the header has 23",
        ),
        (
            storygraph.read,
            STORYGRAPH,
            "storygraph_export_messy.csv, row 10: 25 fields where the header has 23",
        ),
    ],
)
def test_strict_refuses_at_the_first_problem(read, path, message):
    with pytest.raises(InputError) as refused:
        read(path, ReadOptions(strict=True))
    assert str(refused.value) == message


@pytest.mark.parametrize(
    "pages", ["320 pages", "abc", "-5", "3.5", "٣٠٢", "1e3", "99999999999999999999"]
)
def test_a_page_count_that_is_not_a_number_is_left_empty(tmp_path, pages):
    row = {"Book Id": "1", "Title": "Dune", "Number of Pages": pages, "Exclusive Shelf": "read"}
    path = write_csv(tmp_path / "gr.csv", header_of("goodreads_library_export_2025.csv"), [row])
    batch = goodreads.read(path, ReadOptions())
    assert [(b.title, b.total_pages) for b in batch.books] == [("Dune", None)]
    ((where, what),) = batch.repaired
    assert where == "row 2" and "Number of Pages" in what and what.endswith("; left empty")


def test_a_file_that_is_not_of_its_kind_is_refused_whole_even_when_salvaging(tmp_path):
    binary = tmp_path / "gr.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for path, message in [
        (binary, "gr.csv, line 1: not UTF-8 text"),
        (empty, "empty.csv is empty; expected a Goodreads library export"),
        (STORYGRAPH, "storygraph_export_messy.csv is not a Goodreads library export"),
    ]:
        with pytest.raises(InputError) as refused:
            goodreads.read(path, ReadOptions())
        assert str(refused.value).startswith(message), str(refused.value)
        assert "\n" not in str(refused.value)
    with pytest.raises(InputError, match="is not a StoryGraph library export"):
        storygraph.read(GOODREADS, ReadOptions())


def test_read_rows_is_strict_without_a_salvage_and_lists_rows_with_one(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6,\n7,8\n9,10,11,12\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^t.csv, row 3: 4 fields where the header has 3$"):
        read_rows(path, ("a",), "a table")
    salvage = Salvage("t.csv")
    columns, rows = read_rows(path, ("a",), "a table", salvage)
    assert columns == {"a": 0, "b": 1, "c": 2}
    assert rows == [
        (2, ["1", "2", "3"]),
        (3, ["4", "5", "6"]),
        (4, ["7", "8", ""]),
        (5, ["9", "10", "11"]),
    ]
    assert salvage.repaired == [
        ("row 3", "4 fields where the header has 3; the extra fields (empty) were dropped"),
        ("row 4", "2 fields where the header has 3; the missing ones were read as empty"),
        ("row 5", "4 fields where the header has 3; the extra fields (not empty) were dropped"),
    ]
    with pytest.raises(InputError, match=r"^t.csv, row 3: 4 fields where the header has 3$"):
        read_rows(path, ("a",), "a table", Salvage("t.csv", strict=True))


def test_a_reversed_range_in_a_reread_is_read_as_its_days(tmp_path):
    row = {
        "Title": "Dune",
        "Read Status": "read",
        "Dates Read": "2023/01/09-2023/01/02, 2024/05/01-2024/05/09",
    }
    path = write_csv(tmp_path / "sg.csv", header_of("storygraph_export.csv"), [row])
    batch = storygraph.read(path, ReadOptions())
    assert [(b.started_on, b.finished_on) for b in batch.books] == [
        (date(2023, 1, 2), date(2023, 1, 9)),
        (date(2024, 5, 1), date(2024, 5, 9)),
    ]
    assert [where for where, _ in batch.repaired] == ["row 2"]


def test_rows_left_out_count_toward_the_bound_on_problems_but_are_not_refused_as_strict(
    monkeypatch,
):
    from compound.exchange import salvage as salvage_module

    monkeypatch.setattr(salvage_module, "MAX_PROBLEMS", 3)
    strict = Salvage("library.csv", strict=True)
    strict.leave_out("row 2", "the same book and read as row 1")  # a duplicate: no problem
    assert strict.skipped == [("row 2", "the same book and read as row 1")]

    salvage = Salvage("library.csv")
    for number in (2, 3, 4):
        salvage.leave_out(f"row {number}", "in Openreads' bin (deleted)")
    with pytest.raises(InputError, match="library.csv: more than 3 rows with problems"):
        salvage.leave_out("row 5", "in Openreads' bin (deleted)")
    with pytest.raises(InputError, match="more than 3 rows with problems"):
        salvage.repair("row 6", "no Status", "read as to read from its dates")
