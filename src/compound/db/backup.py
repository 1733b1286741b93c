"""Copies of a SQLite database: taken online, written whole or not at all, private.

SQLite's online backup API copies a database through SQLite's own locking, so a
copy taken in one step is a consistent snapshot even while another process
writes (in WAL mode the writer is not held up). The copy goes to a hidden
partial file beside its target, is checked, synced and then renamed into place:
a crash at any moment leaves the old target, or none, never half a copy.

A copy kept aside (a backup, the database before an upgrade or a restore) never
takes the place of another: it gets the first free name (`name`, `name-2`, …),
claimed with a hard link, which fails rather than replaces.

Only the sqlite3 module is used here, so a backup costs no ORM import.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from compound.db import revisions, sqlite_file
from compound.domain.errors import StorageError, TargetExists
from compound.files import private_folder

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
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # its folder is not a folder, or not ours: there is nothing to clean


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def numbered(wanted: Path) -> Iterator[Path]:
    """`wanted`, then `wanted` with -2, -3, … (before a `.db` suffix): names to try in turn."""
    yield wanted
    stem, suffix = (wanted.name[:-3], ".db") if wanted.name.endswith(".db") else (wanted.name, "")
    for count in itertools.count(2):
        yield wanted.with_name(f"{stem}-{count}{suffix}")


def _free(candidate: Path) -> bool:
    # A dangling symlink or a -wal left beside the name counts as taken.
    return not any(os.path.lexists(f"{candidate}{extra}") for extra in ("", "-wal"))


def _claim(partial: Path, wanted: Path, existing: str) -> Path:
    """Give the finished `partial` its name; returns it.

    "replace" renames over `wanted`; "refuse" raises TargetExists when it is taken;
    "number" takes the first free name from `numbered(wanted)`. The last two never
    replace a file, even one that appears between the look and the rename.
    """
    if existing == "replace":
        os.replace(partial, wanted)
        return wanted
    for candidate in numbered(wanted) if existing == "number" else iter([wanted]):
        if existing == "number" and not _free(candidate):
            continue
        try:
            os.link(partial, candidate)
        except FileExistsError:
            continue
        except OSError:
            # No hard links on this file system: reserve the name, then rename onto it.
            try:
                private_file(candidate)
            except FileExistsError:
                continue
            os.replace(partial, candidate)
            return candidate
        partial.unlink()
        return candidate
    raise TargetExists(wanted)


def _folder_for(target: Path) -> None:
    """Make the folder `target` goes in (0700), naming what is in its way if it cannot."""
    folder = target.parent
    if os.path.lexists(folder) and not folder.is_dir():
        what = "a broken link" if folder.is_symlink() and not folder.exists() else "a file"
        raise StorageError(f"{folder} is {what}, not a folder; move it aside to keep backups there")
    private_folder(folder)  # 0700 whatever the umask, each missing parent too


def online_backup(
    source: Path,
    target: Path,
    *,
    pages: int = -1,
    progress: Callable[[int, int, int], object] | None = None,
    existing: Literal["replace", "refuse", "number"] = "replace",
) -> Path:
    """Copy the database at `source` to `target`, mode 0600; returns where it went.

    `pages=-1` copies everything in one read transaction: one consistent snapshot
    that concurrent writers do not disturb. Stepping (`pages` > 0, with
    `progress(status, remaining, total)` called after each step) lets a caller
    report progress; a write between two steps restarts the copy.
    `existing` says what happens to a file already at `target` (see `_claim`):
    a copy kept aside uses "number", so that it never takes another's place.
    Raises StorageError naming what failed; `source` is only ever read.
    """
    partial = target.with_name(f".{target.name}{_PARTIAL}{os.getpid()}")
    try:
        _folder_for(target)
        sweep_partials(target)
        _discard(partial)  # a previous process with this pid
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
        target = _claim(partial, target, existing)
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
    columns: dict[str, frozenset[str]] = field(default_factory=dict)  # table -> its columns

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
            found: dict[str, set[str]] = {}
            for table, column in con.execute(
                "SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c "
                "WHERE m.type = 'table'"
            ):
                found.setdefault(table, set()).add(column)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} cannot be read as a database: {_reason(exc, path)}") from None
    columns = {table: frozenset(names) for table, names in found.items()}
    return Verdict(integrity=problems, revision=state.revision, orphans=orphans, columns=columns)


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


def _raw_copy(path: Path, aside: Path) -> Path:
    """Keep a file SQLite cannot read, byte for byte, with its -wal if any, under the
    first free name from `numbered(aside)`; returns that name."""
    for candidate in numbered(aside):
        if not _free(candidate):
            continue
        try:
            private_file(candidate)  # claims the name: O_EXCL
        except FileExistsError:
            continue
        for suffix in ("", "-wal"):
            source = Path(f"{path}{suffix}")
            if source.is_file():
                if suffix:
                    private_file(Path(f"{candidate}{suffix}"))
                shutil.copyfile(source, Path(f"{candidate}{suffix}"))
        return candidate
    raise AssertionError("numbered() never ends")


def restore(source: Path, database: Path, aside: Path) -> Path | None:
    """Put the contents of the checked copy `source` in place of `database`.

    The current database, if any, is first kept as `aside`, or the first free name
    after it (returned): an earlier copy kept aside is never replaced. A sound
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
                kept = online_backup(database, aside, existing="number")
            else:
                kept = _raw_copy(database, aside)
        else:
            sound = False
        if sound:
            _copy_into(source, database)
        else:
            _replace_file(source, database)
    except (sqlite3.Error, OSError, StorageError) as exc:
        reason = str(exc) if isinstance(exc, StorageError) else _reason(exc, database)
        raise StorageError(
            f"could not restore {source} into {database}: {reason}"
            + (f"; the previous database is kept as {kept}" if kept else "")
        ) from None
    return kept


