"""SIGKILL in the middle of a large import: the database passes PRAGMA integrity_check
and holds the import wholly or not at all.

The files are large and realistic (tests/reliability/large_exports.py): a Goodreads
library of 2,000 books and a KOReader statistics database whose page reads make
2,000 daily logs. Two kinds of kill, each on the real `compound import`:
- at a named moment, seen from inside the process through SQLAlchemy's events:
  just as the first INSERT starts, and with every row inserted in the transaction
  but the COMMIT not yet sent;
- at random moments of the console script, before, during or after the commit.
Each outcome is compared with the same import run to completion on a copy.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import large_exports
import pytest
from reliability_kit import SCALE, cli, compound_script, dump, integrity, process_env, rows, settle

GOODREADS_BOOKS = 2_000
KOREADER_BOOKS, KOREADER_DAYS = 25, 80

# The command line's own main, with two lookouts on the engine: "INSERTING" when the
# first INSERT is sent, "COMMITTING" just before the COMMIT of the transaction that
# inserted. At the moment named in argv[1] the process stops there and waits to be
# killed.
IMPORT = r"""
import sys, time
from sqlalchemy import Engine, event
from compound.cli import main
stop_at, argv = sys.argv[1], sys.argv[2:]
inserted = False

@event.listens_for(Engine, "before_cursor_execute")
def _insert(conn, cursor, statement, parameters, context, executemany):
    global inserted
    if not inserted and statement.lstrip().upper().startswith("INSERT"):
        inserted = True
        print("INSERTING", flush=True)
        if stop_at == "INSERTING":
            time.sleep(0.05)  # let the kill land while the rows go in

@event.listens_for(Engine, "commit")
def _commit(conn):
    if inserted:
        print("COMMITTING", flush=True)
        if stop_at == "COMMITTING":
            time.sleep(120)

sys.exit(main(argv))
"""

TABLES = {  # what an import adds, read the same way for every outcome
    "book": "id, title, author, total_pages, isbn, status, started_on, finished_on, source",
    "reading_log": "id, day, pages, book_id, minutes, import_key",
}


def content(path: Path) -> dict[str, list[tuple]]:
    return {
        table: rows(path, f"SELECT {columns} FROM {table} ORDER BY id")
        for table, columns in TABLES.items()
    }


def counts(path: Path) -> tuple[int, int]:
    return tuple(rows(path, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES)


class Scene:
    """The seeded database, the file to import, and the two outcomes allowed."""

    def __init__(self, seeded: Path, tmp_path: Path, kind: str, source: Path):
        self.db, self.kind, self.source, self.home = seeded, kind, source, tmp_path / "home"
        self.pristine = tmp_path / "pristine.db"
        shutil.copy(seeded, self.pristine)
        self.before = dump(seeded)
        self.before_counts = counts(seeded)
        # The import run to completion, on the same starting file.
        result = cli("import", kind, str(source))
        assert result.code == 0, result
        settle(seeded)
        self.whole = content(seeded)
        self.whole_counts = counts(seeded)
        assert self.whole_counts != self.before_counts
        self.reset()

    def reset(self) -> None:
        for sidecar in ("-wal", "-shm", "-journal"):  # the backups folder stays
            self.db.with_name(self.db.name + sidecar).unlink(missing_ok=True)
        shutil.copy(self.pristine, self.db)

    def outcome(self) -> str:
        """'whole' or 'absent', after checking it is one of them and the file is sound."""
        assert integrity(self.db) == "ok"
        found = counts(self.db)
        if found == self.before_counts:
            assert dump(self.db) == self.before  # not a row more, less or changed
            return "absent"
        assert found == self.whole_counts, (found, self.before_counts, self.whole_counts)
        assert content(self.db) == self.whole
        return "whole"

    def run(self, stop_at: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", IMPORT, stop_at, "import", self.kind, str(self.source)],
            env=process_env(self.home, self.db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture(params=["goodreads", "koreader"])
def scene(request, seeded, tmp_path) -> Scene:
    if request.param == "goodreads":
        source = large_exports.write_goodreads(
            tmp_path / "goodreads_library_export.csv", large_exports.goodreads_rows(GOODREADS_BOOKS)
        )
    else:
        source = large_exports.write_koreader(
            tmp_path / "statistics.sqlite3", KOREADER_BOOKS, KOREADER_DAYS
        )
    return Scene(seeded, tmp_path, request.param, source)


def test_sigkill_in_the_middle_of_a_large_import(scene, figures):
    books, logs = (w - b for w, b in zip(scene.whole_counts, scene.before_counts, strict=True))
    if scene.kind == "goodreads":
        assert (books, logs) == (GOODREADS_BOOKS, 0)
    else:
        assert (books, logs) == (KOREADER_BOOKS, KOREADER_BOOKS * KOREADER_DAYS)

    # At the named moments: the rows going in, and every row in but not committed.
    for moment in ("INSERTING", "COMMITTING"):
        scene.reset()
        process = scene.run(moment)
        for line in process.stdout:
            if line.strip() == moment:
                break
        else:
            pytest.fail(f"never reached {moment}: {process.stderr.read()}")
        process.kill()
        process.wait()
        assert scene.outcome() == "absent", moment
        figures.add("crashes survived: SIGKILL inside an import")

    # The console script, killed at random moments before, during or after its
    # transaction.
    rng = random.Random(f"{scene.kind}-import")
    outcomes = []
    for _ in range(SCALE):
        scene.reset()
        process = subprocess.Popen(
            [compound_script(), "import", scene.kind, str(scene.source)],
            env=process_env(scene.home, scene.db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.3, 3.0))  # the whole import takes 1.5 to 3 s here
        process.kill()
        process.wait()
        outcomes.append(scene.outcome())
        figures.add("crashes survived: SIGKILL inside an import")
        figures.add(f"imports killed at random moments, found {outcomes[-1]}")
    assert set(outcomes) <= {"whole", "absent"}

    # After the kills, the import runs again to completion and is whole.
    result = cli("import", scene.kind, str(scene.source))
    assert result.code == 0, result
    assert scene.outcome() == "whole"
