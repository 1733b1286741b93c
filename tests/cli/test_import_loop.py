"""`compound import loop`: list the habits, bring the chosen ones, refuse in one line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "fixtures" / "exchange"))
import loop_files  # noqa: E402

CHOICES = ("--habit", "Read=reading", "--habit", "duolingo=practice:15")


@pytest.fixture
def export(tmp_path) -> str:
    return str(
        loop_files.write_zip(tmp_path / "Loop Habits CSV 2024-03-07.zip", loop_files.files_2x())
    )


def test_list_shows_the_habits_and_creates_nothing(db_path, ok, export):
    listed = ok("import", "loop", export, "--list")
    assert listed.lines[:2] == [
        '"Read": numeric, in pages; 3 days done, 2024-03-01 to 2024-03-06; 1 day skipped',
        '"Duolingo": yes/no; 3 days done, 2024-03-01 to 2024-03-07; 1 day skipped',
    ]
    assert len(listed.lines) == 5
    assert not db_path.exists()


def test_the_unzipped_folder_lists_alike(db_path, ok, tmp_path, export):
    folder = loop_files.write_folder(tmp_path / "unzipped", loop_files.files_2x())
    assert (
        ok("import", "loop", str(folder), "--list").out
        == ok("import", "loop", export, "--list").out
    )


def test_chosen_habits_come_in_once(db_path, ok, snapshot_rows, export, tmp_path):
    first = ok("import", "loop", export, *CHOICES)
    assert first.lines == [
        "Imported Loop Habits CSV 2024-03-07.zip (loop):",
        "  books             0 added",
        "  reading logs      3 added",
        "  learning sessions 3 added",
        "  skip days         1 added",
    ]
    url = f"sqlite:///{db_path}"
    after_once = snapshot_rows(url)
    sessions = after_once["learning_session"]
    assert len(sessions) == 3 and all("Duolingo" in row for row in sessions)
    again = ok("import", "loop", export, *CHOICES)
    assert again.lines[-1] == "Nothing new: everything in the file was here already."
    # The backup of the same days adds nothing either.
    backup = loop_files.write_backup(tmp_path / "Loop Habits Backup 2024-03-07 101010.db")
    from_backup = ok("import", "loop", str(backup), *CHOICES)
    assert from_backup.lines[-1] == "Nothing new: everything in the file was here already."
    assert snapshot_rows(url) == after_once


def test_a_dry_run_writes_nothing(db_path, ok, export):
    dry = ok("import", "loop", export, *CHOICES, "--dry-run")
    assert dry.lines[0] == "Dry run of Loop Habits CSV 2024-03-07.zip (loop): nothing was written."
    assert "  reading logs      3 to add" in dry.lines
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("choices", "refusal"),
    [
        ((), "say which Loop habits to bring and as what: see them with --list"),
        (("--habit", "Knit=reading"), "has no habit 'Knit'; its habits: \"Read\""),
        (("--habit", "Duolingo=practice"), '"Duolingo" is yes/no in Loop'),
        (("--habit", "Duolingo"), "is not NAME=KIND"),
    ],
)
def test_refusals_are_one_line_and_store_nothing(run, db_path, export, choices, refusal):
    ok_first = run("import", "loop", export, "--habit", "Read=reading")
    assert ok_first.code == 0
    before = db_path.read_bytes()
    refused = run("import", "loop", export, *choices)
    assert refused.code == 2
    assert refused.out == ""
    assert len(refused.err.strip().splitlines()) == 1
    assert refusal in refused.err
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_loop_is_refused(run, db_path, tmp_path):
    other = tmp_path / "export.zip"
    loop_files.write_zip(other, {"Books.csv": "Title\nDune\n"})
    for extra in (("--list",), ("--habit", "Read=reading")):
        refused = run("import", "loop", str(other), *extra)
        assert refused.code == 2
        assert "export.zip holds no Habits.csv" in refused.err
        assert len(refused.err.strip().splitlines()) == 1
    assert not db_path.exists()


def test_list_is_only_for_loop(run, export):
    refused = run("import", "goodreads", export, "--list")
    assert refused.code == 2 and "--list is for a file with habits" in refused.err
