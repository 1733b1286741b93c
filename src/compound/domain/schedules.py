"""Which days a schedule names: RFC 5545 RRULEs expanded with dateutil.

Only domain/goals.py calls this module, and only when some goal carries a schedule,
which keeps dateutil off the shell-prompt path of `status --short` for everyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import lru_cache

@lru_cache(maxsize=32)  # the learning day and reading habits expand the same rules
def expand(rule: str, first: date, last: date) -> frozenset[date]:
    """The days from `first` to `last` (inclusive) that `rule` names, counted from `first`.

    A rule dateutil cannot read raises ValueError; callers then treat its span as
    unscheduled: a damaged row must not take the streak down with it.
    """
    from dateutil.rrule import rrulestr

    if last < first:
        return frozenset()
    start = datetime(first.year, first.month, first.day)
    end = datetime(last.year, last.month, last.day)
    try:
        return frozenset(
            moment.date() for moment in rrulestr(rule, dtstart=start).between(start, end, inc=True)
        )
    except (ValueError, TypeError, OverflowError):
        raise ValueError(f"unreadable schedule {rule!r}") from None


def due_test(spans: Sequence[tuple[date, date, str | None]]) -> Callable[[date], bool]:
    """A test for "is this day due?" from the (first, last, schedule) spans of the goals
    in force: a day inside a span is due when its schedule names it (no schedule, or
    an unreadable one: every day); a day outside every span is due."""
    covered: list[tuple[date, date]] = []  # spans in which some goal is in force
    every_day: list[tuple[date, date]] = []  # spans of a goal without a schedule
    scheduled: set[date] = set()
    for first, last, schedule in spans:
        covered.append((first, last))
        if schedule is None:
            every_day.append((first, last))
            continue
        try:
            scheduled |= expand(schedule, first, last)
        except ValueError:
            every_day.append((first, last))

    def due(day: date) -> bool:
        if day in scheduled:
            return True
        if not any(first <= day <= last for first, last in covered):
            return True  # no goal yet (or any more): every day counts
        return any(first <= day <= last for first, last in every_day)

    return due
