"""Dialogs reached from the command palette: switching profile, exporting."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Select, Static

from compound.domain.errors import CompoundError, InputError
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.words.records import export_contents
from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker
    from compound.tui.gate import TrackerGate

FORMATS = (
    ("compound JSON (everything, re-importable)", "json"),
    ("CSV", "csv"),
    ("Markdown report", "md"),
)


class ProfileDialog(FormDialog):
    TITLE = "Switch profile"
    SAVE = "Switch"
    AUTO_FOCUS = "#name"
    CLEARS_UNDO = True  # the changes of this session were another profile's

    def __init__(self, gate: TrackerGate, current: str):
        super().__init__(gate)
        self.current = current

    class Listed(Message):
        def __init__(self, names: list[str]):
            super().__init__()
            self.names = names

    def fields(self) -> ComposeResult:
        yield field(
            "Profile", Input(id="name", placeholder=f"now: {shown(self.current)}", compact=True)
        )
        yield Static("", id="profiles", classes="muted", markup=False)

    def on_mount(self) -> None:
        self._list(self.gate)

    @work(thread=True, group="profiles")
    def _list(self, gate: TrackerGate) -> None:
        try:
            names = [p.name for p in gate.tracker().profiles.listing()]
        except CompoundError:
            return  # switching still reports the problem, if it persists
        self.post_message(self.Listed(names))

    def on_profile_dialog_listed(self, message: Listed) -> None:
        self.query_one("#profiles", Static).update(
            shown("In this database: " + ", ".join(message.names))
        )

    def prepare(self) -> Job:
        name, gate = self.value("#name"), self.gate

        def job(tracker: Tracker) -> str:
            switched = tracker.profiles.switch(name)
            gate.replace(switched)
            return f"Now showing the profile {switched.profile!r}"

        return job


class ExportDialog(FormDialog):
    """Everything to a file in the documents folder (else home), or where a path says."""

    TITLE = "Export"
    SAVE = "Export"
    AUTO_FOCUS = "#path"

    class Placed(Message):
        """Where an export of each format goes when no folder is named."""

        def __init__(self, targets: dict[str, Path]):
            super().__init__()
            self.targets = targets

    def __init__(self, gate: TrackerGate, today: date):
        super().__init__(gate)
        self.today = today
        self.targets: dict[str, Path] = {}

    def fields(self) -> ComposeResult:
        yield field(
            "Format", Select(FORMATS, value="json", allow_blank=False, id="format", compact=True)
        )
        yield field(
            "File", Input(id="path", placeholder=f"compound-{self.today}.json", compact=True)
        )
        yield Static("", id="folder", classes="muted", markup=False)

    def on_mount(self) -> None:
        self._place(self.gate)

    @work(thread=True, group="place")
    def _place(self, gate: TrackerGate) -> None:
        try:
            exchange = gate.tracker().exchange
            targets = {form: exchange.default_target(form) for _name, form in FORMATS}
        except CompoundError:
            return  # the export works it out again
        self.post_message(self.Placed(targets))

    def on_export_dialog_placed(self, message: Placed) -> None:
        self.targets = message.targets
        self._show_target()

    @on(Select.Changed, "#format")
    def _show_target(self) -> None:
        # The Selects here have allow_blank=False: they always hold one of their options.
        target = self.targets.get(cast(str, self.query_one("#format", Select).value))
        if target is not None:
            self.query_one("#path", Input).placeholder = target.name
            self.query_one("#folder", Static).update(shown(f"A name alone goes in {target.parent}"))

    def prepare(self) -> Job:
        form, typed = cast(str, self.query_one("#format", Select).value), self.value("#path")

        def job(tracker: Tracker) -> str:
            default = tracker.exchange.default_target(form)
            # A name alone goes beside the default, not where the app was started from.
            target = (default.parent / Path(typed).expanduser()) if typed else default
            if target.is_dir():
                raise InputError(f"{target} is a folder; name a file")
            data, chosen = tracker.exchange.export(form, target=target)
            return f"Wrote {export_contents(data)} to {target.resolve()} ({chosen.name})"

        return job
