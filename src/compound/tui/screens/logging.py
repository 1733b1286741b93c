"""The check-in dialogs: pages read (`p`) and a learning session (`l`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Select

from compound.domain.errors import CompoundError, InputError
from compound.domain.records import DEFAULT_SESSION_KIND, Book, BookStatus, SessionKind
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.tui.widgets.book_picker import BookPicker
from compound.words.figures import reading_today
from compound.words.records import describe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker
    from compound.tracker.outcomes import PagesLogged
    from compound.tui.gate import TrackerGate


def _default_book(books: Sequence[Book]) -> Book | None:
    """The book offered first: the first being read, else the first to read."""
    reading = [b for b in books if b.status == BookStatus.READING]
    return reading[0] if reading else (books[0] if books else None)


def _is_position(text: str) -> bool:
    """Typed where the pages go, "45%" or "3:20" is where the reader got to, not pages."""
    return "%" in text or ":" in text


class LogPagesDialog(FormDialog):
    """Pages read, or the position reached (a page, 45%, an audiobook's 3:20), in the
    book being read (or another one)."""

    TITLE = "Log pages"
    AUTO_FOCUS = "#pages"
    CLEARS_UNDO = True

    class BooksLoaded(Message):
        def __init__(self, books: Sequence[Book]):
            super().__init__()
            self.books = list(books)

    def __init__(self, gate: TrackerGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield field("Pages", Input(id="pages", placeholder="read today, e.g. 25", compact=True))
        yield field(
            "or to page",
            Input(id="to-page", placeholder="page reached (148), 45% or 3:20", compact=True),
        )
        yield field("Book", BookPicker(id="book"), classes="tall")
        yield field("Day", Input(id="day", placeholder="today", compact=True))
        yield field("Note", Input(id="note", compact=True))

    def on_mount(self) -> None:
        self._load_books(self.gate)

    @work(thread=True, group="books")
    def _load_books(self, gate: TrackerGate) -> None:
        try:
            books = gate.tracker().views.books_in_hand()
        except CompoundError:
            return  # the save reports the problem, if it persists
        self.post_message(self.BooksLoaded(books))

    def on_log_pages_dialog_books_loaded(self, message: BooksLoaded) -> None:
        self.query_one(BookPicker).set_books(message.books, _default_book(message.books))

    def prepare(self) -> Job:
        pages, to = self.value("#pages") or None, self.value("#to-page") or None
        if pages is not None and to is None and _is_position(pages):
            pages, to = None, pages
        day, note = self.value("#day") or None, self.value("#note") or None
        picker = self.query_one(BookPicker)
        book = picker.chosen
        if book is None and picker.books:
            # A few letters typed that match no book: not a reason to log to another.
            raise InputError("no book matches what is typed in the Book field")
        # Saved before the list of books arrived ("p25⏎" typed at once): the book is
        # the one the list would have offered first.
        loaded = picker.loaded
        today = self.today

        def job(tracker: Tracker) -> str:
            chosen = book if loaded else _default_book(tracker.views.books_in_hand())
            done = tracker.entries.log_pages(
                pages, to=to, day=day, note=note, book=chosen.id if chosen else None
            )
            return _logged(done, today)

        return job


def _logged(done: PagesLogged, today: date) -> str:
    said = f"Logged {describe(done.log, today)}"
    if done.finished_book and done.book is not None:
        return f"{said}. Finished {done.book.title}!"
    if done.started_book and done.book is not None:
        said += f"; {done.book.title} is now being read"
    figures = done.day
    if figures.pages_goal and figures.pages >= figures.pages_goal:
        said += f": {reading_today(figures)}"
    return said


class LogSessionDialog(FormDialog):
    """A learning session: how long, what kind, about what."""

    TITLE = "Log a learning session"
    AUTO_FOCUS = "#duration"
    CLEARS_UNDO = True

    def __init__(self, gate: TrackerGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield field("Duration", Input(id="duration", placeholder="45m, 1h30m, 1:30", compact=True))
        yield field(
            "Kind",
            Select(
                [(k.value, k) for k in SessionKind],
                value=DEFAULT_SESSION_KIND,
                allow_blank=False,
                id="kind",
                compact=True,
            ),
        )
        yield field("Topic", Input(id="topic", compact=True))
        yield field("Day", Input(id="day", placeholder="today", compact=True))
        yield field("Note", Input(id="note", compact=True))

    def prepare(self) -> Job:
        duration = self.value("#duration")
        kind = cast(SessionKind, self.query_one("#kind", Select).value)  # allow_blank=False
        topic, note = self.value("#topic") or None, self.value("#note") or None
        day = self.value("#day") or None
        today = self.today

        def job(tracker: Tracker) -> str:
            done = tracker.entries.log_session(duration, kind=kind, topic=topic, note=note, day=day)
            return f"Logged {describe(done.session, today)}"

        return job
