"""Opening a database: create, upgrade with a backup, refuse what is unsafe untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from compound.db import (
    revisions,
    tables,  # noqa: F401  (registers the tables)
)
from compound.db.migrate import MIGRATIONS_DIR, open_database, upgrade
from compound.domain.errors import StorageError
from compound.store.repository import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_from_file_names_matches_alembic():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert revisions.head_revision() == script.get_current_head()
    assert set(revisions.known_revisions()) == {s.revision for s in script.walk_revisions()}


def test_empty_to_head_builds_exactly_the_tables(database_url):
    engine = open_database(database_url)
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert version == revisions.head_revision()
    # The migrations and db/tables.py describe the same schema, constraints included.
    assert diff == []


def test_new_sqlite_file_is_private_and_in_wal_mode(tmp_path):
    path = tmp_path / "new" / "compound.db"
    engine = open_database(f"sqlite:///{path}")
    with engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        timeout = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        foreign_keys = connection.exec_driver_sql("PRAGMA foreign_keys").scalar()
    engine.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (mode, foreign_keys) == ("wal", 1)
    assert timeout >= 5000


def test_newer_revision_is_refused_byte_for_byte(tmp_path):
    path = tmp_path / "compound.db"
    Store.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    before = digest(path)
    with pytest.raises(StorageError, match=r"newer compound.*9999") as refused:
        Store.open(f"sqlite:///{path}")
    assert str(path) in str(refused.value)
    assert digest(path) == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_newer_revision_is_refused_on_postgres(postgres_url):
    Store.open(postgres_url).close()
    engine = create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match="newer compound"):
        Store.open(postgres_url)
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
        )
    engine.dispose()


@pytest.mark.parametrize(
    "content", [b"just some notes\n" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_a_file_that_is_not_a_database_is_left_alone(tmp_path, content):
    path = tmp_path / "compound.db"
    path.write_bytes(content)
    with pytest.raises(StorageError) as refused:
        Store.open(f"sqlite:///{path}")
    assert str(path) in str(refused.value)
    assert path.read_bytes() == content


def test_someone_elses_sqlite_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE notes (body TEXT)")
        con.execute("INSERT INTO notes VALUES ('mine')")
    before = digest(path)
    with pytest.raises(StorageError, match="not a compound one"):
        Store.open(f"sqlite:///{path}")
    assert digest(path) == before


def test_a_directory_in_place_of_the_file_is_refused(tmp_path):
    path = tmp_path / "compound.db"
    path.mkdir()
    with pytest.raises(StorageError, match="is a directory") as refused:
        Store.open(f"sqlite:///{path}")
    assert str(path) in str(refused.value)


# A test-only revision one past the shipped head, in a folder of its own.
NEXT_REVISION = f"{int(revisions.head_revision()) + 1:04d}"
EXTRA_REVISION = f'''
from alembic import op
import sqlalchemy as sa

revision = "{NEXT_REVISION}"
down_revision = "{revisions.head_revision()}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("book") as batch:
        batch.add_column(sa.Column("subtitle", sa.String(), nullable=True))


def downgrade():
    with op.batch_alter_table("book") as batch:
        batch.drop_column("subtitle")
'''


def test_upgrading_an_existing_file_copies_it_aside_first(tmp_path):
    """A later revision (here a test-only one) upgrades a file only after backing it up."""
    head = revisions.head_revision()
    path = tmp_path / "compound.db"
    shutil.copy(FIXTURES / f"rev-{head}.sqlite", path)
    before = digest(path)
    extra = tmp_path / "versions"
    extra.mkdir()
    (extra / f"{NEXT_REVISION}_subtitle.py").write_text(EXTRA_REVISION)

    engine = open_database(f"sqlite:///{path}")  # at head: nothing to do, no copy
    assert not list(tmp_path.glob("*.bak-*"))
    backup = upgrade(engine, backup_of=path, version_dirs=[extra])
    engine.dispose()

    assert backup == str(tmp_path / f"compound.db.bak-{head}")
    assert stat.S_IMODE(Path(backup).stat().st_mode) == 0o600
    with sqlite3.connect(backup) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
        assert con.execute("SELECT count(*), sum(pages) FROM reading_log").fetchone() == (60, 1470)
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (NEXT_REVISION,)
        assert con.execute("SELECT count(*), sum(pages) FROM reading_log").fetchone() == (60, 1470)
        assert "subtitle" in {row[1] for row in con.execute("PRAGMA table_info(book)")}
    assert digest(path) != before


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "compound.db"
    path.touch()
    Store.open(f"sqlite:///{path}").close()
    engine = create_engine(f"sqlite:///{path}")
    assert "reading_log" in inspect(engine).get_table_names()
    engine.dispose()


def test_0004_rebuilds_reading_log_keeping_autoincrement_and_the_highest_id(tmp_path):
    """SQLite cannot alter a CHECK: 0004 rebuilds reading_log. Its rows stay, an id once
    handed out (even of a removed log) is never handed out again, and a log may now hold
    minutes without pages, never neither."""
    path = tmp_path / "compound.db"
    shutil.copy(FIXTURES / "rev-0003.sqlite", path)
    with sqlite3.connect(path) as con:
        highest = con.execute("SELECT max(id) FROM reading_log").fetchone()[0]
        con.execute("DELETE FROM reading_log WHERE id = ?", (highest,))
        rows = con.execute("SELECT * FROM reading_log ORDER BY id").fetchall()
    engine = open_database(f"sqlite:///{path}")
    engine.dispose()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT * FROM reading_log ORDER BY id").fetchall() == rows
        ddl = con.execute("SELECT sql FROM sqlite_master WHERE name = 'reading_log'").fetchone()[0]
        assert "AUTOINCREMENT" in ddl
        indexes = {r[1] for r in con.execute("PRAGMA index_list(reading_log)")}
        assert {
            "ix_reading_log_book_id",
            "ix_reading_log_profile_id_day",
            "ix_reading_log_profile_id_import_key",
        } <= indexes
        add = "INSERT INTO reading_log (profile_id, day, pages, minutes, created_at) "
        new_id = con.execute(
            add + "VALUES (1, '2026-12-01', 0, 45, '2026-12-01 10:00:00') RETURNING id"
        ).fetchone()[0]
        assert new_id == highest + 1
        with pytest.raises(sqlite3.IntegrityError, match="pages_or_minutes"):
            con.execute(add + "VALUES (1, '2026-12-01', 0, NULL, '2026-12-01 10:00:00')")
        with pytest.raises(sqlite3.IntegrityError, match="pages_not_negative"):
            con.execute(add + "VALUES (1, '2026-12-01', -3, 10, '2026-12-01 10:00:00')")
