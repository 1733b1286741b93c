"""Every fixture database, one per earlier schema revision, opens at head with nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from compound.db import revisions
from compound.store.repository import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"
sys.path.insert(0, str(FIXTURES))
from make_fixture_db import EXPECTED  # noqa: E402

FIXTURE_FILES = sorted(FIXTURES.glob("rev-*.sqlite"))


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {"books": one("SELECT count(*) FROM book"),
                "reading_logs": one("SELECT count(*) FROM reading_log"),
                "sessions": one("SELECT count(*) FROM learning_session"),
                "goals": one("SELECT count(*) FROM goal"),
                "pages": one("SELECT sum(pages) FROM reading_log")}


def test_there_is_a_fixture_for_every_revision():
    shipped = {path.stem.removeprefix("rev-") for path in FIXTURE_FILES}
    assert shipped == set(revisions.known_revisions())


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.stem)
def test_fixture_upgrades_to_head_with_every_row(fixture, tmp_path):
    path = tmp_path / "compound.db"
    shutil.copy(fixture, path)
    revision = fixture.stem.removeprefix("rev-")
    assert counts(path) == EXPECTED

    store = Store.open(f"sqlite:///{path}")
    finished = store.books()
    store.close()

    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == \
            revisions.head_revision()
    assert counts(path) == EXPECTED
    assert {b.title for b in finished} >= {"Deep Work", "ノルウェイの森"}
    backup = path.with_name(f"compound.db.bak-{revision}")
    assert backup.exists() == (revision != revisions.head_revision())


def test_processes_opening_a_new_database_at_once_migrate_it_once(database_url):
    from sqlalchemy import create_engine, text

    script = (
        "import sys\n"
        "from datetime import date\n"
        "from compound.store.repository import Store\n"
        "store = Store.open(sys.argv[2])\n"
        "store.log_pages(day=date(2026, 11, 22), pages=int(sys.argv[1]))\n"
        "store.close()\n"
    )
    workers = [subprocess.Popen([sys.executable, "-c", script, str(n), database_url],
                                stderr=subprocess.PIPE, text=True) for n in range(1, 6)]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert [w.returncode for w in workers] == [0] * 5, errors
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*), sum(pages) FROM reading_log")).one() == (5, 15)
        assert connection.execute(text("SELECT count(*) FROM profile")).scalar() == 1
    engine.dispose()
