"""Streaks: consecutive due days (or weeks) on which the habit was met.

One engine counts daily streaks (daily_runs); weekly goals judge whole weeks
(judge_weeks, runs). Days the schedule does not require and planned skip days are
excused: they neither break nor lengthen a streak, even when something was logged
on them. Today (or the current week), while not yet met, is excused too: the day is
not over, so the streak is "at risk" rather than broken.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import namedtuple
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.schedules import DueDays

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)
BEST_COUNT = 5

# How each day (or week) is judged.
MET, MISSED, EXCUSED = "met", "missed", "excused"


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    longest: int
    at_risk: bool
    met_today: bool


TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    class Run(NamedTuple):
        """A streak with its dates: from the first met day (or week) to the last."""

        first: date
        last: date
        length: int

    class Judged(NamedTuple):
        """One day, or one week from `first` to `last`, and how it was judged."""

        first: date
        last: date
        mark: str

else:
    # collections' namedtuple rather than typing's: `status --short` never imports typing.
    Run = namedtuple("Run", "first last length")
    Run.__doc__ = "A streak with its dates: from the first met day (or week) to the last."

    Judged = namedtuple("Judged", "first last mark")
    Judged.__doc__ = "One day, or one week from `first` to `last`, and how it was judged."


def judge_days(
    met: Iterable[date],
    skipped: Iterable[date],
    today: date,
    *,
    since: date | None = None,
    due: DueDays | None = None,
) -> list[tuple[date, date, str]]:
    """Each day from `since` (default: the first met day) to today, judged, as
    (day, day, mark) tuples (the shape of Judged).

    `due` says which days the schedules require (None: every day).
    """
    met_days = {day for day in met if day <= today}
    first = since if since is not None else min(met_days, default=today)
    # Ten years are ~3,650 days per habit: build them in C (map), judge in one pass.
    days = list(map(date.fromordinal, range(first.toordinal(), today.toordinal() + 1)))
    excused = {day for day in skipped if first <= day <= today}
    if due is not None:
        excused.update(day for day in due.not_due if first <= day <= today)
    if today not in met_days:
        excused.add(today)  # not over yet: neither met nor missed
    return [
        (day, day, EXCUSED if day in excused else MET if day in met_days else MISSED)
        for day in days
    ]


def week_start(day: date, week_starts_on: int = 0) -> date:
    """The first day of `day`'s week; `week_starts_on` as date.weekday() (0 = Monday)."""
    return day - timedelta(days=(day.weekday() - week_starts_on) % 7)


