"""`compound export` and `compound import` as people run them, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
import koreader_stats  # noqa: E402
from sample_data import without_ids  # noqa: E402
from sample_files import header_of, write_csv  # noqa: E402

GOODREADS = str(SAMPLES / "goodreads_library_export_2024.csv")
STORYGRAPH = str(SAMPLES / "storygraph_export.csv")

SEED = [
    [
        "book",
        "add",
        "Dune",
        "--author",
        "Frank Herbert",
        "--pages",
        "40",
        "--isbn",
        "9780441013593",
        "--start",
    ],
    ["log", "20", "--date", "2026-11-18", "--note", 'on the train 🚆\n"spice"'],
    ["log", "20", "--date", "2026-11-19"],
    ["book", "add", "ノルウェイの森 🌲", "--author", "村上春樹", "--pages", "400"],
    ["log", "12", "--book", "ノルウェイ", "--minutes", "25m"],
    ["learn", "45m", "--kind", "course", "--topic", "=SUM(A1) ✨"],
    ["goal", "set", "daily-pages", "10"],
    ["skip", "2026-11-25", "--reason", "travel ✈"],
]


@pytest.fixture
def seeded(ok):
    for argv in SEED:
        ok(*argv)


def test_json_export_imports_back_exactly(db, seeded, ok, tmp_path):
    target = tmp_path / "me.json"
    wrote = ok("export", "-o", str(target))
    assert wrote.lines == [
        f"Wrote 2 books, 3 reading logs, 1 learning session, 1 goal and "
        f"1 skip day to {target} (json)."
    ]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    original = json.loads(target.read_text(encoding="utf-8"))
    assert original["books"][1]["title"] == "ノルウェイの森 🌲"

    ok("profile", "add", "copy")
    imported = ok("--profile", "copy", "import", "compound", str(target))
    assert imported.lines == [
        "Imported me.json (compound):",
        "  books             2 added",
        "  reading logs      3 added",
        "  learning sessions 1 added",
        "  goals             1 added",
        "  skip days         1 added",
    ]
    copy = json.loads(ok("export", "--profile", "copy").out)
    assert copy["profile"] == "copy"
    assert without_ids(copy) == without_ids(original)

    empty = tmp_path / "elsewhere.db"
    ok("--db", str(empty), "import", "compound", str(target))
    assert without_ids(json.loads(ok("--db", str(empty), "export").out)) == without_ids(original)

    again = ok("--profile", "copy", "import", "compound", str(target))
    assert again.lines[-1] == "Nothing new: everything in the file was here already."


def test_every_import_is_idempotent(db, ok, snapshot_rows, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOUND_TIMEZONE", "Europe/Berlin")
    monkeypatch.setenv("COMPOUND_DAY_STARTS_AT", "03:00")
    stats = koreader_stats.write(tmp_path / "statistics.sqlite3")
    files = [("goodreads", GOODREADS), ("storygraph", STORYGRAPH), ("koreader", str(stats))]
    for kind, path in files:
        assert ok("import", kind, path).lines[0] == f"Imported {Path(path).name} ({kind}):"
    after_once = snapshot_rows(db)
    for kind, path in files:
        assert ok("import", kind, path).lines[-1] == (
            "Nothing new: everything in the file was here already."
        )
    assert snapshot_rows(db) == after_once
    history = ok("history", "--days", "5").out
    assert "15 p in 20m  三体" in history  # 01:30 on the 20th counted for the 19th


def test_a_dry_run_writes_nothing(db, seeded, ok, snapshot_rows):
    before = snapshot_rows(db)
    dry = ok("import", "goodreads", GOODREADS, "--dry-run")
    assert dry.lines[:2] == [
        "Dry run of goodreads_library_export_2024.csv (goodreads): nothing was written.",
        "  books             10 to add",
    ]
    # Where and why in aligned columns, two spaces apart.
    assert "  row 10:  the same Goodreads book (11297) as row 2" in dry.lines
    assert snapshot_rows(db) == before


def test_a_dry_run_does_not_even_create_the_database(db_path, ok):
    dry = ok("import", "storygraph", STORYGRAPH, "-n")
    assert dry.lines[1] == "  books             9 to add"
    assert not db_path.exists()


def _bad_goodreads(tmp_path) -> Path:
    good = {
        "Book Id": "1",
        "Title": "Dune",
        "Author": "Frank Herbert",
        "Number of Pages": "412",
        "Exclusive Shelf": "read",
        "Date Read": "2024/03/15",
    }
    return write_csv(
        tmp_path / "goodreads_library_export.csv",
        header_of("goodreads_library_export_2026.csv"),
        [good, {**good, "Book Id": "2", "Date Read": "2024/02/30"}],
    )


@pytest.mark.parametrize(
    "kind, make, message",
    [
        (
            "goodreads",
            _bad_goodreads,
            "goodreads_library_export.csv, row 3: Date Read '2024/02/30' is not a real date",
        ),
        (
            "storygraph",
            lambda tmp: write_csv(
                tmp / "sg.csv",
                header_of("storygraph_export.csv"),
                [{"Title": "Dune", "Read Status": "read", "Dates Read": "2024/05/01-2024/04/01"}],
            ),
            "sg.csv, row 2: Dates Read '2024/05/01-2024/04/01' ends before it starts",
        ),
        (
            "koreader",
            lambda tmp: (
                (tmp / "statistics.sqlite3").write_bytes(b"x" * 4096) and tmp / "statistics.sqlite3"
            ),
            "statistics.sqlite3 is not a SQLite database",
        ),
        (
            "compound",
            lambda tmp: (
                (tmp / "a.json").write_text(
                    json.dumps(
                        {"format": "compound", "version": 1, "books": [{"id": 1, "title": "X"}]}
                    )
                )
                and tmp / "a.json"
            ),
            "a.json, books[0]: status is missing",
        ),
        ("compound", lambda tmp: tmp / "missing.json", "there is no file"),
        ("goodreads", lambda tmp: tmp, "is a directory, not a file to import"),
    ],
)
def test_a_malformed_file_is_one_line_exit_2_and_nothing_written(
    db, seeded, run, snapshot_rows, tmp_path, kind, make, message
):
    before = snapshot_rows(db)
    # --strict: a bad row refuses the file too (without it, the row is salvaged and listed).
    result = run("import", kind, str(make(tmp_path)), "--strict")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("compound: ") and result.err.count("\n") == 1, result.err
    assert message in result.err
    assert snapshot_rows(db) == before


def test_csv_and_markdown_exports(db_path, seeded, ok):
    table = ok("export", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(table, newline="")))
    assert [r["record"] for r in rows] == [
        "book",
        "book",
        "reading",
        "reading",
        "reading",
        "session",
        "goal",
        "skip",
    ]
    assert rows[5]["topic"] == "'=SUM(A1) ✨"
    assert table.count("\r\n") == 9  # RFC 4180 line ends: a header and eight records
    assert '"on the train 🚆\n""spice"""' in table  # the note's own line break, quoted
    report = ok("export", "--format", "md", "--from", "2026-11-19", "--to", "2026-11-22").lines
    assert report[0] == "# Reading and learning, 2026-11-19 to 2026-11-22"
    assert "| Pages read | 32 |" in report
    assert "- 2026-11-19: *Dune* by Frank Herbert, 40 pages" in report


