"""The checks every action applies to what it is given, typed text or values alike.

A front end may hand over what the person typed ("25", "45m", "yesterday") or
values it has already made; either way the same bounds apply, here.
"""

from __future__ import annotations

from datetime import date

from compound.domain.days import MAX_DURATION_MINUTES, parse_date, parse_duration
from compound.domain.errors import InputError
from compound.domain.quantities import parse_whole
from compound.domain.records import DEFAULT_SESSION_KIND, SessionKind
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
