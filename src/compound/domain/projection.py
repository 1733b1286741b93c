"""Where small daily amounts lead: pace, the year ahead, book counts, and their range.

Everything is computed from per-day totals. Pace is a trailing mean in which days
without reading count as 0, so a pause shows in the pace instead of hiding in it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from compound.domain.goals import GoalTimeline
from compound.domain.records import Book, GoalKind

DAYS_A_YEAR = 365
# Until a person has finished enough books of known length, assume a usual novel.
DEFAULT_BOOK_LENGTH = (225, 300)
BOOKS_FOR_OWN_LENGTH = 5
PACE_WINDOW_DAYS = 30  # the pace is the mean of these last days (DESIGN.md)
# The range resamples the same days the pace is the mean of, so it is the spread
# around the projected point. From a longer window, a reader who sped up (or slowed
# down) saw a range lying wholly below (or above) the point.
RANGE_WINDOW_DAYS = PACE_WINDOW_DAYS
# A pace measured over fewer days than this is a rough guess, and says so.
ROUGH_BELOW_DAYS = 14


def fan(
    recent_daily_pages: Sequence[int], horizon_days: int, *, samples: int = 1000, seed: int = 0
) -> list[tuple[float, float, float]]:
    """(P10, P50, P90) of cumulative pages on each day 1..horizon_days ahead.

    A bootstrap: each simulated future draws every day's pages at random (with
    replacement) from `recent_daily_pages`, so the spread reflects the person's own
    good and bad days. Seeded, so the same history always gives the same fan.
    """
    if horizon_days <= 0:
        return []
    draws = _futures(recent_daily_pages, horizon_days, samples, seed)
    if draws is None:
        return [(0.0, 0.0, 0.0)] * horizon_days
    paths = (
        accumulate(draws[start : start + horizon_days])
        for start in range(0, len(draws), horizon_days)
    )
    return [_deciles(sorted(day_values)) for day_values in zip(*paths)]


def fan_at(
    recent_daily_pages: Sequence[int],
    horizon_days: int,
    days: Sequence[int],
    *,
    samples: int = 1000,
    seed: int = 0,
) -> list[tuple[float, float, float]]:
    """fan(...)[day - 1] for each of `days` (1..horizon_days), without the days between."""
    if any(not 1 <= day <= horizon_days for day in days):
        raise ValueError("each day must lie within the horizon")
    draws = _futures(recent_daily_pages, horizon_days, samples, seed)
    if draws is None:
        return [(0.0, 0.0, 0.0)] * len(days)
    starts = range(0, len(draws), horizon_days)
    return [_deciles(sorted(sum(draws[start : start + day]) for start in starts)) for day in days]


def _futures(
    recent: Sequence[int], horizon_days: int, samples: int, seed: int
) -> Sequence[int] | None:
    """`samples` simulated futures of `horizon_days` daily pages each, one after the
    other in one list; None without data."""
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if not recent:
        return None
    return _draw(random.Random(seed), list(recent), samples * horizon_days)


def _draw(rng: random.Random, population: list[int], count: int) -> Sequence[int]:
    """`count` values drawn uniformly, with replacement, from `population`.

    A year of 1,000 futures is 365,000 draws; random.choices makes one Python call
    per draw. With at most 256 values (the range resamples 30 days) one random byte
    picks each: bytes that would favour some values are dropped (rejection), the
    rest map to an index, all in C. When every value fits in a byte (fewer than 256
    pages a day, nearly always), the values stay bytes too: summing a future's days
    is then one C loop, with no Python int made per draw.
    """
    size = len(population)
    if size > 256:
        return rng.choices(population, k=count)
    limit = 256 - 256 % size
    index_of = bytes(b % size if b < limit else 0 for b in range(256))
    unfair = bytes(range(limit, 256))
    picked = bytearray()
    while len(picked) < count:
        wanted = count - len(picked)
        picked += rng.randbytes(wanted * 256 // limit + 64).translate(index_of, unfair)
    if 0 <= min(population) and max(population) < 256:
        return bytes(picked[:count]).translate(bytes(population) + bytes(256 - size))
    return list(map(population.__getitem__, picked[:count]))


def _deciles(ordered: Sequence[float]) -> tuple[float, float, float]:
    return quantile(ordered, 0.10), quantile(ordered, 0.50), quantile(ordered, 0.90)


def quantile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of already sorted values, interpolating between neighbours."""
    if not ordered:
        raise ValueError("no values")
    position = q * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


