"""Today's figures read straight from an up-to-date SQLite file, without the ORM.

`compound status --short` may run on every shell prompt, and the app shows these
figures in its first frame while the store still opens: both read through here.
None means the light path does not plainly apply (no file yet, a schema to
upgrade, a profile not there): the caller then opens the Tracker, which creates,
upgrades or explains in one line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from compound.domain.today import TodayFigures, today_figures
from compound.store.history import read_sqlite_history


def today_from_file(
    path: Path, profile: str, today: date, *, week_starts_on: int = 0, short: bool = False
) -> TodayFigures | None:
    """Today's figures; `short` (the prompt line) leaves out the yearly goal's pace."""
    history = read_sqlite_history(path, profile, today, light=short)
    if history is None:
        return None
    return today_figures(history, week_starts_on=week_starts_on, with_goal_pace=not short)
