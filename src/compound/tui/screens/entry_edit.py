"""Changing an entry from History: its amount, day, book or topic, note."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Select

from compound.domain.days import format_duration, parse_date, parse_duration
from compound.domain.quantities import parse_pages
from compound.domain.records import Entry, ReadingLog, SessionKind
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.tui.words import describe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate


class EditEntryDialog(FormDialog):
    AUTO_FOCUS = "#amount"

    def __init__(self, gate: StoreGate, today: date, entry: Entry):
        super().__init__(gate)
        self.today, self.entry = today, entry
        self.reading = isinstance(entry, ReadingLog)
        self.TITLE = f"Edit {entry.ref}: {describe(entry, today)}"

    def fields(self) -> ComposeResult:
        e = self.entry
        if self.reading:
            yield field("Pages", Input(str(e.pages), id="amount", compact=True))
            yield field("Minutes", Input(format_duration(e.minutes) if e.minutes else "",
                                         id="minutes", placeholder="time spent, optional",
                                         compact=True))
            yield field("Book", Input(e.book_title or "", id="subject", compact=True,
                                      placeholder="title or #id"))
        else:
            yield field("Duration", Input(format_duration(e.minutes), id="amount", compact=True))
            yield field("Kind", Select([(k.value, k) for k in SessionKind], value=e.kind,
                                       allow_blank=False, id="kind", compact=True))
            yield field("Topic", Input(e.topic or "", id="subject", compact=True))
        yield field("Day", Input(e.day.isoformat(), id="day", compact=True))
        yield field("Note", Input(e.note or "", id="note", compact=True))

    def prepare(self) -> Job:
        e, changes = self.entry, {}
        day = parse_date(self.value("#day"), self.today) if self.value("#day") else e.day
        if day != e.day:
            changes["day"] = day
        note = self.value("#note")
        if note != (e.note or ""):
            changes["note"] = note or None
        if self.reading:
            pages = parse_pages(self.value("#amount"))
            if pages != e.pages:
                changes["pages"] = pages
            spent = self.value("#minutes")
            minutes = parse_duration(spent) if spent else None
            if minutes != e.minutes:
                changes["minutes"] = minutes
            book = self.value("#subject")
            if book and book != (e.book_title or ""):
                changes["book"] = book
        else:
            minutes = parse_duration(self.value("#amount"))
            if minutes != e.minutes:
                changes["minutes"] = minutes
            kind = self.query_one("#kind", Select).value
            if kind != e.kind:
                changes["kind"] = kind
            topic = self.value("#subject")
            if topic != (e.topic or ""):
                changes["topic"] = topic or None
        today = self.today

        def job(store: Store) -> str:
            if not changes:
                return f"{e.ref} unchanged"
            return f"Updated {describe(store.edit_entry(e.ref, **changes), today)}"
        return job
