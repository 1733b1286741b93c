"""The first run: a daily pages goal and the book being read, and what the goal
compounds to in a year."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from compound.domain.errors import InputError
from compound.domain.goals import check_target
from compound.domain.projection import project
from compound.domain.records import GoalKind
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.words.numbers import books_range

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker


def compounds_to(pages_per_day: int) -> str:
    """What a daily goal adds up to in a year, at the usual book length."""
    p = project(pages_per_day)
    low, high = p.book_length
    return (
        f"{pages_per_day:,} pages a day is about [b]{p.pages_per_year:,} pages a year[/b]: "
        f"[b]{books_range(p.books_low, p.books_high)}[/b] of {low:,}–{high:,} pages."
    )


class WelcomeDialog(FormDialog):
    TITLE = "Welcome to compound"
    SAVE = "Start"
    AUTO_FOCUS = "#goal"

    def fields(self) -> ComposeResult:
        yield Static("A few pages a day add up. How many will you read each day?", classes="lead")
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
        # While typing, a number that would not do as a goal shows nothing; saving
        # it says why.
        try:
            pages = check_target(GoalKind.DAILY_PAGES, self.value("#goal"))
        except InputError:
            text = ""
        else:
            text = compounds_to(pages)
        self.query_one("#compounds", Static).update(text)

    def prepare(self) -> Job:
        goal, title = self.value("#goal"), self.value("#title")
        author, total = self.value("#author") or None, self.value("#total") or None

        def job(tracker: Tracker) -> str:
            # Set again on a second try (a refused book) it is the same goal: one a day.
            done = tracker.goals.set(GoalKind.DAILY_PAGES, goal)
            said = f"Goal set: {done.goal.target:,} pages a day"
            if title:
                book = tracker.books.add(title, author=author, pages=total, reading=True)
                said += f"; reading {book.title}. p logs pages."
            return said

        return job
