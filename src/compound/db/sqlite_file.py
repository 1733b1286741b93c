"""Look at a SQLite file before anything opens it for writing.

Opening through the engine sets WAL mode, which rewrites the file header; a file
from a newer compound, or one that is not ours, must be refused with its bytes
untouched. So the first look is a read-only connection with the sqlite3 module.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from compound.domain.errors import StorageError
from compound.files import special_kind

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
        for sidecar in sidecars(path):
            if sidecar.exists() and not os.access(sidecar, os.W_OK):
                # SQLite names the database, but the file it cannot write is this one.
                return (
                    f"it cannot be written: {sidecar} beside it is read-only ({first}); "
                    f"make {sidecar.name} writable by you (chmod u+w) and try again"
                )
        return f"it cannot be written ({first}): check its permissions and its disk"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"it cannot be opened ({first}): check that its folder exists and is yours"
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in first:
        return f"it is damaged ({first})"
    return first


def sidecars(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps beside the database at `path`."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def writable_sidecars(path: Path) -> None:
    """Give the -wal and -shm beside `path` back their owner's write permission when
    the database has it.

    SQLite creates them with the database's mode: a read while the database was
    read-only (0444) leaves a read-only -shm behind, and once the database is
    writable again every write would fail on it while naming the database. Only
    files of this user's own are changed; anything else is left for `explain` to name.
    """
    try:
        database = os.stat(path)
    except OSError:
        return
    if not database.st_mode & stat.S_IWUSR:
        return
    for sidecar in sidecars(path):
        try:
            found = os.lstat(sidecar)
            if (
                stat.S_ISREG(found.st_mode)
                and found.st_uid == os.geteuid()
                and not found.st_mode & stat.S_IWUSR
            ):
                os.chmod(sidecar, stat.S_IMODE(database.st_mode))
        except OSError:
            continue  # gone meanwhile, or not ours to change


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


def rehearsal_copy(path: Path, target: Path) -> None:
    """Copy the database at `path` to the new file `target`, to rehearse on (a dry run).

    Nothing beside `path` changes: the copy reads through a read-write connection,
    which, closing last, removes the -wal and -shm it made (a read-only connection
    would leave them behind); reading writes nothing into the file itself. An older
    schema is copied as it is: the rehearsal upgrades the copy, not the database.
    """
    from compound.db import revisions

    # A pipe, another program's file or a newer schema is refused here, by its name.
    revision = inspect(path).revision
    if revision is not None and not revisions.is_known(revision):
        raise StorageError(
            f"{path} was written by a newer compound (schema {revision}); upgrade compound "
            "to use it; the database was left untouched"
        )
    try:
        source = sqlite3.connect(path, timeout=15.0)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise StorageError(f"cannot read {path}: {explain(exc, path)}") from None


def inspect(path: Path) -> FileState:
    """Say whether `path` is absent, empty, or a compound database at some revision.

    Raises StorageError, naming the path, for anything that is not safe to open.
    """
    # Only a regular file is a database: a named pipe would keep the read below
    # waiting for a writer forever, a device never ends.
    try:
        kind = special_kind(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return FileState(path, exists=False, revision=None)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if kind is not None:
        raise StorageError(f"{path} is {kind}, not a compound database")
    try:
        # Without waiting, and looked at again once open: the name may have changed.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        return FileState(path, exists=False, revision=None)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise StorageError(f"{path} is {kind}, not a compound database")
        os.set_blocking(fd, True)
        header = os.read(fd, len(SQLITE_HEADER))
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
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
