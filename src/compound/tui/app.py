"""CompoundApp: five screens over one store, a check-in in a few keystrokes.

The app is handed its store (or a way to open it) and its settings by the command
line; it never chooses a database itself. The store opens in a worker thread while
the first frame paints, and all database work runs in thread workers that answer
with Messages, so typing never waits on SQLite.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.events import AppFocus
from textual.message import Message

from compound.config import Settings
from compound.domain.errors import CompoundError
from compound.domain.records import Entry, ReadingLog
from compound.domain.status import TodayStatus
from compound.tui.commands import CompoundCommands
from compound.tui.gate import StoreGate
from compound.tui.screens.base import DataScreen
from compound.tui.screens.today import TodayScreen
from compound.tui.words import describe

# Actions of the priority bindings above.
_CHECK_INS = ("log_pages", "log_session")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from compound.store.repository import Store
    from compound.tui.gate import StoreOpener

SCREENS = (("today", "Today"), ("history", "History"), ("books", "Books"),
           ("stats", "Stats"), ("goals", "Goals"))


class CompoundApp(App[int]):
    CSS_PATH = "compound.tcss"
    TITLE = "compound"
    # Only Today is imported up front: the other screens (and the dialogs) load
    # when first shown, which keeps their widgets' imports out of the first frame.
    MODES = {"today": TodayScreen, "history": lambda: _screen("history", "HistoryScreen"),
             "books": lambda: _screen("books", "BooksScreen"),
             "stats": lambda: _screen("stats", "StatsScreen"),
             "goals": lambda: _screen("goals", "GoalsScreen")}
    DEFAULT_MODE = "today"
    COMMANDS = App.COMMANDS | {CompoundCommands}
    BINDINGS = [
        *(Binding(str(n), f"show('{mode}')", title, show=False)
          for n, (mode, title) in enumerate(SCREENS, start=1)),
        # The check-in keys act before the focused widget sees them (priority), so
        # that "p25" typed in one go, or pasted, opens the dialog before the 2 and
        # the 5 are handed out; check_action keeps them off inside a dialog.
        Binding("p", "log_pages", "Log pages", priority=True),
        Binding("l", "log_session", "Learn", priority=True),
        Binding("u", "undo", "Undo"),
        Binding("r", "reload", "Refresh", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    class StoreFailed(Message):
        def __init__(self, error: BaseException):
            super().__init__()
            self.error = error

    class Saved(Message):
        """A change made outside a dialog (undo, delete) was stored; `said` says what."""

        def __init__(self, said: str, deleted: Entry | None = None, restored: bool = False):
            super().__init__()
            self.said, self.deleted, self.restored = said, deleted, restored

    class Refused(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    class Glanced(Message):
        """Today's figures read without the store (see `glance`), before it is open."""

        def __init__(self, status: TodayStatus):
            super().__init__()
            self.status = status

    def __init__(self, store: Store | StoreOpener, settings: Settings, *,
                 today: date | Callable[[], date], settings_file: Path | None = None,
                 glance: Callable[[date], TodayStatus | None] | None = None):
        """`store` is the Store or a function opening it (then it opens in a worker).
        `glance(today)` may read today's status cheaply (SQLite without the ORM) so
        the first frame shows figures while the store is still opening."""
        super().__init__()
        self.glance = glance
        self.glance_shown = threading.Event()
        self.gate = StoreGate(store)
        self.settings = settings
        self.settings_file = settings_file
        self._today = today
        # Entries deleted in this session, newest last: `u` brings them back first.
        self._deleted: list[Entry] = []
        self._welcomed = False
        self.failure: BaseException | None = None  # why the store could not be opened

    @property
    def today(self) -> date:
        """The logical today; a callable lets a long-open app roll over at day start."""
        return self._today() if callable(self._today) else self._today

    def on_mount(self) -> None:
        self._open_store(self.gate, self.glance, self.today)

    @work(thread=True, group="store")
    def _open_store(self, gate: StoreGate, glance, today: date) -> None:
        status = glance(today) if glance is not None else None
        if status is not None:
            self.post_message(self.Glanced(status))
            # Importing the ORM competes with the painting for the interpreter:
            # let the figures reach the screen first.
            self.glance_shown.wait(timeout=2.0)
        gate.open()
        try:
            gate.store()
        except Exception as exc:  # noqa: BLE001 — handed to the command line to report
            self.post_message(self.StoreFailed(exc))

    def on_compound_app_glanced(self, message: Glanced) -> None:
        if isinstance(self.screen, TodayScreen):
            self.screen.show_glance(message.status)
        else:
            self.glance_shown.set()

    def on_compound_app_store_failed(self, message: StoreFailed) -> None:
        # The command line reports it, once the screen is gone, as it reports any
        # command's failure: one line for a refusal, the error log for a bug.
        self.failure = message.error
        self.exit(return_code=2)

    def on_unmount(self) -> None:
        self.gate.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _CHECK_INS and self.screen.is_modal:
            return False  # a dialog or the help is open: the key is the dialog's
        return True

    # -- moving around -------------------------------------------------------------

    def action_show(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        from compound.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_reload(self) -> None:
        if isinstance(self.screen, DataScreen):
            self.screen.reload()

    @on(AppFocus)
    def _focus_regained(self) -> None:
        # Someone may have logged from the command line meanwhile.
        self.action_reload()

    # -- changes ---------------------------------------------------------------------

    def open_dialog(self, dialog) -> AwaitMount:
        """Push a dialog; what it saved is announced, and the screen below reloads.

        A key that opens a dialog should await this: the app then handles the keys
        typed after it only once the dialog is mounted and its first field focused.
        Until then a key would go to the dialog itself, which drops it, so "p25"
        typed fast (or pasted) lost the 25.
        """
        def saved(said: str | None) -> None:
            if said:
                self._deleted.clear()  # `u` now undoes this, the newest change
                self.notify(said, title="Saved")
        return self.push_screen(dialog, saved)

    async def action_log_pages(self) -> None:
        from compound.tui.screens.logging import LogPagesDialog

        await self.open_dialog(LogPagesDialog(self.gate, self.today))

    async def action_log_session(self) -> None:
        from compound.tui.screens.logging import LogSessionDialog

        await self.open_dialog(LogSessionDialog(self.gate, self.today))

    async def action_add_book(self) -> None:
        from compound.tui.screens.book_form import BookDialog

        await self.open_dialog(BookDialog(self.gate, self.today))

    async def action_set_goal(self) -> None:
        from compound.tui.screens.goal_forms import GoalDialog

        await self.open_dialog(GoalDialog(self.gate, self.today))

    async def action_add_skip(self) -> None:
        from compound.tui.screens.goal_forms import SkipDialog

        await self.open_dialog(SkipDialog(self.gate, self.today))

    async def action_switch_profile(self) -> None:
        from compound.tui.screens.palette_forms import ProfileDialog

        await self.open_dialog(ProfileDialog(self.gate, self.gate.profile_name()))

    async def action_export(self) -> None:
        from compound.tui.screens.palette_forms import ExportDialog

        await self.open_dialog(ExportDialog(self.gate, self.today))

    def show_welcome(self) -> None:
        """The first run (nothing stored): ask for a goal and a book, once."""
        if not self._welcomed:
            self._welcomed = True
            from compound.tui.screens.welcome import WelcomeDialog

            self.open_dialog(WelcomeDialog(self.gate, self.today))

    def action_undo(self) -> None:
        self._undo(self.gate, self._deleted[-1] if self._deleted else None)

    @work(thread=True, exclusive=True, group="write")
    def _undo(self, gate: StoreGate, deleted: Entry | None) -> None:
        try:
            store = gate.store()
            if deleted is not None:
                _restore(store, deleted)
                said = f"Undid the deletion: {describe(deleted, self.today)} is back"
                self.post_message(self.Saved(said, restored=True))
                return
            removed = store.undo()
            self.post_message(self.Saved(f"Undid {describe(removed.entry, self.today)}"
                                         + _book_moves(removed)))
        except CompoundError as exc:
            self.post_message(self.Refused(str(exc)))

    def perform(self, job: Callable[[Store], str]) -> None:
        """Run a change (a function of the store returning what it did) in a worker."""
        self._perform(self.gate, job)

    @work(thread=True, exclusive=True, group="write")
    def _perform(self, gate: StoreGate, job: Callable[[Store], str]) -> None:
        try:
            said = job(gate.store())
        except CompoundError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Saved(said))

    def delete_entry(self, ref: str) -> None:
        self._delete(self.gate, ref)

    @work(thread=True, exclusive=True, group="write")
    def _delete(self, gate: StoreGate, ref: str) -> None:
        try:
            removed = gate.store().delete_entry(ref)
        except CompoundError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        said = f"Deleted {describe(removed.entry, self.today)}{_book_moves(removed)} · u undoes"
        self.post_message(self.Saved(said, deleted=removed.entry))

    def on_compound_app_saved(self, message: Saved) -> None:
        if message.deleted is not None:
            self._deleted.append(message.deleted)
        elif message.restored and self._deleted:
            self._deleted.pop()
        self.notify(message.said)
        self.action_reload()

    def on_compound_app_refused(self, message: Refused) -> None:
        self.notify(message.reason, severity="error")


def _screen(module: str, name: str):
    from importlib import import_module

    return getattr(import_module(f"compound.tui.screens.{module}"), name)()


def _restore(store: Store, entry: Entry) -> None:
    """Store a deleted entry again, as it was (a new id, the same day and amounts)."""
    if isinstance(entry, ReadingLog):
        store.restore_log(entry)
    else:
        store.log_session(day=entry.day, minutes=entry.minutes, kind=entry.kind,
                          topic=entry.topic, note=entry.note)


def _book_moves(removed) -> str:
    if removed.reopened_book is not None:
        return f"; {removed.reopened_book.title} is being read again"
    if removed.reshelved_book is not None:
        return f"; {removed.reshelved_book.title} is back on the to-read shelf"
    return ""
