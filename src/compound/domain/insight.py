"""The insight engine: one person's history in, streaks, pace and the year ahead out.

Pure: it reads a History (per-day totals summed by the store) and computes the
rest, so `compound stats`, `compound project`, the charts and the TUI all show the
same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.habits import LEARNING_DAY, HabitReport, habits_of
from compound.domain.projection import (
    PACE_WINDOW_DAYS,
    RANGE_WINDOW_DAYS,
    BookEta,
    GoalPace,
    Pace,
    Projection,
    book_etas,
    book_length as own_book_length,
    goal_pace,
    last_counted_day,
    mean_per_day,
    project,
    queue_days,
    window,
)
from compound.domain.records import GoalKind
from compound.domain.status import target_on
from compound.domain.streaks import week_start
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
    learning_days: int  # days with any pages or sessions


@dataclass(frozen=True, slots=True)
class Insight:
    today: date
    pages_today: int
    minutes_today: int
    sessions_today: int
    daily_pages_goal: int | None
    daily_minutes_goal: int | None
    streak: HabitReport  # the learning-day habit
    habits: dict[str, HabitReport]
    pace: Pace
    projection: Projection
    goal_pace: GoalPace | None  # None without a yearly-books goal
    books: tuple[BookEta, ...]  # the books being read, with their ETAs
    queue_days: int | None  # days the to-read shelf would take at the pace
    books_finished_this_year: int
    first_day: date | None  # the first day with an entry


def analyse(history: History, *, week_starts_on: int = 0, growth: float | None = None,
            book_length: tuple[int, int] | None = None, samples: int = 1000) -> Insight:
    """Everything compound knows about one person's habits as of `history.today`.

    `growth` is a weekly rate for the "what if" projection (0.01: 1 % a week);
    `book_length` overrides the P25–P75 of the person's own finished books.
    """
    today, totals = history.today, history.totals
    first = totals.first_day
    pages, minutes = totals.pages, totals.session_minutes
    pace = Pace(d7=mean_per_day(pages, today, 7, first),
                d30=mean_per_day(pages, today, PACE_WINDOW_DAYS, first),
                d90=mean_per_day(pages, today, 90, first),
                minutes_per_day=mean_per_day(minutes, today, 30, first))
    length = book_length or own_book_length(history.finished_pages)
    counted = last_counted_day(pages, today)
    year_end = date(today.year, 12, 31)
    projection = project(
        pace.d30, length=length,
        recent=window(pages, today, RANGE_WINDOW_DAYS, first) if first else (),
        minutes_per_day=pace.minutes_per_day,
        read_this_year=sum(p for day, p in pages.items()
                           if day.year == today.year and day <= today),
        days_left_this_year=(year_end - counted).days, growth=growth, samples=samples)
    habits = habits_of(history, week_starts_on)
    books_goal = target_on(history.goals, GoalKind.YEARLY_BOOKS, today)
    return Insight(
        today=today, pages_today=pages.get(today, 0), minutes_today=minutes.get(today, 0),
        sessions_today=totals.sessions.get(today, 0),
        daily_pages_goal=target_on(history.goals, GoalKind.DAILY_PAGES, today),
        daily_minutes_goal=target_on(history.goals, GoalKind.DAILY_MINUTES, today),
        streak=habits[LEARNING_DAY], habits=habits, pace=pace, projection=projection,
        goal_pace=(goal_pace(books_goal, history.finished_this_year, today, length)
                   if books_goal else None),
        books=book_etas(history.reading, pace.d30, today, counted + timedelta(days=1)),
        queue_days=queue_days(history.to_read, pace.d30),
        books_finished_this_year=history.finished_this_year, first_day=first)


def period_bounds(period: str, today: date, first_day: date | None,
                  week_starts_on: int = 0) -> tuple[date, date]:
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

    def inside(by_day) -> dict[date, int]:
        return {day: value for day, value in by_day.items() if first <= day <= last and value}

    pages, sessions = inside(totals.pages), inside(totals.sessions)
    return PeriodTotals(period=period, first=first, last=last, pages=sum(pages.values()),
                        minutes=sum(inside(totals.session_minutes).values()),
                        sessions=sum(sessions.values()), reading_days=len(pages),
                        learning_days=len(pages.keys() | sessions.keys()))
