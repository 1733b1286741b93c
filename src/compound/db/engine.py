"""make_engine(url): one engine per database, with SQLite made safe for many writers."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

# A check-in waits this long for another writer rather than failing with
# "database is locked". The sqlite3 module's `timeout` sets SQLite's busy timeout.
BUSY_TIMEOUT_MS = 15_000

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

    SQLite gives the -wal and -shm files the same mode as the database.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite gets WAL, a busy timeout, foreign keys and
    write transactions that take the lock up front."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

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
