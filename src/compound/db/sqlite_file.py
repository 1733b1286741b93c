"""Look at a SQLite file before anything opens it for writing.

Opening through the engine sets WAL mode, which rewrites the file header; a file
from a newer compound, or one that is not ours, must be refused with its bytes
untouched. So the first look is a read-only connection with the sqlite3 module.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from compound.domain.errors import StorageError

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class FileState:
    path: Path
    exists: bool
    revision: str | None  # None: a new or empty database with no schema yet


# Below this much free space, an I/O error is most likely the disk being full.
_NEARLY_FULL = 1 << 20


def explain(error: BaseException, path: Path) -> str:
    """What a sqlite3 error on the file `path` means for the person, in a phrase.

    SQLite reports a full disk as SQLITE_FULL, or, when the -shm cannot grow or a
    size limit is hit, as an I/O error: the error code and the free space tell.
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    first = str(error).strip().splitlines()[0] if str(error).strip() else "database error"
    try:
        stats = os.statvfs(path.parent)
        full = stats.f_bavail * stats.f_frsize < _NEARLY_FULL
    except OSError:
        full = False
    if name == "SQLITE_FULL" or (full and name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN"))):
        return f"the disk is full ({first}); free some space in {path.parent} and try again"
    if name.startswith("SQLITE_IOERR"):
        return f"{first} ({name}): the disk may be full, over a size limit, or failing"
    if name.startswith("SQLITE_READONLY"):
        return f"it cannot be written ({first}): check its permissions and its disk"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"it cannot be opened ({first}): check that its folder exists and is yours"
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in first:
        return f"it is damaged ({first})"
    return first


def damaged(error: BaseException) -> bool:
    """Whether SQLite's error says the file is damaged (or is not a database)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in str(error)


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, waiting for writers rather than failing."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    con = sqlite3.connect(uri, uri=True, timeout=10.0)
    con.execute("PRAGMA busy_timeout = 10000")
    return con


def inspect(path: Path) -> FileState:
    """Say whether `path` is absent, empty, or a compound database at some revision.

    Raises StorageError, naming the path, for anything that is not safe to open.
    """
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a compound database")
    if not path.exists():
        return FileState(path, exists=False, revision=None)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        return FileState(path, exists=True, revision=None)
    if header != SQLITE_HEADER:
        raise StorageError(f"{path} is not a SQLite database; it was left untouched")
    try:
        con = read_only_connection(path)
        try:
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(
            f"{path} cannot be read as a database: {explain(exc, path)}; it was left untouched"
        ) from None
    if revision is None and tables:
        raise StorageError(
            f"{path} is a SQLite database but not a compound one; it was left untouched"
        )
    return FileState(path, exists=True, revision=revision)