# -- pace ---------------------------------------------------------------------------


def last_counted_day(by_day: Mapping[date, int], today: date) -> date:
    """Today once something is logged for it, else yesterday: an open day is not a 0 yet."""
    return today if by_day.get(today, 0) else today - timedelta(days=1)


def window(
    by_day: Mapping[date, int], today: date, days: int, first_day: date | None = None
) -> list[int]:
    """The daily values of the last `days` counted days, 0 where nothing was logged.

    Starts no earlier than `first_day` (the first entry), so someone who began a week
    ago is not measured as if they had read nothing for the three weeks before.
    """
    last = last_counted_day(by_day, today)
    start = last - timedelta(days=days - 1)
    if first_day is not None and first_day > start:
        start = first_day
    count = (last - start).days + 1
    return [by_day.get(start + timedelta(days=i), 0) for i in range(max(count, 0))]


def mean_per_day(
    by_day: Mapping[date, int], today: date, days: int, first_day: date | None = None
) -> float:
    """The trailing mean over `days` days, days without entries counting as 0."""
    values = window(by_day, today, days, first_day)
    return sum(values) / len(values) if values else 0.0


# -- book length and book counts -----------------------------------------------------


def book_length(finished_pages: Sequence[int]) -> tuple[int, int]:
    """The middle half (P25–P75) of the person's finished books, or 225–300 pages."""
    known = sorted(p for p in finished_pages if p and p > 0)
    if len(known) < BOOKS_FOR_OWN_LENGTH:
        return DEFAULT_BOOK_LENGTH
    low, high = round(quantile(known, 0.25)), round(quantile(known, 0.75))
    return max(low, 1), max(high, 1)


def books_range(pages: float, length: tuple[int, int]) -> tuple[int, int]:
    """Whole books (rounded down) that `pages` make: long books give the low count."""
    low_length, high_length = length
    return math.floor(pages / high_length + 1e-9), math.floor(pages / low_length + 1e-9)


# -- the year ahead -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pace:
    """Trailing means per day over the last 7, 30 and 90 days (no entry counts as 0).

    `d30` is *the* pace: what every surface means by "pages a day".
    """

    d7: float
    d30: float
    d90: float
    minutes_per_day: float  # learning minutes, over the last 30 days


def pace_of(
    pages: Mapping[date, int], minutes: Mapping[date, int], today: date, first_day: date | None
) -> Pace:
    """The pace as of `today`: trailing means from the last counted day, days without
    entries counting as 0, starting no earlier than the first entry."""
    return Pace(
        d7=mean_per_day(pages, today, 7, first_day),
        d30=mean_per_day(pages, today, PACE_WINDOW_DAYS, first_day),
        d90=mean_per_day(pages, today, 90, first_day),
        minutes_per_day=mean_per_day(minutes, today, PACE_WINDOW_DAYS, first_day),
    )


@dataclass(frozen=True, slots=True)
class Growth:
    """A "what if": the pace grows by `per_week` (0.01 is 1 %) every week for a year."""

    per_week: float
    pages_per_year: int
    books_low: int
    books_high: int
    pages_per_day_at_end: float


@dataclass(frozen=True, slots=True)
class Projection:
    pages_per_day: float
    pages_per_year: int
    books_low: int
    books_high: int
    book_length: tuple[int, int]
    range_low: int  # P10 of the year's pages, from the person's own variability
    range_high: int  # P90
    range_days: int  # the recent days resampled for the range (0: no range)
    samples: int  # simulated years behind the range
    seed: int
    measured: bool  # the pace was measured from the person's days (not given)
    learning_hours_per_year: float
    this_year_read: int  # pages read this year so far
    this_year_expected: int  # … plus the pace for the days left
    this_year_low: int
    this_year_high: int
    growth: Growth | None

    @property
    def days_measured(self) -> int:
        """The days a measured pace averages: the same recent days the range resamples."""
        return self.range_days

    @property
    def rough(self) -> bool:
        """Measured from too few days to be more than a rough guess."""
        return self.measured and self.days_measured < ROUGH_BELOW_DAYS


