"""Dialogs reached from the command palette: switching profile, exporting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Select, Static

from compound.domain.errors import CompoundError, InputError
from compound.domain.profiles import check_profile_name
from compound.tui.screens.dialog import FormDialog, Job, field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate

FORMATS = (("compound JSON (everything, re-importable)", "json"), ("CSV", "csv"),
           ("Markdown report", "md"))


class ProfileDialog(FormDialog):
    TITLE = "Switch profile"
    SAVE = "Switch"
    AUTO_FOCUS = "#name"

    def __init__(self, gate: StoreGate, current: str):
        super().__init__(gate)
        self.current = current

    class Listed(Message):
        def __init__(self, names: list[str]):
            super().__init__()
            self.names = names

    def fields(self) -> ComposeResult:
        yield field("Profile", Input(id="name", placeholder=f"now: {self.current}",
                                     compact=True))
        yield Static("", id="profiles", classes="muted")

    def on_mount(self) -> None:
        self._list(self.gate)

    @work(thread=True, group="profiles")
    def _list(self, gate: StoreGate) -> None:
        try:
            names = [p.name for p in gate.store().profiles()]
        except CompoundError:
            return  # switching still reports the problem, if it persists
        self.post_message(self.Listed(names))

    def on_profile_dialog_listed(self, message: Listed) -> None:
        self.query_one("#profiles", Static).update(
            "In this database: " + ", ".join(message.names))

    def prepare(self) -> Job:
        name = check_profile_name(self.value("#name"))
        gate = self.gate

        def job(store: Store) -> str:
            gate.replace(store.for_profile(name))
            return f"Now showing the profile {name!r}"
        return job


class ExportDialog(FormDialog):
    TITLE = "Export"
    SAVE = "Export"
    AUTO_FOCUS = "#path"

    def __init__(self, gate: StoreGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield field("Format", Select(FORMATS, value="json", allow_blank=False, id="format",
                                     compact=True))
        yield field("File", Input(id="path", placeholder=f"compound-{self.today}.json",
                                  compact=True))

    def prepare(self) -> Job:
        from compound.exchange.registry import exporter

        chosen = exporter(self.query_one("#format", Select).value)
        text = self.value("#path") or f"compound-{self.today}{chosen.suffix}"
        target = Path(text).expanduser()
        if target.is_dir():
            raise InputError(f"{target} is a folder; name a file")
        today = self.today

        def job(store: Store) -> str:
            from compound.exchange.output import private_file

            if store.location and Path(store.location).resolve() == target.resolve():
                raise InputError(f"{target} is the database itself; name another file")
            data = store.export_data(today)
            with private_file(target) as out:
                chosen.write(data, out)
            return f"Wrote {data.count()} to {target} ({chosen.name})"
        return job
