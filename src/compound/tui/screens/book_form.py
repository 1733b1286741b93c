"""Adding a book, or changing one: title, author, length, ISBN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from compound.domain.records import Book
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.words.records import SHELVES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker
    from compound.tui.gate import TrackerGate


class BookDialog(FormDialog):
    AUTO_FOCUS = "#title"

    def __init__(self, gate: TrackerGate, book: Book | None = None):
        super().__init__(gate)
        self.book = book
        self.heading = f"Edit #{book.id} {book.title}" if book else "Add a book"

    def fields(self) -> ComposeResult:
        b = self.book
        yield field("Title", Input(b.title if b else "", id="title", compact=True))
        yield field("Author", Input((b.author or "") if b else "", id="author", compact=True))
        yield field(
            "Pages",
            Input(
                str(b.total_pages or "") if b else "",
                id="total",
                placeholder="the book's length",
                compact=True,
            ),
        )
        yield field("ISBN", Input((b.isbn or "") if b else "", id="isbn", compact=True))
        if b is None:
            yield Checkbox("Reading it now", True, id="start", compact=True)

    def prepare(self) -> Job:
        title, author = self.value("#title"), self.value("#author")
        pages, isbn = self.value("#total"), self.value("#isbn")
        book = self.book
        if book is None:
            reading = self.query_one("#start", Checkbox).value

            def add(tracker: Tracker) -> str:
                added = tracker.books.add(
                    title,
                    author=author or None,
                    pages=pages or None,
                    isbn=isbn or None,
                    reading=reading,
                )
                return f"Added {added.title} ({SHELVES[added.status]})"

            return add
        # Only what was changed goes to the Tracker; an emptied author or ISBN clears it.
        before = {
            "title": book.title,
            "author": book.author or "",
            "pages": str(book.total_pages or ""),
            "isbn": book.isbn or "",
        }
        typed = {"title": title, "author": author, "pages": pages, "isbn": isbn}
        changes = {key: text for key, text in typed.items() if text != before[key]}

        def edit(tracker: Tracker) -> str:
            return f"Updated {tracker.books.edit(book.id, **changes).title}"

        return edit
