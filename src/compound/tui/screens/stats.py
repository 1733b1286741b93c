"""Stats: the shared charts, one tab each (the whole record's years among them), beside
the figures (streaks, strength, consistency, pace, the year ahead, books this year)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static, TabbedContent, TabPane

from compound.tui.screens.base import DataScreen
from compound.tui.widgets.chart import ChartView
from compound.words.figures import by_time, goal_pace_brief, rough_note
from compound.words.numbers import books_range, duration, percent, plural, rate

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.insight import Insight
    from compound.tracker.core import Tracker
    from compound.tracker.views import StatsView

CHARTS = (
    ("daily", "Daily"),
    ("cumulative", "This year"),
    ("projection", "Year ahead"),
    ("weekday", "Weekdays"),
    ("years", "Years"),
    ("sessions", "Learning"),
)
# Under 120 columns the six tabs share 46 cells: these tabs go by a shorter name there.
NARROW_TITLES = {"projection": "Ahead"}
DAILY_SPANS = (30, 90, 365)


class StatsScreen(DataScreen):
    MODE = "stats"
    BINDINGS = [
        Binding("right", "tab(1)", "Next chart"),
        Binding("left", "tab(-1)", show=False),
        Binding("t", "span", "30/90/365 days"),
    ]

    def __init__(self):
        super().__init__()
        self.data: StatsView | None = None
        self.daily_days = DAILY_SPANS[0]

    def body(self) -> ComposeResult:
        with Horizontal(id="stats"):
            with TabbedContent(id="charts"):
                for kind, title in CHARTS:
                    with TabPane(title, id=f"tab-{kind}"):
                        yield ChartView(kind, id=f"chart-{kind}")
            yield Static("", id="figures")

    def on_resize(self) -> None:
        # The width classes are set as the screen resizes (App.HORIZONTAL_BREAKPOINTS).
        self.call_after_refresh(self._title_tabs)

    def _title_tabs(self) -> None:
        narrow = self.has_class("-narrow")
        tabs = self.query_one(TabbedContent)
        for kind, title in CHARTS:
            tabs.get_tab(f"tab-{kind}").label = NARROW_TITLES.get(kind, title) if narrow else title

    def read(self, tracker: Tracker) -> StatsView:
        return tracker.views.stats()

    def show(self, data: StatsView) -> None:
        self.data = data
        timed = data.history.timed_this_year
        self.query_one("#figures", Static).update(_figures(data.insight, timed))
        self._draw_charts(data)

    def _draw_charts(self, data: StatsView) -> None:
        from compound.charts import DEFAULT_DAYS, ChartData

        for kind, _title in CHARTS:
            days = self.daily_days if kind == "daily" else DEFAULT_DAYS.get(kind, 30)
            by_kind = data.minutes_by_kind if kind == "sessions" else {}
            chart = ChartData(data.history, days, by_kind, self.app.settings.week_starts_on)
            self.query_one(f"#chart-{kind}", ChartView).show(chart)

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = [f"tab-{kind}" for kind, _ in CHARTS]
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]

    def action_span(self) -> None:
        self.daily_days = DAILY_SPANS[(DAILY_SPANS.index(self.daily_days) + 1) % len(DAILY_SPANS)]
        self.query_one(TabbedContent).active = "tab-daily"
        if self.data is not None:
            self._draw_charts(self.data)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self.query_one(TabbedContent).focus()  # keep ←/→ for the charts, not a table
        # A chart whose tab is shown while the tab bar scrolls (Years at 80 columns) can
        # be given its size with no Resize of its own: ask it again once laid out.
        self.call_after_refresh(self._draw_shown)

    def _draw_shown(self) -> None:
        tabs = self.query_one(TabbedContent)
        for view in self.query(f"#{tabs.active} ChartView").results(ChartView):
            if view.data is not None:
                view.show(view.data)


def _figures(found: Insight, timed_this_year: int = 0) -> str:
    """The figures beside the charts; every line fits the panel's 31 cells.
    `timed_this_year`: minutes read this year where the pages are unknown."""
    if found.first_day is None:
        return (
            "Nothing logged yet.\n\nThe streaks, the pace and the year ahead appear "
            "here with the first entries: p logs pages, l a learning session."
        )
    streak, pace, p = found.streak, found.pace, found.projection
    low, high = p.book_length
    lines = [
        "[b]Streak[/b]",
        f"  {plural(streak.current, 'day')} now, best {plural(streak.longest, 'day')}",
        f"  strength {streak.strength:.0f} of 100",
        f"  met {percent(streak.consistency_30)} of 30 d, {percent(streak.consistency_90)} of 90",
        "[b]Pace[/b] (pages a day)",
        f"  {rate(pace.d7)} over 7 d, {rate(pace.d30)} over 30",
        f"  {rate(pace.d90)} over 90 d",
        f"  learning {duration(round(pace.minutes_per_day))} a day",
        "[b]The year ahead[/b]",
        f"  {p.pages_per_year:,} pages at 30-day pace",
        f"  {books_range(p.books_low, p.books_high)} of {low:,}–{high:,} p",
    ]
    if p.rough:
        lines.append(f"  {rough_note(p)}")
    elif p.range_low != p.range_high:
        # The Year ahead chart draws the same range: 8 of 10 simulated years fall in it.
        lines += [f"  likely {p.range_low:,}–{p.range_high:,}", "    (8 years in 10)"]
    lines += [
        f"  {p.learning_hours_per_year:,.0f} hours of learning",
        "[b]This year[/b]",
        # "read", not "finished": the line must fit the panel's 31 cells.
        f"  {p.this_year_read:,} pages, {plural(found.books_finished_this_year, 'book')} read",
    ]
    if timed_this_year:
        lines.append(f"  and {by_time(timed_this_year)}")
    if found.goal_pace is not None:
        lines.append(f"  {goal_pace_brief(found.goal_pace)}")
    return "\n".join(lines)
