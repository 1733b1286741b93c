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

DAYS_A_YEAR = 365
# Until a person has finished enough books of known length, assume a usual novel.
DEFAULT_BOOK_LENGTH = (225, 300)
BOOKS_FOR_OWN_LENGTH = 5
RANGE_WINDOW_DAYS = 90  # the recent days whose variability the range resamples


def fan(recent_daily_pages: Sequence[int], horizon_days: int, *, samples: int = 1000,
        seed: int = 0) -> list[tuple[float, float, float]]:
    """(P10, P50, P90) of cumulative pages on each day 1..horizon_days ahead.

    A bootstrap: each simulated future draws every day's pages at random (with
    replacement) from `recent_daily_pages`, so the spread reflects the person's own
    good and bad days. Seeded, so the same history always gives the same fan.
    """
    if horizon_days <= 0:
        return []
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if not recent_daily_pages:
        return [(0.0, 0.0, 0.0)] * horizon_days
    rng = random.Random(seed)
    population = list(recent_daily_pages)
    # One flat draw for all futures is several times faster than one call per future.
    draws = rng.choices(population, k=samples * horizon_days)
    futures = [list(accumulate(draws[start:start + horizon_days]))
               for start in range(0, samples * horizon_days, horizon_days)]
    points = []
    for day_values in zip(*futures):
        ordered = sorted(day_values)
        points.append((quantile(ordered, 0.10), quantile(ordered, 0.50), quantile(ordered, 0.90)))
    return points


def quantile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile of already sorted values, interpolating between neighbours."""
    if not ordered:
        raise ValueError("no values")
    position = q * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def fan_method(window_days: int, samples: int, seed: int) -> str:
    """The one line that says how the range was made."""
    return (f"Range: P10–P90 of {samples:,} simulated years, each day's pages drawn at random "
            f"from your last {window_days} days (seed {seed}).")


# -- pace ---------------------------------------------------------------------------

def last_counted_day(by_day: Mapping[date, int], today: date) -> date:
    """Today once something is logged for it, else yesterday: an open day is not a 0 yet."""
    return today if by_day.get(today, 0) else today - timedelta(days=1)


def window(by_day: Mapping[date, int], today: date, days: int,
           first_day: date | None = None) -> list[int]:
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


def mean_per_day(by_day: Mapping[date, int], today: date, days: int,
                 first_day: date | None = None) -> float:
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
