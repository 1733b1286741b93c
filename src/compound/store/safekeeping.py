"""Backups of a SQLite database: automatic daily ones, on request, and restoring one.

Backups live beside the database in `<stem>-backups/` (compound.db keeps them in
compound-backups/): `daily-YYYY-MM-DD.db`, the last N kept, and
`manual-YYYY-MM-DDTHH-MM-SS.db` from `compound backup`, kept until removed. The
copies made before a schema upgrade (`compound.db.bak-NNNN`) and before a
restore (`compound.db.replaced-…`) sit beside the database itself.

The daily backup is taken after a command that opened the database has
finished and printed its result, at most once per logical day: on every other
run it costs one stat() of today's file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from compound.db import backup

# Raised by restore_from; the command line catches it here, as it may not import compound.db.
from compound.db.backup import NotABackupError as NotABackupError
from compound.domain.errors import InputError, StorageError, TargetExists

_DAILY = re.compile(r"^daily-(\d{4}-\d{2}-\d{2})\.db$")
_MANUAL = re.compile(r"^manual-[\dT-]+\.db$")
DEFAULT_DAILY_BACKUPS = 7


def backup_dir(database: Path) -> Path:
    """Where the backups of `database` go."""
    return database.with_name(f"{database.stem}-backups")


def daily_backup(database: Path, today: date, keep: int) -> Path | None:
    """Take today's backup unless there is one; keep the newest `keep`.

    Returns the new backup, or None when nothing was needed (already taken
    today, `keep` is 0, no database file yet).
    """
    if keep <= 0 or not database.is_file():
        return None
    folder = backup_dir(database)
    target = folder / f"daily-{today.isoformat()}.db"
    if target.exists():
        return None
    backup.online_backup(database, target)
    prune(folder, keep)
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
    if target is None:
        target = backup_dir(database) / name
    elif target.is_dir():
        target = target / name
    if target.exists() and target.resolve() == database.resolve():
        raise InputError(f"{target} is the database itself; name another file")
    if target.exists() and not replace:
        raise TargetExists(target)
    return backup.online_backup(database, target)


def restore_from(source: Path, database: Path, now: datetime) -> tuple[str, Path | None]:
    """Check `source`, keep the current database aside, put `source`'s contents in place.

    Returns the restored schema revision and where the replaced database was kept.
    Raises NotABackupError for a file that is not SQLite at all (a compound export,
    say), and StorageError for any other file that is not a sound compound database.
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


@dataclass(frozen=True, slots=True)
class KeptCopy:
    path: Path
    kind: str  # daily, manual, before upgrade, before restore
    size: int


def kept_copies(database: Path) -> list[KeptCopy]:
    """Every backup of `database` compound made, oldest name first within each kind."""
    found: list[KeptCopy] = []
    folder = backup_dir(database)
    if folder.is_dir():
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
