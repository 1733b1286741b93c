"""Books: the shelves (being read, to read, finished, abandoned) with progress, and
the keys to add, edit, and move a book between shelves (undone with `u`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from compound.domain.records import Book, BookStatus
from compound.tui.screens.base import DataScreen
from compound.tui.screens.book_form import BookDialog
from compound.tui.widgets.table import clip, fixed_columns
from compound.words.dates import short_date
from compound.words.records import SHELVES, book_progress, done_by

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker
    from compound.tracker.views import BooksView

# key action: (the shelf it moves the book to, the verb that says so)
MOVES = {
    "start": (BookStatus.READING, "Started"),
    "finish": (BookStatus.FINISHED, "Finished"),
    "abandon": (BookStatus.ABANDONED, "Abandoned"),
    "shelve": (BookStatus.TO_READ, "Put back on the to-read shelf:"),
}

# The footer's one word for the four moves (see BooksScreen.BINDINGS).
_MOVE = Binding.Group("Move")


class BooksScreen(DataScreen):
    MODE = "books"
    AUTO_FOCUS = "#books"
    # The keys that open a dialog act before the table sees them (priority), so what
    # is typed right after them lands in the dialog however fast (see app.py).
    # The four moves share one word in the footer, so that at 80 columns the app's own
    # keys (p, l, u, ?, q) still fit beside them; the help (?) names each.
    BINDINGS = [
        Binding("a", "add", "Add", priority=True),
        Binding("e", "edit", "Edit", priority=True),
        Binding("s", "move('start')", "Start", group=_MOVE),
        Binding("f", "move('finish')", "Finish", group=_MOVE),
        Binding("x", "move('abandon')", "Abandon", group=_MOVE),
        Binding("t", "move('shelve')", "To read", group=_MOVE),
    ]

    def __init__(self):
        super().__init__()
        self.data: BooksView | None = None
        self._widths: tuple[int, int] | None = None  # the title's and the author's columns

    def body(self) -> ComposeResult:
        yield Static("", id="shelf-counts")
        yield DataTable(id="books", cursor_type="row", zebra_stripes=True)
        yield Static("", id="books-hint", classes="muted")

    def read(self, tracker: Tracker) -> BooksView:
        return tracker.views.books()

    def show(self, data: BooksView) -> None:
        self.data = data
        if not self.size.width:
            return  # not laid out yet: on_resize shows it
        table = self.query_one("#books", DataTable)
        # A move sorts the book to another shelf: the highlight follows the book.
        keep_row, keep_book = table.cursor_row, self._highlighted_key()
        # The columns are rebuilt only when the screen's width asks for other ones.
        widths = _widths(self.size.width)
        title_width, author_width = widths
        wide = bool(author_width)
        if widths != self._widths:
            self._widths = widths
            table.clear(columns=True)
            # "Done by" holds a day of another year too ("05 Dec 2025", "~08 Jan 2027"):
            # cut to "05 Dec" it read as this year's. Progress holds "1,100/1,276 · 86%".
            columns = [
                ("#", 5),
                ("Title", title_width),
                ("Author", author_width),
                ("Shelf", 10),
                ("Progress", 17),
                ("Done by", 12),
                ("Started", 11),
            ]
            fixed_columns(
                table,
                [column for column in columns if wide or column[0] not in ("Author", "Started")],
            )
        else:
            table.clear()
        for book in data.books:
            author = (clip(book.author or "", author_width),) if wide else ()
            started = (short_date(book.started_on, data.today),) if wide else ()
            table.add_row(
                f"{book.id}",
                clip(book.title, title_width),
                *author,
                SHELVES[book.status],
                book_progress(book),
                done_by(book, data.etas.get(book.id), data.today),
                *started,
                key=str(book.id),
            )
        if table.row_count:
            row = (
                table.get_row_index(keep_book)
                if keep_book is not None and keep_book in table.rows
                else min(keep_row, table.row_count - 1)
            )
            table.move_cursor(row=row)
        counts = {status: sum(1 for b in data.books if b.status == status) for status in SHELVES}
        self.query_one("#shelf-counts", Static).update(
            "  ·  ".join(f"[b]{counts[s]}[/b] {name}" for s, name in SHELVES.items())
        )
        self.query_one("#books-hint", Static).update(
            "" if data.books else "No books yet: a adds one (title, author, pages)."
        )

    def on_resize(self) -> None:
        if self.data is not None and _widths(self.size.width) != self._widths:
            self.show(self.data)

    def _highlighted_key(self) -> str | None:
        table = self.query_one("#books", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _selected(self) -> Book | None:
        key = self._highlighted_key()
        if self.data is None or key is None:
            return None
        return next((b for b in self.data.books if str(b.id) == key), None)

    async def action_add(self) -> None:
        await self.app.open_dialog(BookDialog(self.app.gate))

    async def action_edit(self) -> None:
        book = self._selected()
        if book is not None:
            await self.app.open_dialog(BookDialog(self.app.gate, book))

    def action_move(self, verb: str) -> None:
        book = self._selected()
        if book is None:
            return
        status, done = MOVES[verb]

        def move(tracker: Tracker):
            moved = tracker.books.move(book.id, status)
            return f"{done} {moved.book.title} · u puts it back", moved

        self.app.perform(move)


def _widths(width: int) -> tuple[int, int]:
    """The title's and the author's columns: what the fixed ones leave of `width` (less
    their padding and a scrollbar). Below 110 columns the author and the start day
    give way to the title."""
    if width < 110:
        return max(width - 56, 12), 0
    room = width - 71
    title = min(room * 3 // 5, 40)
    return title, min(room - title, 26)
