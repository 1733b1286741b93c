"""CompoundApp: five screens over one Tracker, a check-in in a few keystrokes.

The app is handed its Tracker (or a way to open it) and its settings by the command
line (cli/interactive.py); it never chooses a database itself. The Tracker opens in
a worker thread while the first frame paints, and all database work runs in thread
workers that answer with Messages, so typing never waits on SQLite. The screen is
read again whenever the database file changes (a check-in from the command line, a
backup restored). What the app says comes from compound.words; a refusal carries
the app's hint (tui/hints.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.events import AppFocus
from textual.message import Message

from compound.config import Settings
from compound.domain.errors import CompoundError
from compound.domain.today import TodayFigures
from compound.tracker.outcomes import BookPutBack, EntryRemoved, EntryRestored
from compound.tracker.undo import Undoable, UndoStack
from compound.tui.commands import CompoundCommands
from compound.tui.gate import TrackerGate
from compound.tui.hints import refusal
from compound.tui.screens.base import DataScreen
from compound.tui.screens.today import TodayScreen
from compound.words.records import SHELVES, book_moves, describe

# Actions of the priority bindings above.
_CHECK_INS = ("log_pages", "log_session")

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from compound.tracker.core import Tracker
    from compound.tracker.undo import Undone
    from compound.tui.gate import TrackerOpener

    # A change made in a worker: a function of the Tracker returning what it did, and
    # with it, for `u`, the change to take back.
    Change = Callable[[Tracker], "str | tuple[str, Undoable]"]

SCREENS = (
    ("today", "Today"),
    ("history", "History"),
    ("books", "Books"),
    ("stats", "Stats"),
    ("goals", "Goals"),
)


class CompoundApp(App[int]):
    CSS_PATH = "compound.tcss"
    TITLE = "compound"
    # Only Today is imported up front: the other screens (and the dialogs) load
    # when first shown, which keeps their widgets' imports out of the first frame.
    MODES = {
        "today": TodayScreen,
        "history": lambda: _screen("history", "HistoryScreen"),
        "books": lambda: _screen("books", "BooksScreen"),
        "stats": lambda: _screen("stats", "StatsScreen"),
        "goals": lambda: _screen("goals", "GoalsScreen"),
    }
    DEFAULT_MODE = "today"
    # Each screen gets a class for its width and height (see compound.tcss): narrow, the
    # footer packs its keys tighter; wide and tall, Today lays its sections side by side.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    # How often the app looks whether its database file changed (a check-in from the
    # command line, a backup restored): each look is two stat calls, no query.
    WATCH_SECONDS = 1.0
    COMMANDS = App.COMMANDS | {CompoundCommands}
    BINDINGS = [
        *(
            Binding(str(n), f"show('{mode}')", title, show=False)
            for n, (mode, title) in enumerate(SCREENS, start=1)
        ),
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

    class Opened(Message):
        """The Tracker is open: the app starts watching its database."""

    class OpenFailed(Message):
        def __init__(self, error: BaseException):
            super().__init__()
            self.error = error

    class Saved(Message):
        """A change made outside a dialog (undo, delete, a move) was stored."""

        def __init__(self, said: str):
            super().__init__()
            self.said = said

    class Refused(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    class Glanced(Message):
        """Today's figures read without the ORM (see `glance`), before the Tracker is open."""

        def __init__(self, figures: TodayFigures):
            super().__init__()
            self.figures = figures

    def __init__(
        self,
        tracker: Tracker | TrackerOpener,
        settings: Settings,
        *,
        today: date | Callable[[], date],
        settings_file: Path | None = None,
        glance: Callable[[date], TodayFigures | None] | None = None,
    ):
        """`tracker` is the Tracker or a function opening it (then it opens in a worker).
        `glance(today)` may read today's figures cheaply (SQLite without the ORM) so
        the first frame shows them while the Tracker is still opening."""
        super().__init__()
        self.glance = glance
        self.glance_shown = threading.Event()
        self.gate = TrackerGate(tracker)
        self.settings = settings
        self.settings_file = settings_file
        self._today = today
        # The changes of this session that `u` takes back, newest last. Every change
        # runs under _writing, one at a time, so an undo always finds the stack as
        # the changes before it left it.
        self.undo_stack = UndoStack()
        self._writing = threading.Lock()
        self._welcomed = False
        self.failure: BaseException | None = None  # why the Tracker could not be opened

    @property
    def today(self) -> date:
        """The logical today; a callable lets a long-open app roll over at day start."""
        return self._today() if callable(self._today) else self._today

    def on_mount(self) -> None:
        self._open(self.gate, self.glance, self.today)

    @work(thread=True, group="open")
    def _open(self, gate: TrackerGate, glance, today: date) -> None:
        figures = glance(today) if glance is not None else None
        if figures is not None:
            self.post_message(self.Glanced(figures))
            # Importing the ORM competes with the painting for the interpreter:
            # let the figures reach the screen first.
            self.glance_shown.wait(timeout=2.0)
        gate.open()
        try:
            gate.tracker()
        except Exception as exc:  # noqa: BLE001 — handed to the command line to report
            self.post_message(self.OpenFailed(exc))
        else:
            self.post_message(self.Opened())

    def on_compound_app_glanced(self, message: Glanced) -> None:
        if isinstance(self.screen, TodayScreen):
            self.screen.show_glance(message.figures)
        else:
            self.glance_shown.set()

    def on_compound_app_opened(self, message: Opened) -> None:
        self.set_interval(self.WATCH_SECONDS, self._look_for_changes)

    def _look_for_changes(self) -> None:
        """Read the screen again when the database changed. A backup restored meanwhile
        may give this profile's id to someone else: the reload finds the profile again
        by its name (or says it is gone) before it reads anything."""
        if self.gate.tracker().database_changed():
            self.action_reload()

    def on_compound_app_open_failed(self, message: OpenFailed) -> None:
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

    # -- dialogs ---------------------------------------------------------------------

    def open_dialog(self, dialog, *, unsaved: Callable[[], None] | None = None) -> AwaitMount:
        """Push a dialog; what it saved is announced, and the screen below reloads.
        `unsaved` runs when it is closed without saving.

        A key that opens a dialog should await this: the app then handles the keys
        typed after it only once the dialog is mounted and its first field focused.
        Until then a key would go to the dialog itself, which drops it, so "p25"
        typed fast (or pasted) lost the 25.
        """

        def closed(said: str | None) -> None:
            if said:
                self.notify(said, title="Saved", markup=False)
            elif unsaved is not None:
                unsaved()

        return self.push_screen(dialog, closed)

    async def action_log_pages(self) -> None:
        from compound.tui.screens.logging import LogPagesDialog

        await self.open_dialog(LogPagesDialog(self.gate, self.today))

    async def action_log_session(self) -> None:
        from compound.tui.screens.logging import LogSessionDialog

        await self.open_dialog(LogSessionDialog(self.gate, self.today))

    async def action_add_book(self) -> None:
        from compound.tui.screens.book_form import BookDialog

        await self.open_dialog(BookDialog(self.gate))

    async def action_set_goal(self) -> None:
        from compound.tui.screens.goal_forms import GoalDialog

        await self.open_dialog(GoalDialog(self.gate))

    async def action_add_skip(self) -> None:
        from compound.tui.screens.goal_forms import SkipDialog

        await self.open_dialog(SkipDialog(self.gate))

    async def action_switch_profile(self) -> None:
        from compound.tui.screens.palette_forms import ProfileDialog

        await self.open_dialog(ProfileDialog(self.gate, self.gate.profile_name()))

    async def action_export(self) -> None:
        from compound.tui.screens.palette_forms import ExportDialog

        await self.open_dialog(ExportDialog(self.gate, self.today))

    def show_welcome(self) -> None:
        """The first run (nothing stored): ask for a goal and a book, once. Closed
        unsaved, it is not offered again (the settings file remembers)."""
        if self._welcomed or not self.settings.welcome:
            return
        self._welcomed = True
        from compound.tui.screens.welcome import WelcomeDialog

        self.open_dialog(WelcomeDialog(self.gate), unsaved=self._welcome_declined)

    def _welcome_declined(self) -> None:
        self.settings = replace(self.settings, welcome=False)
        if self.settings_file is not None:
            self._save_setting(self.settings_file, "welcome", "off")

    @work(thread=True, group="settings")
    def _save_setting(self, path: Path, key: str, value: str) -> None:
        from compound import config

        try:
            config.save(path, key, value)
        except (CompoundError, OSError) as exc:
            self.post_message(self.Refused(f"{path}: {exc}"))

    # -- changes ---------------------------------------------------------------------

    def write(self, change: Callable[[Tracker], str], *, clears_undo: bool = False) -> str:
        """Run a dialog's change (in its worker thread) once no other change runs.
        `clears_undo`: the change made a new entry (or switched profile), which is
        what `u` takes back first from now on."""
        with self._writing:
            said = change(self.gate.tracker())
            if clears_undo:
                self.undo_stack.clear()
        return said

    def perform(self, change: Change) -> None:
        """Run a change outside a dialog in a worker; what it says is announced, and
        an undoable change it returns is what `u` takes back next."""
        self._perform(change)

    @work(thread=True, group="write")
    def _perform(self, change: Change) -> None:
        try:
            with self._writing:
                done = change(self.gate.tracker())
                said, undoable = done if isinstance(done, tuple) else (done, None)
                if undoable is not None:
                    self.undo_stack.push(undoable)
        except CompoundError as exc:
            self.post_message(self.Refused(refusal(exc)))
            return
        self.post_message(self.Saved(said))

    def action_undo(self) -> None:
        today = self.today
        self.perform(lambda tracker: _undone(self.undo_stack.undo(tracker), today))

    def delete_entry(self, ref: str) -> None:
        today = self.today

        def delete(tracker: Tracker) -> tuple[str, Undoable]:
            removed = tracker.entries.delete(ref)
            said = f"Deleted {describe(removed.entry, today)}{_book_moves(removed)} · u undoes"
            return said, removed

        self.perform(delete)

    def on_compound_app_saved(self, message: Saved) -> None:
        self.notify(message.said, markup=False)
        self.action_reload()

    def on_compound_app_refused(self, message: Refused) -> None:
        self.notify(message.reason, severity="error", markup=False)

    def notify(self, message: str, **options) -> None:
        # What is announced may name stored text (a title, a profile): shown safely.
        from compound.words.safe import shown

        super().notify(shown(message), **options)


def _screen(module: str, name: str):
    from importlib import import_module

    return getattr(import_module(f"compound.tui.screens.{module}"), name)()


def _undone(done: Undone, today: date) -> str:
    if isinstance(done, EntryRestored):
        return f"Undid the deletion: {describe(done.entry, today)} is back"
    if isinstance(done, BookPutBack):
        return f"Put {done.book.title} back: {SHELVES[done.book.status]} again"
    return f"Undid {describe(done.entry, today)}{_book_moves(done)}"


def _book_moves(removed: EntryRemoved) -> str:
    return "".join(f"; {moved}" for moved in book_moves(removed))
