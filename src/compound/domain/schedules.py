"""Which days a schedule names: RFC 5545 RRULEs of whole days, expanded with dateutil.

A schedule names days, so compound reads one RRULE line of FREQ=DAILY, WEEKLY,
MONTHLY or YEARLY and nothing about the time of day. Finer rules are refused where a
goal is set (`check_rule`): FREQ=SECONDLY expands to 86,400 occurrences a day, and a
month of them took seconds and hundreds of megabytes on every `status`. A rule stored
before that was refused is read as every day, so what is expanded is never more than
one occurrence for each day of the span asked for.

Only domain/goals.py calls this module, and only when some goal carries a schedule,
which keeps dateutil off the shell-prompt path of `status --short` for everyone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import MAXYEAR, date, datetime
from functools import lru_cache

TYPE_CHECKING = False  # not typing's: this module is on the prompt path of a scheduled goal
if TYPE_CHECKING:
    from typing import Any

DAY_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
FINER_THAN_A_DAY = ("HOURLY", "MINUTELY", "SECONDLY")
TIMES_OF_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
# The parts of an RRULE (RFC 5545, 3.3.10) that say which days; with TIMES_OF_DAY,
# every part the standard has.
DAY_PARTS = frozenset(
    {
        "FREQ",
        "INTERVAL",
        "COUNT",
        "UNTIL",
        "WKST",
        "BYSETPOS",
        "BYMONTH",
        "BYMONTHDAY",
        "BYYEARDAY",
        "BYWEEKNO",
        "BYDAY",
    }
)
# A rule longer than this, or repeating more rarely, is a paste gone wrong.
MAX_RULE = 500
MAX_INTERVAL = 1_000

# The Gregorian calendar repeats every 400 years: 146,097 days, a whole number of
# weeks, with the same leap years. See _shift for why that matters here.
_CYCLE_YEARS = 400
_CYCLE_DAYS = 146_097
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$", re.ASCII)


class UnfitSchedule(ValueError):
    """A rule compound does not expand; the message completes "the schedule X …"."""


def rule_parts(rule: str, *, strict: bool = True) -> dict[str, str]:
    """The parts of one RRULE line ("FREQ=WEEKLY;BYDAY=MO"), by name, in capitals.

    `strict` (a schedule being set) refuses times of day; otherwise (a stored rule)
    they are dropped, since they change no day a rule names. Either way a rule
    finer than a day, or not one plain RRULE line, raises UnfitSchedule.
    """
    text = rule.strip()
    if text[:6].upper() == "RRULE:":
        text = text[6:]
    if len(text) > MAX_RULE:
        raise UnfitSchedule(f"is longer than {MAX_RULE} characters")
    # One line of NAME=VALUE parts: no DTSTART (a schedule counts from the goal's
    # first day), no EXDATE or second rule.
    if not text or ":" in text or not text.isprintable() or any(c.isspace() for c in text):
        raise UnfitSchedule("is not one RRULE line (NAME=VALUE parts joined by semicolons)")
    parts: dict[str, str] = {}
    for part in text.upper().split(";"):
        name, _, value = part.partition("=")
        if not value:
            raise UnfitSchedule("is not one RRULE line (NAME=VALUE parts joined by semicolons)")
        if name in parts:
            raise UnfitSchedule(f"gives {name} twice")
        if name not in DAY_PARTS and name not in TIMES_OF_DAY:
            raise UnfitSchedule(f"has a part compound does not read ({name:.20})")
        parts[name] = value
    freq = parts.get("FREQ")
    if freq in FINER_THAN_A_DAY:
        raise UnfitSchedule(
            f"repeats {freq.lower()}: a schedule names days, so its FREQ is "
            "DAILY, WEEKLY, MONTHLY or YEARLY"
        )
    if freq not in DAY_FREQUENCIES:
        raise UnfitSchedule("has no FREQ of DAILY, WEEKLY, MONTHLY or YEARLY")
    times = [name for name in TIMES_OF_DAY if name in parts]
    if times and strict:
        raise UnfitSchedule(f"names times of day ({', '.join(times)}): a schedule names days")
    for name in times:
        del parts[name]
    if "INTERVAL" in parts and not 1 <= _whole(parts["INTERVAL"]) <= MAX_INTERVAL:
        raise UnfitSchedule(
            f"has an INTERVAL that is not a whole number from 1 to {MAX_INTERVAL:,}"
        )
    if "COUNT" in parts and _whole(parts["COUNT"]) < 1:
        raise UnfitSchedule("has a COUNT that is not a whole number from 1")
    if "UNTIL" in parts:
        _until(parts["UNTIL"])
    return parts


def check_rule(rule: str) -> None:
    """Refuse (UnfitSchedule) a rule that is not one a goal may have: finer than a
    day, with times of day, not one RRULE line, or naming no day from 2026 on."""
    parts = rule_parts(rule)
    start = date(2026, 1, 1)
    shift = _shift(start)
    moved = datetime.fromordinal(start.toordinal() + shift)

    def first_named(named: Any) -> list[datetime]:
        found = named.after(moved, inc=True)
        return [found] if found is not None else []

    found = _occurrences(parts, moved, first_named)
    until = _until(parts["UNTIL"]) if "UNTIL" in parts else date.max
    if not found or found[0].toordinal() - shift > until.toordinal():
        raise UnfitSchedule("is not an RRULE that names some days")


def stored_rule(rule: str | None) -> str | None:
    """A stored rule as compound judges it: None (every day) when it is not one it
    expands, else the rule without times of day. Exports write this, so that what
    they hold imports back and means what it meant here."""
    if rule is None:
        return None
    try:
        kept = _text(rule_parts(rule, strict=False))
        check_rule(kept)
    except UnfitSchedule:
        return None
    try:
        rule_parts(rule)
    except UnfitSchedule:
        return kept  # it named times of day
    return rule.strip()


@lru_cache(maxsize=32)  # the learning day and reading habits expand the same rules
def expand(rule: str, first: date, last: date) -> frozenset[date]:
    """The days from `first` to `last` (inclusive) that `rule` names, counted from `first`.

    At most one day for each day of the span. A rule dateutil cannot read, or one
    compound does not expand (finer than a day), raises ValueError; callers then
    treat its span as unscheduled: a damaged row must not take the streak down.
    """
    parts = rule_parts(rule, strict=False)
    if "UNTIL" in parts:
        last = min(last, _until(parts["UNTIL"]))  # UNTIL only ends the span sooner
    if last < first:
        return frozenset()
    shift = _shift(last)
    start = datetime.fromordinal(first.toordinal() + shift)
    end = datetime.fromordinal(last.toordinal() + shift)
    found = _occurrences(parts, start, lambda named: named.between(start, end, inc=True))
    return frozenset(date.fromordinal(moment.toordinal() - shift) for moment in found)


def _shift(last: date) -> int:
    """Days to move a span ending on `last` by: whole 400-year cycles, as near the
    year 9999 as fits.

    dateutil walks a rule period by period until an occurrence passes the span's
    end, or until the year 9999: a rule that names no day after the span (BYMONTH=2;
    BYMONTHDAY=30) would walk millions of days. The calendar of the moved span is
    the same, weekdays and leap years alike, and the walk past it ends within one
    cycle (BYEASTER, dateutil's own part, is not read for this reason).
    """
    return (MAXYEAR - last.year) // _CYCLE_YEARS * _CYCLE_DAYS


def _occurrences(
    parts: dict[str, str], start: datetime, walk: Callable[[Any], Sequence[datetime]]
) -> Sequence[datetime]:
    """`walk` over the rule of `parts` counted from `start`; UnfitSchedule when dateutil
    cannot read or walk it. UNTIL is the caller's: it only ends a span sooner."""
    from dateutil.rrule import rrulestr

    text = _text({name: value for name, value in parts.items() if name != "UNTIL"})
    try:
        return walk(rrulestr(text, dtstart=start))
    except (ValueError, TypeError, OverflowError, KeyError, IndexError):
        raise UnfitSchedule("is not an RRULE that names some days") from None


def _text(parts: dict[str, str]) -> str:
    return ";".join(f"{name}={value}" for name, value in parts.items())


def _whole(value: str) -> int:
    if not value.isdigit() or not value.isascii() or len(value) > 9:
        return 0  # refused by the caller's bounds
    return int(value)


def _until(value: str) -> date:
    match = _UNTIL.match(value)
    try:
        if match is None:
            raise ValueError(value)
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise UnfitSchedule(
            f"has an UNTIL that is not a date like 20261231 ({value:.20})"
        ) from None


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
    a day inside a span is due when its schedule names it (no schedule, or one that
    cannot be read or is finer than a day: every day); a day outside every span is
    due. Where goals of several kinds are in force, a day any of them requires is due."""
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
