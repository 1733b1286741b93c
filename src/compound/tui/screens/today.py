"""Today: pages and minutes against the goals, the streak, the books in hand with
their expected finish, where the current pace leads, and the yearly goal's pace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from compound.domain.days import format_duration
from compound.domain.records import Book
from compound.domain.status import TodayStatus
from compound.tui.screens.base import DataScreen
from compound.tui.widgets.meter import Meter
from compound.tui.words import book_progress, plural, short_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.domain.insight import Insight
    from compound.store.repository import Store


@dataclass(frozen=True, slots=True)
class TodayData:
    today: date
    pages: int
    minutes: int
    pages_goal: int | None
    minutes_goal: int | None
    streak: object  # current, longest, at_risk, met_today (a Streak or a HabitReport)
    reading: tuple[Book, ...]
    etas: dict[int, date] = field(default_factory=dict)
    insight: Insight | None = None  # None for a glance, before the store is open
    empty: bool = False  # nothing stored at all: the first run

    @classmethod
    def glanced(cls, status: TodayStatus) -> TodayData:
        return cls(status.today, status.pages, status.minutes, status.pages_goal,
                   status.minutes_goal, status.streak, status.reading)


class TodayScreen(DataScreen):
    MODE = "today"

    def body(self) -> ComposeResult:
        with VerticalScroll(id="today"):
            yield Static("Today", classes="section")
            yield Meter("Reading", "", None, id="pages")
            yield Meter("Learning", "", None, id="minutes")
            yield Static("", id="streak")
            yield Static("Being read", classes="section")
            yield VerticalScroll(id="reading")
            yield Static("The year ahead", classes="section")
            yield Static("", id="projection")
            yield Static("", id="goal-pace")
            yield Static("", id="hint")

    def show_glance(self, status: TodayStatus) -> None:
        """Figures read before the store opened; the store's own answer replaces them."""
        if not self.has_class("loaded"):
            self.show(TodayData.glanced(status))
        self.call_after_refresh(self.app.glance_shown.set)

    def read(self, store: Store, today: date) -> TodayData:
        from compound.domain.insight import analyse

        history = store.history_until(today)
        # Today shows no projection range, only the pace's year: a small fan will do
        # (the full one costs a quarter of a second; Stats draws it).
        found = analyse(history, week_starts_on=self.app.settings.week_starts_on, samples=50)
        empty = (found.first_day is None and not history.reading and not history.to_read
                 and not history.goals and not store.books())
        return TodayData(today, found.pages_today, found.minutes_today, found.daily_pages_goal,
                         found.daily_minutes_goal, found.streak, history.reading,
                         {eta.book.id: eta.eta for eta in found.books if eta.eta}, found, empty)

    def show(self, data: TodayData) -> None:
        pages_goal, minutes_goal = data.pages_goal, data.minutes_goal
        self.query_one("#pages", Meter).update(
            "Reading", _against(plural(data.pages, "page"), data.pages, pages_goal, str),
            data.pages / pages_goal if pages_goal else None)
        self.query_one("#minutes", Meter).update(
            "Learning", _against(format_duration(data.minutes), data.minutes, minutes_goal,
                                 format_duration),
            data.minutes / minutes_goal if minutes_goal else None)
        self.query_one("#streak", Static).update(_streak_line(data.streak))
        self._show_books(data)
        found = data.insight
        self.query_one("#projection", Static).update(_projection_line(found) if found else "…")
        self.query_one("#goal-pace", Static).update(
            _goal_line(found.goal_pace) if found and found.goal_pace else "")
        hint = ""
        if not data.pages and not data.minutes:
            hint = "Nothing logged today yet: p logs pages, l a learning session."
        self.query_one("#hint", Static).update(hint)
        if data.empty:
            self.app.show_welcome()

    def _show_books(self, data: TodayData) -> None:
        shelf = self.query_one("#reading", VerticalScroll)
        shelf.remove_children()
        if not data.reading:
            shelf.mount(Static("No book being read: 3 shows the shelves, a adds a book.",
                               classes="muted"))
            return
        width = min(max(cell_len(b.title) for b in data.reading) + 2, 30)
        figures = [_book_figure(b, data.etas.get(b.id), data.today) for b in data.reading]
        shelf.mount_all(
            Meter(book.title, figure, book.progress, label_width=width,
                  figure_width=max(map(cell_len, figures)))
            for book, figure in zip(data.reading, figures))


def _book_figure(book: Book, eta: date | None, today: date) -> str:
    figure = book_progress(book)
    return f"{figure} · ~{short_date(eta, today)}" if eta else figure


def _against(done_text: str, done: int, goal: int | None, unit) -> str:
    if not goal:
        return f"{done_text} (no daily goal)"
    mark = " ✓" if done >= goal else ""
    return f"{done_text} of {unit(goal)}{mark}"


def _streak_line(streak) -> str:
    if not streak.current:
        best = f" · best {plural(streak.longest, 'day')}" if streak.longest else ""
        return f"[b]Streak[/b]    none yet today: a check-in starts one{best}"
    line = f"[b]Streak[/b]    🔥 {plural(streak.current, 'day')} · best {streak.longest}"
    if streak.at_risk:
        line += " · [b $warning]at risk[/]: check in today to keep it"
    elif streak.met_today:
        line += " · [b $success]today is done[/]"
    return line


def _projection_line(found: Insight) -> str:
    p = found.projection
    if found.first_day is None or p.pages_per_day == 0:
        return "Log some reading to see where your pace leads."
    pace = f"{p.pages_per_day:.0f}"
    return (f"At {pace} pages a day: about [b]{p.pages_per_year:,} pages[/b] — "
            f"[b]{p.books_low}–{p.books_high} books[/b] a year")


def _goal_line(pace) -> str:
    ahead = round(pace.ahead, 1)
    where = ("on pace" if ahead == 0 else
             f"{plural(abs(ahead), 'book')} {'ahead' if ahead > 0 else 'behind'}")
    line = f"{pace.finished} of {pace.goal} books this year: {where}"
    if pace.finished < pace.goal:
        line += f"; {pace.pages_per_day_needed:.0f} pages a day would make it"
    return line
