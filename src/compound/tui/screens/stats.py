"""Stats: charts of the record beside the figures (streaks, consistency, pace)."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from compound.domain.status import TodayStatus
from compound.tui.screens.base import DataScreen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store


class StatsScreen(DataScreen):
    MODE = "stats"

    def body(self) -> ComposeResult:
        with Horizontal(id="stats"):
            yield Vertical(id="charts")
            yield Static("", id="figures")

    def read(self, store: Store, today: date) -> TodayStatus:
        return store.status(today)

    def show(self, data: TodayStatus) -> None:
        streak = data.streak
        self.query_one("#figures", Static).update(
            f"[b]Streak[/b] {streak.current}\n[b]Best[/b] {streak.longest}")
