"""The store, opened in a thread while the first frame paints.

Opening imports SQLModel and may migrate the file (~400 ms here): the app hands
the opening to a worker and every later piece of database work waits at this
gate, in its own worker thread, never on the event loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store

StoreOpener = Callable[[], "Store"]


class StoreGate:
    """Holds the store once it is open; `store()` waits for it (in a thread)."""

    def __init__(self, store: Store | StoreOpener):
        self._opener: StoreOpener | None = store if callable(store) else None
        self._store: Store | None = None if callable(store) else store
        self._failure: BaseException | None = None
        self._opened = threading.Event()
        if self._store is not None:
            self._opened.set()

    def open(self) -> None:
        """Open the store (call from a worker thread); a failure is kept for store()."""
        if self._opened.is_set():
            return
        try:
            self._store = self._opener()
        except BaseException as exc:  # noqa: BLE001 — handed to every waiter instead
            self._failure = exc
        finally:
            self._opened.set()

    def store(self) -> Store:
        self._opened.wait()
        if self._failure is not None:
            raise self._failure
        return self._store

    def replace(self, store: Store) -> None:
        """Use another store from now on: a profile switch, sharing the same engine."""
        self._store = store

    def profile_name(self) -> str:
        """The profile in use, or "" while the store is still opening."""
        return self._store.profile.name if self._store is not None else ""

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
