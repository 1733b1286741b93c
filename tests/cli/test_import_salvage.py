"""`compound import` of messy exports as people run it: the rows it could keep are
imported and listed by their row numbers with what was done; `--strict` refuses the
file at its first problem; `--dry-run` lists the same and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
GOODREADS = str(SAMPLES / "goodreads_library_export_messy.csv")
STORYGRAPH = str(SAMPLES / "storygraph_export_messy.csv")


def test_a_messy_goodreads_library_imports_and_lists_its_repairs(db_path, ok, run):
    imported = ok("import", "goodreads", GOODREADS)
    assert imported.lines[:2] == [
        "Imported goodreads_library_export_messy.csv (goodreads):",
        "  books             10 added",
    ]
    assert "Repaired 11 entries (kept with what could be trusted):" in imported.lines
    assert (
        '  row 7:   ISBN13 "97803167694" is not an ISBN (it has 11 digits, not 10 or 13); '
        "imported without it"
    ) in imported.lines
    assert "  row 3:   Number of Pages must be a whole number, not '480 pages'; left empty" in (
        imported.lines
    )
    assert imported.lines[-2:] == ["Skipped 1 entry:", "  row 6:  the title cannot be empty"]
    books = json.loads(ok("export").out)["books"]
    catcher = next(b for b in books if b["title"] == "The Catcher in the Rye")
    assert (catcher["isbn"], catcher["total_pages"], catcher["status"]) == (None, 277, "finished")
    # Importing again finds every kept row already there.
    again = ok("import", "goodreads", GOODREADS)
    assert again.lines[1] == "  books             0 added, 10 already there"
    assert again.lines[-1] == "Nothing new: everything in the file was here already."


@pytest.mark.parametrize(
    "kind, path, message",
    [
        (
            "goodreads",
            GOODREADS,
            "compound: goodreads_library_export_messy.csv, row 9: "
            "24 fields where the header has 23",
        ),
        (
            "storygraph",
            STORYGRAPH,
            "compound: storygraph_export_messy.csv, row 10: 25 fields where the header has 23",
        ),
    ],
)
def test_strict_refuses_the_file_at_its_first_problem(
    db_path, ok, run, snapshot_rows, db_url, kind, path, message
):
    ok("book", "add", "Dune", "--pages", "412")
    before = snapshot_rows(db_url)
    refused = run("import", kind, path, "--strict")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err.splitlines() == [message]
    assert snapshot_rows(db_url) == before


def test_a_dry_run_lists_the_same_repairs_and_writes_nothing(db_path, ok):
    dry = ok("import", "storygraph", STORYGRAPH, "--dry-run")
    assert dry.lines[:2] == [
        "Dry run of storygraph_export_messy.csv (storygraph): nothing was written.",
        "  books             9 to add",
    ]
    assert not db_path.exists()
    imported = ok("import", "storygraph", STORYGRAPH)
    repairs = dry.lines[dry.lines.index("Repaired 8 entries (kept with what could be trusted):") :]
    assert repairs == imported.lines[imported.lines.index(repairs[0]) :]
    assert (
        "  row 3:   Dates Read '2024/05/10-2024/05/02' ends before it starts; "
        "read as 2024/05/02 to 2024/05/10, the days it names"
    ) in repairs
    assert repairs[-2:] == ["Skipped 1 entry:", "  row 9:  the title cannot be empty"]


def test_a_file_of_another_kind_is_still_refused_whole(db_path, run):
    refused = run("import", "goodreads", STORYGRAPH)
    assert refused.code == 2 and refused.out == ""
    assert refused.err.startswith(
        "compound: storygraph_export_messy.csv is not a Goodreads library export"
    )
    assert refused.err.count("\n") == 1
    assert not db_path.exists()
