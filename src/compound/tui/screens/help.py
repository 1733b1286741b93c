"""`?`: every key, on one page."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEYS = (
    (
        "Anywhere",
        (
            ("1 … 5", "Today, History, Books, Stats, Goals"),
            ("p", "log pages (Enter saves: p 2 5 Enter logs 25 pages)"),
            ("l", "log a learning session"),
            ("u", "undo: the newest entry, deletion or book move"),
            ("r", "refresh (changes made from the command line)"),
            ("ctrl+p", "command palette: every action by name"),
            ("?", "this help"),
            ("q", "quit"),
        ),
    ),
    (
        "History",
        (
            ("/", "filter the entries"),
            ("Enter", "edit the entry"),
            ("d", "delete the entry (u brings it back)"),
        ),
    ),
    (
        "Books",
        (
            ("a", "add a book"),
            ("e", "edit the book"),
            ("s f x t", "start, finish, abandon, back to the to-read shelf"),
        ),
    ),
    (
        "Stats",
        (
            ("← →", "previous or next chart"),
            ("t", "daily pages over 30, 90 or 365 days"),
        ),
    ),
    (
        "Goals",
        (
            ("g", "set a goal"),
            ("k", "add skip days"),
            ("delete", "remove the goal or skip day (press it twice)"),
            ("h", "the hour a new day starts"),
        ),
    ),
    (
        "In a dialog",
        (
            ("Tab", "next field"),
            ("Enter", "save"),
            ("Escape", "close without saving"),
        ),
    ),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            for place, keys in KEYS:
                yield Static(place, classes="section")
                yield Static(
                    "\n".join(f"  [b]{key:<8}[/b] {what}" for key, what in keys), markup=True
                )
