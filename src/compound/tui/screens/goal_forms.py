"""Dialogs of the Goals screen: a goal, skip days, the day-start hour."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from compound import config
from compound.domain.days import parse_date, parse_day_start
from compound.domain.errors import InputError
from compound.domain.goals import LIMITS, SCHEDULED, check_schedule
from compound.domain.quantities import parse_whole
from compound.domain.records import GoalKind
from compound.tui.screens.dialog import FormDialog, Job, field
from compound.tui.words import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store
    from compound.tui.gate import StoreGate

SCHEDULES = {"every day": None,
             "weekdays": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
             "weekends": "FREQ=WEEKLY;BYDAY=SA,SU"}
CUSTOM = "custom (RRULE)"


_WEEKDAYS = {"MO": "Mon", "TU": "Tue", "WE": "Wed", "TH": "Thu", "FR": "Fri", "SA": "Sat",
             "SU": "Sun"}


def schedule_name(rule: str | None) -> str:
    """"every day", "weekdays", "Mon, Wed, Fri" for a weekly rule of plain days; any
    other rule as written."""
    named = next((name for name, known in SCHEDULES.items() if known == rule), None)
    if named is not None or rule is None:
        return named or ""
    parts = dict(part.partition("=")[::2] for part in rule.upper().split(";"))
    days = parts.get("BYDAY", "").split(",")
    if parts.keys() == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY" and all(
            day in _WEEKDAYS for day in days):
        return ", ".join(name for code, name in _WEEKDAYS.items() if code in days)
    return rule


class GoalDialog(FormDialog):
    TITLE = "Set a goal (from today on; earlier days keep theirs)"
    AUTO_FOCUS = "#target"

    def __init__(self, gate: StoreGate, today: date, kind: GoalKind = GoalKind.DAILY_PAGES,
                 current: dict | None = None):
        """`current` maps each kind to its goal in force, shown while choosing."""
        super().__init__(gate)
        self.today, self.kind, self.current = today, kind, current or {}

    def fields(self) -> ComposeResult:
        yield field("Goal", Select([(k.value, k) for k in GoalKind], value=self.kind,
                                   allow_blank=False, id="kind", compact=True))
        yield field("Target", Input(id="target", placeholder="e.g. 25", compact=True))
        yield field("Days", Select([(n, n) for n in [*SCHEDULES, CUSTOM]], value="every day",
                                   allow_blank=False, id="days", compact=True))
        yield field("RRULE", Input(id="rule", placeholder="FREQ=WEEKLY;BYDAY=MO,WE,FR",
                                   compact=True, disabled=True))

    def on_mount(self) -> None:
        self._show_current(self.kind)

    @on(Select.Changed, "#kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        self._show_current(event.value)

    def _show_current(self, kind: GoalKind) -> None:
        goal = self.current.get(kind)
        self.query_one("#target", Input).placeholder = (
            f"now {goal.target}, {schedule_name(goal.schedule)}" if goal else "e.g. 25")

    @on(Select.Changed, "#days")
    def _custom(self, event: Select.Changed) -> None:
        self.query_one("#rule", Input).disabled = event.value != CUSTOM

    def prepare(self) -> Job:
        kind = self.query_one("#kind", Select).value
        target = parse_whole(self.value("#target"), f"a {kind.value} target", high=LIMITS[kind])
        days = self.query_one("#days", Select).value
        schedule = (check_schedule(self.value("#rule"), "the days") if days == CUSTOM
                    else SCHEDULES[days])
        if schedule and kind not in SCHEDULED:
            raise InputError("days apply to daily goals (daily-pages, daily-minutes)")
        today = self.today

        def job(store: Store) -> str:
            goal = store.set_goal(kind, target, since=today, schedule=schedule)
            return f"Goal set: {goal.kind.value} {goal.target}, {schedule_name(goal.schedule)}"
        return job


class SkipDialog(FormDialog):
    TITLE = "Skip days (holidays, sick days)"
    AUTO_FOCUS = "#first"

    def __init__(self, gate: StoreGate, today: date):
        super().__init__(gate)
        self.today = today

    def fields(self) -> ComposeResult:
        yield field("From", Input(id="first", placeholder="today, tomorrow, 2026-12-24",
                                  compact=True))
        yield field("To", Input(id="last", placeholder="the same day", compact=True))
        yield field("Reason", Input(id="reason", compact=True))

    def prepare(self) -> Job:
        first = parse_date(self.value("#first") or "today", self.today, ahead=True)
        last = parse_date(self.value("#last"), self.today, ahead=True) if self.value("#last") else first
        if last < first:
            raise InputError("the last skip day comes before the first")
        reason = self.value("#reason") or None

        def job(store: Store) -> str:
            added, existed = store.add_skips(first, last, reason)
            said = f"Skipping {plural(len(added), 'day')} from {first:%a %d %b}"
            return said + (f" ({existed} already were)" if existed else "")
        return job


class DayStartDialog(FormDialog):
    """The hour a new day starts; saved in the settings file, as `compound config` does."""

    TITLE = "When does a new day start?"
    AUTO_FOCUS = "#hour"

    def __init__(self, gate: StoreGate, app):
        super().__init__(gate)
        self.settings_file = app.settings_file
        self.current = app.settings.day_starts_at
        self._app = app

    def fields(self) -> ComposeResult:
        yield field("Starts at", Input(self.current.strftime("%H:%M"), id="hour", compact=True,
                                       placeholder="00:00 to 11:59"))

    def prepare(self) -> Job:
        if self.settings_file is None:
            raise InputError("there is no settings file to save to")
        hour = parse_day_start(self.value("#hour"))
        path, app = self.settings_file, self._app

        def job(_store: Store) -> str:
            config.save(path, "day_starts_at", hour.strftime("%H:%M"))
            app.settings = config.load(path)
            return f"A new day now starts at {hour:%H:%M} (saved in {path})"
        return job
