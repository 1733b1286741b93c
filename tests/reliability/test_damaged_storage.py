"""A damaged file, a directory in its place, a read-only file, a full disk: each is
one clear line on stderr with exit status 2, and nothing already stored is lost."""

from __future__ import annotations

import contextlib
import hashlib
import os
import resource
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from reliability_kit import cli, compound_script, dump, integrity, process_env, rows, settle

COMMANDS = [["log", "5"], ["learn", "20m"], ["status"], ["history"], ["book", "list"], ["undo"]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_the_reading_log(path: Path) -> None:
    """Overwrite the reading_log table's root page with noise, as a bad sector would."""
    page_size, root = (
        rows(path, "PRAGMA page_size")[0][0],
        rows(path, "SELECT rootpage FROM sqlite_master WHERE name = 'reading_log'")[0][0],
    )
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(bytes(range(256)) * ((page_size - 8) // 256))


def test_a_damaged_database_is_refused_diagnosed_and_restored(seeded):
    assert len(list((seeded.parent / "compound.db-backups").glob("daily-*.db"))) == 1
    made = cli("backup")
    assert made.code == 0, made
    latest = Path(made.out.split(" to ")[1].rsplit(" (", 1)[0])
    before = dump(seeded)
    damage_the_reading_log(seeded)
    damaged = digest(seeded)

    for argv in (["log", "5"], ["history"], ["undo"]):
        result = cli(*argv)
        assert result.refused_in_one_line(), (argv, result)
        assert "damaged" in result.err and "compound restore" in result.err
        assert digest(seeded) == damaged  # a failed write leaves the file as it was

    doctor = cli("doctor")
    assert doctor.code == 1 and doctor.err == ""
    assert any(line.startswith("!! integrity") for line in doctor.out.splitlines())

    restored = cli("restore", str(latest))
    assert restored.code == 0, restored
    kept = Path(
        restored.out.splitlines()[1]
        .removeprefix("The database it replaced is kept as ")
        .rstrip(".")
    )
    assert digest(kept) == damaged  # the damaged file is kept aside as it was
    assert integrity(seeded) == "ok"
    assert dump(seeded) == before  # every check-in is back
    assert cli("log", "5").code == 0


@pytest.mark.parametrize("argv", COMMANDS + [["backup"], ["restore", "elsewhere.db"]], ids=" ".join)
def test_a_directory_in_place_of_the_database(tmp_path, monkeypatch, argv):
    place = tmp_path / "compound.db"
    place.mkdir()
    (place / "keep.txt").write_text("mine")
    monkeypatch.setenv("COMPOUND_DB", str(place))
    if argv[0] == "restore":
        shutil.copy(
            Path(__file__).parent.parent / "fixtures" / "rev-0001.sqlite", tmp_path / "elsewhere.db"
        )
        argv = ["restore", str(tmp_path / "elsewhere.db")]
    result = cli(*argv)
    assert result.refused_in_one_line(), result
    assert "is a directory" in result.err
    assert [p.name for p in place.iterdir()] == ["keep.txt"]


def test_doctor_reports_a_directory_in_place_of_the_database(tmp_path, monkeypatch):
    (tmp_path / "compound.db").mkdir()
    monkeypatch.setenv("COMPOUND_DB", str(tmp_path / "compound.db"))
    result = cli("doctor")
    assert result.code == 1 and "is a directory" in result.out


@contextlib.contextmanager
def read_only(path: Path):
    """Make `path` unwritable even for root (chattr +i), or by its mode for anyone else."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if (
        not shutil.which("chattr")
        or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode
    ):
        pytest.skip("running as root and this file system has no immutable files (chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_is_refused_in_one_line_and_can_still_be_backed_up(seeded, tmp_path):
    before, stored = digest(seeded), dump(seeded)
    with read_only(seeded):
        for argv in (["log", "5"], ["learn", "20m"], ["undo"]):
            result = cli(*argv)
            assert result.refused_in_one_line(), (argv, result)
            assert "cannot be written" in result.err
        copy = cli("backup", str(tmp_path / "rescued.db"))
        assert copy.code == 0, copy
    assert digest(seeded) == before
    assert dump(tmp_path / "rescued.db") == stored


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs mounted for this test (root only: elsewhere it is skipped)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
            capture_output=True,
        ).returncode
    ):
        pytest.skip(
            "cannot mount a small tmpfs here (needs root); the size-limit test "
            "covers a full disk instead"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()
    return filler


def test_a_full_disk_is_one_line_and_loses_nothing(small_disk, monkeypatch):
    db = small_disk / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(db))
    monkeypatch.setenv("COMPOUND_DAILY_BACKUPS", "0")
    for argv in (["book", "add", "Dune", "--start"], ["log", "30"], ["learn", "1h"]):
        assert cli(*argv).code == 0
    settle(db)
    stored, before = dump(db), digest(db)
    filler = fill(small_disk)

    for argv in (["log", "5"], ["learn", "20m"], ["backup"]):
        result = cli(*argv)
        assert result.refused_in_one_line(), (argv, result)
        assert "disk is full" in result.err, result.err
        assert digest(db) == before
    assert not [p for p in small_disk.rglob("*") if ".partial-" in p.name]

    filler.unlink()
    assert dump(db) == stored  # nothing lost
    assert cli("log", "5").code == 0
    assert rows(db, "SELECT count(*), sum(pages) FROM reading_log") == [(2, 35)]


def limited(size: int):
    def apply() -> None:  # in the child: files may not grow past `size` bytes
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def test_a_size_limit_is_one_line_and_loses_nothing(seeded, tmp_path):
    """RLIMIT_FSIZE: what a full disk looks like to SQLite, without needing root."""
    shutil.rmtree(seeded.parent / "compound.db-backups")
    env = process_env(tmp_path / "home", seeded)
    stored = dump(seeded)

    def run(argv, size):
        return subprocess.run(
            [compound_script(), *argv],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=limited(size),
        )

    # Too small even for SQLite's shared-memory file: nothing can start.
    refused = run(["log", "5"], 8_192)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert len(refused.stderr.splitlines()) == 1 and "size limit" in refused.stderr
    assert dump(seeded) == stored

    # Room for a check-in but not for a whole copy of the database.
    backup = run(["backup", str(tmp_path / "copy.db")], 40_000)
    assert (backup.returncode, backup.stdout) == (2, "")
    assert len(backup.stderr.splitlines()) == 1 and "size limit" in backup.stderr
    assert not (tmp_path / "copy.db").exists()

    # The check-in is stored; only the automatic backup after it could not be made.
    logged = run(["log", "5", "--note", "under a limit"], 40_000)
    assert logged.returncode == 0
    assert logged.stderr.startswith("compound: note: today's automatic backup was not made")
    assert len(logged.stderr.splitlines()) == 1
    assert integrity(seeded) == "ok"
    assert rows(seeded, "SELECT pages FROM reading_log WHERE note = 'under a limit'") == [(5,)]
    assert not list((seeded.parent / "compound.db-backups").glob("*"))


def test_garbage_in_place_of_the_database_is_left_alone_by_every_command(tmp_path, monkeypatch):
    path = tmp_path / "compound.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    monkeypatch.setenv("COMPOUND_DB", str(path))
    before = digest(path)
    for argv in COMMANDS + [["backup"]]:
        result = cli(*argv)
        assert result.refused_in_one_line(), (argv, result)
        assert digest(path) == before
    assert cli("doctor").code == 1
    with pytest.raises(sqlite3.DatabaseError):
        integrity(path)
