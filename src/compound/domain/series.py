"""The numbers behind each chart, prepared from per-day totals (no plotting here).

Days without an entry count as 0 pages, as pace does: a chart that skipped them
would flatter the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from math import ceil

from compound.domain import projection
from compound.domain.met import pages_met
from compound.domain.records import GoalKind, SessionKind
from compound.domain.streaks import week_start
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
    # The daily pages goal asked of each day (None: not due, or no goal yet): the line.
    goals: tuple[int | None, ...]
    pace: float = 0.0  # pages a day over these days, as the pace counts them
    goal_since: date | None = None  # since when today's target has held, when within these days
    # The target in force each day, due or not: what a day is judged by (met.pages_met).
    targets: tuple[int | None, ...] = ()

    @property
    def any_reading(self) -> bool:
        return any(self.pages)

    @property
    def met(self) -> tuple[bool, ...]:
        """Each day met or not, by the one met-day rule (domain/met.py)."""
        return tuple(pages_met(p, t) for p, t in zip(self.pages, self.targets, strict=True))

    @property
    def off(self) -> tuple[bool, ...]:
        """Each day a day off: a goal is in force but does not ask for the day (its
        schedule gives it off, or it is a skip day)."""
        return tuple(t is not None and g is None for g, t in zip(self.goals, self.targets))


def _pages_and_targets(
    history: History, first: date, last: date
) -> tuple[list[date], list[int], list[int | None], list[int | None]]:
    """Each day's pages, the daily pages target it is due to meet (None: none), and
    the target in force on it, due or not."""
    span = _days(first, last)
    pages = history.totals.pages
    # A scheduled goal (weekdays only, say) asks nothing of the other days, nor does
    # any goal of a skip day: the streak excuses both.
    due = history.goals.due(history.today, (GoalKind.DAILY_PAGES,))
    skips = history.skips
    target = history.goals.targets(GoalKind.DAILY_PAGES)
    targets = [target(day) for day in span]
    return (
        span,
        [pages.get(day, 0) for day in span],
        [
            t if (due is None or due(day)) and day not in skips else None
            for day, t in zip(span, targets)
        ],
        targets,
    )


def daily_pages(history: History, days: int) -> DailyPages:
    """Pages on each of the last `days` days, and the daily goal in force on each."""
    first, last = window(history.today, days)
    span, pages, goals, targets = _pages_and_targets(history, first, last)
    since = _target_since(history, last)
    return DailyPages(
        days=tuple(span),
        pages=tuple(pages),
        goals=tuple(goals),
        pace=projection.mean_per_day(
            history.totals.pages, history.today, days, history.totals.first_day
        ),
        goal_since=since if since is not None and first < since <= last else None,
        targets=tuple(targets),
    )


def _target_since(history: History, day: date) -> date | None:
    """The first day of the run of daily pages goals, up to `day`, with `day`'s target."""
    in_force = [c for c in history.goals.history(GoalKind.DAILY_PAGES) if c.since <= day]
    if not in_force:
        return None
    run = in_force[-1]
    for change in reversed(in_force[:-1]):  # a new schedule for the same target is one run
        if change.target != run.target:
            break
        run = change
    return run.since


@dataclass(frozen=True, slots=True)
class WeeklyPages:
    """Pages a week, each week against the daily goals of its due days added up."""

    weeks: tuple[date, ...]  # each week's first day, oldest first; the last holds today
    pages: tuple[int, ...]
    goals: tuple[int | None, ...]  # the week's due days' daily targets added up (None: none)

    @property
    def met(self) -> tuple[bool, ...]:
        """Each week met or not: its pages reach its goal (any page without one)."""
        return tuple(pages_met(p, g) for p, g in zip(self.pages, self.goals, strict=True))


def weekly_pages(history: History, days: int, week_starts_on: int = 0) -> WeeklyPages:
    """The whole weeks holding the last `days` days, the current one up to today.

    A week's goal is the daily pages targets in force on its due days, added up: a goal
    set mid-week asks for its days only, and the current week for its days so far.
    """
    first, last = window(history.today, days)
    start = week_start(first, week_starts_on)
    span, pages, goals, _ = _pages_and_targets(history, start, last)
    weeks, week_pages, week_goals = [], [], []
    for n in range(0, len(span), 7):
        targets = [g for g in goals[n : n + 7] if g is not None]
        weeks.append(span[n])
        week_pages.append(sum(pages[n : n + 7]))
        week_goals.append(sum(targets) if targets else None)
    return WeeklyPages(tuple(weeks), tuple(week_pages), tuple(week_goals))


