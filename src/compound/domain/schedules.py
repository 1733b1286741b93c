"""Which days a schedule names: RFC 5545 RRULEs expanded with dateutil.

Only domain/goals.py calls this module, and only when some goal carries a schedule,
which keeps dateutil off the shell-prompt path of `status --short` for everyone else.
"""

from __future__ import annotations

from collections.abc import Sequence
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


class DueDays:
    """Which days the goals' schedules require: every day but `not_due` (a set, so that
    a streak over ten years asks it a few thousand times at the cost of a lookup)."""

    __slots__ = ("not_due",)

    def __init__(self, not_due: frozenset[date]):
        self.not_due = not_due

    def __call__(self, day: date) -> bool:
        return day not in self.not_due


def due_test(spans: Sequence[tuple[date, date, str | None]]) -> DueDays:
    """Which days are due, from the (first, last, schedule) spans of the goals in force:
    a day inside a span is due when its schedule names it (no schedule, or an
    unreadable one: every day); a day outside every span is due. Where goals of
    several kinds are in force, a day any of them requires is due."""
    every_day: list[tuple[date, date]] = []  # spans of a goal without a schedule
    scheduled: set[date] = set()
    rules: list[tuple[date, date]] = []  # spans whose schedule could be read
    for first, last, schedule in spans:
        if schedule is None:
            every_day.append((first, last))
            continue
        try:
            scheduled |= expand(schedule, first, last)
        except ValueError:
            every_day.append((first, last))
        else:
            rules.append((first, last))
    not_due: set[date] = set()
    for first, last in rules:
        # Whole spans as sets, in C: ten years of a weekday rule are 3,650 days.
        off = _days(first, last) - scheduled
        for a, b in every_day:  # another kind's goal that asks for every day
            if a <= last and b >= first:
                off -= _days(max(a, first), min(b, last))
        not_due |= off
    return DueDays(frozenset(not_due))


def _days(first: date, last: date) -> set[date]:
    return set(map(date.fromordinal, range(first.toordinal(), last.toordinal() + 1)))