def grow(
    pages_per_day: float, per_week: float, length: tuple[int, int], days: int = DAYS_A_YEAR
) -> Growth:
    """The year's pages when the pace compounds by `per_week` each week (smoothly, daily)."""
    daily = (1 + per_week) ** (1 / 7)
    if abs(daily - 1) < 1e-12:
        total = pages_per_day * days
    else:  # a geometric series: pace · (1 + r + … + r^(days−1))
        total = pages_per_day * (daily**days - 1) / (daily - 1)
    low, high = books_range(total, length)
    return Growth(
        per_week=per_week,
        pages_per_year=round(total),
        books_low=low,
        books_high=high,
        pages_per_day_at_end=pages_per_day * daily ** (days - 1),
    )


def project(
    pages_per_day: float,
    *,
    length: tuple[int, int] = DEFAULT_BOOK_LENGTH,
    recent: Sequence[int] | None = None,
    minutes_per_day: float = 0.0,
    read_this_year: int = 0,
    days_left_this_year: int = 0,
    growth: float | None = None,
    samples: int = 1000,
    seed: int = 0,
) -> Projection:
    """A year at `pages_per_day`, with the P10–P90 range of resampling `recent` days.

    `recent` None means the pace was given rather than measured: no range then.
    """
    pages_per_year = round(pages_per_day * DAYS_A_YEAR)
    books_low, books_high = books_range(pages_per_year, length)
    if recent:
        horizon = max(DAYS_A_YEAR, days_left_this_year)
        at = [DAYS_A_YEAR, *([days_left_this_year] if days_left_this_year else [])]
        (low, _, high), *rest = fan_at(recent, horizon, at, samples=samples, seed=seed)
        rest_low, _, rest_high = rest[0] if rest else (0, 0, 0)
    else:
        low = high = pages_per_year
        rest_low = rest_high = pages_per_day * days_left_this_year
    return Projection(
        pages_per_day=pages_per_day,
        pages_per_year=pages_per_year,
        books_low=books_low,
        books_high=books_high,
        book_length=length,
        range_low=round(low),
        range_high=round(high),
        range_days=len(recent or ()),
        samples=samples,
        seed=seed,
        measured=recent is not None,
        learning_hours_per_year=minutes_per_day * DAYS_A_YEAR / 60,
        this_year_read=read_this_year,
        this_year_expected=read_this_year + round(pages_per_day * days_left_this_year),
        this_year_low=read_this_year + round(rest_low),
        this_year_high=read_this_year + round(rest_high),
        growth=grow(pages_per_day, growth, length) if growth is not None else None,
    )


def parse_growth(text: str) -> float:
    """A growth rate as people write it, as a fraction a week: "1%/week", "5%/month", "2%"."""
    import re

    match = re.fullmatch(
        r"\s*([+-]?\d+(?:\.\d+)?)\s*%\s*"
        r"(?:(?:/|a|per)\s*(day|week|month|year))?\s*",
        text or "",
        re.ASCII | re.IGNORECASE,
    )
    if not match:
        raise ValueError(f"growth {text!r} is not a rate like 1%/week or 5%/month")
    rate = float(match[1]) / 100
    weeks = {"day": 1 / 7, "week": 1, "month": 365 / 12 / 7, "year": 365 / 7}
    per = weeks[(match[2] or "week").lower()]
    if rate <= -1:
        raise ValueError(f"growth {text!r} would take the pace below nothing")
    weekly: float = (1 + rate) ** (1 / per) - 1
    if not -0.5 <= weekly <= 0.5:
        raise ValueError(f"growth {text!r} is more than 50% a week; is that a typo?")
    return weekly


# -- goal pace and ETAs -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalPace:
    """Where a yearly books goal stands, as a reading challenge shows it.

    A goal is judged from the day it was set: one set on 9 November asks, of this
    year, only its share of the days left (`year_goal`), and only books finished
    since count. A goal set before this year is judged from 1 January.
    """

    goal: int  # books a year, the target in force today
    since: date  # the first day of this year judged by a yearly goal
    year_goal: float  # books this year's goal asks for, prorated from `since`
    expected: float  # books expected by the end of today
    finished: int  # books finished from `since` to today
    ahead: float  # finished − expected; negative means behind
    pages_per_day_needed: float  # from today to the year's end, at the usual book length
    buffer_days: int  # days of reading nothing before falling behind

    @property
    def prorated(self) -> bool:
        """Judged from a day after 1 January."""
        return (self.since.month, self.since.day) != (1, 1)


