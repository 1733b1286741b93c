"""The numbers behind each chart, prepared from per-day totals (no plotting here).

Days without an entry count as 0 pages, as pace does: a chart that skipped them
would flatter the record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from compound.domain import projection
from compound.domain.records import GoalKind, SessionKind
from compound.domain.totals import History

ONE_DAY = timedelta(days=1)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def window(today: date, days: int) -> tuple[date, date]:
    """The first and last day of the `days` days that end with `today`."""
    return today - timedelta(days=days - 1), today


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass(frozen=True, slots=True)
class DailyPages:
    days: tuple[date, ...]
    pages: tuple[int, ...]
    goals: tuple[int | None, ...]  # the daily pages goal in force each day (None: none set)
    pace: float = 0.0  # pages a day over these days, as the pace counts them

    @property
    def any_reading(self) -> bool:
        return any(self.pages)


def daily_pages(history: History, days: int) -> DailyPages:
    """Pages on each of the last `days` days, and the daily goal in force on each."""
    span = _days(*window(history.today, days))
    pages = history.totals.pages
    # A scheduled goal (weekdays only, say) asks nothing of the other days.
    due = history.goals.due(history.today, (GoalKind.DAILY_PAGES,))
    target = history.goals.targets(GoalKind.DAILY_PAGES)
    return DailyPages(
        days=tuple(span),
        pages=tuple(pages.get(day, 0) for day in span),
        goals=tuple(target(day) if due is None or due(day) else None for day in span),
        pace=projection.mean_per_day(pages, history.today, days, history.totals.first_day),
    )


@dataclass(frozen=True, slots=True)
class YearToDate:
    """This year's pages, added up day by day, against the goal's line on the same days."""

    days: tuple[date, ...]  # 1 January to today
    pages: tuple[int, ...]  # pages read from 1 January to each day
    goal: tuple[float, ...] | None  # where the goal says the total should be each day
    goal_for_year: int | None  # where the goal line ends on 31 December
    basis: str | None  # how the goal line was made, in words


def book_length(finished_pages: tuple[int, ...]) -> int:
    """Pages in a typical book: the middle of the projection's book length range (the
    P25–P75 of the person's finished books once there are 5, else 225–300)."""
    low, high = projection.book_length(finished_pages)
    return round((low + high) / 2)


def year_to_date(history: History) -> YearToDate:
    """Cumulative pages this year and the goal's line.

    A yearly books goal in force today wins: its books expected by each day (from the
    day it was set; see projection.goal_pace) × the book length. Otherwise the daily
    pages goals added up day by day (straight while the goal does not change). No goal:
    no line.
    """
    today = history.today
    first, last = date(today.year, 1, 1), date(today.year, 12, 31)
    span = _days(first, today)
    total, pages = 0, []
    for day in span:
        total += history.totals.pages.get(day, 0)
        pages.append(total)

    goals = history.goals
    books = goals.target_on(GoalKind.YEARLY_BOOKS, today)
    goal = goal_for_year = basis = None
    if books:
        length = book_length(history.finished_pages)
        start, shares = projection.yearly_shares(goals, today)
        skipped = (start - first).days
        line = [0.0] * skipped
        running = 0.0
        for share in shares[: len(span) - skipped]:
            running += share * length
            line.append(running)
        goal = tuple(line)
        goal_for_year = round(sum(shares) * length)
        basis = f"{books} books × {length} pages"
    elif goals.target_on(GoalKind.DAILY_PAGES, today):
        due = goals.due(last, (GoalKind.DAILY_PAGES,))
        target = goals.targets(GoalKind.DAILY_PAGES, 0)
        running, line = 0, []
        for day in span:
            if due is None or due(day):
                running += target(day) or 0
            line.append(float(running))
        goal = tuple(line)
        per_day = goals.target_on(GoalKind.DAILY_PAGES, today) or 0
        days_ahead = [today + timedelta(days=n) for n in range(1, (last - today).days + 1)]
        goal_for_year = running + per_day * sum(1 for day in days_ahead if due is None or due(day))
        basis = f"{per_day} pages a day"
    return YearToDate(
        days=tuple(span), pages=tuple(pages), goal=goal, goal_for_year=goal_for_year, basis=basis
    )


@dataclass(frozen=True, slots=True)
class WeekdayAverages:
    first: date
    last: date
    averages: tuple[float, ...]  # pages, Monday first; days without reading count as 0
    day_count: int  # how many days were averaged

    @property
    def whole_week(self) -> bool:
        """Every weekday was seen at least once."""
        return self.day_count >= 7


