"""The insight engine: one person's history in, streaks, pace and the year ahead out.

Pure: it reads a History (per-day totals summed by the store) and computes the
rest, so `compound stats`, `compound project`, the charts and the app all show the
same numbers. Today's own figures come from domain/today.py, the same ones
`compound status` shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.habits import LEARNING_DAY, HabitReport, habits_of
from compound.domain.met import met_days
from compound.domain.projection import (
    PACE_WINDOW_DAYS,
    RANGE_WINDOW_DAYS,
    BookEta,
    GoalPace,
    Pace,
    Projection,
    TimePace,
    book_etas,
    last_counted_day,
    mean_per_day,
    pace_of,
    project,
    queue_days,
    window,
)
from compound.domain.projection import book_length as own_book_length
from compound.domain.streaks import Streak, week_start
from compound.domain.today import TodayFigures, today_figures
from compound.domain.totals import History

PERIODS = ("week", "month", "year", "all")


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    period: str
    first: date
    last: date
    pages: int
    minutes: int
    sessions: int
    reading_days: int  # days with any pages
    learning_days: int  # days that count for the streak (domain/met.py)


@dataclass(frozen=True, slots=True)
class Insight:
    today_figures: TodayFigures  # what `compound status` shows
    streak: HabitReport  # the learning-day habit
    habits: dict[str, HabitReport]
    pace: Pace
    projection: Projection
    books: tuple[BookEta, ...]  # the books being read, with their ETAs
    queue_days: int | None  # days the to-read shelf would take at the pace
    books_finished_this_year: int
    first_day: date | None  # the first day with an entry

    @property
    def today(self) -> date:
        return self.today_figures.today

    @property
    def goal_pace(self) -> GoalPace | None:
        """Where the yearly books goal stands (None without one)."""
        return self.today_figures.goal_pace


def analyse(
    history: History,
    *,
    week_starts_on: int = 0,
    growth: float | None = None,
    book_length: tuple[int, int] | None = None,
    samples: int = 1000,
) -> Insight:
    """Everything compound knows about one person's habits as of `history.today`.

    `growth` is a weekly rate for the "what if" projection (0.01: 1 % a week);
    `book_length` overrides the P25–P75 of the person's own finished books.
    """
    today, totals = history.today, history.totals
    first = totals.first_day
    pages = totals.pages
    pace = pace_of(pages, totals.session_minutes, today, first)
    length = book_length or own_book_length(history.finished_pages)
    counted = last_counted_day(pages, today)
    year_end = date(today.year, 12, 31)
    projection = project(
        pace.d30,
        length=length,
        recent=window(pages, today, RANGE_WINDOW_DAYS, first) if first else (),
        minutes_per_day=pace.minutes_per_day,
        read_this_year=sum(
            p for day, p in pages.items() if day.year == today.year and day <= today
        ),
        days_left_this_year=(year_end - counted).days,
        growth=growth,
        samples=samples,
    )
    # The met-day rule judges each day once, for the habits and today's streak alike.
    met = met_days(totals.rows(), history.goals)
    habits = habits_of(history, week_starts_on, met)
    days = habits[LEARNING_DAY]  # the one streak engine's count, which today shows too
    streak = Streak(days.current, days.longest, days.at_risk, days.met_today)
    return Insight(
        today_figures=today_figures(history, week_starts_on=week_starts_on, streak=streak),
        streak=habits[LEARNING_DAY],
        habits=habits,
        pace=pace,
        projection=projection,
        books=finishes(history, pace.d30),
        queue_days=queue_days(history.to_read, pace.d30),
        books_finished_this_year=history.finished_this_year,
        first_day=first,
    )


def finishes(history: History, pages_per_day: float | None = None) -> tuple[BookEta, ...]:
    """When each book being read would be finished at the pace (the 30-day one unless
    given), reading from the day after the last counted one."""
    today, pages = history.today, history.totals.pages
    if pages_per_day is None:
        pages_per_day = mean_per_day(pages, today, PACE_WINDOW_DAYS, history.totals.first_day)
    counted = last_counted_day(pages, today)
    timed = history.totals.timed_minutes
    by_time = TimePace(
        mean_per_day(timed, today, PACE_WINDOW_DAYS, history.totals.first_day),
        last_counted_day(timed, today) + timedelta(days=1),
    )
    return book_etas(history.reading, pages_per_day, today, counted + timedelta(days=1), by_time)


def period_bounds(
    period: str, today: date, first_day: date | None, week_starts_on: int = 0
) -> tuple[date, date]:
    """This week, month or year up to today, or everything since the first entry."""
    if period == "week":
        return week_start(today, week_starts_on), today
    if period == "month":
        return today.replace(day=1), today
    if period == "year":
        return date(today.year, 1, 1), today
    if period == "all":
        return min(first_day or today, today), today
    raise ValueError(f"unknown period {period!r}; periods are {', '.join(PERIODS)}")


def period_totals(history: History, period: str, week_starts_on: int = 0) -> PeriodTotals:
    """What was logged in `period` (see period_bounds)."""
    totals = history.totals
    first, last = period_bounds(period, history.today, totals.first_day, week_starts_on)

    def inside(by_day: Mapping[date, int]) -> dict[date, int]:
        return {day: value for day, value in by_day.items() if first <= day <= last and value}

    pages, sessions = inside(totals.pages), inside(totals.sessions)
    rows = [row for row in totals.rows() if first <= row[0] <= last]
    learning = met_days(rows, history.goals).learning_days
    return PeriodTotals(
        period=period,
        first=first,
        last=last,
        pages=sum(pages.values()),
        minutes=sum(inside(totals.session_minutes).values()),
        sessions=sum(sessions.values()),
        reading_days=len(totals.reading_days(first, last)),
        learning_days=len(learning),
    )