def days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def yearly_shares(goals: GoalTimeline, today: date) -> tuple[date, list[float]]:
    """The first day of `today`'s year judged by a yearly books goal, and the books each
    day from it to 31 December asks for: its goal's 1/365th (the goal in force that
    day; for the days ahead, the one in force today). No goal: 1 January, no days."""
    first = date(today.year, 1, 1)
    year_days = days_in_year(today.year)
    target = goals.targets(GoalKind.YEARLY_BOOKS, 0)
    now = target(today) or 0
    start = None
    shares = []
    for n in range(year_days):
        day = first + timedelta(days=n)
        share = (target(day) if day <= today else now) or 0
        if start is None:
            if not share:
                continue
            start = day
        shares.append(share / year_days)
    return start or first, shares


def goal_pace(
    goals: GoalTimeline,
    finished_days: Sequence[date],
    today: date,
    length: tuple[int, int] = DEFAULT_BOOK_LENGTH,
) -> GoalPace | None:
    """Books ahead or behind the yearly goal in force today, and what it takes to make
    it; None without one.

    Each day of the year asks for its goal's 1/365th of a book (the goal in force that
    day; the one in force today for the days ahead), so a goal changed mid-year
    weighs each target by the days it held.
    """
    goal = goals.target_on(GoalKind.YEARLY_BOOKS, today)
    if not goal:
        return None
    start, shares = yearly_shares(goals, today)
    elapsed = (today - start).days + 1  # today included: expected by the day's end
    expected = sum(shares[:elapsed])
    year_goal = sum(shares)
    finished = sum(1 for day in finished_days if start <= day <= today)
    days_left = len(shares) - elapsed + 1  # today still counts for reading
    typical = (length[0] + length[1]) / 2
    buffer, running = 0, expected
    for share in shares[elapsed:]:
        running += share
        if running > finished + 1e-9:
            break
        buffer += 1
    return GoalPace(
        goal=goal,
        since=start,
        year_goal=year_goal,
        expected=expected,
        finished=finished,
        ahead=finished - expected,
        pages_per_day_needed=max(year_goal - finished, 0) * typical / days_left,
        buffer_days=buffer,
    )


@dataclass(frozen=True, slots=True)
class BookEta:
    book: Book
    pages_left: int | None
    eta: date | None  # None: the length is unknown or there is no pace
    days_left: int | None
    minutes_left: int | None = None  # an audiobook's, read by time


@dataclass(frozen=True, slots=True)
class TimePace:
    """The pace of reading by time (an audiobook), for the books measured in minutes:
    the 30-day mean of the minutes read where pages are unknown, from `first_day`."""

    minutes_per_day: float = 0.0
    first_day: date | None = None


def book_etas(
    books: Sequence[Book],
    pages_per_day: float,
    today: date,
    first_day: date,
    by_time: TimePace = TimePace(),
) -> tuple[BookEta, ...]:
    """When each book would be finished at the pace, reading from `first_day` on; an
    audiobook at the pace of reading by time, from `by_time.first_day` on.

    Each book is given the whole pace, as if it were the only one in hand.
    """
    found = []
    for book in books:
        if book.by_time:
            minutes = max((book.total_minutes or 0) - book.minutes_read, 0)
            rate, start = by_time.minutes_per_day, by_time.first_day or first_day
            left: int | None = minutes
        else:
            minutes, rate, start, left = None, pages_per_day, first_day, book.pages_left
        pages = None if book.by_time else left
        if left == 0:
            found.append(BookEta(book, pages, today, 0, minutes))
        elif left is None or rate <= 0:
            found.append(BookEta(book, pages, None, None, minutes))
        else:
            days = math.ceil(left / rate - 1e-9)
            found.append(BookEta(book, pages, start + timedelta(days=days - 1), days, minutes))
    return tuple(found)


def queue_days(books: Sequence[Book], pages_per_day: float) -> int | None:
    """Days the to-read shelf's known pages would take at the pace; None without either."""
    pages = sum(book.total_pages for book in books if book.total_pages)
    if not pages or pages_per_day <= 0:
        return None
    return math.ceil(pages / pages_per_day - 1e-9)
