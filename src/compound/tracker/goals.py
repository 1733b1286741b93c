"""Goals and skip days: setting a target (keeping its schedule), removing, planning rest."""

from __future__ import annotations

from datetime import date

from compound.domain.days import parse_day_range
from compound.domain.errors import InputError
from compound.domain.goals import SCHEDULED, GoalChange, check_goal
from compound.domain.records import GoalKind
from compound.domain.schedules import stored_rule
from compound.domain.text import clean_text
from compound.tracker.outcomes import GoalSet, SkipsAdded, SkipsRemoved

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker

# `schedule=KEEP`: carry over the schedule of the goal in force (the default).
KEEP = "keep"
EVERY_DAY = None


class Goals:
    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def set(
        self, kind: GoalKind | str, target: str | int, *, schedule: str | None = KEEP
    ) -> GoalSet:
        """Set a goal from today on; earlier days keep the goal they had.

        Changing a target keeps the days it applies to: a weekday goal raised from 20
        to 25 pages stays a weekday goal unless another schedule is given (None:
        every day).
        """
        tracker = self._tracker
        kind = _kind(kind)
        today = tracker.today()
        kept = False
        check_goal(kind, target, None if schedule == KEEP else schedule)  # before opening
        if schedule == KEEP:
            in_force = tracker.store.goal_timeline().change_on(kind, today)
            # As it is judged: only a daily goal has days, and a rule stored before finer
            # ones were refused is every day.
            kept_rule = in_force.schedule if in_force is not None and kind in SCHEDULED else None
            schedule = stored_rule(kept_rule)
            kept = schedule is not None
        checked, rule = check_goal(kind, target, schedule)
        goal = tracker.store.set_goal(kind, checked, since=today, schedule=rule)
        return GoalSet(GoalChange(goal.kind, goal.target, goal.since, goal.schedule), kept)

    def remove(self, kind: GoalKind | str) -> int:
        """Remove every goal of `kind`, past ones too; returns how many there were."""
        return self._tracker.store.remove_goal(_kind(kind))

    def skip(
        self, first: date | str, last: date | str | None = None, *, reason: str | None = None
    ) -> SkipsAdded:
        """Plan skip days from `first` to `last` (planned or past, up to a year ahead)."""
        start, end = self._span(first, last)
        why = clean_text(reason, "the reason")
        added, already = self._tracker.store.add_skips(start, end, why)
        return SkipsAdded(start, end, tuple(added), already)

    def unskip(self, first: date | str, last: date | str | None = None) -> SkipsRemoved:
        start, end = self._span(first, last)
        return SkipsRemoved(start, end, tuple(self._tracker.store.remove_skips(start, end)))

    def _span(self, first: date | str, last: date | str | None) -> tuple[date, date]:
        """The days from `first` to `last` (`last` None: `first` alone, or a typed span
        such as "dec 24..dec 31"), planned or past."""
        if isinstance(first, date) and not isinstance(last, str):
            end = last or first
            if end < first:
                raise InputError(f"the range {first}..{end} ends before it starts")
            return first, end
        text = str(first) if last is None or last == "" else f"{first}..{last}"
        return parse_day_range(text, self._tracker.today())


def _kind(kind: GoalKind | str) -> GoalKind:
    if isinstance(kind, GoalKind):
        return kind
    try:
        return GoalKind(kind)
    except ValueError:
        raise InputError(
            f"{kind!r} is not a kind of goal; kinds are {', '.join(k.value for k in GoalKind)}"
        ) from None


def schedules_apply(kind: GoalKind) -> bool:
    """Whether a goal of `kind` can have a schedule (the days it applies to)."""
    return kind in SCHEDULED
