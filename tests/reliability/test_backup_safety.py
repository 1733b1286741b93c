"""Backups and restores never lose a copy and never change a command's outcome.

A copy kept aside (a backup, the database before a restore or an upgrade) never takes
another's name; a daily backup that cannot be made is one warning line after a command
that still succeeds; each database file has its own backups folder; a backup restores
whatever its page size; and the doctor notices a table or column that is gone.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from reliability_kit import (
    TODAY,
    cli,
    compound_script,
    dump,
    integrity,
    process_env,
    rows,
    settle,
)
from sqlmodel import SQLModel

import compound.db.tables  # noqa: F401  (registers the tables on the metadata)
from compound.store.safekeeping import backup_dir

FIXTURES = Path(__file__).parent.parent / "fixtures"
OLDEST = sorted(FIXTURES.glob("rev-*.sqlite"))[0]
TABLES = sorted(table.name for table in SQLModel.metadata.sorted_tables)
# Two commands in the same second: what a script, or a person quick at the keyboard, does.
SAME_SECOND = datetime(2026, 11, 22, 9, 30, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kept_as(out: str) -> Path:
    """Where `compound restore` says it kept the database it replaced."""
    line = next(line for line in out.splitlines() if line.startswith("The database it replaced"))
    return Path(line.removeprefix("The database it replaced is kept as ").rstrip("."))


def database_at(path: Path, monkeypatch, *checkins: str) -> Path:
    """A database at `path` (COMPOUND_DB names it) with one check-in per note."""
    path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("COMPOUND_DB", str(path))
    for note in checkins:
        result = cli("log", "3", "--note", note)
        assert result.code == 0, result
    settle(path)
    return path


def notes(path: Path) -> list[str]:
    return [note for (note,) in rows(path, "SELECT note FROM reading_log ORDER BY id")]


# -- nothing kept aside is ever replaced ---------------------------------------------------


def test_two_restores_in_the_same_second_keep_both_replaced_databases(
    tmp_path, monkeypatch, figures
):
    from compound.store.safekeeping import restore_from

    db = database_at(tmp_path / "data" / "compound.db", monkeypatch, "the original")
    first_backup, second_backup = tmp_path / "first.db", tmp_path / "second.db"
    for target, note in ((first_backup, "first backup"), (second_backup, "second backup")):
        assert cli("log", "1", "--note", note).code == 0
        assert cli("backup", str(target)).code == 0
    original = tmp_path / "original.db"
    shutil.copy(db, original)
    before_restores = dump(db)

    _, kept_first = restore_from(first_backup, db, SAME_SECOND)
    _, kept_second = restore_from(second_backup, db, SAME_SECOND)

    assert kept_first is not None and kept_second is not None
    assert kept_first != kept_second
    assert dump(kept_first) == before_restores  # the original database, not lost
    assert dump(kept_second) == dump(first_backup)
    assert dump(db) == dump(second_backup)
    assert kept_second.name == f"{kept_first.name}-2"
    figures.add("copies kept aside in the same second, none replaced", 2)


def test_two_backups_in_the_same_second_are_two_files(tmp_path, monkeypatch):
    from compound.store.safekeeping import backup_now

    db = database_at(tmp_path / "data" / "compound.db", monkeypatch, "before")
    first = backup_now(db, None, SAME_SECOND)
    assert cli("log", "1", "--note", "between").code == 0
    second = backup_now(db, None, SAME_SECOND)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    third = backup_now(db, folder, SAME_SECOND)
    fourth = backup_now(db, folder, SAME_SECOND)

    assert first != second and third != fourth
    assert notes(first) == ["before"]
    assert notes(second) == ["before", "between"]
    assert second.name.endswith("-2.db") and fourth.name.endswith("-2.db")
    assert {p.name for p in folder.iterdir()} == {third.name, fourth.name}


def test_a_second_upgrade_from_the_same_revision_keeps_the_first_copy(tmp_path, monkeypatch):
    """Restoring an old backup, then opening it again, takes a second .bak copy: the
    copy made before the first upgrade stays as it was."""
    db = tmp_path / "data" / "compound.db"
    db.parent.mkdir()
    shutil.copy(OLDEST, db)
    monkeypatch.setenv("COMPOUND_DB", str(db))
    revision = rows(db, "SELECT version_num FROM alembic_version")[0][0]
    assert cli("log", "2", "--note", "after the first upgrade").code == 0
    first = db.with_name(f"{db.name}.bak-{revision}")
    assert first.is_file()
    first_digest, first_inode = digest(first), first.stat().st_ino

    older = tmp_path / "older" / OLDEST.name
    older.parent.mkdir()
    shutil.copy(OLDEST, older)
    restored = cli("restore", str(older))
    assert restored.code == 0, restored
    assert cli("log", "2", "--note", "after the second upgrade").code == 0

    second = db.with_name(f"{db.name}.bak-{revision}-2")
    assert second.is_file()
    assert (digest(first), first.stat().st_ino) == (first_digest, first_inode)
    assert integrity(second) == "ok"


# -- a daily backup that cannot be made never changes the outcome ------------------------


def a_file(folder: Path) -> None:
    folder.write_text("not a folder")


def a_dangling_symlink(folder: Path) -> None:
    folder.symlink_to(folder.with_name("gone-away"))


def a_symlink_loop(folder: Path) -> None:
    folder.symlink_to(folder.name)


def a_symlink_to_a_file(folder: Path) -> None:
    aside = folder.with_name("a-file")
    aside.write_text("not a folder")
    folder.symlink_to(aside.name)


def a_read_only_folder(folder: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write into a read-only folder")
    folder.mkdir(mode=0o500)


IN_THE_WAY = [a_file, a_dangling_symlink, a_symlink_loop, a_symlink_to_a_file, a_read_only_folder]


def test_a_daily_backup_failure_leaves_exit_0_and_one_warning(tmp_path):
    """The command line as a script sees it: `compound log 10` with a file where the
    backups folder goes exits 0, warns once, and stores the check-in once."""
    db = tmp_path / "data" / "compound.db"
    db.parent.mkdir()
    a_file(backup_dir(db))
    result = subprocess.run(
        [compound_script(), "log", "10", "--note", "once"],
        env=process_env(tmp_path / "home", db),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("compound: note: today's automatic backup was not made")
    assert str(backup_dir(db)) in result.stderr
    assert rows(db, "SELECT count(*) FROM reading_log WHERE note = 'once'") == [(1,)]
    assert backup_dir(db).read_text() == "not a folder"  # what was in the way, untouched


@pytest.mark.parametrize("obstacle", IN_THE_WAY, ids=lambda f: f.__name__)
def test_whatever_is_in_the_way_of_the_backups_the_checkin_is_stored(
    tmp_path, monkeypatch, figures, obstacle
):
    db = tmp_path / "data" / "compound.db"
    db.parent.mkdir()
    obstacle(backup_dir(db))
    monkeypatch.setenv("COMPOUND_DB", str(db))
    for _ in range(3):  # a script that retried on failure would store it again
        result = cli("log", "10", "--note", "in the way")
        assert result.code == 0, result
        assert result.out.startswith("Logged 10 pages")
        assert len(result.err.splitlines()) == 1, result.err
        assert result.err.startswith("compound: note: today's automatic backup was not made")
        assert "Traceback" not in result.err
        figures.add("backup failures that left the check-in stored")
    assert rows(db, "SELECT count(*) FROM reading_log WHERE note = 'in the way'") == [(3,)]
    assert integrity(db) == "ok"


def test_the_app_warns_once_when_its_daily_backup_cannot_be_made(tmp_path, monkeypatch):
    """The app takes the daily backup itself after it closes (cli/interactive.py)."""
    from compound.cli.context import Context
    from compound.cli.interactive import _keep_daily_backup

    db = database_at(tmp_path / "data" / "compound.db", monkeypatch)
    assert cli("log", "4").code == 0
    shutil.rmtree(backup_dir(db))
    a_file(backup_dir(db))
    err = io.StringIO()
    ctx = Context(None, out=io.StringIO(), err=err)
    _keep_daily_backup(ctx, db)  # returns: the app's exit status is its own
    assert len(err.getvalue().splitlines()) == 1
    assert err.getvalue().startswith("compound: note: today's automatic backup was not made")


# -- one backups folder per database file ----------------------------------------------------


def test_databases_sharing_a_stem_each_get_their_own_backups(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    names = ["club.db", "club.sqlite", "club"]
    for name in names:
        database_at(folder / name, monkeypatch, f"in {name}")
    for name in names:
        db = folder / name
        daily = folder / f"{name}-backups" / f"daily-{TODAY}.db"
        assert daily.is_file(), name
        assert notes(daily) == [f"in {name}"], name
        monkeypatch.setenv("COMPOUND_DB", str(db))
        doctor = cli("doctor")
        assert doctor.code == 0, doctor
        backups = doctor.out.splitlines()[-1]
        assert "1 daily" in backups and f"are in {folder / name}-backups" in backups


def test_an_older_compounds_backups_folder_is_found_and_moved(tmp_path, monkeypatch):
    """compound.db kept its backups in compound-backups/: doctor still finds them, and
    the next backup moves the folder to compound.db-backups/ with everything in it."""
    db = database_at(tmp_path / "data" / "compound.db", monkeypatch, "first")
    shutil.rmtree(backup_dir(db))
    old = db.with_name("compound-backups")
    old.mkdir(mode=0o700)
    shutil.copy(db, old / "daily-2026-11-20.db")
    shutil.copy(db, old / "manual-2026-11-20T08-00-00.db")

    doctor = cli("doctor")
    assert doctor.code == 0, doctor
    assert "1 daily (newest 2026-11-20, keeping 7), 1 manual" in doctor.out
    assert str(old) in doctor.out

    assert cli("log", "1", "--note", "second").code == 0
    new = db.with_name("compound.db-backups")
    assert not old.exists()
    assert sorted(p.name for p in new.iterdir()) == [
        "daily-2026-11-20.db",
        f"daily-{TODAY}.db",
        "manual-2026-11-20T08-00-00.db",
    ]
    assert notes(new / "daily-2026-11-20.db") == ["first"]
    assert "2 daily" in cli("doctor").out


def test_a_folder_two_databases_shared_is_left_alone(tmp_path, monkeypatch):
    """club.db and club.sqlite both used club-backups/: it is neither's now, and nothing
    in it is moved, pruned or reported as either's."""
    folder = tmp_path / "data"
    shared = folder / "club-backups"
    for name in ("club.db", "club.sqlite"):
        shutil.rmtree(backup_dir(database_at(folder / name, monkeypatch, f"in {name}")))
    shared.mkdir()
    for day in range(1, 10):
        shutil.copy(folder / "club.db", shared / f"daily-2026-11-0{day}.db")
    before = sorted(p.name for p in shared.iterdir())
    monkeypatch.setenv("COMPOUND_DAILY_BACKUPS", "2")  # pruning, were the folder theirs
    for name in ("club.db", "club.sqlite"):
        monkeypatch.setenv("COMPOUND_DB", str(folder / name))
        assert cli("log", "1").code == 0
        doctor = cli("doctor").out
        assert "1 daily" in doctor and str(shared) not in doctor
    assert sorted(p.name for p in shared.iterdir()) == before


