"""The first run: a daily pages goal and the book being read, and what the goal
compounds to in a year."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from compound.domain.errors import InputError
from compound.domain.goals import LIMITS
from compound.domain.projection import project
from compound.domain.quantities import parse_book_pages, parse_whole
from compound.domain.records import BookStatus, GoalKind
from compound.domain.text import clean_text
from compound.tui.screens.dialog import FormDialog, Job, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate


def compounds_to(pages_per_day: int) -> str:
    """What a daily goal adds up to in a year, at the usual book length."""
    p = project(pages_per_day)
    low, high = p.book_length
    return (f"{pages_per_day} pages a day is about [b]{p.pages_per_year:,} pages a year[/b]: "
            f"[b]{p.books_low}–{p.books_high} books[/b] of {low}–{high} pages.")


class WelcomeDialog(FormDialog):
    TITLE = "Welcome to compound"
    SAVE = "Start"
    AUTO_FOCUS = "#goal"

    def __init__(self, gate: StoreGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield Static("A few pages a day add up. How many will you read each day?",
                     classes="lead")
        yield field("Pages a day", Input("25", id="goal", compact=True))
        yield Static("", id="compounds")
        yield Static("And the book you are reading now (optional):", classes="lead")
        yield field("Title", Input(id="title", compact=True))
        yield field("Author", Input(id="author", compact=True))
        yield field("Pages", Input(id="total", placeholder="its length", compact=True))

    def on_mount(self) -> None:
        self._explain()

    @on(Input.Changed, "#goal")
    def _explain(self) -> None:
        try:
            pages = parse_whole(self.value("#goal"), "pages a day",
                                high=LIMITS[GoalKind.DAILY_PAGES])
        except InputError:
            text = ""
        else:
            text = compounds_to(pages)
        self.query_one("#compounds", Static).update(text)

    def prepare(self) -> Job:
        goal = parse_whole(self.value("#goal"), "pages a day", high=LIMITS[GoalKind.DAILY_PAGES])
        title = clean_text(self.value("#title") or None, "a book's title")
        author = self.value("#author") or None
        total = parse_book_pages(self.value("#total")) if self.value("#total") else None
        today = self.today

        def job(store: Store) -> str:
            store.set_goal(GoalKind.DAILY_PAGES, goal, since=today)
            said = f"Goal set: {goal} pages a day"
            if title:
                book = store.add_book(title, author=author, total_pages=total,
                                      status=BookStatus.READING, day=today)
                said += f"; reading {book.title}. p logs pages."
            return said
        return job
