"""make_engine(url): one engine per database, with SQLite made safe for many writers
and PostgreSQL's waits bounded."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from compound.domain.errors import DatabaseBusy

# A check-in waits this long for another writer rather than failing with
# "database is locked". The sqlite3 module's `timeout` sets SQLite's busy timeout.
BUSY_TIMEOUT_MS = 15_000

# On PostgreSQL, how long (seconds) a statement waits for a lock another connection
# holds, and how long it may run at all, before it is refused: the lock_timeout and
# statement_timeout settings (compound.config), whose defaults these are. On a shared
# database a member can lock a table in an open transaction; without these, everyone
# else's compound would wait for ever.
LOCK_TIMEOUT_S = 5
STATEMENT_TIMEOUT_S = 30
# PostgreSQL's SQLSTATEs for a lock not granted in time and a statement cancelled.
_LOCK_NOT_AVAILABLE = "55P03"
_QUERY_CANCELED = "57014"

# An execution option marking a unit of work that only reads (see make_engine).
READ_ONLY = "compound_read_only"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for other databases or in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (0600).

    SQLite gives the -wal and -shm files the same mode as the database. Folders
    made on the way are private too (0700), whatever the umask.
    """
    from compound.files import private_folder

    private_folder(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_engine(
    url: str, *, lock_timeout: int | None = None, statement_timeout: int | None = None
) -> Engine:
    """An engine for `url`: SQLite gets WAL, a busy timeout, foreign keys and
    write transactions that take the lock up front; PostgreSQL gets a lock timeout and
    a statement timeout (seconds, 0 for none; None for the defaults above)."""
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        return _postgres_engine(
            url,
            LOCK_TIMEOUT_S if lock_timeout is None else lock_timeout,
            STATEMENT_TIMEOUT_S if statement_timeout is None else statement_timeout,
        )
    if backend != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    path = sqlite_path(url)
    if path is not None:
        from compound.db.sqlite_file import writable_sidecars

        writable_sidecars(path)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies.
        # A deferred transaction that reads and then writes can instead fail at
        # once with "database is locked" when another process wrote in between.
        # A unit that only reads (READ_ONLY) begins deferred instead: in WAL mode it
        # reads a snapshot and never holds the write lock, so a long read such as a
        # team report does not keep check-ins waiting.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


_SET_TIMEOUTS = (
    "SELECT set_config('lock_timeout', %s, false), set_config('statement_timeout', %s, false)"
)


def _postgres_engine(url: str, lock_timeout: int, statement_timeout: int) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    where = make_url(url).render_as_string(hide_password=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # For the whole session (not SET LOCAL), committed so that the first
        # transaction's rollback does not take it back.
        cursor = dbapi_connection.cursor()
        cursor.execute(_SET_TIMEOUTS, (f"{lock_timeout}s", f"{statement_timeout}s"))
        cursor.close()
        dbapi_connection.commit()

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        # A lock not granted in time, or a statement past its time: the transaction is
        # rolled back as it unwinds, so nothing of it is stored. Said in one line.
        state = getattr(context.original_exception, "sqlstate", None)
        if state == _LOCK_NOT_AVAILABLE:
            raise DatabaseBusy(
                f"{where}: the database is busy: another connection has held a lock this "
                f"needs for over {lock_timeout} s (the lock_timeout setting); nothing was "
                "saved, try again"
            ) from None
        if state == _QUERY_CANCELED and "statement timeout" in str(context.original_exception):
            raise DatabaseBusy(
                f"{where}: the database did not answer within {statement_timeout} s (the "
                "statement_timeout setting); nothing was saved, try again"
            ) from None

    return engine