# -- restoring -----------------------------------------------------------------------------


def test_a_backup_with_another_page_size_restores(tmp_path, monkeypatch):
    db = database_at(tmp_path / "data" / "compound.db", monkeypatch, "current")
    small = tmp_path / "small-pages.db"
    assert cli("backup", str(small)).code == 0
    con = sqlite3.connect(small)
    try:
        con.execute("PRAGMA page_size = 1024")
        con.execute("VACUUM")
        assert con.execute("PRAGMA page_size").fetchone()[0] == 1024
        con.execute("INSERT INTO skip (profile_id, day) VALUES (1, '2026-11-01')")
        con.commit()
    finally:
        con.close()
    assert rows(db, "PRAGMA page_size") != [(1024,)]
    wanted = dump(small)

    result = cli("restore", str(small))
    assert result.code == 0, result
    assert dump(db) == wanted
    assert integrity(db) == "ok"
    assert notes(kept_as(result.out)) == ["current"]
    assert cli("log", "2", "--note", "after").code == 0  # and it is in use again
    assert notes(db) == ["current", "after"]


def test_a_backup_from_a_newer_compound_is_refused_untouched(tmp_path, monkeypatch):
    db = database_at(tmp_path / "data" / "compound.db", monkeypatch, "current")
    newer = tmp_path / "newer.db"
    assert cli("backup", str(newer)).code == 0
    con = sqlite3.connect(newer)
    try:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
    finally:
        con.close()
    settle(db)
    before = digest(db)
    listing = sorted(p.name for p in db.parent.iterdir())

    result = cli("restore", str(newer))
    assert result.refused_in_one_line(), result
    assert "newer compound" in result.err and "9999" in result.err
    assert digest(db) == before  # byte for byte
    assert sorted(p.name for p in db.parent.iterdir()) == listing  # nothing set aside


