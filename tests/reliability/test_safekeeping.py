"""`compound backup`, automatic daily backups, `compound restore` and `compound doctor`."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from reliability_kit import cli, dump, integrity, rows

FIXTURE = sorted((Path(__file__).parent.parent / "fixtures").glob("rev-*.sqlite"))[-1]


def backups_of(db: Path) -> list[str]:
    folder = db.with_name(f"{db.name}-backups")
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- backup ---------------------------------------------------------------------------------


def test_backup_without_a_path_goes_beside_the_database(seeded):
    result = cli("backup")
    assert result.code == 0 and result.err == ""
    made = Path(result.out.split(" to ")[1].rsplit(" (", 1)[0])
    assert made.parent == seeded.with_name("compound.db-backups")
    assert made.name.startswith("manual-")
    assert dump(made) == dump(seeded)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert not Path(f"{made}-wal").exists()  # one self-contained file


def test_backup_to_a_path_refuses_to_overwrite_unless_asked(seeded, tmp_path):
    target = tmp_path / "mine.db"
    target.write_text("my notes")
    refused = cli("backup", str(target))
    assert refused.refused_in_one_line() and "--replace" in refused.err
    assert target.read_text() == "my notes"
    assert cli("backup", str(target), "--replace").code == 0
    assert dump(target) == dump(seeded)
    folder = tmp_path / "folder"
    folder.mkdir()
    assert cli("backup", str(folder)).code == 0
    assert [p.name[:7] for p in folder.iterdir()] == ["manual-"]


def test_backup_refuses_the_database_itself_and_a_missing_database(seeded, tmp_path, monkeypatch):
    same = cli("backup", str(seeded), "--replace")
    assert same.refused_in_one_line() and "the database itself" in same.err
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "none.db"))
    missing = cli("backup")
    assert missing.refused_in_one_line() and "no database" in missing.err
    assert not (tmp_path / "none.db").exists()


# -- automatic daily backups -----------------------------------------------------------------


def test_daily_backups_are_taken_once_a_day_and_the_last_n_kept(seeded, monkeypatch):
    first = date(2026, 11, 22)
    assert backups_of(seeded) == ["daily-2026-11-22.db"]
    assert cli("config", "set", "daily_backups", "3").code == 0
    for offset in range(1, 6):
        monkeypatch.setenv("COMPOUND_TODAY", (first + timedelta(days=offset)).isoformat())
        assert cli("log", str(offset), "--note", f"day {offset}").code == 0
        assert cli("log", "1").code == 0  # the second check-in of a day takes none
    assert backups_of(seeded) == [
        "daily-2026-11-25.db",
        "daily-2026-11-26.db",
        "daily-2026-11-27.db",
    ]
    # Each day's backup holds what was there when that day's first command ended.
    day = seeded.with_name("compound.db-backups") / "daily-2026-11-25.db"
    assert rows(day, "SELECT note FROM reading_log WHERE note LIKE 'day %' ORDER BY id") == [
        ("day 1",),
        ("day 2",),
        ("day 3",),
    ]


def test_daily_backups_can_be_turned_off(seeded, monkeypatch):
    shutil.rmtree(seeded.with_name("compound.db-backups"))
    monkeypatch.setenv("COMPOUND_DAILY_BACKUPS", "0")
    assert cli("log", "5").code == 0
    assert backups_of(seeded) == []


def test_commands_that_do_not_open_the_database_take_no_backup(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "compound.db"))
    assert cli("log", "0").code == 2  # refused before opening
    assert cli("config", "show").code == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", ["-1", "seven", "99999", ""])
def test_the_daily_backups_setting_is_checked(seeded, value):
    result = cli("config", "set", "daily_backups", value)
    assert result.refused_in_one_line(), result


# -- restore ---------------------------------------------------------------------------------


def test_restore_keeps_the_current_database_aside(seeded, tmp_path):
    copy = tmp_path / "copy.db"
    assert cli("backup", str(copy)).code == 0
    wanted = dump(copy)
    assert cli("log", "40", "--note", "after the backup").code == 0
    current = dump(seeded)

    result = cli("restore", str(copy))
    assert result.code == 0, result
    kept = Path(
        result.out.splitlines()[1].removeprefix("The database it replaced is kept as ").rstrip(".")
    )
    assert dump(seeded) == wanted
    assert dump(kept) == current  # the replaced one, with the later check-in
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert integrity(seeded) == "ok"


def test_restore_of_an_older_schema_upgrades_it_after_a_copy(tmp_path, monkeypatch):
    """A backup from an earlier revision is restored, then upgraded like any open."""
    db = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    older = fixture_copy(tmp_path)
    result = cli("restore", str(older))
    assert result.code == 0, result
    assert rows(db, "SELECT count(*) FROM reading_log") == rows(
        older, "SELECT count(*) FROM reading_log"
    )


def fixture_copy(tmp_path: Path) -> Path:
    """The newest fixture, copied: even a read-only open leaves -wal/-shm files beside it."""
    copy = tmp_path / "fixture-copy" / FIXTURE.name
    copy.parent.mkdir()
    shutil.copy(FIXTURE, copy)
    return copy


def damaged_copy(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.db"
    shutil.copy(FIXTURE, path)
    page_size = rows(path, "PRAGMA page_size")[0][0]
    root = rows(path, "SELECT rootpage FROM sqlite_master WHERE name = 'book'")[0][0]
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    return path


def someone_elses(tmp_path: Path) -> Path:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
    con.close()
    return path


def newer(tmp_path: Path) -> Path:
    path = tmp_path / "newer.db"
    shutil.copy(FIXTURE, path)
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    return path


def empty_database(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    path.touch()
    return path


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda tmp: tmp / "missing.db", "does not exist"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: (tmp / "notes.txt", (tmp / "notes.txt").write_text("hi"))[0], "not a SQLite"),
        (damaged_copy, "damaged"),
        (someone_elses, "not a compound one"),
        (newer, "newer compound"),
        (empty_database, "no compound data"),
    ],
    ids=["missing", "directory", "text", "damaged", "other-schema", "newer", "empty"],
)
def test_restore_checks_the_file_before_replacing_anything(seeded, tmp_path, make, says):
    source_dir = tmp_path / "sources"
    source_dir.mkdir()
    source = make(source_dir)
    before = dump(seeded)
    listing = sorted(p.name for p in seeded.parent.iterdir())
    result = cli("restore", str(source))
    assert result.refused_in_one_line(), result
    assert says in result.err
    assert dump(seeded) == before
    assert sorted(p.name for p in seeded.parent.iterdir()) == listing  # nothing set aside


def test_restore_refuses_a_compound_export_saying_what_it_is(seeded, tmp_path):
    from compound.domain.errors import StorageError
    from compound.store.safekeeping import NotABackupError, restore_from

    exported = tmp_path / "backup.json"
    assert cli("export", "--format", "json", "-o", str(exported)).code == 0
    assert exported.read_text().startswith("{")
    before = dump(seeded)
    listing = sorted(p.name for p in seeded.parent.iterdir())
    with pytest.raises(NotABackupError) as refused:
        restore_from(exported, seeded, datetime(2026, 11, 22, 9, 30))
    assert isinstance(refused.value, StorageError)
    assert refused.value.looks_like == "compound-json"
    assert refused.value.path == exported
    assert str(refused.value) == (
        f"{exported} is a compound export (JSON), not a database backup; nothing was restored"
    )
    assert "`" not in str(refused.value)
    assert dump(seeded) == before
    assert sorted(p.name for p in seeded.parent.iterdir()) == listing

    result = cli("restore", str(exported))
    assert result.refused_in_one_line(), result
    assert "is a compound export (JSON), not a database backup" in result.err
    assert dump(seeded) == before


def written(name: str, content: bytes):
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return make


@pytest.mark.parametrize(
    "make, looks_like, says",
    [
        (
            written("reading.csv", b"day,pages\n2026-11-21,12\n"),
            "text",
            "is a text file, not a SQLite database backup",
        ),
        (
            written("notes.txt", "caf\u00e9 notes\n".encode()),
            "text",
            "is a text file, not a SQLite database backup",
        ),
        (
            written("team.json", b'{"format": "compound-team-member", "version": 1}'),
            "json",
            "is a JSON file, not a SQLite database backup",
        ),
        (written("list.json", b"[1, 2]"), "json", "is a JSON file, not a SQLite database backup"),
        (
            written("note.json", b'{"note": "\\"format\\": \\"compound\\""}'),
            "json",
            "is a JSON file, not a SQLite database backup",
        ),
        (
            written("bom.json", b'\xef\xbb\xbf\n  {"format":"compound","version":1}'),
            "compound-json",
            "is a compound export (JSON), not a database backup",
        ),
        (
            written("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
            None,
            "is not a SQLite database backup",
        ),
    ],
    ids=["csv", "text", "other-json", "json-list", "quoted-format", "bom", "binary"],
)
def test_restore_refuses_other_files_in_one_line(seeded, tmp_path, make, looks_like, says):
    from compound.store.safekeeping import NotABackupError, restore_from

    source = make(tmp_path)
    before = dump(seeded)
    with pytest.raises(NotABackupError) as refused:
        restore_from(source, seeded, datetime(2026, 11, 22, 9, 30))
    assert refused.value.looks_like == looks_like
    assert str(refused.value) == f"{source} {says}; nothing was restored"
    result = cli("restore", str(source))
    assert result.refused_in_one_line(), result
    assert dump(seeded) == before


def test_restore_into_a_missing_database_creates_it(tmp_path, monkeypatch):
    db = tmp_path / "new" / "compound.db"
    db.parent.mkdir()
    monkeypatch.setenv("COMPOUND_DB", str(db))
    result = cli("restore", str(fixture_copy(tmp_path)))
    assert result.code == 0 and "kept as" not in result.out
    assert integrity(db) == "ok"


# -- doctor ---------------------------------------------------------------------------------


def test_doctor_on_a_healthy_database(seeded):
    assert cli("backup").code == 0
    before = dump(seeded)
    result = cli("doctor")
    assert result.code == 0 and result.err == ""
    lines = result.out.splitlines()
    assert [line.split()[1] for line in lines] == [
        "database",
        "integrity",
        "schema",
        "orphan",
        "permissions",
        "backups",
    ]
    assert all(line.startswith("ok ") for line in lines)
    assert "1 daily (newest 2026-11-22, keeping 7), 1 manual" in lines[-1]
    assert dump(seeded) == before


def test_doctor_finds_orphan_rows_and_loose_permissions(seeded):
    with sqlite3.connect(seeded) as con:  # foreign keys are off in a plain connection
        con.execute(
            "INSERT INTO reading_log (profile_id, day, pages, book_id, started_book, "
            "created_at) VALUES (1, '2026-11-21', 3, 999, 0, '2026-11-21 10:00')"
        )
    con.close()
    os.chmod(seeded, 0o644)
    result = cli("doctor")
    assert result.code == 1
    assert "!! orphan rows  1 in reading_log point at rows that no longer exist" in result.out
    assert "!! permissions  compound.db is 0644" in result.out
    assert "other users can read them; chmod go-rwx fixes that" in result.out
    assert result.out.splitlines()[-1] == "2 problems found."


def test_doctor_on_a_database_not_made_yet(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "compound.db"))
    result = cli("doctor")
    assert result.code == 0 and "does not exist yet" in result.out
    assert not (tmp_path / "compound.db").exists()


# -- PostgreSQL -------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize(
    "argv", [["backup"], ["backup", "x.db"], ["restore", "x.db"]], ids=" ".join
)
def test_backup_and_restore_point_at_pg_dump_on_postgres(postgres_url, monkeypatch, argv):
    monkeypatch.setenv("COMPOUND_DATABASE_URL", postgres_url)
    result = cli(*argv)
    assert result.refused_in_one_line(), result
    assert "SQLite files" in result.err and "pg_dump" in result.err


@pytest.mark.postgres
def test_doctor_on_postgres(postgres_url, monkeypatch):
    monkeypatch.setenv("COMPOUND_DATABASE_URL", postgres_url)
    assert cli("log", "12").code == 0
    result = cli("doctor")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert "PostgreSQL" in lines[0]
    assert lines[1].startswith("ok schema") and "newest this compound knows" in lines[1]
    assert lines[2] == "ok orphan rows  none"
    assert "pg_dump" in lines[3]
