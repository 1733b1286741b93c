"""BookPicker: type a few letters of a title to choose a book (fuzzy, as the palette)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.fuzzy import Matcher
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from compound.domain.records import Book
from compound.words.records import SHELVES, book_length, time_read
from compound.words.safe import shown


class BookPicker(Widget):
    """Shows the books it is given; `chosen` is the highlighted one (None: no book)."""

    DEFAULT_CSS = """
    BookPicker { height: auto; }
    BookPicker > OptionList { height: auto; max-height: 4; border: none; padding: 0; }
    """
    BINDINGS = [Binding("down", "move(1)", show=False), Binding("up", "move(-1)", show=False)]

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.books: list[Book] = []
        self.loaded = False  # whether set_books has been called: the books come from a worker
        self._shown: list[Book] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="type to find a book", compact=True)
        yield OptionList(compact=True)

    @property
    def chosen(self) -> Book | None:
        options = self.query_one(OptionList)
        index = options.highlighted
        return self._shown[index] if index is not None and index < len(self._shown) else None

    def set_books(self, books: list[Book], chosen: Book | None) -> None:
        self.books, self.loaded = books, True
        self._show(books, chosen)

    def _show(self, books: list[Book], chosen: Book | None) -> None:
        self._shown = list(books)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(_label(book)) for book in books)
        if books:
            options.highlighted = books.index(chosen) if chosen in books else 0

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value.strip()
        if not query:
            self._show(self.books, self.chosen)
            return
        matcher = Matcher(query)
        scored = [
            (matcher.match(book.title + " " + (book.author or "")), book) for book in self.books
        ]
        self._show(
            [book for score, book in sorted(scored, key=lambda pair: -pair[0]) if score > 0], None
        )

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = ((options.highlighted or 0) + step) % options.option_count


def _label(book: Book) -> Text:
    """The title as plain Text (an option's str is read as markup), where it is, its shelf."""
    where = f"  p. {book.pages_read:,}/{book.total_pages:,}" if book.total_pages else ""
    if book.by_time:  # an audiobook: where it is, in time
        where = f"  {time_read(book.minutes_read)}/{book_length(book)}"
    return Text(f"{shown(book.title)}{where}  ({SHELVES[book.status]})")
