"""Upgrades: every fixture database, one per earlier schema revision, opens at head with
nothing lost; the copy aside is taken first; a newer database is refused untouched.

So that an upgrade really happens whatever the fixtures' revisions are, some tests
add a test-only revision one past this code's head (tests/fixtures/extra_revision.py).
"""

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
from extra_revision import ADD_COLUMN, write_revision  # noqa: E402
from make_fixture_db import EXPECTED  # noqa: E402
from reliability_kit import cli, process_env, rows  # noqa: E402

FIXTURE_FILES = sorted(FIXTURES.glob("rev-*.sqlite"))


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "books": one("SELECT count(*) FROM book"),
            "reading_logs": one("SELECT count(*) FROM reading_log"),
            "sessions": one("SELECT count(*) FROM learning_session"),
            "goals": one("SELECT count(*) FROM goal"),
            "pages": one("SELECT sum(pages) FROM reading_log"),
        }


# The book columns of 0002, which later revisions keep as they were.
BOOK_COLUMNS = (
    "id, profile_id, title, author, total_pages, isbn, status, started_on, finished_on, "
    "source, created_at"
)


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
        assert (
            con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == revisions.head_revision()
        )
    assert counts(path) == EXPECTED
    assert {b.title for b in finished} >= {"Deep Work", "ノルウェイの森"}
    backup = path.with_name(f"compound.db.bak-{revision}")
    assert backup.exists() == (revision != revisions.head_revision())


@pytest.mark.postgres
def test_a_postgres_database_from_0002_keeps_every_row_and_never_reuses_an_id(postgres_url):
    """0003 turns PostgreSQL's SERIAL ids into 64-bit identity columns and adds CHECKs on
    free text: every row stays, even one holding a control stored before (its column's
    check binds new writes only), and the ids go on after the last one handed out, a
    removed row's included."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, exc, text

    from compound.db.migrate import MIGRATIONS_DIR, open_database

    engine = create_engine(postgres_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(revisions.VERSIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    add_book = text(
        "INSERT INTO book (profile_id, title, status, source, created_at) "
        "VALUES (1, :title, 'to-read', 'manual', now()) RETURNING id"
    )
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO profile (name, created_at) VALUES ('ana', now())"))
        ids = [
            connection.execute(add_book, {"title": title}).scalar()
            for title in ("Dune", "stored before: \x1b[31m", "Emma", "removed")
        ]
        connection.execute(text("DELETE FROM book WHERE id = :id"), {"id": ids[-1]})
        before = connection.execute(text(f"SELECT {BOOK_COLUMNS} FROM book ORDER BY id")).all()

    open_database(postgres_url).dispose()

    with engine.begin() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            revisions.head_revision()
        )
        assert (
            connection.execute(text(f"SELECT {BOOK_COLUMNS} FROM book ORDER BY id")).all() == before
        )
        assert connection.execute(add_book, {"title": "Middlemarch"}).scalar() == ids[-1] + 1
        identity = connection.execute(
            text(
                "SELECT attidentity FROM pg_attribute "
                "WHERE attrelid = 'book'::regclass AND attname = 'id'"
            )
        ).scalar()
        assert identity == "d"
        widths = connection.execute(
            text(
                "SELECT DISTINCT data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() "
                "AND column_name IN ('id', 'profile_id', 'book_id') "
                "AND table_name <> 'alembic_version'"
            )
        ).all()
        assert widths == [("bigint",)]
        checks = dict(
            connection.execute(
                text(
                    "SELECT conname, convalidated FROM pg_constraint "
                    "WHERE conname LIKE 'ck_%printable' "
                    "AND connamespace = current_schema()::regnamespace"
                )
            ).all()
        )
    # The 11 columns 0003 guards, and the page reads' link key (0004).
    assert len(checks) == 12 and not checks.pop("ck_book_title_printable")
    assert all(checks.values())
    with pytest.raises(exc.IntegrityError, match="ck_book_title_printable"):
        with engine.begin() as connection:
            connection.execute(add_book, {"title": "new: \x1b[31m"})
    engine.dispose()


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
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(n), database_url], stderr=subprocess.PIPE, text=True
        )
        for n in range(1, 6)
    ]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert [w.returncode for w in workers] == [0] * 5, errors
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*), sum(pages) FROM reading_log")).one() == (
            5,
            15,
        )
        assert connection.execute(text("SELECT count(*) FROM profile")).scalar() == 1
    engine.dispose()


# -- every row, the copy first ------------------------------------------------------------

TABLES = ("profile", "book", "reading_log", "learning_session", "goal", "skip")


def every_row(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every data table; with `columns`, only those (the older schema's)."""
    found = {}
    for table in TABLES:
        names = columns[table] if columns else ["*"]
        found[table] = rows(path, f"SELECT {', '.join(names)} FROM {table} ORDER BY id")
    return found


