"""DataScreen: a screen that reads a view of the Tracker in a worker and shows it.

Every screen reloads when it comes into view (a key, the palette, a dialog closing)
and on `r` or when the app regains focus, so changes made from the command line
while the app is open appear without a restart.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from compound.domain.errors import CompoundError
from compound.tui.hints import refusal
from compound.tui.widgets.navbar import NavBar

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual import getters

    from compound.tracker.core import Tracker
    from compound.tui.app import CompoundApp
    from compound.tui.gate import TrackerGate


class DataScreen(Screen):
    """Subclasses give `read(tracker)` (runs in a thread: one view of the Tracker) and
    `show(data)` (on the loop)."""

    if TYPE_CHECKING:
        app = getters.app(CompoundApp)  # the app these screens belong to

    MODE = ""  # the mode name in the navigation bar

    class Loaded(Message):
        def __init__(self, data: Any):
            super().__init__()
            self.data = data

    class Failed(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    def compose(self) -> ComposeResult:
        yield NavBar(self.MODE, self.app.today, self.app.gate.profile_name())
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._show_where()
        self._load(self.app.gate)

    def _show_where(self) -> None:
        """The day, and the profile in view (another may have been switched to)."""
        # None while the screen is being taken down (the app closing as the watch for
        # changes fires): there is nothing to show it on.
        for navbar in self.query(NavBar).results(NavBar):
            navbar.today = self.app.today
            navbar.profile = self.app.gate.profile_name()

    @work(thread=True, exclusive=True, group="load")
    def _load(self, gate: TrackerGate) -> None:
        try:
            data = self.read(gate.tracker())
        except CompoundError as exc:
            data = self.Failed(refusal(exc))
        # A newer load (a refresh, a change saved) cancelled this one but cannot stop
        # its thread: what this one read may predate the change, and arriving last
        # it would hide it. Only the newest load shows what it read.
        if get_current_worker().is_cancelled:
            return
        self.post_message(data if isinstance(data, self.Failed) else self.Loaded(data))

    def read(self, tracker: Tracker) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def on_data_screen_loaded(self, message: Loaded) -> None:
        message.stop()
        self._show_where()
        self.show(message.data)
        self.add_class("loaded")

    def on_data_screen_failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.reason, severity="error", markup=False)
