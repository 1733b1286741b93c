"""The checks every action applies to what it is given, typed text or values alike.

A front end may hand over what the person typed ("25", "45m", "yesterday") or
values it has already made; either way the same bounds apply, here.
"""

from __future__ import annotations

from datetime import date

from compound.domain.days import (
    MAX_DURATION_MINUTES,
    parse_date,
    parse_duration,
    typed_duration,
)
from compound.domain.errors import InputError
from compound.domain.quantities import parse_book_pages, parse_whole
from compound.domain.records import (
    DEFAULT_SESSION_KIND,
    MAX_BOOK_MINUTES,
    Position,
    SessionKind,
    check_share,
)
from compound.domain.text import MAX_NOTE, clean_text


def day(value: date | str | None, today: date) -> date:
    """The day an entry counts for: today by default; never after today."""
    if value is None or blank(value):
        return today
    if isinstance(value, str):
        return parse_date(value, today)
    if value > today:
        raise InputError(
            f"{value.isoformat()} is after today ({today.isoformat()}); "
            "entries are for days that have happened"
        )
    return value


def minutes(value: str | int) -> int:
    """A duration: "45", "45m", "1h30m", "1:30", or whole minutes."""
    if isinstance(value, str):
        return parse_duration(value)
    return parse_whole(value, "the duration in minutes", high=MAX_DURATION_MINUTES)


def blank(value: object) -> bool:
    """Not given (None), or given empty ("" clears a field)."""
    return value is None or (isinstance(value, str) and not value.strip())


def minutes_or_none(value: object) -> int | None:
    """A duration, or None when none is given (or it is cleared with "")."""
    if blank(value):
        return None
    if isinstance(value, str | int) and not isinstance(value, bool):
        return minutes(value)
    raise InputError(f"{value!r} is not a duration")


def book_named(value: object) -> str:
    """A book named by a title (or part of one) or an id; refused when empty, before
    any database is opened."""
    if blank(value):
        raise InputError("name a book by its title or id")
    return str(value)


def session_kind(value: SessionKind | str | None) -> SessionKind:
    """A session's kind; the usual one when none is given."""
    if value is None or value == "":
        return DEFAULT_SESSION_KIND
    if isinstance(value, SessionKind):
        return value
    try:
        return SessionKind(value.strip().lower())
    except ValueError:
        kinds = ", ".join(kind.value for kind in SessionKind)
        raise InputError(f"{value!r} is not a kind of session; kinds are {kinds}") from None


def note(value: str | None) -> str | None:
    return clean_text(value, "the note", limit=MAX_NOTE, multiline=True)


def topic(value: str | None) -> str | None:
    return clean_text(value, "the topic")


def _clock(text: str, what: str) -> float | None:
    """Minutes from "H:MM" (3:20) or hours and minutes spelt out (3h20m, 3h, 45m), read
    as a duration is; None when it is neither (a bare number is a page or hours here,
    never minutes)."""
    raw = text.strip().lower().replace(" ", "")
    hours, colon, rest = raw.partition(":")
    if colon and not (hours.isdigit() and hours.isascii() and len(hours) <= 6):
        raise InputError(f"{what} {text!r} is not a time like 3:20 (hours:minutes)")
    minutes = typed_duration(raw)
    if minutes is not None and not raw.replace(".", "", 1).isdigit():
        return minutes
    if colon and rest.isdigit() and rest.isascii() and len(rest) == 2:
        # 3:75: a duration's clock takes no more than 59 minutes, nor does this.
        raise InputError(f"{what} {text!r} has {rest} minutes; an hour has 60")
    if colon:
        raise InputError(f"{what} {text!r} is not a time like 3:20 (hours:minutes)")
    return None


def book_minutes(value: str | int) -> int:
    """An audiobook's length: "11:30" or "11h30m" (hours and minutes), or whole hours
    ("11"); as a number, minutes."""
    if isinstance(value, int):
        return parse_whole(value, "an audiobook's length in minutes", high=MAX_BOOK_MINUTES)
    text = value.strip()
    whole_hours = text.isdigit() and text.isascii() and len(text) <= 6
    typed = int(text) * 60 if whole_hours else _clock(text, "the length")
    if typed is None:
        raise InputError(
            f"cannot read the length {value!r}: give hours and minutes, 11:30 or 11h30m"
        )
    # Compare before rounding: a 400-digit number is a float infinity here.
    if typed > MAX_BOOK_MINUTES:
        raise InputError(f"a length of {value!r} is more than {MAX_BOOK_MINUTES // 60} hours")
    minutes = round(typed)
    if minutes <= 0:
        raise InputError(f"an audiobook's length must be at least a minute, not {value!r}")
    return minutes


def position(value: str | int) -> Position:
    """Where a reader has got to: a page (148), a percent of the book (45%), or a time
    into an audiobook (3:20, 3h20m)."""
    if isinstance(value, int):
        return Position(page=parse_book_pages(value))
    text = value.strip()
    if text.endswith("%"):
        number = text[:-1].strip()
        whole, dot, part = number.partition(".")
        if not (whole.isdigit() and whole.isascii() and (not dot or (part.isdigit() and part))):
            raise InputError(f"{value!r} is not a percent like 45%")
        share = check_share(float(number[:12]) / 100, repr(value))
        if share <= 0:
            raise InputError(f"{value!r} is the start of the book; give where you have got to")
        return Position(share=share)
    if text.isdigit() and text.isascii():
        return Position(page=parse_book_pages(text))
    typed = _clock(text, "the position")
    if typed is None:
        raise InputError(f"{value!r} is not a position: give a page (148), 45% or a time (3:20)")
    if typed > MAX_BOOK_MINUTES:
        raise InputError(f"{value!r} is more than {MAX_BOOK_MINUTES // 60} hours in")
    minute = round(typed)
    if minute <= 0:
        raise InputError(f"{value!r} is the start of the book; give where you have got to")
    return Position(minute=minute)
