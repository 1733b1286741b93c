"""FormDialog: a modal form that hands what was typed to the Tracker in a worker, and
stays open with the reason (and the app's hint) when the Tracker refuses it.

A subclass yields its fields from `fields()` and turns them into a job from
`prepare()`: a function of the Tracker, run in a thread, that returns the sentence
announcing what was saved. The typed text goes to the Tracker as it is: it checks
it, once, as it checks the command line's. Enter in any field saves; Escape closes
unsaved.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from compound.domain.errors import CompoundError
from compound.tui.hints import refusal
from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from textual import getters
    from textual.widget import Widget

    from compound.tracker.core import Tracker
    from compound.tui.app import CompoundApp
    from compound.tui.gate import TrackerGate

Job = Callable[["Tracker"], str]


class FormDialog(ModalScreen[str | None]):
    if TYPE_CHECKING:
        app = getters.app(CompoundApp)  # the app these screens belong to

    TITLE = ""
    SAVE = "Save"
    # Saving makes a new entry (or shows another profile): `u` then takes that back
    # first, not a change made before.
    CLEARS_UNDO = False
    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        # Tab moves to the next field before the field sees it (priority): without,
        # it goes the long way round through the field and back, and characters
        # typed right after it (fast, or pasted) land in the field being left.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    class Saved(Message):
        def __init__(self, said: str):
            super().__init__()
            self.said = said

    class Refused(Message):
        def __init__(self, reason: str):
            super().__init__()
            self.reason = reason

    def __init__(self, gate: TrackerGate):
        super().__init__()
        self.gate = gate
        self.heading = self.TITLE or ""  # a dialog about one record names it instead
        self._saving = False  # a save is under way: a second Enter must not save twice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # Titles and refusals may hold stored text (a book's title): never markup,
            # and shown safely.
            yield Label(shown(self.heading), classes="dialog-title", markup=False)
            yield from self.fields()
            yield Static("", classes="dialog-error", markup=False)
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
        if self._saving:
            return
        try:
            job = self.prepare()
        except CompoundError as exc:
            self.show_error(refusal(exc))
            return
        self.show_error("")
        self._saving = True
        self._save(job)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, group="save")
    def _save(self, job: Job) -> None:
        try:
            said = self.app.write(job, clears_undo=self.CLEARS_UNDO)
        except CompoundError as exc:
            self.post_message(self.Refused(refusal(exc)))
            return
        self.post_message(self.Saved(said))

    def on_form_dialog_saved(self, message: Saved) -> None:
        self.dismiss(message.said)

    def on_form_dialog_refused(self, message: Refused) -> None:
        self._saving = False
        self.show_error(message.reason)

    def show_error(self, reason: str) -> None:
        self.query_one(".dialog-error", Static).update(shown(reason))


def field(label: str, widget: Widget, *, classes: str = "") -> Horizontal:
    """A labelled row: the label on the left, the input taking the rest."""
    return Horizontal(
        Label(label, classes="field-label"), widget, classes=f"field {classes}".strip()
    )