def test_export_refusals(db_path, seeded, run, tmp_path):
    for argv, message in [
        (
            ["export", "--from", "2026-11-20", "--to", "2026-11-19"],
            "the period ends (2026-11-19) before it starts (2026-11-20)",
        ),
        (["export", "-o", str(db_path)], "is the database itself; name another file"),
        (["export", "-o", str(tmp_path)], "is a directory; name a file to write"),
        (["export", "--format", "xml"], "argument --format/-f: invalid choice: 'xml'"),
    ]:
        result = run(*argv)
        assert (result.code, result.out) == (2, ""), argv
        assert message in result.err and result.err.count("\n") == 1, result.err


def test_an_existing_file_is_replaced_by_a_private_one(db_path, seeded, ok, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o644)
    ok("export", "-f", "md", "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Reading and learning")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_emoji_survive_a_terminal_that_cannot_show_them(db_path, seeded, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "ascii"
    done = subprocess.run(
        [sys.executable, "-m", "compound", "export"], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.decode("utf-8"))["books"][1]["title"] == "ノルウェイの森 🌲"


def test_a_large_import_shows_a_progress_bar_on_a_terminal(db_path, run, tmp_path, monkeypatch):
    header = header_of("goodreads_library_export_2025.csv")
    path = write_csv(
        tmp_path / "big.csv",
        header,
        [
            {
                "Book Id": str(n),
                "Title": f"Book {n} 📘",
                "Author": f"Author {n % 37}",
                "Number of Pages": str(100 + n),
                "Exclusive Shelf": "read",
                "Date Read": f"2025/{1 + n % 12:02d}/{1 + n % 28:02d}",
            }
            for n in range(600)
        ],
    )
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    result = run("import", "goodreads", str(path))
    assert result.code == 0, result
    assert "Importing big.csv" in result.err and "100%  600/600" in result.err
    assert result.err.count("\r") <= 101  # redrawn once per percent, not once per row
    assert result.lines[1] == "  books             600 added"


def test_list_and_habit_choices_are_refused_where_they_mean_nothing(db_path, run):
    """--list is for a file with habits to choose from; a --habit that is not NAME=KIND
    is refused before any file is read. One line each, exit 2, no database made."""
    listed = run("import", "goodreads", GOODREADS, "--list")
    assert listed.code == 2 and listed.out == ""
    assert listed.err.strip().splitlines() == [
        "compound: --list is for a file with habits to choose from (loop), not goodreads"
    ]
    for choice in ("Read", "=reading", "Read="):
        habit = run("import", "goodreads", GOODREADS, "--habit", choice)
        assert habit.code == 2, choice
        assert len(habit.err.strip().splitlines()) == 1
        assert "is not NAME=KIND" in habit.err
    assert not db_path.exists()