def _page_size(con: sqlite3.Connection) -> int:
    return int(con.execute("PRAGMA page_size").fetchone()[0])


# The page sizes SQLite allows; a PRAGMA takes no bound value, so each is written out.
_SET_PAGE_SIZE = {
    512: "PRAGMA page_size = 512",
    1024: "PRAGMA page_size = 1024",
    2048: "PRAGMA page_size = 2048",
    4096: "PRAGMA page_size = 4096",
    8192: "PRAGMA page_size = 8192",
    16384: "PRAGMA page_size = 16384",
    32768: "PRAGMA page_size = 32768",
    65536: "PRAGMA page_size = 65536",
}


def _copy_into(source: Path, database: Path) -> None:
    staged = None
    try:
        reader = sqlite_file.read_only_connection(source)
        try:
            writer = sqlite3.connect(database, timeout=_BUSY_SECONDS)
            try:
                wanted = _page_size(writer)
                if _page_size(reader) != wanted:
                    # SQLite cannot copy into a WAL database with another page size
                    # (it says "readonly"): bring a staged copy to the database's size.
                    reader.close()
                    staged = _staged(source, database, page_size=wanted)
                    reader = sqlite_file.read_only_connection(staged)
                reader.backup(writer)
            finally:
                writer.close()
        finally:
            reader.close()
    finally:
        if staged is not None:
            _discard(staged)


def _staged(source: Path, database: Path, *, page_size: int | None = None) -> Path:
    """A private, checked copy of `source` beside `database`, in rollback-journal mode,
    rebuilt with `page_size` when given."""
    staged = online_backup(source, database.with_name(f".{database.name}.restoring-{os.getpid()}"))
    if page_size is not None:
        con = sqlite3.connect(staged)
        try:
            if page_size in _SET_PAGE_SIZE:
                con.execute(_SET_PAGE_SIZE[page_size])
                con.execute("VACUUM")
            if _page_size(con) != page_size:
                raise StorageError(f"{source} could not be brought to a page size of {page_size}")
        finally:
            con.close()
    return staged


def _replace_file(source: Path, database: Path) -> None:
    staged = _staged(source, database)
    try:
        # A -wal left by the damaged file would be replayed onto the restored one.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(staged, database)
    except BaseException:
        _discard(staged)
        raise
    _fsync(database.parent, directory=True)