def week_target(
    target: int | None, days: Sequence[date], skipped: Collection[date], since: date
) -> int:
    """A week's share of `target`: its days that are neither skipped nor before `since`,
    out of seven, rounded up."""
    if not target:
        return 0
    free = sum(1 for day in days if day not in skipped and day >= since)
    return -(-target * free // 7)  # ceiling division


def judge_weeks(
    amount_by_day: Mapping[date, int],
    target_for: Callable[[date], int | None],
    skipped: Iterable[date],
    today: date,
    *,
    since: date,
    week_starts_on: int = 0,
) -> list[Judged]:
    """Each week from the one holding `since` to the current one, judged against its target.

    `target_for(last_day)` is the weekly target in force at the week's end (None: no
    goal yet, so the week is excused). Skip days, and the days before `since` in its
    first week, lower a week's target in proportion, rounded up: a week of seven
    skip days asks for nothing and is excused. The current week is in progress: met
    once the target is reached, never missed.
    """
    # Ten years are 520 weeks: sum each week's amounts and count its skip days in one
    # pass over the days that have any, rather than look up seven days a week.
    first = week_start(since, week_starts_on).toordinal()
    last_day = today.toordinal()
    weeks = (last_day - first) // 7 + 1
    totals = [0] * weeks
    for day, amount in amount_by_day.items():
        ordinal = day.toordinal()
        if first <= ordinal <= last_day:
            totals[(ordinal - first) // 7] += amount
    blocked = [0] * weeks  # days of each week that are skipped or before `since`
    for day in set(skipped):
        ordinal = day.toordinal()
        if max(first, since.toordinal()) <= ordinal < first + 7 * weeks:
            blocked[(ordinal - first) // 7] += 1
    blocked[0] += since.toordinal() - first
    judged = []
    for week in range(weeks):
        start = date.fromordinal(first + 7 * week)
        end = start + timedelta(days=6)
        target = target_for(min(end, today))
        needed = -(-target * (7 - blocked[week]) // 7) if target else 0  # as week_target
        if needed <= 0:
            mark = EXCUSED
        elif totals[week] >= needed:
            mark = MET
        else:
            mark = EXCUSED if end >= today else MISSED
        judged.append(Judged(start, min(end, today), mark))
    return judged


def runs(judged: Iterable[Judged]) -> tuple[list[Run], Run | None]:
    """The finished runs of met periods, and the one still going (the current streak)."""
    finished: list[Run] = []
    first = last = date.min  # set by the first met period, before any run is built
    length = 0
    for day, end, mark in judged:
        if mark == MET:
            if not length:
                first = day
            last, length = end, length + 1
        elif mark == MISSED and length:
            finished.append(Run(first, last, length))
            length = 0
    return finished, (Run(first, last, length) if length else None)


def best_runs(finished: Sequence[Run], current: Run | None, count: int = BEST_COUNT) -> list[Run]:
    """The `count` longest runs, longest first; of equal ones the most recent first."""
    every = [*finished, *([current] if current else [])]
    return sorted(every, key=lambda r: (-r.length, -r.first.toordinal()))[:count]


def daily_runs(
    met: Iterable[date],
    skipped: Iterable[date],
    today: date,
    due: DueDays | None = None,
) -> tuple[list[Run], Run | None]:
    """The runs of met due days up to `today`: the finished ones, oldest first, and
    the one still going (the current streak), if any.

    The one daily streak engine: status, stats, the app, the Markdown report and
    the team report all count streaks here. A skip day, or a day `due` says the
    schedules do not require, is excused even when something was logged on it; so
    is today until it is met; any other day without a met day breaks the run. Its
    time grows with the days met rather than with every day since the first: a
    team report judges a thousand members' five years.
    """
    # Days as ordinals: whole numbers are cheaper to compare and subtract than dates.
    last_day = today.toordinal()
    skip_ordinals = {day.toordinal() for day in skipped if day <= today}
    if due is not None:
        # The schedules' days off are known in advance: excused like skip days, so the
        # gaps between met days are counted with two bisections.
        skip_ordinals.update(day.toordinal() for day in due.not_due if day <= today)
    excused = sorted(skip_ordinals)

    def excused_between(first: int, last: int) -> bool:
        """Whether every day strictly between ordinals `first` and `last` is excused."""
        gap = last - first - 1
        return gap <= 0 or bisect_left(excused, last) - bisect_right(excused, first) == gap

    finished: list[Run] = []
    first = last = today
    length = 0
    previous = -1
    for day in sorted(met):  # already in order, as the met-day rule gives them: cheap
        ordinal = day.toordinal()
        if ordinal > last_day:
            break
        if ordinal == previous:
            continue  # the same day given twice
        if ordinal in skip_ordinals:
            continue
        if length and (ordinal - previous == 1 or excused_between(previous, ordinal)):
            length += 1
        else:
            if length:
                finished.append(Run(first, last, length))
            first, length = day, 1
        last, previous = day, ordinal
    if not length:
        return finished, None
    if excused_between(previous, last_day):
        return finished, Run(first, last, length)
    finished.append(Run(first, last, length))
    return finished, None


def streak_of(
    finished: Sequence[Run], current: Run | None, *, met_today: bool, due_today: bool
) -> Streak:
    """The streak that runs make: the current one, the longest, and whether it is at
    risk (there is a streak to lose, and today is due but not yet met)."""
    length = current.length if current else 0
    return Streak(
        current=length,
        longest=max([length, *(r.length for r in finished)]),
        at_risk=length > 0 and due_today and not met_today,
        met_today=met_today,
    )


def daily_streak(
    met: Iterable[date],
    skipped: Iterable[date],
    today: date,
    due: DueDays | None = None,
) -> Streak:
    """The current and longest daily streak as of `today` (see daily_runs)."""
    met_days = set(met)
    skip_days = set(skipped)
    finished, current = daily_runs(met_days, skip_days, today, due)
    due_today = today not in skip_days and (due is None or due(today))
    return streak_of(finished, current, met_today=today in met_days, due_today=due_today)
