"""The logical day, and the dates and durations people type.

A check-in counts for a *logical* day: with a day-start hour of 03:00, reading at
01:30 still belongs to yesterday, because for a night owl the day has not ended.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from compound.domain.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# One entry longer than a day is a typo, not a study session.
MAX_DURATION_MINUTES = 24 * 60

_TIME_OF_DAY = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*$", re.ASCII)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$", re.ASCII)


def typed_time(text: str) -> tuple[int, int] | None:
    """The hour and minute of a time of day as typed ("20:30", "8:05", "21" for a whole
    hour), unchecked; None when it is not written like one."""
    match = _TIME_OF_DAY.match(text or "")
    return (int(match[1]), int(match[2] or 0)) if match else None


def parse_day_start(text: str) -> time:
    """Parse a day-start hour such as "03:00", "3" or "4:30" (00:00 to 11:59)."""
    typed = typed_time(text)
    if typed is None:
        raise InputError(f"day start {text!r} is not a time like 03:00")
    hour, minute = typed
    # A day that starts in the afternoon would move most check-ins to the wrong date.
    if hour > 11 or minute > 59:
        raise InputError(f"day start {text!r} must be between 00:00 and 11:59")
    return time(hour, minute)


def logical_day(moment: datetime, day_starts_at: time = time(0)) -> date:
    """The day a check-in made at `moment` (local wall-clock time) counts for."""
    offset = timedelta(hours=day_starts_at.hour, minutes=day_starts_at.minute)
    return (moment - offset).date()


# The years today may fall in. The calendar ends at 0001-01-01 and 9999-12-31, and
# the figures look a decade back and more than a year ahead of today: a today near
# either end would reach past it. A clock (or COMPOUND_TODAY) outside is refused.
FIRST_YEAR = 1900
LAST_YEAR = 9000


def check_today(day: date) -> date:
    """`day` as the logical today, refused when it is outside FIRST_YEAR to LAST_YEAR."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputError(
            f"today ({day.isoformat()}) is outside the years compound works in "
            f"({FIRST_YEAR} to {LAST_YEAR})"
        )
    return day


