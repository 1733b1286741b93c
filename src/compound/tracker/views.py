"""Views: what each screen and command shows, each read in one transaction.

A view reads what it needs from the store in one read-only transaction (one
moment of the database, even while other processes write) and computes every
figure with the domain, so the command line and the app show the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.goals import GoalChange
from compound.domain.records import Book, BookStatus, Entry, Skip
from compound.domain.today import TodayFigures
from compound.domain.totals import History

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.charts import ChartData
    from compound.domain.insight import Insight, PeriodTotals
    from compound.domain.milestones import Milestone
    from compound.domain.projection import BookEta, Projection
    from compound.domain.review import YearReview
    from compound.domain.series import Calendar, DailyPages
    from compound.tracker.core import Tracker

# A projection shown with no history of one's own uses this pace, as an example.
EXAMPLE_PACE = 25

# The days behind today that Today's strip shows, against the daily pages goal.
RECENT_DAYS = 14


@dataclass(frozen=True, slots=True)
class TodayView:
    """The app's Today: today's figures, the pace's year and the books' expected finish,
    the last days against the daily pages goal, this week so far, the next milestone."""

    figures: TodayFigures
    insight: Insight
    etas: dict[int, date]  # expected finish day, by book id, of the books being read
    empty: bool  # nothing stored at all: the first run
    # The last RECENT_DAYS days' pages, the daily goal due on each, and each met or a
    # day off by the one met-day rule.
    recent: DailyPages
    week: PeriodTotals  # this week up to today
    milestone: Milestone | None


@dataclass(frozen=True, slots=True)
class StatsView:
    history: History
    insight: Insight
    period: PeriodTotals
    minutes_by_kind: dict[str, int]  # over the learning chart's window


@dataclass(frozen=True, slots=True)
class BooksView:
    today: date
    books: tuple[Book, ...]  # being read first, then to read, finished, abandoned
    etas: dict[int, date]  # expected finish day, by book id, of the books being read


@dataclass(frozen=True, slots=True)
class EntriesView:
    today: date
    entries: tuple[Entry, ...]  # newest first
    # The calendar of the last DEFAULT_DAYS["calendar"] days, as `chart calendar`
    # draws it, when asked for.
    calendar: Calendar | None = None


@dataclass(frozen=True, slots=True)
class GoalsView:
    today: date
    goals: tuple[GoalChange, ...]  # the goal of each kind in force today
    skips: tuple[Skip, ...]


@dataclass(frozen=True, slots=True)
class ProjectionView:
    projection: Projection
    # "measured" (the last 30 days), "given", or an example: "example-new" (nothing
    # logged yet) or "example-idle" (nothing read in the last 30 days).
    source: str
    # Minutes read by time this year (pages unknown: an audiobook): not in the pages.
    timed_this_year: int = 0


class Views:
    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def _history(self, day: date) -> History:
        return self._tracker.store.history_until(day)

    def status(self, *, with_goal_pace: bool = True) -> TodayFigures:
        """Today's figures, as `compound status` and Today show them."""
        return self._tracker.day_figures(self._tracker.today(), with_goal_pace=with_goal_pace)

    def today(self, *, samples: int = 50) -> TodayView:
        """Today's screen. Its year at the pace shows no range: a small fan will do."""
        from compound.domain.insight import analyse, period_totals
        from compound.domain.milestones import next_milestone, previous_record
        from compound.domain.series import daily_pages

        with self._tracker.store.reading() as reading:
            history = reading.history(self._tracker.today())
            empty = history.totals.first_day is None and not history.goals and not reading.books()
        week_starts_on = self._tracker.settings.week_starts_on
        found = analyse(history, week_starts_on=week_starts_on, samples=samples)
        today = history.today
        recent = daily_pages(history, RECENT_DAYS)
        streak = found.streak
        milestone = next_milestone(
            today, found.books, streak.current, previous_record(streak.best, streak.current)
        )
        return TodayView(
            found.today_figures,
            found,
            _etas(found.books),
            empty,
            recent,
            period_totals(history, "week", week_starts_on),
            milestone,
        )

    def stats(self, period: str = "week", *, samples: int = 1000) -> StatsView:
        from compound.charts import DEFAULT_DAYS
        from compound.domain.insight import analyse, period_totals
        from compound.domain.series import window

        today = self._tracker.today()
        week_starts_on = self._tracker.settings.week_starts_on
        with self._tracker.store.reading() as reading:
            history = reading.history(today)
            by_kind = reading.minutes_by_kind(*window(today, DEFAULT_DAYS["sessions"]))
        return StatsView(
            history,
            analyse(history, week_starts_on=week_starts_on, samples=samples),
            period_totals(history, period, week_starts_on),
            by_kind,
        )

    def books(self, status: BookStatus | None = None) -> BooksView:
        """The shelves, with the expected finish of the books being read."""
        from compound.domain.insight import finishes

        today = self._tracker.today()
        with self._tracker.store.reading() as reading:
            history = reading.history(today)
            shelves = reading.books(status)
        # Only the expected finish days are shown: no habits, no projection.
        return BooksView(today, tuple(shelves), _etas(finishes(history)))

    def entries(
        self, days: int | None = None, *, since: date | None = None, calendar: bool = False
    ) -> EntriesView:
        """Entries of the last `days` days (or from `since`), newest first; with
        `calendar`, the calendar `chart calendar` draws by default, read with them."""
        today = self._tracker.today()
        first = since or today - timedelta(days=(days or 7) - 1)
        with self._tracker.store.reading() as reading:
            found = tuple(reading.entries(first, today))
            history = reading.history(today) if calendar else None
        if history is None:
            return EntriesView(today, found)
        from compound.charts import DEFAULT_DAYS
        from compound.domain.series import calendar as calendar_of

        return EntriesView(today, found, calendar_of(history, DEFAULT_DAYS["calendar"]))

    def goals(self, *, skips_since: date | None = None) -> GoalsView:
        """The goals in force today and the skip days from `skips_since` (else all)."""
        today = self._tracker.today()
        with self._tracker.store.reading() as reading:
            timeline = reading.goal_timeline()
            skips = reading.skips(skips_since)
        return GoalsView(today, timeline.in_force(today), tuple(skips))

    def projection(
        self,
        *,
        pages_per_day: float | None = None,
        growth: float | None = None,
        book_length: tuple[int, int] | None = None,
    ) -> ProjectionView:
        """Where a pace leads: the measured one (last 30 days), or `pages_per_day`; with
        no reading to measure, an example pace of 25 pages a day."""
        from compound.domain.insight import analyse
        from compound.domain.projection import book_length as own_length
        from compound.domain.projection import project

        history = self._history(self._tracker.today())
        timed = history.timed_this_year
        length = book_length or own_length(history.finished_pages)
        if pages_per_day is not None:
            given = project(pages_per_day, length=length, growth=growth)
            return ProjectionView(given, "given", timed)
        found = analyse(
            history,
            week_starts_on=self._tracker.settings.week_starts_on,
            growth=growth,
            book_length=book_length,
        )
        if found.first_day is None or found.projection.pages_per_day == 0:
            source = "example-new" if found.first_day is None else "example-idle"
            example = project(EXAMPLE_PACE, length=length, growth=growth)
            return ProjectionView(example, source, timed)
        return ProjectionView(found.projection, "measured", timed)

    def chart(self, kind: str, days: int | None = None) -> ChartData:
        """What the chart of `kind` draws, over its default days unless `days`."""
        from compound.charts import DEFAULT_DAYS, ChartData
        from compound.domain.series import window

        today = self._tracker.today()
        span = days or DEFAULT_DAYS.get(kind, 30)
        with self._tracker.store.reading() as reading:
            history = reading.history(today)
            by_kind = reading.minutes_by_kind(*window(today, span)) if kind == "sessions" else {}
        return ChartData(
            history, span, by_kind, week_starts_on=self._tracker.settings.week_starts_on
        )

    def review(self, year: int | str | None = None) -> YearReview:
        """The year in review (default: this year, so far), read in one transaction."""
        from compound.domain.records import ReadingLog
        from compound.domain.review import check_year, year_review

        today = self._tracker.today()
        chosen = check_year(year, today)
        with self._tracker.store.reading() as reading:
            history = reading.history(today)
            finished = reading.books(BookStatus.FINISHED)
            entries = reading.entries(date(chosen, 1, 1), min(date(chosen, 12, 31), today))
        logs = [entry for entry in entries if isinstance(entry, ReadingLog)]
        return year_review(
            chosen, history, finished, logs, week_starts_on=self._tracker.settings.week_starts_on
        )

    def books_in_hand(self) -> tuple[Book, ...]:
        """The books a check-in may go to: being read first, then to read (logging
        pages starts one). No expected finish days: a check-in does not show them."""
        with self._tracker.store.reading() as reading:
            return tuple(
                book
                for book in reading.books()
                if book.status in (BookStatus.READING, BookStatus.TO_READ)
            )


def _etas(books: tuple[BookEta, ...]) -> dict[int, date]:
    return {eta.book.id: eta.eta for eta in books if eta.eta}