def weekday_averages(history: History, days: int) -> WeekdayAverages:
    """Average pages on each weekday over the last `days` days, from the first entry on
    (days before a person started are not days they skipped)."""
    first, last = window(history.today, days)
    started = history.totals.first_day
    if started is not None and started > first:
        first = min(started, last)
    sums, counts = [0] * 7, [0] * 7
    span = _days(first, last)
    for day in span:
        sums[day.weekday()] += history.totals.pages.get(day, 0)
        counts[day.weekday()] += 1
    return WeekdayAverages(
        first=first,
        last=last,
        averages=tuple(s / c if c else 0.0 for s, c in zip(sums, counts)),
        day_count=len(span) if started is not None else 0,
    )


def minutes_by_kind(by_kind: Mapping[str, int]) -> list[tuple[str, int]]:
    """Learning minutes per session kind, most first (ties in the kinds' usual order);
    kinds without minutes are left out."""
    order = {kind.value: n for n, kind in enumerate(SessionKind)}
    return sorted(
        ((kind, minutes) for kind, minutes in by_kind.items() if minutes > 0),
        key=lambda item: (-item[1], order.get(item[0], len(order)), item[0]),
    )


@dataclass(frozen=True, slots=True)
class CalendarCell:
    day: date
    pages: int
    level: int  # 0 (nothing read) to 4 (the busiest quarter of reading days)


@dataclass(frozen=True, slots=True)
class Calendar:
    first: date  # a Monday: the calendar is whole weeks
    last: date  # today
    cells: tuple[CalendarCell, ...]
    limits: tuple[int, ...]  # the most pages of levels 1, 2 and 3

    @property
    def weeks(self) -> int:
        return (self.last - self.first).days // 7 + 1

    @property
    def any_reading(self) -> bool:
        return any(cell.pages for cell in self.cells)


def calendar(history: History, days: int = 365) -> Calendar:
    """One cell a day for the weeks that hold the last `days` days, shaded by pages.

    The shades are the quarters of the reading days' pages in that span, as a
    contribution calendar does, so they suit a light reader and a heavy one alike.
    """
    start, today = window(history.today, days)
    first = start - timedelta(days=start.weekday())
    span = _days(first, today)
    pages = [history.totals.pages.get(day, 0) for day in span]
    read = sorted(p for p in pages if p > 0)
    limits = tuple(_rank(read, share) for share in (0.25, 0.5, 0.75)) if read else ()
    return Calendar(
        first=first,
        last=today,
        limits=limits,
        cells=tuple(CalendarCell(day, p, _level(p, limits)) for day, p in zip(span, pages)),
    )


def _rank(ordered: list[int], share: float) -> int:
    """The nearest-rank percentile: the smallest value with `share` of them at or below."""
    return ordered[max(ceil(share * len(ordered)), 1) - 1]


def _level(pages: int, limits: tuple[int, ...]) -> int:
    if pages <= 0:
        return 0
    return 1 + sum(pages > limit for limit in limits)


@dataclass(frozen=True, slots=True)
class YearAhead:
    """This year so far, and the range of where it ends, as `compound stats` reckons it."""

    days: tuple[date, ...]  # 1 January to 31 December
    read: tuple[int, ...]  # pages read from 1 January to each day up to the last counted one
    fan: tuple[tuple[float, float, float], ...]  # (P10, P50, P90) of the total on each later day
    recent_days: int  # how many recent days were resampled
    recent_pages: int  # and the pages read on them
    samples: int
    seed: int

    @property
    def enough(self) -> bool:
        """A week of recent days with some reading in it: less would be a guess."""
        return self.recent_days >= 7 and self.recent_pages > 0


def year_ahead(
    history: History,
    days: int = projection.RANGE_WINDOW_DAYS,
    *,
    samples: int = 1000,
    seed: int = 0,
) -> YearAhead:
    """Pages read so far this year, then the P10/P50/P90 fan of the total to 31 December,
    resampled from the last `days` counted days (from the first entry on)."""
    today, pages = history.today, history.totals.pages
    first_of_year, last_of_year = date(today.year, 1, 1), date(today.year, 12, 31)
    # Today counts once it has an entry: an open day is not a 0 yet.
    counted = projection.last_counted_day(pages, today)
    total, read = 0, []
    for day in _days(first_of_year, counted):
        total += pages.get(day, 0)
        read.append(total)
    first = history.totals.first_day
    recent = projection.window(pages, today, days, first) if first else []
    left = (last_of_year - counted).days
    # The same horizon and seed as the projection's own fan, so the chart's range on
    # 31 December is the one `compound stats` and `compound project` report.
    points = projection.fan(recent, max(projection.DAYS_A_YEAR, left), samples=samples, seed=seed)[
        :left
    ]
    return YearAhead(
        days=tuple(_days(first_of_year, last_of_year)),
        read=tuple(read),
        fan=tuple((total + p10, total + p50, total + p90) for p10, p50, p90 in points),
        recent_days=len(recent),
        recent_pages=sum(recent),
        samples=samples,
        seed=seed,
    )