def column_names(path: Path) -> dict[str, list[str]]:
    return {
        table: [row[1] for row in rows(path, f"PRAGMA table_info({table})")] for table in TABLES
    }


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: p.stem)
def test_every_row_survives_an_upgrade_and_the_copy_is_taken_first(fixture, tmp_path):
    from compound.db.migrate import open_database, upgrade

    path = tmp_path / "compound.db"
    shutil.copy(fixture, path)
    old_columns, before = column_names(path), every_row(path)
    revision = fixture.stem.removeprefix("rev-")
    probe = write_revision(tmp_path / "versions", ADD_COLUMN)

    engine = open_database(f"sqlite:///{path}")  # to this code's head (a copy if needed)
    copy = upgrade(engine, backup_of=path, version_dirs=[tmp_path / "versions"])
    engine.dispose()

    assert rows(path, "SELECT version_num FROM alembic_version") == [(probe,)]
    assert every_row(path, old_columns) == before  # every row, every value
    assert "subtitle" in column_names(path)["book"]
    # The copy aside was taken before the upgrade it protects: it is the old database.
    assert copy == str(path.with_name(f"compound.db.bak-{revisions.head_revision()}"))
    assert every_row(Path(copy)) == every_row(path, column_names(Path(copy)))
    first = path.with_name(f"compound.db.bak-{revision}")
    assert rows(first, "SELECT version_num FROM alembic_version") == [(revision,)]
    assert every_row(first) == before
    assert rows(first, "PRAGMA integrity_check") == [("ok",)]


# -- a newer database is refused, byte for byte ---------------------------------------------


@pytest.fixture
def newer(tmp_path, monkeypatch) -> Path:
    """A real database, stamped one revision past what this code knows, in WAL mode."""
    path = tmp_path / "compound.db"
    shutil.copy(FIXTURE_FILES[-1], path)
    with sqlite3.connect(path) as con:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute(
            "UPDATE alembic_version SET version_num = ?",
            (f"{int(revisions.head_revision()) + 1:04d}",),
        )
    con.close()
    monkeypatch.setenv("COMPOUND_DB", str(path))
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "5"],
        ["learn", "30m"],
        ["status"],
        ["history"],
        ["undo"],
        ["book", "list"],
        ["goal", "list"],
        ["restore", "x"],
    ],
    ids=" ".join,
)
def test_a_newer_database_is_refused_by_every_command_untouched(newer, argv, tmp_path):
    if argv[0] == "restore":  # restoring a newer backup is refused the same way
        newer = newer.rename(newer.with_name("newer-backup.db"))
        argv = ["restore", str(newer)]
    before = newer.read_bytes()
    result = cli(*argv)
    assert result.refused_in_one_line(), result
    assert "newer compound" in result.err
    assert newer.read_bytes() == before
    # No copy, no backup folder. SQLite's read-only look at a WAL-mode file may leave
    # its empty -wal and -shm companions; nothing is written into them.
    leftovers = {p.name.removeprefix(newer.name) for p in tmp_path.iterdir() if p != newer}
    assert leftovers <= {"-wal", "-shm"}
    wal = Path(f"{newer}-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_doctor_names_a_newer_database_and_leaves_it_alone(newer, tmp_path):
    before = newer.read_bytes()
    result = cli("doctor")
    assert result.code == 1
    assert "written by a newer compound" in result.out
    assert newer.read_bytes() == before


def test_status_short_on_a_newer_database_is_refused_by_a_real_process(newer, tmp_path):
    env = process_env(tmp_path / "home", newer)
    before = newer.read_bytes()
    script = Path(sys.executable).parent / "compound"
    done = subprocess.run(
        [str(script), "status", "--short"], env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.count("\n") == 1 and "newer compound" in done.stderr
    assert newer.read_bytes() == before
