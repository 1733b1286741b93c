"""Which days a goal requires: its RRULE schedule, expanded from the goal's `since`.

A goal without a schedule requires every day; so does a day with no goal in force.
dateutil.rrule is imported only when some goal carries a schedule, which keeps the
shell-prompt path of `status --short` free of it for everyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

from compound.domain.records import GoalKind
from compound.domain.status import GoalChange

DAILY_KINDS = (GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES)


@lru_cache(maxsize=32)  # the learning day and reading habits expand the same rules
def expand(rule: str, first: date, last: date) -> frozenset[date]:
    """The days from `first` to `last` (inclusive) that `rule` names, counted from `first`.

    A rule dateutil cannot read names no days, and the caller then treats its span
    as unscheduled: a damaged row must not take the streak down with it.
    """
    from dateutil.rrule import rrulestr

    if last < first:
        return frozenset()
    start = datetime(first.year, first.month, first.day)
    end = datetime(last.year, last.month, last.day)
    try:
        return frozenset(moment.date()
                         for moment in rrulestr(rule, dtstart=start).between(start, end, inc=True))
    except (ValueError, TypeError, OverflowError):
        raise ValueError(f"unreadable schedule {rule!r}") from None


def _spans(changes: Sequence[GoalChange], kind: GoalKind,
           until: date) -> list[tuple[date, date, str | None]]:
    """(first, last, schedule) of each goal of `kind` while it was in force, up to `until`."""
    timeline = sorted((c for c in changes if c.kind == kind), key=lambda c: c.since)
    spans = []
    for change, following in zip(timeline, [*timeline[1:], None]):
        last = following.since - timedelta(days=1) if following else until
        if change.since <= min(last, until):
            spans.append((change.since, min(last, until), change.schedule))
    return spans


def due_days(changes: Sequence[GoalChange], until: date,
             kinds: Collection[GoalKind] = DAILY_KINDS) -> Callable[[date], bool] | None:
    """A test for "does a goal of `kinds` require this day?", or None when every day is due.

    Where several kinds are in force, a day is due when any of them requires it:
    with reading on weekdays and learning every day, each day is a learning day.
    """
    spans = [span for kind in kinds for span in _spans(changes, kind, until)]
    if not any(schedule for _first, _last, schedule in spans):
        return None
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
        in_force = False
        for first, last in covered:
            if first <= day <= last:
                in_force = True
                break
        if not in_force:
            return True  # no goal yet (or any more): every day counts
        return any(first <= day <= last for first, last in every_day)

    return due
