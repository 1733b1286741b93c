"""Copies of a SQLite database: taken online, written whole or not at all, private.

SQLite's online backup API copies a database through SQLite's own locking, so a
copy taken in one step is a consistent snapshot even while another process
writes (in WAL mode the writer is not held up). The copy goes to a hidden
partial file beside its target, is checked, synced and then renamed into place:
a crash at any moment leaves the old target, or none, never half a copy.

Only the sqlite3 module is used here, so a backup costs no ORM import.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from compound.db import revisions, sqlite_file
from compound.domain.errors import StorageError

# How long a restore waits for another process's write to finish, as check-ins do.
_BUSY_SECONDS = 15.0
_PARTIAL = ".partial-"
# How much of a file that is not SQLite is read to say what it looks like instead.
_SNIFF_BYTES = 64 * 1024
# A compound export's "format" (exchange/compound_json.py), the first key it writes.
# A key in JSON text: inside a string value its quotes would be escaped.
_EXPORT_FORMAT = re.compile(r'"format"\s*:\s*"compound"')


def _reason(exc: BaseException, path: Path) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return sqlite_file.explain(exc, path)


def private_file(path: Path) -> None:
    """Create `path` empty, readable and writable by its owner only (0600)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _fsync(path: Path, *, directory: bool = False) -> None:
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep_partials(target: Path) -> None:
    """Remove partial copies of `target` left by processes that no longer run."""
    prefix = f".{target.name}{_PARTIAL}"
    try:
        leftovers = [p for p in target.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name.removeprefix(prefix).split("-")[0]  # also its -journal
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _discard(partial: Path) -> None:
    for path in (partial, Path(f"{partial}-journal")):
        path.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def online_backup(
    source: Path,
    target: Path,
    *,
    pages: int = -1,
    progress: Callable[[int, int, int], object] | None = None,
) -> Path:
    """Copy the database at `source` to `target` (replacing it), mode 0600.

    `pages=-1` copies everything in one read transaction: one consistent snapshot
    that concurrent writers do not disturb. Stepping (`pages` > 0, with
    `progress(status, remaining, total)` called after each step) lets a caller
    report progress; a write between two steps restarts the copy.
    Raises StorageError naming what failed; `source` is only ever read.
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    sweep_partials(target)
    partial = target.with_name(f".{target.name}{_PARTIAL}{os.getpid()}")
    _discard(partial)  # a previous process with this pid
    try:
        private_file(partial)
        reader = sqlite_file.read_only_connection(source)
        try:
            copy = sqlite3.connect(partial)
            try:
                reader.backup(copy, pages=pages, progress=progress)
                # One self-contained file: no -wal beside the copy to lose or forget.
                copy.execute("PRAGMA journal_mode = DELETE")
                verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                copy.close()
        finally:
            reader.close()
        if verdict != "ok":
            raise StorageError(f"the copy of {source} failed its check ({verdict})")
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent, directory=True)
    except StorageError:
        _discard(partial)
        raise
    except (sqlite3.Error, OSError) as exc:
        _discard(partial)
        raise StorageError(
            f"could not copy {source} to {target}: {_reason(exc, target)}; {source} was not changed"
        ) from None
    except BaseException:
        _discard(partial)
        raise
    return target


# -- checking a file ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a look at a database file found."""

    integrity: list[str]  # ["ok"] when PRAGMA integrity_check found nothing wrong
    revision: str | None
    orphans: dict[str, int]  # table -> rows whose foreign key points at nothing

    @property
    def sound(self) -> bool:
        return self.integrity == ["ok"]


def examine(path: Path, *, limit: int = 20) -> Verdict:
    """Integrity, schema revision and orphan rows of a SQLite file, read-only.

    Raises StorageError (one line, naming the path) when the file is no compound
    database at all: missing, a directory, not SQLite, someone else's schema.
    """
    if not path.exists() and not path.is_symlink():
        raise StorageError(f"{path} does not exist")
    state = sqlite_file.inspect(path)  # refuses directories, other files, other schemas
    try:
        con = sqlite_file.read_only_connection(path)
        try:
            # integrity_check takes its row limit as an argument, not a bound value.
            problems = [row[0] for row in con.execute("PRAGMA integrity_check(20)")][:limit]
            orphans: dict[str, int] = {}
            for table, *_ in con.execute("PRAGMA foreign_key_check"):
                orphans[table] = orphans.get(table, 0) + 1
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read as a database: {_reason(exc, path)}") from None
    return Verdict(integrity=problems, revision=state.revision, orphans=orphans)


class NotABackupError(StorageError):
    """A file to restore from that is not a SQLite database at all.

    `looks_like` says what it seems to be instead, so that an interface can point
    at what reads it: "compound-json" (a compound export), "json", "text", or None
    (something else). The message names the file and no command.
    """

    def __init__(self, path: Path, looks_like: str | None):
        self.path = path
        self.looks_like = looks_like
        if looks_like == "compound-json":
            what = "is a compound export (JSON), not a database backup"
        elif looks_like == "json":
            what = "is a JSON file, not a SQLite database backup"
        elif looks_like == "text":
            what = "is a text file, not a SQLite database backup"
        else:
            what = "is not a SQLite database backup"
        super().__init__(f"{path} {what}; nothing was restored")

    def __reduce__(self):
        return type(self), (self.path, self.looks_like)


def _looks_like(head: bytes) -> str | None:
    """What the first bytes of a file that is not SQLite suggest it is."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Only a character cut in two at the end of what was read is forgiven.
        if len(head) < _SNIFF_BYTES or exc.start < len(head) - 3:
            return None
        text = head[: exc.start].decode("utf-8-sig")
    if "\x00" in text:
        return None
    start = text.lstrip()
    if start.startswith("{") and _EXPORT_FORMAT.search(start):
        return "compound-json"
    if start.startswith(("{", "[")):
        return "json"
    return "text"


def _refuse_other_files(path: Path) -> None:
    """Raise NotABackupError for a file with something in it other than SQLite."""
    try:
        if not path.is_file():
            return  # missing or a directory: examine() says so
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return  # examine() reports why it cannot be read
    if head and not head.startswith(sqlite_file.SQLITE_HEADER):
        raise NotABackupError(path, _looks_like(head))


def check_restorable(path: Path) -> Verdict:
    """Refuse, in one line, a file that restoring from would not be safe."""
    _refuse_other_files(path)
    verdict = examine(path)
    if not verdict.sound:
        raise StorageError(
            f"{path} is damaged (integrity check: {verdict.integrity[0]}); nothing was restored"
        )
    if verdict.revision is None:
        raise StorageError(f"{path} holds no compound data; nothing was restored")
    if not revisions.is_known(verdict.revision):
        raise StorageError(
            f"{path} was written by a newer compound (schema "
            f"{verdict.revision}; this version knows up to "
            f"{revisions.head_revision()}); nothing was restored"
        )
    return verdict


# -- restoring ---------------------------------------------------------------------------


def _is_sound(path: Path) -> bool:
    try:
        return examine(path).sound
    except StorageError:
        return False


def _raw_copy(path: Path, aside: Path) -> None:
    """Keep a file SQLite cannot read, byte for byte, with its -wal if any."""
    for suffix in ("", "-wal"):
        source = Path(f"{path}{suffix}")
        if source.is_file():
            private_file(Path(f"{aside}{suffix}"))
            shutil.copyfile(source, Path(f"{aside}{suffix}"))


def restore(source: Path, database: Path, aside: Path) -> Path | None:
    """Put the contents of the checked copy `source` in place of `database`.

    The current database, if any, is first kept as `aside` (returned). A sound
    database is overwritten through SQLite's backup API inside its own locking,
    so a process that has it open sees the old or the new contents, never a mix,
    and a crash leaves the old ones. A damaged file is replaced by renaming.
    """
    check_restorable(source)
    if source.resolve() == database.resolve():
        raise StorageError(f"{source} is the database in use; nothing was restored")
    if database.is_dir():
        raise StorageError(f"{database} is a directory, not a compound database")
    kept = None
    try:
        if database.exists():
            sound = _is_sound(database)
            if sound:
                online_backup(database, aside)
            else:
                _raw_copy(database, aside)
            kept = aside
        else:
            sound = False
        if sound:
            _copy_into(source, database)
        else:
            _replace_file(source, database)
    except (sqlite3.Error, OSError) as exc:
        raise StorageError(
            f"could not restore {source} into {database}: {_reason(exc, database)}"
            + (f"; the previous database is kept as {kept}" if kept else "")
        ) from None
    return kept


def _copy_into(source: Path, database: Path) -> None:
    reader = sqlite_file.read_only_connection(source)
    try:
        writer = sqlite3.connect(database, timeout=_BUSY_SECONDS)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def _replace_file(source: Path, database: Path) -> None:
    staged = database.with_name(f".{database.name}.restoring")
    online_backup(source, staged)
    # A -wal left by the damaged file would be replayed onto the restored one.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.replace(staged, database)
    _fsync(database.parent, directory=True)