# -- doctor ----------------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
def test_doctor_reports_a_table_that_is_gone(seeded, table, figures):
    con = sqlite3.connect(seeded)
    try:
        con.execute("PRAGMA foreign_keys = OFF")
        con.execute(f'DROP TABLE "{table}"')
        con.commit()
    finally:
        con.close()
    before = digest(seeded)
    result = cli("doctor")
    assert result.code == 1, result
    schema = next(line for line in result.out.splitlines() if " schema " in f" {line} ")
    assert schema.startswith("!! schema") and f"table {table} is missing" in schema
    assert digest(seeded) == before  # doctor changes nothing
    figures.add("damaged schemas doctor reported")


def test_doctor_reports_a_column_that_is_gone(seeded, figures):
    con = sqlite3.connect(seeded)
    try:
        con.execute("ALTER TABLE learning_session DROP COLUMN topic")
        con.commit()
    finally:
        con.close()
    result = cli("doctor")
    assert result.code == 1, result
    assert "column learning_session.topic is missing" in result.out
    figures.add("damaged schemas doctor reported")


def test_doctor_holds_an_older_revision_to_its_own_tables(tmp_path, monkeypatch):
    """A database at an older revision lacks what later revisions added, rightly."""
    db = tmp_path / "compound.db"
    shutil.copy(OLDEST, db)
    db.chmod(0o600)
    monkeypatch.setenv("COMPOUND_DB", str(db))
    result = cli("doctor")
    assert result.code == 0, result
    assert "ok schema" in result.out
