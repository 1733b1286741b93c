"""`compound import kindle` and `compound import openreads` as people run them."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
sys.path.insert(0, str(SAMPLES))
import kindle_files  # noqa: E402
import openreads_files  # noqa: E402
from kindle_files import HAIL_MARY, device_row  # noqa: E402
from openreads_files import row  # noqa: E402


def test_kindle_import_summary_dry_run_and_again(db_path, ok, snapshot_rows, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOUND_TIMEZONE", "Europe/Berlin")
    monkeypatch.setenv("COMPOUND_DAY_STARTS_AT", "03:00")
    path = str(kindle_files.write_insights(tmp_path / kindle_files.INSIGHTS))
    dry = ok("import", "kindle", path, "--dry-run")
    assert dry.lines[:3] == [
        f"Dry run of {kindle_files.INSIGHTS} (kindle): nothing was written.",
        "  books             2 to add",
        "  reading logs      4 to add",
    ]
    assert not db_path.exists()
    done = ok("import", "kindle", path)
    assert done.lines[:3] == [
        f"Imported {kindle_files.INSIGHTS} (kindle):",
        "  books             2 added",
        "  reading logs      4 added",
    ]
    assert "Skipped 1 entry:" in done.lines
    after = snapshot_rows(f"sqlite:///{db_path}")
    again = ok("import", "kindle", path)
    assert again.lines[-1] == "Nothing new: everything in the file was here already."
    assert snapshot_rows(f"sqlite:///{db_path}") == after
    history = ok("history", "--days", "10").out
    assert "Project Hail Mary" in history


def test_kindle_strict_refuses_in_one_line_and_writes_nothing(db_path, run, tmp_path):
    path = kindle_files.write_devices(
        tmp_path / kindle_files.DEVICES,
        extra_rows=[device_row(HAIL_MARY, "2026-11-22T10:00:00", "2026-11-22T10:30:00", "x")],
    )
    salvaged = run("import", "kindle", str(path))
    assert salvaged.code == 0
    assert "total_reading_millis 'x' is not a number of milliseconds" in salvaged.out
    strict_db = tmp_path / "strict.db"
    refused = run("--db", str(strict_db), "import", "kindle", str(path), "--strict")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        f"compound: {kindle_files.DEVICES}, row 9: total_reading_millis 'x' is not a number "
        "of milliseconds\n"
    )
    assert not strict_db.exists()


def test_kindle_refuses_a_file_of_another_kind(db_path, run, tmp_path):
    path = openreads_files.write(tmp_path / "Openreads.csv")
    refused = run("import", "kindle", str(path))
    assert refused.code == 2 and refused.err.count("\n") == 1
    assert "Openreads.csv, " in refused.err or "Openreads.csv is not" in refused.err
    assert not db_path.exists()


def test_openreads_import_summary_dry_run_and_again(db_path, ok, snapshot_rows, tmp_path):
    path = str(openreads_files.write(tmp_path / "Openreads-2026_11_22.csv"))
    dry = ok("import", "openreads", path, "-n")
    assert dry.lines[:2] == [
        "Dry run of Openreads-2026_11_22.csv (openreads): nothing was written.",
        "  books             6 to add",
    ]
    assert not db_path.exists()
    done = ok("import", "openreads", path)
    assert done.lines[1] == "  books             6 added"
    assert "Skipped 1 entry:" in done.lines
    assert any("row 7:" in line and "deleted" in line for line in done.lines)
    after = snapshot_rows(f"sqlite:///{db_path}")
    again = ok("import", "openreads", path)
    assert again.lines[-1] == "Nothing new: everything in the file was here already."
    assert snapshot_rows(f"sqlite:///{db_path}") == after


def test_openreads_strict_exits_2_and_writes_nothing(db_path, run, tmp_path):
    path = openreads_files.write(
        tmp_path / "o.csv", [row("Dune", "Frank Herbert", "finished", isbn="0441013598")]
    )
    kept = run("--db", str(tmp_path / "kept.db"), "import", "openreads", str(path))
    assert kept.code == 0 and "Repaired 1 entry" in kept.out
    refused = run("import", "openreads", str(path), "--strict")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "compound: o.csv, row 2: ISBN '0441013598' has a wrong check digit; is there a typo?\n"
    )
    assert not db_path.exists()
