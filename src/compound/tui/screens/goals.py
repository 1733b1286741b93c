"""Goals: the targets in force and their days, the skip days, and the hour a day starts."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from compound.domain.records import GoalKind
from compound.tui.screens.base import DataScreen
from compound.tui.screens.goal_forms import DayStartDialog, GoalDialog, SkipDialog
from compound.tui.widgets.table import clip, fixed_columns
from compound.words.dates import day_label, full_date
from compound.words.records import goal_days

_DAYS_WIDTH, _REASON_WIDTH = 24, 40  # columns of free text, clipped to fit
_SKIPS_SHOWN_DAYS = 31  # skip days shown from this many days back on

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker
    from compound.tracker.views import GoalsView


class GoalsScreen(DataScreen):
    MODE = "goals"
    AUTO_FOCUS = "#goals"
    # The keys that open a dialog act before the table sees them (priority), so what
    # is typed right after them lands in the dialog however fast (see app.py).
    BINDINGS = [
        # Short words, so that at 80 columns the app's own keys still fit beside them.
        Binding("g", "set_goal", "Goal", priority=True),
        Binding("k", "add_skip", "Skip", priority=True),
        Binding("delete,backspace", "remove", "Remove"),
        Binding("h", "day_start", "Day start", priority=True),
    ]

    def __init__(self):
        super().__init__()
        self.data: GoalsView | None = None
        # What the first Delete pointed at: (the table's id, the row's key).
        self._armed: tuple[str | None, str] | None = None

    def body(self) -> ComposeResult:
        yield Static("Goals", classes="section")
        goals: DataTable[str] = DataTable(id="goals", cursor_type="row")
        fixed_columns(goals, [("Goal", 15), ("Target", 6), ("Days", _DAYS_WIDTH), ("Since", 11)])
        yield goals
        yield Static("Skip days: neither break nor lengthen a streak", classes="section")
        skips: DataTable[str] = DataTable(id="skips", cursor_type="row")
        fixed_columns(skips, [("Day", 15), ("Reason", _REASON_WIDTH)])
        yield skips
        yield Static("", id="day-start")

    def read(self, tracker: Tracker) -> GoalsView:
        return tracker.views.goals(skips_since=tracker.today() - timedelta(days=_SKIPS_SHOWN_DAYS))

    def show(self, data: GoalsView) -> None:
        self.data = data
        goals = self.query_one("#goals", DataTable)
        goals.clear()
        for goal in data.goals:
            goals.add_row(
                goal.kind.value,
                f"{goal.target:,}",
                clip(goal_days(goal.kind, goal.schedule), _DAYS_WIDTH),
                day_label(goal.since, data.today),
                key=goal.kind.value,
            )
        if not data.goals:
            goals.add_row("none yet", "", "g sets one", "", key="")
        skips = self.query_one("#skips", DataTable)
        skips.clear()
        for skip in data.skips:
            skips.add_row(
                full_date(skip.day),
                clip(skip.reason or "", _REASON_WIDTH),
                key=skip.day.isoformat(),
            )
        if not data.skips:
            skips.add_row("none", "k plans some", key="")
        start = self.app.settings.day_starts_at.strftime("%H:%M")
        self.query_one("#day-start", Static).update(
            f"[b]A new day starts at {start}[/b]: reading before then counts for the day "
            "before (h changes it)."
        )

    async def action_set_goal(self) -> None:
        focused = self.query_one("#goals", DataTable)
        current = {g.kind: g for g in self.data.goals} if self.data else None
        kind = GoalKind.DAILY_PAGES
        if focused.row_count and self.data and self.data.goals:
            kind = self.data.goals[min(focused.cursor_row, len(self.data.goals) - 1)].kind
        await self.app.open_dialog(GoalDialog(self.app.gate, kind, current))

    async def action_add_skip(self) -> None:
        await self.app.open_dialog(SkipDialog(self.app.gate))

    async def action_day_start(self) -> None:
        await self.app.open_dialog(DayStartDialog(self.app.gate, self.app))

    def action_remove(self) -> None:
        focused = self.focused
        if not isinstance(focused, DataTable) or not focused.row_count:
            return
        key = focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value
        if not key:
            return
        # Removing a goal removes its history too and cannot be undone: ask for the
        # key a second time.
        if self._armed != (focused.id, key):
            self._armed = (focused.id, key)
            what = f"the {key} goal, with its past targets" if focused.id == "goals" else key
            self.notify(f"Press Delete again to remove {what}.", severity="warning")
            return
        self._armed = None
        if focused.id == "goals":
            kind = GoalKind(key)
            self.app.perform(
                lambda tracker: (tracker.goals.remove(kind), f"Removed the {kind} goal")[1]
            )
        else:
            day = date.fromisoformat(key)
            self.app.perform(
                lambda tracker: (
                    tracker.goals.unskip(day, day),
                    f"{full_date(day)} is no longer a skip day",
                )[1]
            )
