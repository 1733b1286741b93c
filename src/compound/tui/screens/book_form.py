"""Adding a book, or changing one: title, author, length, ISBN."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input

from compound.domain.errors import InputError
from compound.domain.quantities import parse_book_pages
from compound.domain.records import Book, BookStatus
from compound.domain.text import clean_text, normalise_isbn
from compound.tui.screens.dialog import FormDialog, Job, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate


class BookDialog(FormDialog):
    AUTO_FOCUS = "#title"

    def __init__(self, gate: StoreGate, today: date, book: Book | None = None):
        super().__init__(gate)
        self.today, self.book = today, book
        self.TITLE = f"Edit #{book.id} {book.title}" if book else "Add a book"

    def fields(self) -> ComposeResult:
        b = self.book
        yield field("Title", Input(b.title if b else "", id="title", compact=True))
        yield field("Author", Input((b.author or "") if b else "", id="author", compact=True))
        yield field("Pages", Input(str(b.total_pages or "") if b else "", id="total",
                                   placeholder="the book's length", compact=True))
        yield field("ISBN", Input((b.isbn or "") if b else "", id="isbn", compact=True))
        if b is None:
            yield Checkbox("Reading it now", True, id="start", compact=True)

    def prepare(self) -> Job:
        title = clean_text(self.value("#title"), "a book's title", required=True)
        author = self.value("#author") or None
        total = parse_book_pages(self.value("#total")) if self.value("#total") else None
        isbn = normalise_isbn(self.value("#isbn") or None)
        book, today = self.book, self.today
        if book is None:
            start = self.query_one("#start", Checkbox).value

            def add(store: Store) -> str:
                added = store.add_book(title, author=author, total_pages=total, isbn=isbn,
                                       status=BookStatus.READING if start else BookStatus.TO_READ,
                                       day=today if start else None)
                shelf = "being read" if start else "to read"
                return f"Added {added.title} ({shelf})"
            return add
        changes = {k: v for k, v in (("title", title), ("author", author),
                                     ("total_pages", total), ("isbn", isbn))
                   if v != getattr(book, k) and v is not None}
        if not changes:
            raise InputError("nothing changed")

        def edit(store: Store) -> str:
            return f"Updated {store.edit_book(str(book.id), **changes).title}"
        return edit
