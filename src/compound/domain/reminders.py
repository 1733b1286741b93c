"""Reminders: when one is set to fire, and whether a firing has anything to say.

A reminder is a time of day and the weekdays it fires on. When it fires it speaks
only if today is due and not yet met: a skip day, a day the goals' schedule does not
ask for, a met day, or a moment before the day has started (with a day start of
03:00, 01:30 still belongs to yesterday, which is no longer the one to remind of)
all keep it quiet. It reads the one figure every surface reads (domain/today.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from compound.domain.days import WEEKDAYS, typed_time
from compound.domain.errors import InputError

TYPE_CHECKING = False  # not typing's: `remind check` sits on the light path
if TYPE_CHECKING:
    from compound.domain.today import TodayFigures

DAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVERY_DAY = tuple(range(7))
NAMED_DAYS = {"weekdays": (0, 1, 2, 3, 4), "weekends": (5, 6)}


def parse_time(text: str) -> time:
    """A time of day as typed: "20:30", "8:05", "21" (a whole hour)."""
    typed = typed_time(text)
    if typed is None:
        raise InputError(f"{text!r} is not a time of day like 20:30")
    hour, minute = typed
    if hour > 23 or minute > 59:
        raise InputError(f"{text.strip()!r} is not a time of day (00:00 to 23:59)")
    return time(hour, minute)


def _day_index(word: str, whole: str) -> int:
    word = word.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if len(word) >= 3 and name.startswith(word):
            return index
    where = "" if word == whole.strip().lower() else f" in {whole.strip()!r}"
    raise InputError(f"{word!r}{where} is not a weekday like mon or friday")


def parse_days(text: str | None) -> tuple[int, ...]:
    """The weekdays a reminder fires on (0 is Monday), from a list of days and ranges
    such as "mon-fri", "sat,sun", "mon,wed-fri" (or weekdays, weekends, daily); none
    given is every day. A range may
    wrap the week's end: "fri-mon" is Friday to Monday."""
    if text is None:
        return EVERY_DAY
    word = text.strip().lower()
    if word in ("", "daily", "every day"):
        return EVERY_DAY
    if word in NAMED_DAYS:
        return NAMED_DAYS[word]
    days: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.partition("-")
        if not first.strip():
            raise InputError(f"{text!r} is not a list of weekdays like mon-fri or sat,sun")
        start = _day_index(first, text)
        end = _day_index(last, text) if dash else start
        days.update((start + step) % 7 for step in range((end - start) % 7 + 1))
    return tuple(sorted(days))


def days_spec(days: tuple[int, ...]) -> str:
    """The days as `--days` takes them back: "mon-fri", "mon,wed,fri", "daily"."""
    if tuple(sorted(set(days))) == EVERY_DAY:
        return "daily"
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAY_CODES[run[0]] if len(run) == 1 else f"{DAY_CODES[run[0]]}-{DAY_CODES[run[-1]]}"
        for run in runs
    )


@dataclass(frozen=True, slots=True)
class ReminderTime:
    """When a reminder fires: a time of day on some weekdays (0 is Monday)."""

    at: time
    days: tuple[int, ...] = EVERY_DAY

    def next_after(self, moment: datetime) -> datetime:
        """The first firing strictly after `moment` (wall-clock time)."""
        for ahead in range(8):
            day = moment.date() + timedelta(days=ahead)
            firing = datetime.combine(day, self.at, tzinfo=moment.tzinfo)
            if day.weekday() in self.days and firing > moment:
                return firing
        raise AssertionError("a reminder fires on at least one weekday")  # parse_days ensures


def check_reminder_time(at: time, day_starts_at: time) -> None:
    """Refuse a reminder that would fire before the day starts: it would always find
    today not yet begun, and so never speak."""
    if at < day_starts_at:
        raise InputError(
            f"{at:%H:%M} is before the day starts ({day_starts_at:%H:%M}), when it is still "
            "yesterday; choose a later time"
        )


def needs_reminder(figures: TodayFigures, clock: time, day_starts_at: time = time(0)) -> bool:
    """Whether a reminder firing at wall-clock `clock` has anything to say about the
    figures of the logical today: only when the day has started, is due (not a skip
    day, asked for by the goals' schedule) and is not yet met."""
    if clock < day_starts_at:
        return False
    return figures.due and not figures.streak.met_today
