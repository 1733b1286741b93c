"""FormDialog: a modal form that checks what was typed, saves it in a worker, and
stays open with the reason when the store refuses.

A subclass yields its fields from `fields()` and turns them into a job from
`prepare()`: a function of the store, run in a thread, that returns the sentence
announcing what was saved. Enter in any field saves; Escape closes unsaved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from compound.domain.errors import CompoundError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate

Job = Callable[["Store"], str]


class FormDialog(ModalScreen[str | None]):
    TITLE = ""
    SAVE = "Save"
    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        # Tab moves to the next field before the field sees it (priority): without,
        # it goes the long way round through the field and back, and characters
        # typed right after it (fast, or pasted) land in the field being left.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False,
                priority=True),
    ]

    class Saved(Message):
        def __init__(self, said: str):
            super().__init__()
            self.said = said

    class Refused(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    def __init__(self, gate: StoreGate):
        super().__init__()
        self.gate = gate

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.TITLE, classes="dialog-title")
            yield from self.fields()
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.SAVE, variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def prepare(self) -> Job:
        raise NotImplementedError

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            job = self.prepare()
        except CompoundError as exc:
            self.show_error(str(exc))
            return
        self.show_error("")
        self._save(self.gate, job)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="save")
    def _save(self, gate: StoreGate, job: Job) -> None:
        try:
            said = job(gate.store())
        except CompoundError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        self.post_message(self.Saved(said))

    def on_form_dialog_saved(self, message: Saved) -> None:
        self.dismiss(message.said)

    def on_form_dialog_refused(self, message: Refused) -> None:
        self.show_error(message.reason)

    def show_error(self, reason: str) -> None:
        self.query_one(".dialog-error", Static).update(reason)


def field(label: str, widget: Any, *, classes: str = "") -> Horizontal:
    """A labelled row: the label on the left, the input taking the rest."""
    return Horizontal(Label(label, classes="field-label"), widget,
                      classes=f"field {classes}".strip())