@dataclass(frozen=True, slots=True)
class YearToDate:
    """This year's pages, added up day by day, against the goal's line on the same days."""

    days: tuple[date, ...]  # 1 January to today
    pages: tuple[int, ...]  # pages read from 1 January to each day
    goal: tuple[float, ...] | None  # where the goal says the total should be each day
    goal_for_year: int | None  # where the goal line ends on 31 December
    basis: str | None  # how the goal line was made, in words
    # The same line on every day of the year, 1 January to 31 December (`goal` is its
    # start): the year ahead draws it on to the end.
    goal_through_year: tuple[float, ...] | None


def book_length(finished_pages: tuple[int, ...]) -> int:
    """Pages in a typical book: the middle of the projection's book length range (the
    P25–P75 of the person's finished books once there are 5, else 225–300)."""
    low, high = projection.book_length(finished_pages)
    return round((low + high) / 2)


def year_to_date(history: History) -> YearToDate:
    """Cumulative pages this year and the goal's line, to today and on to 31 December.

    A yearly books goal in force today wins: its books expected by each day (from the
    day it was set; see projection.goal_pace) × the book length. Otherwise the daily
    pages goals added up day by day (straight while the goal does not change); the days
    ahead ask for the goal in force today. No goal: no line.
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
    line: list[float] | None = None
    basis = None
    if books:
        length = book_length(history.finished_pages)
        start, shares = projection.yearly_shares(goals, today)
        line = [0.0] * (start - first).days
        running = 0.0
        for share in shares:
            running += share * length
            line.append(running)
        basis = f"{books} books × {length} pages"
    elif goals.target_on(GoalKind.DAILY_PAGES, today):
        due = goals.due(last, (GoalKind.DAILY_PAGES,))
        target = goals.targets(GoalKind.DAILY_PAGES, 0)
        per_day = goals.target_on(GoalKind.DAILY_PAGES, today) or 0
        running_pages, line = 0, []
        for day in _days(first, last):
            if due is None or due(day):
                running_pages += (target(day) or 0) if day <= today else per_day
            line.append(float(running_pages))
        basis = f"{per_day} pages a day"
    return YearToDate(
        days=tuple(span),
        pages=tuple(pages),
        goal=tuple(line[: len(span)]) if line else None,
        goal_for_year=round(line[-1]) if line else None,
        basis=basis,
        goal_through_year=tuple(line) if line else None,
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


class DayMark(Enum):
    """What a calendar day is, before any shading."""

    OUTSIDE = "outside"  # before the window or after today: no cell
    READ = "read"  # pages were read: shaded by level
    SKIP = "skip"  # a skip day with nothing read
    NOT_DUE = "not due"  # the daily pages goal's schedule gave it the day off
    NOTHING = "nothing read"  # a due day with nothing read


@dataclass(frozen=True, slots=True)
class CalendarCell:
    day: date
    pages: int
    level: int  # 0 (nothing read) to 4; see `calendar`
    mark: DayMark


@dataclass(frozen=True, slots=True)
class Calendar:
    first: date  # a Monday: the calendar is whole weeks
    start: date  # the first day of the window; the days before it are OUTSIDE
    last: date  # today; the days after it, to Sunday, are OUTSIDE
    cells: tuple[CalendarCell, ...]  # every day from `first` to the Sunday of `last`'s week
    limits: tuple[int, ...]  # the most pages of levels 1, 2 and 3 on days without a goal
    goals: tuple[int, ...]  # the daily pages targets in force in the window, in order

    @property
    def weeks(self) -> int:
        return len(self.cells) // 7

    @property
    def any_reading(self) -> bool:
        return any(cell.pages for cell in self.cells)


def calendar(history: History, days: int = 365) -> Calendar:
    """One cell a day for the whole weeks that hold the last `days` days: the one rule
    by which the command line and the app shade a day.

    A day with pages read is shaded at a level from 1 to 4, whatever else it is: level
    = 1 + how many of three limits its pages exceed.

    - With a daily pages target `t` in force that day, the limits are its thirds
      (`goal_limits`): 1 under a third, 2 under two thirds, 3 under the target, 4 the
      target reached, which is a met day as domain/met.py judges it (pages ≥ target).
      Each day is judged by the target in force then, as a streak is.
    - Without one, the limits are the nearest-rank quartiles of the pages of the
      window's reading days without a target, as a contribution calendar does, so they
      suit a light reader and a heavy one alike.

    A day with nothing read is a skip day, or a day not due (a scheduled daily pages
    goal gives it the day off), or else simply nothing read (level 0). The days of the
    first and last weeks outside the window are OUTSIDE.
    """
    start, today = window(history.today, days)
    first = start - timedelta(days=start.weekday())
    end = today + timedelta(days=6 - today.weekday())
    span, pages, asked, targets = _pages_and_targets(history, start, today)
    free = sorted(p for p, t in zip(pages, targets) if not t and p > 0)
    limits = tuple(_rank(free, share) for share in (0.25, 0.5, 0.75)) if free else ()
    goals: list[int] = []
    for t in targets:
        if t and (not goals or goals[-1] != t):
            goals.append(t)
    in_window = {day: (p, a, t) for day, p, a, t in zip(span, pages, asked, targets)}
    cells = []
    for day in _days(first, end):
        if day not in in_window:
            cells.append(CalendarCell(day, 0, 0, DayMark.OUTSIDE))
            continue
        read, asked_for, t = in_window[day]
        if read > 0:
            level = _level(read, goal_limits(t) if t else limits)
            cells.append(CalendarCell(day, read, level, DayMark.READ))
        elif day in history.skips:
            cells.append(CalendarCell(day, 0, 0, DayMark.SKIP))
        elif t is not None and asked_for is None:  # the goal's schedule gave it off
            cells.append(CalendarCell(day, 0, 0, DayMark.NOT_DUE))
        else:
            cells.append(CalendarCell(day, 0, 0, DayMark.NOTHING))
    return Calendar(
        first=first, start=start, last=today, cells=tuple(cells), limits=limits, goals=tuple(goals)
    )


def goal_limits(target: int) -> tuple[int, int, int]:
    """The most pages of levels 1, 2 and 3 against a daily target: under a third of it,
    under two thirds, under all of it (25: 8, 16 and 24)."""
    return (target - 1) // 3, (2 * target - 1) // 3, target - 1


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


@dataclass(frozen=True, slots=True)
class Years:
    """Each calendar year of a reader's whole record, oldest first, up to this year."""

    years: tuple[int, ...]
    books: tuple[int, ...]  # books finished in the year, whatever they came from
    pages: tuple[int, ...]  # pages logged on the year's days
    minutes: tuple[int, ...]  # minutes read by time, with no pages (an audiobook)

    @property
    def any_reading(self) -> bool:
        return any(self.books) or any(self.pages) or any(self.minutes)


def years(history: History) -> Years:
    """Books finished, pages read and minutes read by time (reading logs without pages:
    an audiobook) in each year, from the first year with any of them to this year; the
    years between with nothing are zeros, not gaps.

    An imported library counts as it was lived: a book finished in 2014 counts in 2014,
    whichever tool it came from. Days after today (a finish dated ahead) count nowhere.
    """
    today = history.today

    def by_year(amounts: Iterable[tuple[date, int]]) -> dict[int, int]:
        totals: dict[int, int] = {}
        for day, amount in amounts:
            if day <= today and amount:
                totals[day.year] = totals.get(day.year, 0) + amount
        return totals

    books = by_year((day, 1) for day in history.finished_days)
    pages = by_year(history.totals.pages.items())
    minutes = by_year(history.totals.timed_minutes.items())
    seen = [*books, *pages, *minutes]
    span = range(min(seen), today.year + 1) if seen else range(0)
    return Years(
        years=tuple(span),
        books=tuple(books.get(year, 0) for year in span),
        pages=tuple(pages.get(year, 0) for year in span),
        minutes=tuple(minutes.get(year, 0) for year in span),
    )