def parse_iso_day(text: str) -> date:
    """Parse YYYY-MM-DD strictly, naming the problem when the date does not exist."""
    match = _ISO_DATE.match(text or "")
    if not match:
        raise InputError(f"{text!r} is not a date in the form YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InputError(f"{text.strip()} is not a real date ({exc})") from None


def parse_date(text: str, today: date, *, ahead: bool = False) -> date:
    """Parse a date as a person types it, relative to the logical `today`.

    Accepts today, yesterday, weekday names, ISO dates, and forms python-dateutil
    understands ("Mar 8", "8 March 2026"). For entries (the default) a date after
    today is refused, since nobody reads in the future, and a weekday or a date
    without a year means the most recent one. With `ahead` (planning skip days),
    "tomorrow" works, a weekday means the coming one, a date without a year the
    nearest such day, and dates up to a year ahead are allowed.
    """
    word = (text or "").strip().lower()
    if not word:
        raise InputError("an empty date was given")
    weekday = _weekday_index(word.rstrip(".,"))
    if word == "today":
        result = today
    elif word == "yesterday":
        result = today - timedelta(days=1)
    elif word == "tomorrow" and ahead:
        result = today + timedelta(days=1)
    elif weekday is not None:
        shift = (weekday - today.weekday()) % 7 if ahead else -((today.weekday() - weekday) % 7)
        result = today + timedelta(days=shift)
    elif _ISO_DATE.match(word):
        result = parse_iso_day(word)
    else:
        result = _parse_free_date(text.strip(), today, ahead)
    if not ahead and result > today:
        raise InputError(
            f"{result.isoformat()} is after today ({today.isoformat()}); "
            "entries are for days that have happened"
        )
    if ahead and result > today + timedelta(days=366):
        raise InputError(f"{result.isoformat()} is more than a year ahead")
    return result


def parse_day_range(text: str, today: date) -> tuple[date, date]:
    """A day or a span of days, planned or past: "fri", "2026-12-24..2026-12-31"."""
    first, sep, last = (text or "").partition("..")
    start = parse_date(first, today, ahead=True)
    end = parse_date(last, today, ahead=True) if sep else start
    if end < start:
        raise InputError(f"the range {text.strip()!r} ends before it starts")
    return start, end


def _weekday_index(word: str) -> int | None:
    if len(word) < 3:
        return None
    for index, name in enumerate(WEEKDAYS):
        if name.startswith(word):
            return index
    return None


def _parse_free_date(text: str, today: date, ahead: bool = False) -> date:
    # dateutil's parser costs ~30 ms to import: only pay for it on forms that need it.
    from dateutil import parser

    # dateutil fills whatever the text leaves out from its default. Parsing against two
    # defaults that differ in every field shows which fields the person actually gave.
    hint = "try today, yesterday, monday, 2026-03-08 or 'Mar 8'"
    try:
        first = parser.parse(text, default=datetime(2000, 1, 1))
        second = parser.parse(text, default=datetime(2004, 3, 3))  # also a leap year
    except (ValueError, OverflowError) as exc:
        reason = str(exc).split(":")[0]
        if "out of range" in reason or "must be in" in reason:
            raise InputError(f"{text!r} is not a real date ({reason})") from None
        raise InputError(f"cannot read the date {text!r}: {hint}") from None
    if (first.month, first.day) != (second.month, second.day):
        raise InputError(f"{text!r} does not name a day and a month: {hint}")
    if first.year == second.year:
        return first.date()
    # No year given: "Dec 1" typed in November means last December, "Feb 29" the last
    # leap day; when planning ahead, the nearest such day, before or after today.
    candidates = []
    for year in range(today.year - 8, today.year + 2):
        try:
            candidates.append(date(year, first.month, first.day))
        except ValueError:
            continue
    if ahead:
        return min(candidates, key=lambda day: abs((day - today).days))
    past = [day for day in candidates if day <= today]
    if not past:
        raise InputError(f"{text!r} is not a real date")
    return max(past)


_DURATION_PARTS = re.compile(
    r"^\s*(?:(?P<h>\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours))?"
    r"\s*(?:(?P<m>\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?)?\s*$",
    re.ASCII,
)
_CLOCK = re.compile(r"^\s*(\d+):([0-5]\d)\s*$", re.ASCII)


def typed_duration(text: str) -> float | None:
    """The minutes of a duration as typed (45, 45m, 90min, 1h30m, 1:30, 1.5h),
    unchecked: unrounded, perhaps 0 or past any limit; None when it is not written
    like one."""
    raw = (text or "").strip().lower()
    clock = _CLOCK.match(raw)
    if clock:
        # float, not int: int() raises a plain ValueError past 4,300 digits.
        return float(clock[1]) * 60 + int(clock[2])
    match = _DURATION_PARTS.match(raw)
    if not raw or not match or (match["h"] is None and match["m"] is None):
        return None
    if match["h"] is not None and match["m"] is not None and "." in match["h"]:
        return None  # 1.5h30m: which was meant?
    return float(match["h"] or 0) * 60 + float(match["m"] or 0)


def parse_duration(text: str) -> int:
    """Parse a duration into whole minutes: 45, 45m, 90min, 1h30m, 1:30, 1.5h."""
    minutes = typed_duration(text)
    if minutes is None:
        match = _DURATION_PARTS.match((text or "").strip().lower())
        if match and match["h"] is not None and match["m"] is not None:
            raise InputError(f"cannot read the duration {text!r}: use 1h30m or 1.5h, not both")
        raise InputError(f"cannot read the duration {text!r}: try 45, 45m, 1h30m, 1:30 or 1.5h")
    # Compare before rounding: a 400-digit number is a float infinity here.
    if minutes > MAX_DURATION_MINUTES:
        raise InputError(f"duration {text!r} is longer than a day; split it into days")
    whole = round(minutes)
    if whole <= 0:
        raise InputError(f"duration {text!r} must be at least one minute")
    return whole


def format_duration(minutes: int) -> str:
    """Render minutes the way people say them: 45m, 1h, 1h30m."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"
