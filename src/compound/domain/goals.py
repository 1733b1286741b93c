"""Goals: what a goal may be, and the one timeline of which goal is in force on a day.

Goals are kept with their history: setting a goal from a day on leaves earlier days
judged by the goal they had. `GoalTimeline` is the only place that answers "which
target and schedule are in force on this day?" and "does a goal require this day?";
the streaks, the met-day rule, today's figures, the charts and the team report all
ask it.

This module sits on the path of `compound status --short` (a shell prompt), so it
imports neither `typing` nor dateutil: schedules are expanded by domain/schedules.py,
loaded only when some goal has one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from compound.domain.errors import InputError
from compound.domain.quantities import parse_whole
from compound.domain.records import GoalKind

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from compound.domain.schedules import DueDays

# Generous upper bounds, to catch a typo rather than to limit anyone.
LIMITS = {
    GoalKind.DAILY_PAGES: 2_000,
    GoalKind.WEEKLY_PAGES: 10_000,
    GoalKind.YEARLY_BOOKS: 1_000,
    GoalKind.DAILY_MINUTES: 24 * 60,
    GoalKind.WEEKLY_SESSIONS: 100,
}

# The kinds that judge single days, and so the kinds a schedule makes sense for.
DAILY_KINDS = (GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES)
SCHEDULED = DAILY_KINDS
WEEKLY_KINDS = (GoalKind.WEEKLY_PAGES, GoalKind.WEEKLY_SESSIONS)


@dataclass(frozen=True, slots=True)
class GoalChange:
    """A goal's target from `since` on.

    `schedule` is an RFC 5545 RRULE naming the days the goal applies to (expanded
    from `since`); None means every day.
    """

    kind: GoalKind
    target: int
    since: date
    schedule: str | None = None


def check_target(kind: GoalKind, value: str | int) -> int:
    """A goal's target within its kind's bounds (a whole number from 1)."""
    return parse_whole(value, f"a {kind.value} target", high=LIMITS[kind])


def check_schedule(rule: str) -> str:
    """An RFC 5545 RRULE naming whole days (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, no
    times of day) that python-dateutil can expand, without its "RRULE:" prefix.

    Every way a goal comes in (the command line, the app's goal dialog, imports, a
    team member's file) is checked here: an hourly rule would expand to thousands of
    occurrences for each day a streak looks back over.
    """
    from compound.domain.schedules import UnfitSchedule, check_rule

    text = rule.strip().removeprefix("RRULE:").removeprefix("rrule:")
    try:
        check_rule(text)
    except UnfitSchedule as unfit:
        shown = rule if len(rule) <= 60 else f"{rule[:57]}..."
        raise InputError(
            f"the schedule {shown!r} {unfit}; e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
        ) from None
    return text


def check_goal(kind: GoalKind, target: str | int, schedule: str | None) -> tuple[int, str | None]:
    """A goal as it may be stored: its target in bounds, a schedule only on a daily kind."""
    checked = check_target(kind, target)
    if schedule is None:
        return checked, None
    if kind not in SCHEDULED:
        raise InputError(
            f"a schedule applies to daily goals (daily-pages, daily-minutes), not {kind.value}"
        )
    return checked, check_schedule(schedule)


class GoalTimeline:
    """Every goal with its history, answering what is in force on any day."""

    __slots__ = ("changes", "_kinds", "_sinces", "_due")

    def __init__(self, changes: Iterable[GoalChange] = ()):
        # Oldest first; of two changes of one kind on the same day the later one listed
        # wins (the store keeps one per kind and day anyway).
        self.changes = tuple(sorted(changes, key=lambda change: change.since))
        self._kinds: dict[GoalKind, list[GoalChange]] = {}
        for change in self.changes:
            kept = self._kinds.setdefault(change.kind, [])
            if kept and kept[-1].since == change.since:
                kept[-1] = change
            else:
                kept.append(change)
        self._sinces = {kind: [c.since for c in kept] for kind, kept in self._kinds.items()}
        # A history is judged under several kinds' schedules more than once (three
        # habits, today): each expansion is kept.
        self._due: dict[tuple[tuple[GoalKind, ...], date], DueDays] = {}

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GoalTimeline) and other.changes == self.changes

    def __hash__(self) -> int:
        return hash(self.changes)

    def __repr__(self) -> str:
        return f"GoalTimeline({list(self.changes)!r})"

    def change_on(self, kind: GoalKind, day: date) -> GoalChange | None:
        """The goal of `kind` in force on `day` (its latest change on or before it)."""
        sinces = self._sinces.get(kind)
        if not sinces:
            return None
        index = bisect_right(sinces, day) - 1
        return self._kinds[kind][index] if index >= 0 else None

    def target_on(self, kind: GoalKind, day: date) -> int | None:
        """The target of `kind` in force on `day`, or None if none had been set."""
        change = self.change_on(kind, day)
        return change.target if change is not None else None

    def in_force(self, day: date) -> tuple[GoalChange, ...]:
        """The goal of each kind in force on `day`, in the kinds' usual order."""
        found = (self.change_on(kind, day) for kind in GoalKind)
        return tuple(change for change in found if change is not None)

    def first_since(self, kind: GoalKind) -> date | None:
        """The day a goal of `kind` was first set, or None."""
        sinces = self._sinces.get(kind)
        return sinces[0] if sinces else None

    def history(self, kind: GoalKind) -> tuple[GoalChange, ...]:
        """Every change of `kind`, oldest first."""
        return tuple(self._kinds.get(kind, ()))

    def targets(self, kind: GoalKind, default: int | None = None) -> Callable[[date], int | None]:
        """A fast `day -> target in force (else default)`, for walking many days."""
        kept = self._kinds.get(kind)
        if not kept:
            return lambda _day: default
        sinces = self._sinces[kind]
        values = [change.target for change in kept]

        def target(day: date) -> int | None:
            index = bisect_right(sinces, day) - 1
            return values[index] if index >= 0 else default

        return target

    def spans(self, kind: GoalKind, until: date) -> list[tuple[date, date, str | None]]:
        """(first, last, schedule) of each goal of `kind` while it was in force, up to `until`."""
        kept = self._kinds.get(kind, [])
        found = []
        for change, following in zip(kept, [*kept[1:], None]):  # noqa: B905 (one longer)
            last = following.since - timedelta(days=1) if following else until
            if change.since <= min(last, until):
                found.append((change.since, min(last, until), change.schedule))
        return found

    def due(self, until: date, kinds: Collection[GoalKind] = DAILY_KINDS) -> DueDays | None:
        """Which days a goal of `kinds` requires (days up to `until`), or None when every
        day is due.

        A day with no goal in force is due; where several kinds are in force, a day
        is due when any of them requires it: with reading on weekdays and learning
        every day, each day is a learning day.
        """
        if not any(change.schedule for kind in kinds for change in self._kinds.get(kind, ())):
            return None  # dateutil stays unimported
        key = (tuple(kinds), until)
        if key not in self._due:
            from compound.domain.schedules import due_test

            self._due[key] = due_test([span for kind in kinds for span in self.spans(kind, until)])
        return self._due[key]
