"""Stats: the shared charts, one tab each, beside the figures (streaks, strength,
consistency, pace, the year ahead, books this year)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static, TabbedContent, TabPane

from compound.domain.days import format_duration
from compound.tui.screens.base import DataScreen
from compound.tui.widgets.chart import ChartView
from compound.tui.words import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.insight import Insight
    from compound.domain.totals import History
    from compound.store.repository import Store

CHARTS = (("daily", "Daily"), ("cumulative", "This year"), ("projection", "Year ahead"),
          ("weekday", "Weekdays"), ("sessions", "Learning"))
DAILY_SPANS = (30, 90, 365)


@dataclass(frozen=True, slots=True)
class StatsData:
    history: History
    insight: Insight
    minutes_by_kind: dict[str, int]  # over the sessions chart's window


class StatsScreen(DataScreen):
    MODE = "stats"
    BINDINGS = [Binding("right", "tab(1)", "Next chart"), Binding("left", "tab(-1)", show=False),
                Binding("t", "span", "30/90/365 days")]

    def __init__(self):
        super().__init__()
        self.data: StatsData | None = None
        self.daily_days = DAILY_SPANS[0]

    def body(self) -> ComposeResult:
        with Horizontal(id="stats"):
            with TabbedContent(id="charts"):
                for kind, title in CHARTS:
                    with TabPane(title, id=f"tab-{kind}"):
                        yield ChartView(kind, id=f"chart-{kind}")
            yield Static("", id="figures")

    def read(self, store: Store, today: date) -> StatsData:
        from compound.charts import DEFAULT_DAYS
        from compound.domain.insight import analyse
        from compound.domain.series import window

        history = store.history_until(today)
        found = analyse(history, week_starts_on=self.app.settings.week_starts_on)
        by_kind = store.minutes_by_kind(*window(today, DEFAULT_DAYS["sessions"]))
        return StatsData(history, found, by_kind)

    def show(self, data: StatsData) -> None:
        self.data = data
        self.query_one("#figures", Static).update(_figures(data.insight))
        self._draw_charts()

    def _draw_charts(self) -> None:
        from compound.charts import DEFAULT_DAYS, ChartData

        data = self.data
        for kind, _title in CHARTS:
            days = self.daily_days if kind == "daily" else DEFAULT_DAYS.get(kind, 30)
            by_kind = data.minutes_by_kind if kind == "sessions" else {}
            self.query_one(f"#chart-{kind}", ChartView).show(
                ChartData(data.history, days, by_kind))

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [f"tab-{kind}" for kind, _ in CHARTS]
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def action_span(self) -> None:
        self.daily_days = DAILY_SPANS[(DAILY_SPANS.index(self.daily_days) + 1) % len(DAILY_SPANS)]
        self.query_one(TabbedContent).active = "tab-daily"
        if self.data is not None:
            self._draw_charts()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self.query_one(TabbedContent).focus()  # keep ←/→ for the charts, not a table


def _figures(found: Insight) -> str:
    if found.first_day is None:
        return ("Nothing logged yet.\n\nThe streaks, the pace and the year ahead appear "
                "here with the first entries: p logs pages, l a learning session.")
    streak, pace, p = found.streak, found.pace, found.projection

    def share(value: float | None) -> str:
        return "–" if value is None else f"{round(100 * value)}%"

    lines = [
        "[b]Streak[/b]",
        f"  {plural(streak.current, 'day')} now, best {plural(streak.longest, 'day')}",
        f"  strength {streak.strength:.0f} of 100",
        f"  met {share(streak.consistency_30)} of 30 d, {share(streak.consistency_90)} of 90",
        "[b]Pace[/b] (pages a day)",
        f"  {pace.d7:.1f} over 7 d, {pace.d30:.1f} over 30",
        f"  {pace.d90:.1f} over 90 d",
        f"  learning {format_duration(round(pace.minutes_per_day))} a day",
        "[b]The year ahead[/b]",
        f"  {p.pages_per_year:,} pages at 30-day pace",
        f"  {p.books_low}–{p.books_high} books of {p.book_length[0]}–{p.book_length[1]} p",
        # P10–P90 of years drawn from the same 30 days (see the Year ahead chart).
        f"  likely {p.range_low:,}–{p.range_high:,}",
        f"  {p.learning_hours_per_year:,.0f} hours of learning",
        "[b]This year[/b]",
        # "read", not "finished": the line must fit the panel's 31 cells.
        f"  {p.this_year_read:,} pages, {plural(found.books_finished_this_year, 'book')} read",
    ]
    goal = found.goal_pace
    if goal is not None:
        ahead = round(goal.ahead, 1)
        where = "on pace" if ahead == 0 else f"{abs(ahead):g} {'ahead' if ahead > 0 else 'behind'}"
        lines.append(f"  goal {goal.goal} books: {where}")
    return "\n".join(lines)
