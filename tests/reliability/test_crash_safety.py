"""SIGKILL in the middle of a migration or a backup: the database passes PRAGMA
integrity_check and the interrupted work is wholly there or wholly absent.

The migration is a test-only revision chained from this code's head (see
tests/fixtures/extra_revision.py): 20,000 new rows, reading_log rebuilt with a new
column. The backup is stepped one page at a time so it can be caught half-written.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_kit import SCALE, integrity, rows, settle

from compound.db import revisions
from compound.db.backup import online_backup

FIXTURES = Path(__file__).parent.parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
from extra_revision import HEAVY, HEAVY_ROWS, write_revision  # noqa: E402

MIGRATE = r"""
import sys
from pathlib import Path
from compound.db.migrate import open_database, upgrade
path, extra = Path(sys.argv[1]), Path(sys.argv[2])
engine = open_database(f"sqlite:///{path}")
print("OPENED", flush=True)
upgrade(engine, backup_of=path, version_dirs=[extra])
engine.dispose()
print("DONE", flush=True)
"""

BACKUP = r"""
import sys, time
from pathlib import Path
from compound.db.backup import online_backup
def step(status, remaining, total):
    print(f"STEP {remaining} {total}", flush=True)
    time.sleep(0.02)
online_backup(Path(sys.argv[1]), Path(sys.argv[2]), pages=1, progress=step)
print("DONE", flush=True)
"""

ORIGINAL = {  # the columns head has, read the same way before and after
    "book": "id, profile_id, title, author, total_pages, isbn, status, started_on, finished_on",
    "reading_log": "id, profile_id, day, pages, book_id, minutes, note, started_book",
    "learning_session": "id, profile_id, day, minutes, kind, topic, note",
    "goal": "id, profile_id, kind, target, since",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(path: Path) -> dict[str, list[tuple]]:
    return {
        table: rows(path, f"SELECT {columns} FROM {table} ORDER BY id")
        for table, columns in ORIGINAL.items()
    }


def tables_of(path: Path) -> set[str]:
    return {name for (name,) in rows(path, "SELECT name FROM sqlite_master WHERE type='table'")}


@pytest.fixture
def history(tmp_path) -> Path:
    """The fixture database of the newest revision, opened at head and settled."""
    from compound.db.migrate import open_database

    newest = sorted(FIXTURES.glob("rev-*.sqlite"))[-1]
    path = tmp_path / "compound.db"
    shutil.copy(newest, path)
    open_database(f"sqlite:///{path}").dispose()
    settle(path)
    return path


def wait_for(predicate, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while not predicate():
        assert time.time() < deadline, "timed out"
        time.sleep(0.005)


def check_migration_outcome(path: Path, before: dict, probe: str) -> str:
    """The database is sound and the migration wholly there or wholly absent."""
    assert integrity(path) == "ok"
    revision = rows(path, "SELECT version_num FROM alembic_version")[0][0]
    columns = {name for (_, name, *_) in rows(path, "PRAGMA table_info(reading_log)")}
    if revision == probe:
        assert rows(path, "SELECT count(*) FROM probe") == [(HEAVY_ROWS,)]
        assert rows(path, "SELECT count(*) FROM reading_log WHERE probe_mark IS NOT id") == [(0,)]
    else:
        assert revision == revisions.head_revision()
        assert "probe" not in tables_of(path)
        assert "probe_mark" not in columns
    assert content(path) == before  # every row that was there still is, unchanged
    return "whole" if revision == probe else "absent"


def test_sigkill_inside_a_migration_leaves_the_old_schema_whole(history, tmp_path, figures):
    extra = tmp_path / "versions"
    probe = write_revision(extra, HEAVY)
    before = content(history)
    marker = tmp_path / "inside"
    env = {**__import__("os").environ, "PROBE_MARKER": str(marker)}
    process = subprocess.Popen(
        [sys.executable, "-c", MIGRATE, str(history), str(extra)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: marker.exists() or process.poll() is not None)
    assert process.poll() is None, process.stderr.read()
    process.kill()
    process.wait()

    assert check_migration_outcome(history, before, probe) == "absent"
    # The copy taken before the migration began is whole too, and holds everything.
    backup = history.with_name(f"{history.name}.bak-{revisions.head_revision()}")
    assert integrity(backup) == "ok"
    assert content(backup) == before
    figures.add("crashes survived: SIGKILL inside a migration")

    # Opening again finishes the job: now the migration is wholly there.
    done = subprocess.run(
        [sys.executable, "-c", MIGRATE, str(history), str(extra)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert check_migration_outcome(history, before, probe) == "whole"


def test_sigkill_at_random_moments_of_a_migration(history, tmp_path, figures):
    """Without waiting for a marker: kills land before, during or after the commit."""
    extra = tmp_path / "versions"
    probe = write_revision(extra, HEAVY)
    pristine = tmp_path / "pristine.db"
    shutil.copy(history, pristine)
    before = content(history)
    rng = random.Random(7)
    outcomes = []
    for _ in range(2 * SCALE):
        shutil.copy(pristine, history)
        for leftover in tmp_path.glob("compound.db*-*"):
            leftover.unlink()
        process = subprocess.Popen(
            [sys.executable, "-c", MIGRATE, str(history), str(extra)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout.readline() == "OPENED\n", process.stderr.read()
        time.sleep(rng.uniform(0.0, 0.8))  # the migration takes about half a second
        process.kill()
        process.wait()
        outcomes.append(check_migration_outcome(history, before, probe))
        figures.add("crashes survived: SIGKILL inside a migration")
    assert set(outcomes) <= {"whole", "absent"}


@pytest.mark.parametrize("earlier_copy", [False, True], ids=["new-target", "replacing"])
def test_sigkill_inside_a_backup_leaves_no_half_copy(history, tmp_path, figures, earlier_copy):
    target = tmp_path / "backups" / "compound-copy.db"
    if earlier_copy:
        online_backup(history, target)
        old = digest(target)
    source = digest(history)
    total = history.stat().st_size // 4096
    rng = random.Random(11 + earlier_copy)
    for _ in range(SCALE):
        process = subprocess.Popen(
            [sys.executable, "-c", BACKUP, str(history), str(target)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(rng.randint(1, max(1, total - 2))):
            line = process.stdout.readline()
            assert line.startswith("STEP"), line + process.stderr.read()
        process.kill()
        process.wait()

        assert int(line.split()[1]) > 0  # caught with pages still to copy
        partial = [
            p
            for p in target.parent.glob(".compound-copy.db.partial-*")
            if not p.name.endswith("-journal")
        ]
        assert partial
        assert digest(history) == source and integrity(history) == "ok"  # only ever read
        if earlier_copy:
            assert digest(target) == old  # the earlier copy, untouched
        else:
            assert not target.exists()  # no copy at all rather than half of one
        figures.add("crashes survived: SIGKILL inside a backup")

    # The next backup sweeps the dead processes' leftovers and completes.
    online_backup(history, target)
    assert not list(target.parent.glob(".compound-copy.db.partial-*"))
    assert integrity(target) == "ok"
    assert content(target) == content(history)
