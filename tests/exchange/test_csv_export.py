"""CSV out: RFC 4180 in UTF-8, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sample_data import sample_export

from compound.exchange.csv_export import COLUMNS, write
from compound.exchange.csvfiles import safe_cell, write_table


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+41 79 555 01 01", "'+41 79 555 01 01"),
        ("-10 pages", "'-10 pages"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("Deep Work", "Deep Work"),
        ("a=b", "a=b"),
        ("ノルウェイの森 🌲", "ノルウェイの森 🌲"),
        (12, "12"),
        (None, ""),
        (True, "true"),
        (date(2026, 11, 22), "2026-11-22"),
    ],
)
def test_cells_are_neutralised_only_when_a_spreadsheet_would_compute_them(value, cell):
    assert safe_cell(value) == cell


def test_a_table_is_rfc_4180():
    out = io.StringIO(newline="")
    write_table(out, ["title", "note"], [['Say "hi", then', "two\nlines"], ["plain", None]])
    assert out.getvalue() == ('title,note\r\n"Say ""hi"", then","two\nlines"\r\nplain,\r\n')


def test_the_export_is_one_table_of_every_record_and_reads_back():
    out = io.StringIO(newline="")
    write(sample_export(), out)
    text = out.getvalue()
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["record"] for r in rows] == ["book"] * 3 + ["reading"] * 5 + [
        "session",
        "goal",
        "skip",
    ]
    books = {r["id"]: r for r in rows if r["record"] == "book"}
    assert books["5"]["title"] == "ノルウェイの森 🌲" and books["5"]["pages"] == "37"
    # The formula title and the @ author are text now; so is a note starting with "-".
    assert books["9"]["title"] == '\'=HYPERLINK("http://evil.example","win")'
    assert books["9"]["author"] == "'@attacker"
    logs = [r for r in rows if r["record"] == "reading"]
    assert logs[1]["note"] == "on the train 🚆\nsecond line"
    assert logs[2]["note"] == "'-10 pages tomorrow"
    assert (
        logs[3]["id"],
        logs[3]["day"],
        logs[3]["pages"],
        logs[3]["book_id"],
        logs[3]["source"],
    ) == ("r13", "2026-11-21", "25", "5", "koreader:abc:2026-11-21")
    session = next(r for r in rows if r["record"] == "session")
    assert (session["minutes"], session["kind"], session["topic"]) == ("90", "course", "SQL ✨")
    every_cell = [cell for r in rows for cell in r.values()]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in every_cell)
