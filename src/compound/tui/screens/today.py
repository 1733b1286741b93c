"""Today: pages and minutes against the goals, the streak, the books in hand, and
where the current pace leads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from compound.domain.days import format_duration
from compound.domain.records import Book, Goal
from compound.domain.status import TodayStatus
from compound.tui.screens.base import DataScreen
from compound.tui.widgets.meter import Meter
from compound.tui.words import book_progress, plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.store.repository import Store


@dataclass(frozen=True, slots=True)
class TodayData:
    status: TodayStatus
    goals: tuple[Goal, ...]
    empty: bool  # nothing stored at all: the first run


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
            yield Static("", id="projection")
            yield Static("", id="goal-pace")
            yield Static("", id="hint")

    def show_glance(self, status: TodayStatus) -> None:
        """Figures read before the store opened; the store's own answer replaces them."""
        if not self.has_class("loaded"):
            self.show(TodayData(status, (), False))
        self.call_after_refresh(self.app.glance_shown.set)

    def read(self, store: Store, today: date) -> TodayData:
        status = store.status(today)
        goals = tuple(store.goals(today))
        empty = (not goals and not status.reading and status.streak.longest == 0
                 and not store.books() and not store.history(date(1, 1, 1), today))
        return TodayData(status, goals, empty)

    def show(self, data: TodayData) -> None:
        status = data.status
        pages_goal, minutes_goal = status.pages_goal, status.minutes_goal
        self.query_one("#pages", Meter).update(
            "Reading", _against(plural(status.pages, "page"), status.pages, pages_goal, str),
            status.pages / pages_goal if pages_goal else None)
        self.query_one("#minutes", Meter).update(
            "Learning", _against(format_duration(status.minutes), status.minutes,
                                 minutes_goal, format_duration),
            status.minutes / minutes_goal if minutes_goal else None)
        self.query_one("#streak", Static).update(_streak_line(status))
        self._show_books(status.reading)
        hint = ""
        if not status.pages and not status.minutes:
            hint = "Nothing logged today yet: p logs pages, l a learning session."
        self.query_one("#hint", Static).update(hint)
        if data.empty:
            self.app.show_welcome()

    def _show_books(self, reading: tuple[Book, ...]) -> None:
        shelf = self.query_one("#reading", VerticalScroll)
        shelf.remove_children()
        if not reading:
            shelf.mount(Static("No book being read: 3 opens the books, a adds one.",
                               classes="muted"))
            return
        shelf.mount_all(Meter(book.title, book_progress(book), book.progress, label_width=26)
                        for book in reading)


def _against(done_text: str, done: int, goal: int | None, unit) -> str:
    if not goal:
        return f"{done_text} (no daily goal)"
    mark = " ✓" if done >= goal else ""
    return f"{done_text} of {unit(goal)}{mark}"


def _streak_line(status: TodayStatus) -> str:
    streak = status.streak
    days = plural(streak.current, "day")
    line = f"[b]Streak[/b]    🔥 {days} · best {streak.longest}"
    if streak.at_risk:
        line += " · [b $warning]at risk[/]: check in today to keep it"
    elif streak.met_today:
        line += " · [b $success]today is done[/]"
    return line
