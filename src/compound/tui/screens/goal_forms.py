"""Dialogs of the Goals screen: a goal, skip days, the day-start hour."""

from __future__ import annotations

from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Select

from compound.domain.errors import CompoundError, InputError
from compound.domain.goals import GoalChange
from compound.domain.records import GoalKind
from compound.tracker.goals import KEEP, schedules_apply
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.words.dates import span
from compound.words.figures import skip_days_added
from compound.words.numbers import plural
from compound.words.records import NAMED_SCHEDULES, goal_days, goal_target
from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker
    from compound.tui.gate import TrackerGate

CUSTOM = "custom (RRULE)"


class GoalDialog(FormDialog):
    """A target from today on. The Days start at those of the kind's goal in force,
    and are kept unless the person chooses other days."""

    TITLE = "Set a goal (from today on; earlier days keep theirs)"
    AUTO_FOCUS = "#target"

    class Loaded(Message):
        def __init__(self, goals: tuple[GoalChange, ...]):
            super().__init__()
            self.goals = goals

    def __init__(
        self,
        gate: TrackerGate,
        kind: GoalKind = GoalKind.DAILY_PAGES,
        current: dict[GoalKind, GoalChange] | None = None,
    ):
        """`current` maps each kind to its goal in force (read here when not given)."""
        super().__init__(gate)
        self.kind, self.current = kind, current

    def fields(self) -> ComposeResult:
        yield field(
            "Goal",
            Select(
                [(k.value, k) for k in GoalKind],
                value=self.kind,
                allow_blank=False,
                id="kind",
                compact=True,
            ),
        )
        yield field("Target", Input(id="target", placeholder="e.g. 25", compact=True))
        yield field(
            "Days",
            Select(
                [(n, n) for n in [*NAMED_SCHEDULES, CUSTOM]],
                value="every day",
                allow_blank=False,
                id="days",
                compact=True,
            ),
        )
        yield field(
            "RRULE",
            Input(id="rule", placeholder="FREQ=WEEKLY;BYDAY=MO,WE,FR", compact=True, disabled=True),
        )

    def on_mount(self) -> None:
        if self.current is None:
            self._load(self.gate)
        else:
            self._show_current(self.kind)

    @work(thread=True, group="goals")
    def _load(self, gate: TrackerGate) -> None:
        try:
            goals = gate.tracker().views.goals().goals
        except CompoundError:
            return  # saving still keeps the days in force
        self.post_message(self.Loaded(goals))

    def on_goal_dialog_loaded(self, message: Loaded) -> None:
        self.current = {goal.kind: goal for goal in message.goals}
        # The Selects here have allow_blank=False: they always hold one of their options.
        self._show_current(cast(GoalKind, self.query_one("#kind", Select).value))

    @on(Select.Changed, "#kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        self._show_current(cast(GoalKind, event.value))

    def _show_current(self, kind: GoalKind) -> None:
        goal = (self.current or {}).get(kind)
        self.query_one("#target", Input).placeholder = (
            f"now {goal_target(kind, goal.target)}" if goal else "e.g. 25"
        )
        rule = goal.schedule if goal else None
        named = next((name for name, known in NAMED_SCHEDULES.items() if known == rule), None)
        days = self.query_one("#days", Select)
        days.value = named or CUSTOM
        days.disabled = not schedules_apply(kind)
        # A field draws its value as it is: a stored rule is shown safely.
        self.query_one("#rule", Input).value = "" if named else shown(rule or "")

    @on(Select.Changed, "#days")
    def _custom(self, event: Select.Changed) -> None:
        self.query_one("#rule", Input).disabled = event.value != CUSTOM

    def _chosen_schedule(self, kind: GoalKind) -> str | None:
        """The days chosen, or KEEP: those of the goal in force (also while it is read)."""
        days = cast(str, self.query_one("#days", Select).value)
        chosen = (self.value("#rule") or None) if days == CUSTOM else NAMED_SCHEDULES[days]
        if days == CUSTOM and chosen is None:
            raise InputError("write the days as an RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR")
        if self.current is None:
            return KEEP if days == "every day" else chosen
        goal = self.current.get(kind)
        return KEEP if chosen == (goal.schedule if goal else None) else chosen

    def prepare(self) -> Job:
        kind = cast(GoalKind, self.query_one("#kind", Select).value)
        target = self.value("#target")
        schedule = self._chosen_schedule(kind) if schedules_apply(kind) else KEEP

        def job(tracker: Tracker) -> str:
            done = tracker.goals.set(kind, target, schedule=schedule)
            goal = done.goal
            said = f"Goal set: {goal_target(goal.kind, goal.target)}"
            if schedules_apply(goal.kind):
                said += f", {goal_days(goal.kind, goal.schedule)}"
            return said + (" (the days it had)" if done.kept_schedule else "")

        return job


class SkipDialog(FormDialog):
    TITLE = "Skip days (holidays, sick days)"
    AUTO_FOCUS = "#first"

    def fields(self) -> ComposeResult:
        yield field(
            "From", Input(id="first", placeholder="today, tomorrow, 2026-12-24", compact=True)
        )
        yield field("To", Input(id="last", placeholder="the same day", compact=True))
        yield field("Reason", Input(id="reason", compact=True))

    def prepare(self) -> Job:
        first, last = self.value("#first") or "today", self.value("#last") or None
        reason = self.value("#reason") or None

        def job(tracker: Tracker) -> str:
            done = tracker.goals.skip(first, last, reason=reason)
            said = (
                f"Skipping {span(done.first, done.last, tracker.today())}: "
                f"{skip_days_added(len(done.added))}"
            )
            return said + (f" ({plural(done.already, 'day')} already were)" if done.already else "")

        return job


class DayStartDialog(FormDialog):
    """The hour a new day starts; saved in the settings file, as `compound config` does."""

    TITLE = "When does a new day start?"
    AUTO_FOCUS = "#hour"

    def __init__(self, gate: TrackerGate, app):
        super().__init__(gate)
        self.settings_file = app.settings_file
        self.current = app.settings.day_starts_at
        self._app = app

    def fields(self) -> ComposeResult:
        yield field(
            "Starts at",
            Input(
                self.current.strftime("%H:%M"),
                id="hour",
                compact=True,
                placeholder="00:00 to 11:59",
            ),
        )

    def prepare(self) -> Job:
        if self.settings_file is None:
            raise InputError("there is no settings file to save to")
        hour, path, app = self.value("#hour"), self.settings_file, self._app

        def job(_tracker: Tracker) -> str:
            from compound import config

            config.save(path, "day_starts_at", hour)  # refused there if it is no hour
            app.settings = config.load(path)
            return f"A new day now starts at {app.settings.day_starts_at:%H:%M} (saved in {path})"

        return job
