"""Keeping the history safe: backups, restoring one, the daily backup, the doctor.

These work on the SQLite file itself (no profile, no open store), so they are
functions rather than a part of the Tracker.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from compound.store.safekeeping import NotABackupError, backup_now, daily_backup, restore_from

__all__ = ["NotABackupError", "backup", "restore", "keep_daily_backup", "check", "size_text"]


def backup(database: Path, target: Path | None, *, replace: bool = False) -> Path:
    """A consistent copy of `database` (to `target`, else the backups folder), mode 0600."""
    return backup_now(database, target, datetime.now(), replace=replace)


def restore(source: Path, database: Path) -> tuple[str, Path | None]:
    """Put the backup `source` in place of `database`, keeping the replaced file aside;
    returns the restored schema revision and where the replaced file was kept."""
    return restore_from(source, database, datetime.now())


def keep_daily_backup(database: Path, today: date, keep: int) -> Path | None:
    """Today's automatic backup, unless there is one already (see store.safekeeping).

    Raises StorageError only: a caller warns and keeps its command's exit status."""
    return daily_backup(database, today, keep)


def check(database: Path | None, url: str, daily_backups: int) -> list[Check]:
    """What `compound doctor` reports, changing nothing."""
    from compound.store import health

    if database is not None:
        return health.check_sqlite(database, daily_backups)
    return health.check_server(url)


def size_text(size: int) -> str:
    from compound.store import health

    return health.size_text(size)


if TYPE_CHECKING:
    from compound.store.health import Check
