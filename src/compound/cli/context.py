"""What every command gets: settings, the chosen database, today, and the tracker on demand.

The tracker (and with it the store and SQLModel) is imported only by commands that
need it.
"""

from __future__ import annotations

import sys
from datetime import date
from functools import cached_property
from pathlib import Path

from compound import config
from compound.domain.days import parse_date
from compound.domain.errors import InputError

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from typing import TextIO

    from compound.tracker.core import Tracker


class Context:
    def __init__(
        self,
        db_option: str | None,
        out: TextIO | None = None,
        err: TextIO | None = None,
        profile_option: str | None = None,
    ):
        self.db_option = db_option
        self.profile_option = profile_option
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self._tracker: Tracker | None = None

    @cached_property
    def settings(self) -> config.Settings:
        return config.load()

    @cached_property
    def database(self) -> config.DatabaseChoice:
        return config.choose_database(self.db_option)

    @cached_property
    def profile(self) -> str:
        """Whose records to use: --profile, else the settings (COMPOUND_PROFILE, the file)."""
        if self.profile_option is not None:
            from compound.domain.profiles import check_profile_name

            return check_profile_name(self.profile_option)
        return self.settings.profile

    @cached_property
    def today(self) -> date:
        return self.settings.today()

    def date(self, text: str | None) -> date:
        """A --date value as a day (today when not given)."""
        return self.today if text is None else parse_date(text, self.today)

    def tracker(self, profile: str | None = None, *, url: str | None = None) -> Tracker:
        """The tracker, opened on first use on `profile` (default: the chosen one) in the
        chosen database, or in `url` (a dry run's scratch database)."""
        if self._tracker is None:
            from compound.tracker.core import Tracker

            # Today is read (and checked) before the database opens: an action refused
            # for its day (a clock at the calendar's end) then creates nothing.
            today = self.today
            self._tracker = Tracker.on_demand(
                url or self.database.url, profile or self.profile, self.settings, lambda: today
            )
        return self._tracker

    def output_file(self, text: str | None) -> Path | None:
        """An -o FILE as a path (None, or "-" as is the custom: standard output), refused
        when it is the database itself: checked here, so that a refused command opens
        (and creates) nothing."""
        if not text or text == "-":
            return None
        target = Path(text).expanduser()
        if self.database.path is not None and target.resolve() == self.database.path.resolve():
            raise InputError(f"{target} is the database itself; name another file")
        return target

    def keep_daily_backup(self) -> None:
        """Take today's automatic backup if a command used the SQLite file and none exists.

        Runs after the command's output, once per logical day. A failure is a note
        on stderr: what the command stored is already safe.
        """
        if self._tracker is None or not self._tracker.opened or self.database.path is None:
            return
        from compound.cli import one_line
        from compound.domain.errors import CompoundError
        from compound.tracker.safekeeping import keep_daily_backup

        try:
            keep_daily_backup(self.database.path, self.today, self.settings.daily_backups)
        except (CompoundError, OSError) as exc:  # never the command's exit status
            note = f"compound: note: today's automatic backup was not made: {exc}"
            print(one_line(note), file=self.err)

    def close(self) -> None:
        if self._tracker is not None:
            self._tracker.close()
            self._tracker = None

    def print(self, *lines: str) -> None:
        for line in lines:
            print(line, file=self.out)
