"""The check-in dialogs: pages read (`p`) and a learning session (`l`)."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Select

from compound.domain.days import format_duration, parse_date, parse_duration
from compound.domain.errors import CompoundError, InputError
from compound.domain.quantities import parse_book_pages, parse_pages
from compound.domain.records import Book, BookStatus, SessionKind
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.tui.widgets.book_picker import BookPicker
from compound.tui.words import day_label, plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate


def _day(text: str, today: date) -> date:
    return parse_date(text, today) if text else today


def _in_hand(books: list[Book]) -> list[Book]:
    """The books a check-in may go to: being read, or to read (starting it)."""
    return [b for b in books if b.status in (BookStatus.READING, BookStatus.TO_READ)]


def _default_book(books: list[Book]) -> Book | None:
    """The book offered first: the first being read, else the first to read."""
    reading = [b for b in books if b.status == BookStatus.READING]
    return reading[0] if reading else (books[0] if books else None)


class LogPagesDialog(FormDialog):
    """Pages read, or the page reached, in the book being read (or another one)."""

    TITLE = "Log pages"
    AUTO_FOCUS = "#pages"

    class BooksLoaded(Message):
        def __init__(self, books: list[Book]):
            super().__init__()
            self.books = books

    def __init__(self, gate: StoreGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield field("Pages", Input(id="pages", placeholder="read today, e.g. 25", compact=True))
        yield field("or to page", Input(id="to-page", placeholder="the page you reached, e.g. 148", compact=True))
        yield field("Book", BookPicker(id="book"), classes="tall")
        yield field("Day", Input(id="day", placeholder="today", compact=True))
        yield field("Note", Input(id="note", compact=True))

    def on_mount(self) -> None:
        self._load_books(self.gate)

    @work(thread=True, group="books")
    def _load_books(self, gate: StoreGate) -> None:
        try:
            shelves = gate.store().books()
        except CompoundError:
            return  # the save reports the problem, if it persists
        self.post_message(self.BooksLoaded(_in_hand(shelves)))

    def on_log_pages_dialog_books_loaded(self, message: BooksLoaded) -> None:
        self.query_one(BookPicker).set_books(message.books, _default_book(message.books))

    def prepare(self) -> Job:
        pages_text, to_text = self.value("#pages"), self.value("#to-page")
        if pages_text and to_text:
            raise InputError("give the pages read or the page reached, not both")
        if not pages_text and not to_text:
            raise InputError("say how many pages you read (or the page you reached)")
        pages = parse_pages(pages_text) if pages_text else None
        to_page = parse_book_pages(to_text) if to_text else None
        day = _day(self.value("#day"), self.today)
        note = self.value("#note") or None
        picker = self.query_one(BookPicker)
        book = picker.chosen
        if to_page is not None and book is None and picker.books:
            raise InputError("choose the book whose page you reached")
        # Saved before the list of books arrived ("p25⏎" typed at once): the book is
        # the one the list would have offered first.
        offered = None if picker.loaded else _default_book
        today = self.today

        def job(store: Store) -> str:
            chosen = offered(_in_hand(store.books())) if offered else book
            done = store.log_pages(day=day, pages=pages, to_page=to_page, note=note,
                                   book=str(chosen.id) if chosen else None)
            said = f"Logged {plural(done.log.pages, 'page')}"
            if done.book is not None:
                said += f" of {done.book.title}"
            said += f", {day_label(day, today)}"
            if done.finished_book:
                said += f". Finished {done.book.title}!"
            elif done.pages_goal and done.pages_that_day >= done.pages_goal:
                said += f": {done.pages_that_day}/{done.pages_goal}, the day's goal is met"
            return said
        return job


class LogSessionDialog(FormDialog):
    """A learning session: how long, what kind, about what."""

    TITLE = "Log a learning session"
    AUTO_FOCUS = "#duration"

    def __init__(self, gate: StoreGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield field("Duration", Input(id="duration", placeholder="45m, 1h30m, 1:30",
                                      compact=True))
        yield field("Kind", Select([(k.value, k) for k in SessionKind], value=SessionKind.COURSE,
                                   allow_blank=False, id="kind", compact=True))
        yield field("Topic", Input(id="topic", compact=True))
        yield field("Day", Input(id="day", placeholder="today", compact=True))
        yield field("Note", Input(id="note", compact=True))

    def prepare(self) -> Job:
        minutes = parse_duration(self.value("#duration"))
        kind = self.query_one("#kind", Select).value
        topic, note = self.value("#topic") or None, self.value("#note") or None
        day = _day(self.value("#day"), self.today)
        today = self.today

        def job(store: Store) -> str:
            session = store.log_session(day=day, minutes=minutes, kind=kind, topic=topic,
                                        note=note)
            about = f" · {session.topic}" if session.topic else ""
            return f"Logged {format_duration(minutes)} {session.kind}{about}, {day_label(day, today)}"
        return job
