"""The Tracker, opened in a thread while the first frame paints.

Opening imports SQLModel and may migrate the file (~400 ms here): the app hands
the opening to a worker and every later piece of database work waits at this
gate, in its own worker thread, never on the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker

TrackerOpener = Callable[[], "Tracker"]


class TrackerGate:
    """Holds the Tracker once it is open; `tracker()` waits for it (in a thread)."""

    def __init__(self, tracker: Tracker | TrackerOpener):
        self._opener: TrackerOpener | None = tracker if callable(tracker) else None
        self._tracker: Tracker | None = None if callable(tracker) else tracker
        self._failure: BaseException | None = None
        self._opened = threading.Event()
        if self._tracker is not None:
            self._opened.set()

    def open(self) -> None:
        """Open the Tracker (call from a worker thread); a failure is kept for tracker()."""
        if self._opened.is_set() or self._opener is None:
            return
        try:
            self._tracker = self._opener()
        except BaseException as exc:  # noqa: BLE001 — handed to every waiter instead
            self._failure = exc
        finally:
            self._opened.set()

    def tracker(self) -> Tracker:
        self._opened.wait()
        if self._failure is not None:
            raise self._failure
        assert self._tracker is not None  # open, and the opening did not fail
        return self._tracker

    def replace(self, tracker: Tracker) -> None:
        """Use another profile's Tracker from now on (it shares the database)."""
        self._tracker = tracker

    def profile_name(self) -> str:
        """The profile in view, or "" while the Tracker is still opening."""
        return self._tracker.profile if self._tracker is not None else ""

    def close(self) -> None:
        if self._tracker is not None:
            self._tracker.close()
