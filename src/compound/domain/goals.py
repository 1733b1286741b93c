"""What a goal may be: the bounds of each kind's target, and checked schedules."""

from __future__ import annotations

from datetime import datetime

from compound.domain.errors import InputError
from compound.domain.records import GoalKind

# Generous upper bounds, to catch a typo rather than to limit anyone.
LIMITS = {GoalKind.DAILY_PAGES: 2_000, GoalKind.WEEKLY_PAGES: 10_000,
          GoalKind.YEARLY_BOOKS: 1_000, GoalKind.DAILY_MINUTES: 24 * 60,
          GoalKind.WEEKLY_SESSIONS: 100}

# The kinds a schedule (the days a goal applies to) makes sense for.
SCHEDULED = (GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES)


def check_schedule(rule: str, option: str = "--schedule") -> str:
    """An RFC 5545 RRULE that python-dateutil can expand, without its "RRULE:" prefix."""
    from dateutil.rrule import rrulestr

    text = rule.strip().removeprefix("RRULE:").removeprefix("rrule:")
    try:
        if not list(rrulestr(text, dtstart=datetime(2026, 1, 1)).xafter(datetime(2026, 1, 1), 1, inc=True)):
            raise ValueError("no days")
    except (ValueError, TypeError):
        raise InputError(f"{option} {rule!r} is not an RRULE that names some days; "
                         "e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR") from None
    return text
