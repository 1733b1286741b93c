"""Backups of a SQLite database: automatic daily ones, on request, and restoring one.

Backups live beside the database in a folder named after its whole file name
(compound.db keeps them in compound.db-backups/, club.sqlite in
club.sqlite-backups/): `daily-YYYY-MM-DD.db`, the last N kept, and
`manual-YYYY-MM-DDTHH-MM-SS.db` from `compound backup`, kept until removed. The
copies made before a schema upgrade (`compound.db.bak-NNNN`) and before a
restore (`compound.db.replaced-…`) sit beside the database itself. No copy ever
takes another's name: a second one in the same second is `…-2`.

Older versions named the folder after the stem (compound-backups/), which
club.db, club.sqlite and club shared. Such a folder is moved to the new name by
the next backup when it was plainly this database's; until then, and when it was
shared, nothing in it is moved or removed (see `legacy_dir`).

The daily backup is taken after a command that opened the database has
finished and printed its result, at most once per logical day: on every other
run it costs one stat() of today's file. Its failure is a StorageError, never
anything else: what the command stored is safe already.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from compound.db import backup

# Raised by restore_from; the command line catches it here, as it may not import compound.db.
from compound.db.backup import NotABackupError as NotABackupError
from compound.db.sqlite_file import SQLITE_HEADER
from compound.domain.errors import InputError, StorageError, TargetExists

_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.db$")
_MANUAL = re.compile(r"^manual-[\dT-]+\.db$")
DEFAULT_DAILY_BACKUPS = 7


def backup_dir(database: Path) -> Path:
    """Where the backups of `database` go: a folder named after its whole file name,
    so that files sharing a stem (club.db, club.sqlite, club) never share backups."""
    return database.with_name(f"{database.name}-backups")


def legacy_dir(database: Path) -> Path | None:
    """The folder an older compound kept `database`'s backups in, when it was its alone.

    That folder was `<stem>-backups`. It is `database`'s when no other SQLite file
    beside it has the same stem; a folder that files sharing the stem shared is
    nobody's (its copies can still be restored by path). A database without a
    suffix had the same folder then as now, so it has none.
    """
    old = database.with_name(f"{database.stem}-backups")
    if old == backup_dir(database) or old.is_symlink() or not old.is_dir():
        return None
    try:
        siblings = list(database.parent.iterdir())
    except OSError:
        return None
    for sibling in siblings:
        if sibling.stem == database.stem and sibling.name != database.name and _is_sqlite(sibling):
            return None
    return old


def _is_sqlite(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _adopt_legacy_dir(database: Path) -> None:
    """Move the older compound's backups folder to this one's name, when it is this
    database's and the new folder does not exist yet; left where it is otherwise."""
    old, new = legacy_dir(database), backup_dir(database)
    if old is None or os.path.lexists(new):
        return
    try:
        os.rename(old, new)
    except OSError:
        pass  # moved by another process just now, or cannot be: it is still read where it is


def daily_backup(database: Path, today: date, keep: int) -> Path | None:
    """Take today's backup unless there is one; keep the newest `keep`.

    Returns the new backup, or None when nothing was needed (already taken
    today, `keep` is 0, no database file yet). Raises StorageError only.
    """
    if keep <= 0:
        return None
    folder = backup_dir(database)
    target = folder / f"daily-{today.isoformat()}.db"
    try:
        if target.exists() or not database.is_file():
            return None
        _adopt_legacy_dir(database)
        try:
            backup.online_backup(database, target, existing="refuse")
        except TargetExists:
            return None  # another process took today's backup a moment ago
        prune(folder, keep)
    except (OSError, sqlite3.Error) as exc:
        where = getattr(exc, "filename", None) or folder
        raise StorageError(f"cannot use {where}: {getattr(exc, 'strerror', None) or exc}") from None
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` daily backups; returns those removed."""
    dailies = sorted(p for p in folder.iterdir() if _DAILY.match(p.name))
    removed = dailies[:-keep] if keep > 0 else dailies
    for old in removed:
        old.unlink(missing_ok=True)  # another process may have pruned it just now
    return removed


def backup_now(
    database: Path, target: Path | None, now: datetime, *, replace: bool = False
) -> Path:
    """`compound backup [PATH]`: a consistent copy of `database`, mode 0600.

    With no target, a timestamped copy in the backup folder; a target that is a
    directory gets that name inside it. An existing file is replaced only when
    asked, and then only once the new copy is complete.
    """
    _require_database(database)
    name = f"manual-{now.strftime('%Y-%m-%dT%H-%M-%S')}.db"
    if target is None or target.is_dir():
        # A name compound chose: a second backup in the same second gets the next free one.
        if target is None:
            _adopt_legacy_dir(database)
        folder = backup_dir(database) if target is None else target
        return backup.online_backup(database, folder / name, existing="number")
    if target.exists() and target.resolve() == database.resolve():
        raise InputError(f"{target} is the database itself; name another file")
    if target.exists() and not replace:
        raise TargetExists(target)
    return backup.online_backup(database, target, existing="replace" if replace else "refuse")


def restore_from(source: Path, database: Path, now: datetime) -> tuple[str, Path | None]:
    """Check `source`, keep the current database aside, put `source`'s contents in place.

    Returns the restored schema revision and where the replaced database was kept:
    `<name>.replaced-<now>`, or `…-2`, `…-3` when a restore in the same second kept
    one there already. Raises NotABackupError for a file that is not SQLite at all (a
    compound export, say), and StorageError for any other file that is not a sound
    compound database.
    """
    aside = database.with_name(f"{database.name}.replaced-{now.strftime('%Y-%m-%dT%H-%M-%S')}")
    kept = backup.restore(source, database, aside)
    return backup.examine(database).revision or "", kept


def _require_database(database: Path) -> None:
    if database.is_dir():
        raise StorageError(f"{database} is a directory, not a compound database")
    if not database.is_file():
        raise StorageError(f"there is no database at {database} yet; nothing to back up")
    backup.examine(database)  # refuses a file that is not a compound database


# -- what is kept ---------------------------------------------------------------------


def backup_folders(database: Path) -> list[Path]:
    """The folders holding `database`'s daily and manual backups: its own, and the
    older compound's one while that is not moved yet."""
    return [
        folder
        for folder in (backup_dir(database), legacy_dir(database))
        if folder is not None and folder.is_dir()
    ]


@dataclass(frozen=True, slots=True)
class KeptCopy:
    path: Path
    kind: str  # daily, manual, before upgrade, before restore
    size: int


def kept_copies(database: Path) -> list[KeptCopy]:
    """Every backup of `database` compound made, oldest name first within each kind."""
    found: list[KeptCopy] = []
    for folder in backup_folders(database):
        for path in sorted(folder.iterdir()):
            kind = (
                "daily"
                if _DAILY.match(path.name)
                else "manual"
                if _MANUAL.match(path.name)
                else None
            )
            if kind and path.is_file():
                found.append(KeptCopy(path, kind, path.stat().st_size))
    if database.parent.is_dir():
        for path in sorted(database.parent.iterdir()):
            if path.name.startswith(f"{database.name}.bak-") and path.is_file():
                found.append(KeptCopy(path, "before upgrade", path.stat().st_size))
            elif (
                path.name.startswith(f"{database.name}.replaced-")
                and path.is_file()
                and not path.name.endswith(("-wal", "-shm"))
            ):
                found.append(KeptCopy(path, "before restore", path.stat().st_size))
    return found
