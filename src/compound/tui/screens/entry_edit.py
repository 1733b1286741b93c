"""Changing an entry from History: its amount, day, book or topic, note."""

from __future__ import annotations

from datetime import date
from typing import cast

from textual.app import ComposeResult
from textual.widgets import Input, Select

from compound.domain.records import Entry, ReadingLog, SessionKind
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.words.numbers import duration
from compound.words.records import describe
from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypedDict

    from compound.tracker.core import Tracker
    from compound.tui.gate import TrackerGate

    class TypedChanges(TypedDict, total=False):
        """What was typed into the fields that changed, by the Tracker's names."""

        day: str
        note: str
        pages: str
        minutes: str
        book: str
        kind: SessionKind
        topic: str


class EditEntryDialog(FormDialog):
    AUTO_FOCUS = "#amount"

    def __init__(self, gate: TrackerGate, today: date, entry: Entry):
        super().__init__(gate)
        self.today, self.entry = today, entry
        self.reading = isinstance(entry, ReadingLog)
        self.heading = f"Edit {describe(entry, today)}"
        self.shown = self._as_typed(entry)  # what the fields show at first

    def _as_typed(self, e: Entry) -> dict[str, str]:
        """The fields as they start, stored text shown safely (a field draws its value
        as it is); only what is then changed goes to the Tracker."""
        if isinstance(e, ReadingLog):
            typed = {
                "amount": str(e.pages),
                "minutes": duration(e.minutes) if e.minutes else "",
                "subject": shown(e.book_title or ""),
            }
        else:
            typed = {"amount": duration(e.minutes), "subject": shown(e.topic or "")}
        return typed | {"day": e.day.isoformat(), "note": shown(e.note or "")}

    def fields(self) -> ComposeResult:
        e, shown = self.entry, self.shown
        if isinstance(e, ReadingLog):
            yield field("Pages", Input(shown["amount"], id="amount", compact=True))
            yield field(
                "Minutes",
                Input(
                    shown["minutes"], id="minutes", placeholder="time spent, optional", compact=True
                ),
            )
            yield field(
                "Book",
                Input(shown["subject"], id="subject", compact=True, placeholder="title or #id"),
            )
        else:
            yield field("Duration", Input(shown["amount"], id="amount", compact=True))
            yield field(
                "Kind",
                Select(
                    [(k.value, k) for k in SessionKind],
                    value=e.kind,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                ),
            )
            yield field("Topic", Input(shown["subject"], id="subject", compact=True))
        yield field("Day", Input(shown["day"], id="day", compact=True))
        yield field("Note", Input(shown["note"], id="note", compact=True))

    def prepare(self) -> Job:
        e = self.entry
        typed = {name: self.value(f"#{name}") for name in self.shown}
        changed = {name: text for name, text in typed.items() if text != self.shown[name]}
        # The Tracker's names for the fields; an emptied note, topic or time clears it.
        changes: TypedChanges = {}
        if changed.get("day"):  # emptied, the day stays as it was
            changes["day"] = changed["day"]
        if "note" in changed:
            # A one-line field shows a note's line breaks and tabs as their pictures
            # ("␊", "␉"); edited, they are line breaks and tabs again, not new text.
            changes["note"] = changed["note"].replace("\u240a", "\n").replace("\u2409", "\t")
        if isinstance(e, ReadingLog):
            if "amount" in changed:
                changes["pages"] = changed["amount"]
            if "minutes" in changed:
                changes["minutes"] = changed["minutes"]
            if changed.get("subject"):
                changes["book"] = changed["subject"]
        else:
            if "amount" in changed:
                changes["minutes"] = changed["amount"]
            kind = cast(SessionKind, self.query_one("#kind", Select).value)  # allow_blank=False
            if kind != e.kind:
                changes["kind"] = kind
            if "subject" in changed:
                changes["topic"] = changed["subject"]
        today = self.today

        def job(tracker: Tracker) -> str:
            if not changes:
                return f"{e.ref} unchanged"
            return f"Updated {describe(tracker.entries.edit(e.ref, **changes), today)}"

        return job
