"""History: the last year as a calendar heatmap, and the entries below it to filter,
edit (Enter) and delete (`d`, undone with `u`)."""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from compound.domain.records import Entry
from compound.tui.screens.base import DataScreen
from compound.tui.screens.entry_edit import EditEntryDialog
from compound.tui.widgets.heatmap import YearHeatmap
from compound.tui.widgets.table import clip, fixed_columns
from compound.words.dates import day_label
from compound.words.records import amount, subject

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rich.text import Text

    from compound.tracker.core import Tracker
    from compound.tracker.views import EntriesView

    # A row of the table: id, day, amount, then the book or topic and the note, in
    # one column or two.
    Row = tuple[str, str, str, Text] | tuple[str, str, str, Text, Text]


class HistoryScreen(DataScreen):
    MODE = "history"
    AUTO_FOCUS = "#entries"
    # "/" acts before the table sees it (priority), so the filter has the focus for
    # the letters typed right after it, however fast; in the filter it is a letter.
    BINDINGS = [
        Binding("slash", "filter", "Filter", priority=True),
        Binding("enter", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
    ]

    def __init__(self):
        super().__init__()
        self.data: EntriesView | None = None
        self._shown: list[Row] | None = None  # the rows in the table now

    def body(self) -> ComposeResult:
        yield YearHeatmap(id="heatmap")
        yield Input(
            placeholder="/ filter: a book, a topic, a kind, a day…", id="filter", compact=True
        )
        table: DataTable[str | Text] = DataTable(
            id="entries", cursor_type="row", zebra_stripes=True
        )
        # Room for ids of a shared database (r1461361), days of another year ("20 Nov
        # 2025") and long amounts ("796 p in 2h05m"): cut, an id or a year reads as
        # another entry or day. Titles, topics and notes are clipped with an ellipsis;
        # below 110 columns the note follows the title in one column.
        width = self.app.size.width
        self._note_width = width - 77 if width >= 110 else 0
        columns = [("ID", 8), ("Day", 11), ("Amount", 14)]
        if self._note_width:
            columns += [("Book or topic", 30), ("Note", self._note_width)]
        else:
            columns += [("Book or topic · note", 34)]
        fixed_columns(table, columns)
        self._subject_width = columns[3][1]
        yield table
        yield Static("", id="history-hint", classes="muted")

    def read(self, tracker: Tracker) -> EntriesView:
        # The entries go back a year, as the calendar above them does.
        today = tracker.today()
        return tracker.views.entries(since=today - timedelta(days=365), calendar=True)

    def show(self, data: EntriesView) -> None:
        self.data = data
        if data.calendar is not None:
            self.query_one(YearHeatmap).show(data.calendar)
        self.query_one("#history-hint", Static).update(
            "" if data.entries else " No entries in the last year: p logs pages, l a session."
        )
        self._fill()

    @on(Input.Changed, "#filter")
    def _fill(self) -> None:
        if self.data is None:
            return
        table = self.query_one("#entries", DataTable)
        words = self.query_one("#filter", Input).value.lower().split()
        rows: list[Row] = []
        for entry in self.data.entries:
            note = (entry.note or "").replace("\n", " ")
            row = (
                entry.ref,
                day_label(entry.day, self.data.today),
                amount(entry),
                subject(entry),
                note,
            )
            text = " ".join(row).lower() + f" {entry.day.isoformat()}"
            if not all(word in text for word in words):
                continue
            if self._note_width:
                rows.append(
                    (*row[:3], clip(row[3], self._subject_width), clip(note, self._note_width))
                )
            else:
                about = " · ".join(part for part in row[3:] if part)
                rows.append((*row[:3], clip(about, self._subject_width)))
        # A reload on regaining focus usually finds nothing new: leave the table (and
        # its cursor and column widths) alone rather than rebuild it under the reader.
        if rows == self._shown:
            return
        self._shown = rows
        keep = table.cursor_row
        table.clear()
        for cells in rows:
            table.add_row(*cells, key=cells[0])
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def key_escape(self) -> None:
        self.query_one("#entries", DataTable).focus()

    @on(Input.Submitted, "#filter")
    def _filtered(self) -> None:
        self.query_one("#entries", DataTable).focus()

    def action_filter(self) -> None:
        # At once, not on the next turn as Widget.focus() does: the next key is the
        # filter's.
        self.set_focus(self.query_one("#filter", Input))

    def _selected(self) -> Entry | None:
        table = self.query_one("#entries", DataTable)
        if self.data is None or not table.row_count:
            return None
        ref = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((e for e in self.data.entries if e.ref == ref), None)

    @on(DataTable.RowSelected)
    async def action_edit(self) -> None:
        entry = self._selected()
        if entry is not None:
            await self.app.open_dialog(EditEntryDialog(self.app.gate, self.app.today, entry))

    def action_delete(self) -> None:
        entry = self._selected()
        if entry is not None:
            self.app.delete_entry(entry.ref)
