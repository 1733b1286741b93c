"""Tracker: one profile's actions and views over an open store.

The composition roots (the command line's context, the app) open one with
`Tracker.open` and hand it around; everything a person does goes through one of
its parts: `entries`, `books`, `goals`, `profiles`, `views`, `exchange`, `team`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

from compound.config import Settings
from compound.store.repository import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.today import TodayFigures
    from compound.tracker.books import Books
    from compound.tracker.entries import Entries
    from compound.tracker.exchange import Exchange
    from compound.tracker.goals import Goals
    from compound.tracker.profiles import Profiles
    from compound.tracker.team import Team
    from compound.tracker.views import Views


def _open_store(url: str, profile: str, settings: Settings) -> Store:
    """The store, waiting on a database server's locks only as long as the settings say."""
    return Store.open(
        url,
        profile,
        lock_timeout=settings.lock_timeout,
        statement_timeout=settings.statement_timeout,
    )


class Tracker:
    """One profile's tracker. `today()` is the logical today (a function, so that an
    app left open rolls over at the day's start).

    `store` may be a function that opens it: the store then opens on first use, so an
    action that refuses what it was given never creates or opens a database.
    """

    def __init__(
        self, store: Store | Callable[[], Store], settings: Settings, today: Callable[[], date]
    ):
        self._store = store if isinstance(store, Store) else None
        self._opener = None if isinstance(store, Store) else store
        self.settings = settings
        self.today = today

    @classmethod
    def open(cls, url: str, profile: str, settings: Settings, today: Callable[[], date]) -> Tracker:
        """Open (creating and upgrading as needed) the database at `url` as `profile`."""
        return cls(_open_store(url, profile, settings), settings, today)

    @classmethod
    def on_demand(
        cls, url: str, profile: str, settings: Settings, today: Callable[[], date]
    ) -> Tracker:
        """A tracker whose database opens when an action or view first needs it."""
        return cls(lambda: _open_store(url, profile, settings), settings, today)

    @property
    def store(self) -> Store:
        if self._store is None:
            assert self._opener is not None
            self._store = self._opener()
        return self._store

    @property
    def opened(self) -> bool:
        """Whether the database was opened (so a command used it)."""
        return self._store is not None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def as_profile(self, name: str) -> Tracker:
        """The same database seen as another existing profile (sharing the connection)."""
        return Tracker(self.store.for_profile(name), self.settings, self.today)

    @property
    def profile(self) -> str:
        """The profile's name. Every action and view finds the profile again when its
        database was replaced meanwhile, and refuses when it is gone (Store._unit)."""
        return self.store.profile.name

    def database_changed(self) -> bool:
        """Whether the database file changed since last asked (another process wrote,
        a backup was restored): a long-open front end then reads its view again.
        False while the store is not open, and for a database server."""
        return self._store is not None and self._store.changed()

    @property
    def location(self) -> str:
        """Where the data lives, for messages: a file path or the URL without password."""
        return self.store.location

    def day_figures(self, day: date, *, with_goal_pace: bool = True) -> TodayFigures:
        """A day's figures as they stand now: what a check-in reports, and what `status`
        and Today show (here rather than in views, which a check-in need not load)."""
        from compound.domain.today import today_figures

        return today_figures(
            # Without the yearly goal's pace, the finished books are not needed.
            self.store.history_until(day, light=not with_goal_pace),
            week_starts_on=self.settings.week_starts_on,
            with_goal_pace=with_goal_pace,
        )

    # The parts load when first used: `compound log` never imports the projection.
    @cached_property
    def entries(self) -> Entries:
        from compound.tracker.entries import Entries

        return Entries(self)

    @cached_property
    def books(self) -> Books:
        from compound.tracker.books import Books

        return Books(self)

    @cached_property
    def goals(self) -> Goals:
        from compound.tracker.goals import Goals

        return Goals(self)

    @cached_property
    def profiles(self) -> Profiles:
        from compound.tracker.profiles import Profiles

        return Profiles(self)

    @cached_property
    def views(self) -> Views:
        from compound.tracker.views import Views

        return Views(self)

    @cached_property
    def exchange(self) -> Exchange:
        from compound.tracker.exchange import Exchange

        return Exchange(self)

    @cached_property
    def team(self) -> Team:
        from compound.tracker.team import Team

        return Team(self)
