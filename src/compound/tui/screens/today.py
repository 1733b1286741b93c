"""Today: pages and minutes against the goals (or why the day asks for nothing), the
streak and what is left to keep it, this week's weekly goals and the week so far, the
next milestone, the last days against the goal, the books in hand with their expected
finish, where the current pace leads, and the yearly goal's pace.

At 120 columns and 40 rows or more it is laid out in bands of two columns (compound.tcss,
the screen's `-wide` and `-tall` classes); smaller, the same sections stack, and only
the list of books scrolls.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Label, Static

from compound.domain.today import TodayFigures
from compound.tui.screens.base import DataScreen
from compound.tui.widgets.meter import Meter
from compound.tui.widgets.strip import BEFORE, MET, MISSED, OFF, TODAY, DayStrip, StripDay
from compound.words.figures import (
    goal_pace_sentence,
    learning_today,
    milestone_sentence,
    reading_today,
    streak_sentence,
    week_progress,
    week_so_far,
    year_at_pace,
)
from compound.words.records import book_progress, done_by
from compound.words.safe import shown

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.insight import Insight
    from compound.tracker.core import Tracker
    from compound.tracker.views import TodayView

# Today shows no projection range, only the pace's year: a small fan will do (the
# full one costs a quarter of a second; Stats draws it).
_SAMPLES = 50


class TodayScreen(DataScreen):
    MODE = "today"

    def body(self) -> ComposeResult:
        with VerticalScroll(id="today"):
            with Horizontal(classes="band"):
                with Vertical(classes="column"):
                    yield Static("Today", classes="section")
                    yield Meter("Reading", "", None, id="pages")
                    yield Meter("Learning", "", None, id="minutes")
                    with Horizontal(id="streak-row", classes="row"):
                        yield Label("Streak", classes="row-label")
                        yield Static("", id="streak")
                    yield Static(
                        "The last 14 days: pages against the daily goal",
                        classes="section wide-only",
                    )
                    yield DayStrip(id="recent", label_width=10)
                with Vertical(classes="column second"):
                    yield Static("This week", classes="section wide-only")
                    yield Vertical(id="weekly")
                    with Horizontal(id="week-row", classes="row wide-only"):
                        yield Label("So far", classes="row-label")
                        yield Static("", id="week", markup=False)
                    with Horizontal(id="milestone-row", classes="row"):
                        yield Label("Next", classes="row-label")
                        yield Static("", id="milestone", markup=False)
                    yield Static("The year ahead", classes="section")
                    yield Static("…", id="projection", markup=False)
                    yield Static("", id="goal-pace", markup=False)
                    yield Static("", id="hint")
            with Vertical(id="shelf"):
                yield Static("Being read", classes="section")
                yield VerticalScroll(id="reading")

    def on_resize(self) -> None:
        # Wide and tall, the strip has a heading of its own and needs no label. The
        # screen's size classes are set by now (Screen._on_resize runs first).
        roomy = self.has_class("-wide") and self.has_class("-tall")
        self.query_one(DayStrip).label_width = 0 if roomy else 10

    def show_glance(self, figures: TodayFigures) -> None:
        """Figures read before the Tracker opened; its own answer replaces them."""
        if not self.has_class("loaded"):
            self._show_figures(figures, {})
        self.call_after_refresh(self.app.glance_shown.set)

    def read(self, tracker: Tracker) -> TodayView:
        return tracker.views.today(samples=_SAMPLES)

    def show(self, data: TodayView) -> None:
        self._show_figures(data.figures, data.etas)
        self._show_year(data.insight)
        self.query_one(DayStrip).show(_strip_days(data))
        self.query_one("#week", Static).update(week_so_far(data.week))
        milestone = data.milestone
        self.query_one("#milestone", Static).update(
            shown(milestone_sentence(milestone, data.figures.today))
            if milestone
            else "Nothing in sight yet."
        )
        if data.empty:
            self.app.show_welcome()

    def _show_figures(self, figures: TodayFigures, etas: dict[int, date]) -> None:
        # A day that asks for nothing (not due, a skip day) gets no bar: half a bar
        # would read as half of something owed.
        pages_goal = figures.pages_goal if figures.due else None
        minutes_goal = figures.minutes_goal if figures.due else None
        reading, learning = reading_today(figures), learning_today(figures)
        pages, minutes = self.query_one("#pages", Meter), self.query_one("#minutes", Meter)
        # Two bars are as long as each other: their figures are given one width.
        both = pages_goal and minutes_goal
        width = max(cell_len(reading), cell_len(learning)) if both else 0
        pages.figure_width = minutes.figure_width = width
        pages.update("Reading", reading, figures.pages / pages_goal if pages_goal else None)
        minutes.update(
            "Learning", learning, figures.minutes / minutes_goal if minutes_goal else None
        )
        self.query_one("#streak", Static).update(_streak_markup(figures))
        self._show_weekly(figures)
        self._show_books(figures, etas)
        goal_pace = self.query_one("#goal-pace", Static)
        goal_pace.display = figures.goal_pace is not None
        goal_pace.update(goal_pace_sentence(figures.goal_pace) if figures.goal_pace else "")
        hint = self.query_one("#hint", Static)
        # Reading by time (minutes, no pages) is something logged too.
        hint.display = not figures.pages and not figures.minutes and not figures.timed
        hint.update("Nothing logged today yet: p logs pages, l a learning session.")

    def _show_year(self, found: Insight) -> None:
        projection = found.projection
        if found.first_day is None or projection.pages_per_day == 0:
            line = "Log some reading to see where your pace leads."
        else:
            line = year_at_pace(projection)
        self.query_one("#projection", Static).update(line)

    def _show_weekly(self, figures: TodayFigures) -> None:
        weekly = self.query_one("#weekly", Vertical)
        weekly.remove_children()
        weekly.mount_all(
            Meter(
                "Weekly" if n == 0 else "",
                week_progress(goal),
                goal.done / goal.target if goal.target else None,
            )
            for n, goal in enumerate(figures.weekly)
        )

    def _show_books(self, figures: TodayFigures, etas: dict[int, date]) -> None:
        shelf = self.query_one("#reading", VerticalScroll)
        shelf.remove_children()
        reading = figures.reading
        if not reading:
            shelf.mount(
                Static("No book being read: 3 shows the shelves, a adds a book.", classes="muted")
            )
            return
        # Measured as the meters draw the titles: shown safely.
        width = min(max(cell_len(shown(b.title)) for b in reading) + 2, 30)
        progress = [
            " · ".join(
                part
                for part in (book_progress(b), done_by(b, etas.get(b.id), figures.today))
                if part
            )
            for b in reading
        ]
        shelf.mount_all(
            Meter(
                book.title,
                figure,
                book.progress,
                label_width=width,
                figure_width=max(map(cell_len, progress)),
            )
            for book, figure in zip(reading, progress)
        )


def _strip_days(data: TodayView) -> list[StripDay]:
    """The strip's days as the one met-day rule judged them (series.daily_pages): a day
    the goal does not ask for (its schedule's day off, a skip day) is a day off, today
    not met yet is today so far, and the days before the first entry are left blank."""
    today, recent = data.figures.today, data.recent
    first = data.insight.first_day or today  # with nothing logged yet, today is open
    days = []
    for day, pages, goal, met, off in zip(
        recent.days, recent.pages, recent.goals, recent.met, recent.off
    ):
        if day < first:
            look = BEFORE
        elif off:
            look = OFF
        elif met:
            look = MET
        else:
            look = TODAY if day == today else MISSED
        days.append(StripDay(day, pages, goal, look))
    return days


def _streak_markup(figures: TodayFigures) -> str:
    """The streak sentence, its state picked out: at risk in the warning colour, a day
    done in the success colour."""
    line = escape(streak_sentence(figures))
    if figures.streak.current:
        line = "🔥 " + line
    return line.replace("at risk:", "[b $warning]at risk[/]:", 1).replace(
        "today is done", "[b $success]today is done[/]", 1
    )
