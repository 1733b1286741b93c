"""Reading Goodreads library exports: all three header layouts, their quirks, their refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sample_files import FILES, header_of, write_csv

from compound.domain.errors import InputError
from compound.domain.imports import ReadOptions
from compound.domain.records import BookStatus
from compound.exchange.goodreads import read, shelf_status

VERSIONS = [
    "goodreads_library_export_2024.csv",
    "goodreads_library_export_2025.csv",
    "goodreads_library_export_2026.csv",
]


def summary(batch):
    return [
        (b.where, b.title, b.author, b.isbn, b.total_pages, b.status, b.finished_on)
        for b in batch.books
    ]


def test_the_three_header_layouts_are_the_ones_seen_in_the_wild():
    h2024, h2025, h2026 = (header_of(name) for name in VERSIONS)
    assert (len(h2024), len(h2025), len(h2026)) == (31, 24, 23)
    assert set(h2024) - set(h2025) == {
        "Recommended For",
        "Recommended By",
        "Original Purchase Date",
        "Original Purchase Location",
        "Condition",
        "Condition Description",
        "BCID",
    }
    assert set(h2025) - set(h2026) == {"Average Rating"}


@pytest.mark.parametrize("name", VERSIONS)
def test_every_layout_reads_to_the_same_books(name):
    batch = read(FILES / name, ReadOptions())
    assert batch.kind == "goodreads" and batch.source == name
    assert summary(batch) == [
        (
            "row 2",
            "Norwegian Wood",
            "Haruki Murakami",
            "9780375704024",
            296,
            BookStatus.FINISHED,
            date(2024, 2, 11),
        ),
        ("row 3", "ノルウェイの森 上", "村上春樹", "9784062748681", 302, BookStatus.READING, None),
        # ISBN empty (="") and ISBN13 given: the ISBN-13 is kept.
        ("row 4", "三体", "刘慈欣", "9787536692930", 302, BookStatus.FINISHED, date(2025, 8, 30)),
        ("row 5", "Война и мир", "Лев Толстой", None, 1274, BookStatus.TO_READ, None),
        # Back on currently-reading after a finished read: the earlier read is a
        # finished book of its own, the reread is being read.
        (
            "row 6",
            "The Fellowship of the Ring (The Lord of the Rings, #1)",
            "J.R.R. Tolkien",
            "9780618346257",
            398,
            BookStatus.FINISHED,
            date(2019, 7, 21),
        ),
        (
            "row 6",
            "The Fellowship of the Ring (The Lord of the Rings, #1)",
            "J.R.R. Tolkien",
            "9780618346257",
            398,
            BookStatus.READING,
            None,
        ),
        (
            "row 7",
            "Surely You're Joking, Mr. Feynman!: Adventures of a Curious Character",
            "Richard P. Feynman",
            "9780393316049",
            391,
            BookStatus.FINISHED,
            date(2023, 11, 5),
        ),
        # A custom did-not-finish shelf; no page count.
        (
            "row 8",
            "Le Petit Prince",
            "Antoine de Saint-Exupéry",
            "9782070612758",
            None,
            BookStatus.ABANDONED,
            None,
        ),
        # Read without a Date Read; "0" pages is an unknown length.
        ("row 9", "Atomic Habits 📈", "James Clear", None, None, BookStatus.FINISHED, None),
        # A custom shelf that is not a reading state.
        ("row 11", "The Alchemist", "Paulo Coelho", "9780062315007", 197, BookStatus.TO_READ, None),
    ]
    assert {b.source for b in batch.books} == {"goodreads"}
    assert batch.skipped == (("row 10", "the same Goodreads book (11297) as row 2"),)
    assert batch.logs == () and batch.sessions == ()
    assert len({b.ref for b in batch.books}) == len(batch.books)


@pytest.mark.parametrize(
    "shelf, status",
    [
        ("read", BookStatus.FINISHED),
        ("currently-reading", BookStatus.READING),
        ("to-read", BookStatus.TO_READ),
        ("DNF", BookStatus.ABANDONED),
        ("abandoned", BookStatus.ABANDONED),
        ("wishlist", BookStatus.TO_READ),
    ],
)
def test_exclusive_shelves_map_to_statuses(shelf, status):
    assert shelf_status(shelf) == status


GOOD_ROW = {
    "Book Id": "1",
    "Title": "Dune",
    "Author": "Frank Herbert",
    "ISBN": '="0441013597"',
    "ISBN13": '="9780441013593"',
    "Number of Pages": "412",
    "Date Read": "2024/03/15",
    "Exclusive Shelf": "read",
}


# A bad cell: (the change to the row, the refusal under --strict, what is listed
# otherwise, and the book kept: (isbn, pages, finished_on), or None when the row is
# left out).
BAD_CELLS = [
    (
        {"Date Read": "2024/13/01"},
        "row 3: Date Read '2024/13/01' is not a real date",
        "Date Read '2024/13/01' is not a real date (month must be in 1..12); left empty",
        ("9780441013593", 412, None),
    ),
    (
        {"Date Read": "15/03/2024"},
        "row 3: Date Read '15/03/2024' is not a date like 2024/03/15",
        "Date Read '15/03/2024' is not a date like 2024/03/15; left empty",
        ("9780441013593", 412, None),
    ),
    (
        {"ISBN13": '="9780441013594"'},
        'row 3: ISBN13 "9780441013594" is not an ISBN (its check digit is wrong)',
        'ISBN13 "9780441013594" is not an ISBN (its check digit is wrong); '
        "imported with its ISBN, 0441013597",
        ("0441013597", 412, date(2024, 3, 15)),
    ),
    (
        {"Number of Pages": "four hundred"},
        "row 3: Number of Pages must be a whole number, not 'four hundred'",
        "Number of Pages must be a whole number, not 'four hundred'; left empty",
        ("9780441013593", None, date(2024, 3, 15)),
    ),
    (
        {"Number of Pages": "412000"},
        "row 3: Number of Pages 412,000 is more than 50,000",
        "Number of Pages 412,000 is more than 50,000; is there a typo?; left empty",
        ("9780441013593", None, date(2024, 3, 15)),
    ),
    ({"Title": "   "}, "row 3: the title cannot be empty", "the title cannot be empty", None),
    (
        {"Title": "Dune\x1b[31m"},
        "row 3: the title contains control characters",
        "the title contains control characters",
        None,
    ),
]


def _with_bad_cell(tmp_path, change):
    return write_csv(
        tmp_path / "goodreads.csv",
        header_of(VERSIONS[2]),
        [GOOD_ROW, {**GOOD_ROW, "Book Id": "2", **change}],
    )


@pytest.mark.parametrize("change, message, listed, kept", BAD_CELLS)
def test_a_bad_cell_is_refused_naming_the_row_under_strict(tmp_path, change, message, listed, kept):
    with pytest.raises(InputError) as refused:
        read(_with_bad_cell(tmp_path, change), ReadOptions(strict=True))
    assert str(refused.value).startswith(f"goodreads.csv, {message}")


@pytest.mark.parametrize("change, message, listed, kept", BAD_CELLS)
def test_a_bad_cell_is_left_out_and_listed_with_its_row(tmp_path, change, message, listed, kept):
    batch = read(_with_bad_cell(tmp_path, change), ReadOptions())
    if kept is None:
        assert (batch.repaired, batch.skipped) == ((), (("row 3", listed),))
        assert [b.where for b in batch.books] == ["row 2"]
        return
    assert (batch.repaired, batch.skipped) == ((("row 3", listed),), ())
    first, second = batch.books
    assert (first.isbn, first.total_pages, first.finished_on) == (
        "9780441013593",
        412,
        date(2024, 3, 15),
    )
    assert (second.where, second.title, second.author) == ("row 3", "Dune", "Frank Herbert")
    assert (second.isbn, second.total_pages, second.finished_on) == kept


def test_a_row_with_a_missing_field_is_refused_under_strict(tmp_path):
    path = write_csv(tmp_path / "gr.csv", header_of(VERSIONS[2]), [GOOD_ROW])
    path.write_text(path.read_text(encoding="utf-8") + "2,Short row\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^gr.csv, row 3: 2 fields where the header has 23$"):
        read(path, ReadOptions(strict=True))


def test_a_row_with_a_missing_field_is_kept_with_the_rest_empty(tmp_path):
    path = write_csv(tmp_path / "gr.csv", header_of(VERSIONS[2]), [GOOD_ROW])
    path.write_text(path.read_text(encoding="utf-8") + "2,Short row\n", encoding="utf-8")
    batch = read(path, ReadOptions())
    assert [(b.where, b.title, b.status) for b in batch.books] == [
        ("row 2", "Dune", BookStatus.FINISHED),
        ("row 3", "Short row", BookStatus.TO_READ),
    ]
    assert batch.repaired == (
        ("row 3", "2 fields where the header has 23; the missing ones were read as empty"),
        ("row 3", 'Exclusive Shelf is empty; read as "to-read"'),
    )


def test_broken_quoting_is_refused_naming_the_row(tmp_path):
    path = write_csv(tmp_path / "gr.csv", header_of(VERSIONS[2]), [GOOD_ROW])
    path.write_text(path.read_text(encoding="utf-8") + '3,"Never closed,x\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"^gr.csv, row 3: "):
        read(path, ReadOptions())


def test_a_file_that_is_not_a_goodreads_export_is_refused(tmp_path):
    with pytest.raises(
        InputError,
        match=r"storygraph_export.csv is not a Goodreads library "
        r"export: its header lacks Book Id, Author, ISBN",
    ):
        read(FILES / "storygraph_export.csv", ReadOptions())
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty.csv is empty"):
        read(empty, ReadOptions())


def test_text_that_is_not_utf8_is_refused_naming_the_line(tmp_path):
    path = write_csv(tmp_path / "gr.csv", header_of(VERSIONS[2]), [GOOD_ROW])
    path.write_bytes(path.read_bytes() + "7,Les Misérables,Victor Hugo\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"^gr.csv, line 3: not UTF-8 text \(byte 0xe9\)"):
        read(path, ReadOptions())


def test_a_byte_order_mark_and_crlf_line_ends_are_fine(tmp_path):
    path = write_csv(tmp_path / "gr.csv", header_of(VERSIONS[0]), [GOOD_ROW], newline="\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (book,) = read(path, ReadOptions()).books
    assert (book.title, book.isbn, book.finished_on) == ("Dune", "9780441013593", date(2024, 3, 15))
