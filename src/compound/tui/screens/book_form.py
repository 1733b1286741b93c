"""Adding a book, or changing one: title, author, length, ISBN."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from compound.domain.records import Book
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.words.records import SHELVES
from compound.words.safe import shown

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
        # What the fields show at first, stored text shown safely (a field draws its
        # value as it is); only what is then changed goes to the Tracker.
        self.before = {
            "title": shown(book.title) if book else "",
            "author": shown(book.author or "") if book else "",
            "pages": str(book.total_pages or "") if book else "",
            "isbn": shown(book.isbn or "") if book else "",
        }

    def fields(self) -> ComposeResult:
        before = self.before
        yield field("Title", Input(before["title"], id="title", compact=True))
        yield field("Author", Input(before["author"], id="author", compact=True))
        yield field(
            "Pages",
            Input(before["pages"], id="total", placeholder="the book's length", compact=True),
        )
        yield field("ISBN", Input(before["isbn"], id="isbn", compact=True))
        if self.book is None:
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
        typed = {"title": title, "author": author, "pages": pages, "isbn": isbn}
        changes = {key: text for key, text in typed.items() if text != self.before[key]}

        def edit(tracker: Tracker) -> str:
            return f"Updated {tracker.books.edit(book.id, **changes).title}"

        return edit
