"""Open a database at the newest schema: refuse what is unsafe, back up, upgrade.

Every open goes through `open_database`. An up-to-date SQLite file costs one
read-only query; Alembic is imported only when there is something to upgrade.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text

from compound.db import revisions, sqlite_file
from compound.db.engine import create_private_file, make_engine, sqlite_path
from compound.domain.errors import StorageError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# Any constant works; it names the lock that serialises migrations on PostgreSQL.
_PG_MIGRATION_LOCK = 0x636F6D70  # "comp"


def open_database(
    url: str, *, lock_timeout: int | None = None, statement_timeout: int | None = None
) -> Engine:
    """An engine on `url` whose schema is at this code's head revision. The timeouts
    (seconds) are PostgreSQL's, see make_engine."""
    path = sqlite_path(url)
    if path is not None:
        state = sqlite_file.inspect(path)
        _refuse_unknown(state.revision, str(path))
        if not state.exists:
            create_private_file(path)
        engine = make_engine(url)
        if state.revision == revisions.head_revision():
            return engine
    else:
        engine = make_engine(url, lock_timeout=lock_timeout, statement_timeout=statement_timeout)
    try:
        if path is None and _stamped(engine) == revisions.head_revision():
            # Up to date: one query, and no lock taken. On a shared database the
            # migration lock is one anyone may hold; a member holding it must not keep
            # everyone else's compound from opening.
            return engine
        upgrade(engine, backup_of=path)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _refuse_unknown(revision: str | None, where: str) -> None:
    if revision is not None and not revisions.is_known(revision):
        raise StorageError(
            f"{where} was written by a newer compound (schema {revision}; this version "
            f"knows up to {revisions.head_revision()}): upgrade compound to use it; "
            "the database was left untouched"
        )


def _stamped(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision(connection)


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None when it has no schema yet."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(
    engine: Engine, *, backup_of: Path | None = None, version_dirs: Sequence[Path] = ()
) -> str | None:
    """Bring the schema to head inside one transaction; return the backup path if any.

    The transaction holds the write lock (BEGIN IMMEDIATE on SQLite, an advisory
    lock on PostgreSQL), so two processes opening a new database at once migrate
    it once. A SQLite file with data is copied aside first, as
    `<name>.bak-<old revision>`. `version_dirs` adds revision folders (tests).
    """
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    locations = [revisions.VERSIONS_DIR, *version_dirs]
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(p) for p in locations))
    head = ScriptDirectory.from_config(config).get_current_head()

    backup = None
    if backup_of is not None:
        found = sqlite_file.inspect(backup_of).revision
        if found is not None and found != head:
            # SQLite cannot back up through a connection holding the write lock, so
            # the copy is taken just before the migration's transaction begins.
            backup = _back_up_sqlite(backup_of, found)

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
            )
        # Read again under the lock: another process may have just migrated.
        found = current_revision(connection)
        if found == head:
            return None
        if connection.dialect.name == "postgresql":
            # A migration may rewrite large tables: it is not cut short by the
            # statement timeout meant for everyday commands (its lock waits still are).
            connection.execute(text("SET LOCAL statement_timeout = 0"))
        known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
        if found is not None and found not in known:
            _refuse_unknown(found, str(backup_of or engine.url.render_as_string()))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return str(backup) if backup else None


def _back_up_sqlite(path: Path, revision: str) -> Path:
    """Copy the database aside with SQLite's online backup, readable by its owner only.

    The copy is written whole or not at all (db/backup.py), so a crash while
    taking it never leaves a half copy under the name a person would restore from.
    """
    from compound.db.backup import online_backup

    target = path.with_name(f"{path.name}.bak-{revision}")
    try:
        return online_backup(path, target, existing="number")  # an earlier copy stays
    except StorageError as exc:
        raise StorageError(
            f"could not back up {path} before upgrading it ({exc}); nothing was changed"
        ) from None
