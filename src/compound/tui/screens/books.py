"""Books: the shelves (being read, to read, finished, abandoned) with progress, and
the keys to add, edit, start, finish and abandon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from compound.domain.records import Book, BookStatus
from compound.tui.screens.base import DataScreen
from compound.tui.screens.book_form import BookDialog
from compound.tui.widgets.table import fixed_columns
from compound.tui.words import book_progress, clip, short_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store

SHELVES = {BookStatus.READING: "reading", BookStatus.TO_READ: "to read",
           BookStatus.FINISHED: "finished", BookStatus.ABANDONED: "abandoned"}
_MOVES = {"start": (BookStatus.READING, "Started"), "finish": (BookStatus.FINISHED, "Finished"),
          "abandon": (BookStatus.ABANDONED, "Abandoned")}


@dataclass(frozen=True, slots=True)
class BooksData:
    today: date
    books: tuple[Book, ...]  # being read first, then to read, finished, abandoned
    etas: dict[int, date]  # expected finish, by book id, for books being read


class BooksScreen(DataScreen):
    MODE = "books"
    AUTO_FOCUS = "#books"
    # The keys that open a dialog act before the table sees them (priority), so what
    # is typed right after them lands in the dialog however fast (see app.py).
    BINDINGS = [Binding("a", "add", "Add", priority=True),
                Binding("e", "edit", "Edit", priority=True),
                Binding("s", "move('start')", "Start"), Binding("f", "move('finish')", "Finish"),
                Binding("x", "move('abandon')", "Abandon")]

    def __init__(self):
        super().__init__()
        self.data: BooksData | None = None
        self._wide: bool | None = None  # whether the table has the wide columns

    def body(self) -> ComposeResult:
        yield Static("", id="shelf-counts")
        yield DataTable(id="books", cursor_type="row", zebra_stripes=True)
        yield Static("", id="books-hint", classes="muted")

    def read(self, store: Store, today: date) -> BooksData:
        from compound.domain.insight import analyse

        # Only the expected finish days are shown here: a small projection fan will do.
        found = analyse(store.history_until(today), samples=50)
        return BooksData(today, tuple(store.books()),
                         {eta.book.id: eta.eta for eta in found.books if eta.eta})

    def show(self, data: BooksData) -> None:
        self.data = data
        if not self.size.width:
            return  # not laid out yet: on_resize shows it
        table = self.query_one("#books", DataTable)
        keep = table.cursor_row
        # At 80 columns the author and the start day give way to the title. The
        # columns are rebuilt only when that changes.
        wide = self.size.width >= 110
        if wide != self._wide:
            self._wide = wide
            table.clear(columns=True)
            # "Done by" holds a day of another year too ("05 Dec 2025", "~08 Jan 2027"):
            # cut to "05 Dec" it read as this year's.
            columns = [("#", 5), ("Title", _title_width(wide)), ("Author", 22),
                       ("Shelf", 9), ("Progress", 15), ("Done by", 12), ("Started", 11)]
            fixed_columns(table, [column for column in columns
                                  if wide or column[0] not in ("Author", "Started")])
        else:
            table.clear()
        for book in data.books:
            author = (clip(book.author or "", 22),) if wide else ()
            started = (short_date(book.started_on, data.today),) if wide else ()
            table.add_row(f"{book.id}", clip(book.title, _title_width(wide)), *author,
                          SHELVES[book.status], book_progress(book),
                          _done_by(book, data.etas.get(book.id), data.today), *started,
                          key=str(book.id))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
        counts = {status: sum(1 for b in data.books if b.status == status) for status in SHELVES}
        self.query_one("#shelf-counts", Static).update(
            "  ·  ".join(f"[b]{counts[s]}[/b] {name}" for s, name in SHELVES.items()))
        self.query_one("#books-hint", Static).update(
            "" if data.books else "No books yet: a adds one (title, author, pages).")

    def on_resize(self) -> None:
        if self.data is not None and (self._wide is None or (self.size.width >= 110) != self._wide):
            self.show(self.data)

    def _selected(self) -> Book | None:
        table = self.query_one("#books", DataTable)
        if self.data is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((b for b in self.data.books if str(b.id) == key), None)

    async def action_add(self) -> None:
        await self.app.open_dialog(BookDialog(self.app.gate, self.app.today))

    async def action_edit(self) -> None:
        book = self._selected()
        if book is not None:
            await self.app.open_dialog(BookDialog(self.app.gate, self.app.today, book))

    def action_move(self, verb: str) -> None:
        book = self._selected()
        if book is None:
            return
        status, done = _MOVES[verb]
        today = self.app.today

        def job(store: Store) -> str:
            moved = store.set_book_status(str(book.id), status, today)
            return f"{done} {moved.title}"
        self.app.perform(job)


def _done_by(book: Book, eta: date | None, today: date) -> str:
    """When it was finished, or is expected to be at the current pace."""
    if book.finished_on:
        return short_date(book.finished_on, today)
    return f"~{short_date(eta, today)}" if eta else ""


def _title_width(wide: bool) -> int:
    return 34 if wide else 26
