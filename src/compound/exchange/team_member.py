"""A member's file: what `compound team merge` needs to build the team report without
a shared database.

    {"format": "compound-team-member", "version": 2, "member": "ana",
     "exported_at": "2026-11-22T18:04:11+00:00", "today": "2026-11-22",
     "days": [["2026-11-20", 30, 1, 45, 0], ...],  # day, pages, sessions, learning
                                                   # minutes, minutes read by time
     "goals": [{"kind": "daily-pages", "since": "2026-01-01", "target": 25,
                "schedule": null}],       # daily goals, with their history
     "skips": ["2026-08-03"],
     "books_finished": [{"day": "2026-11-02"}, {"day": "…", "title": "…"}]}

Only per-day totals leave the machine: no notes, and titles only when the member
exported with --include-books. A file that is not this format, from a newer
version, or damaged is refused with one line naming the file and the problem.

Version 2 added each day's minutes read by time (reading logs without pages: an
audiobook), so that those days are reading days in the team report as they are in
the member's own figures. A version 1 file's days have four values: none read by time.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from compound.domain.errors import InputError
from compound.domain.goals import DAILY_KINDS, GoalChange, check_goal
from compound.domain.profiles import check_profile_name
from compound.domain.quantities import MAX_PAGES_PER_LOG
from compound.domain.records import GoalKind
from compound.domain.schedules import stored_rule
from compound.domain.team import FinishedBook, MemberHistory
from compound.domain.text import MAX_TITLE, clean_text
from compound.exchange.csvfiles import read_text
from compound.exchange.jsonfiles import DuplicateKey, unique_keys

FORMAT = "compound-team-member"
VERSION = 2
# Generous bounds a real day stays under; anything above is a damaged file.
MAX_SESSIONS_A_DAY = 1_000
MAX_MINUTES_A_DAY = 1_440 * MAX_SESSIONS_A_DAY
MAX_TARGET = 100_000
DAILY_KIND_NAMES = tuple(kind.value for kind in DAILY_KINDS)


def document(member: MemberHistory, today: date, exported_at: datetime) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "member": member.name,
        "exported_at": exported_at.isoformat(),
        "today": today.isoformat(),
        "days": [
            [day.isoformat(), pages, sessions, minutes, sum(timed)]
            for day, pages, sessions, minutes, *timed in member.days
        ],
        "goals": [
            {
                "kind": g.kind.value,
                "since": g.since.isoformat(),
                "target": g.target,
                # As judged here, so that the file merges: a rule stored before finer
                # ones were refused is every day.
                "schedule": stored_rule(g.schedule),
            }
            for g in member.goals
        ],
        "skips": sorted(day.isoformat() for day in member.skips),
        "books_finished": [
            {"day": b.day.isoformat(), **({"title": b.title} if b.title else {})}
            for b in member.finished
        ],
    }


def write(member: MemberHistory, today: date, exported_at: datetime, out: TextIO) -> None:
    json.dump(document(member, today, exported_at), out, ensure_ascii=False, separators=(",", ":"))
    out.write("\n")


# -- reading ----------------------------------------------------------------------------


class _Problem(Exception):
    """A reason the file cannot be used; read() adds the file's name."""


def _day(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise _Problem(f"{where}: expected a date as YYYY-MM-DD, got {value!r:.40}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _Problem(f"{where}: {value!r:.40} is not a date (YYYY-MM-DD)") from None


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Problem(
            f"{where}: expected a whole number from {low} to {high:,}, got {value!r:.40}"
        )
    return value


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _Problem(f"{key!r} must be a list")
    return value


def _days(data: dict, version: int) -> list[tuple[date, int, int, int, int]]:
    # A version 1 file's days have four values: nothing read by time then.
    size, shape = (
        (4, "[day, pages, sessions, minutes]")
        if version == 1
        else (5, "[day, pages, sessions, minutes, minutes read by time]")
    )
    days, seen = [], set()
    for index, item in enumerate(_list(data, "days")):
        where = f"days[{index}]"
        if not isinstance(item, list) or len(item) != size:
            raise _Problem(f"{where}: expected {shape}")
        day = _day(item[0], where)
        if day in seen:
            raise _Problem(f"{where}: {day.isoformat()} is listed twice")
        seen.add(day)
        days.append(
            (
                day,
                _whole(item[1], where, 0, MAX_PAGES_PER_LOG * 100),
                _whole(item[2], where, 0, MAX_SESSIONS_A_DAY),
                _whole(item[3], where, 0, MAX_MINUTES_A_DAY),
                _whole(item[4], where, 0, MAX_MINUTES_A_DAY) if size == 5 else 0,
            )
        )
    return sorted(days)


def _member(data: Any) -> MemberHistory:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Problem(
            "not a compound team member file (write one with "
            "`compound team export --me --format json -o FILE`)"
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Problem(f"its format version {version!r:.20} is not one compound knows")
    if version > VERSION:
        raise _Problem(
            f"it was written by a newer compound (format version {version}; "
            f"this one reads version {VERSION}); upgrade compound to merge it"
        )
    try:
        name = check_profile_name(
            data.get("member") if isinstance(data.get("member"), str) else None
        )
    except InputError as exc:
        raise _Problem(f"member: {exc}") from None
    stamp = data.get("exported_at")
    try:
        exported_at = datetime.fromisoformat(stamp) if isinstance(stamp, str) else None
    except ValueError:
        exported_at = None
    if exported_at is None or exported_at.tzinfo is None:
        raise _Problem(f"exported_at: expected a date and time with its offset, got {stamp!r:.40}")
    goals = []
    for index, goal in enumerate(_list(data, "goals")):
        where = f"goals[{index}]"
        if not isinstance(goal, dict):
            raise _Problem(f'{where}: expected {{"kind": …, "since": …, "target": …}}')
        kind = goal.get("kind")
        if kind not in DAILY_KIND_NAMES:
            raise _Problem(
                f"{where}: the kind must be one of {', '.join(DAILY_KIND_NAMES)}, not {kind!r:.40}"
            )
        schedule = goal.get("schedule")
        if schedule is not None and (
            not isinstance(schedule, str) or len(schedule) > 500 or not schedule.isprintable()
        ):
            raise _Problem(f"{where}: the schedule must be an RRULE on one line")
        target = _whole(goal.get("target"), where, 1, MAX_TARGET)
        try:
            # The bounds any goal is held to where it is set: an hourly schedule would
            # expand to thousands of occurrences a day in the team's streak.
            target, schedule = check_goal(GoalKind(kind), target, schedule)
        except InputError as exc:
            raise _Problem(f"{where}: {exc}") from None
        goals.append(GoalChange(GoalKind(kind), target, _day(goal.get("since"), where), schedule))
    skips = frozenset(
        _day(day, f"skips[{index}]") for index, day in enumerate(_list(data, "skips"))
    )
    finished = []
    for index, book in enumerate(_list(data, "books_finished")):
        where = f"books_finished[{index}]"
        if not isinstance(book, dict):
            raise _Problem(f'{where}: expected {{"day": …}}')
        title = book.get("title")
        if title is not None:
            if not isinstance(title, str):
                raise _Problem(f"{where}: the title must be text")
            try:
                title = clean_text(title, "a title", required=True, limit=MAX_TITLE)
            except InputError as exc:
                raise _Problem(f"{where}: {exc}") from None
        finished.append(FinishedBook(_day(book.get("day"), where), title))
    return MemberHistory(
        name=name,
        days=_days(data, version),
        goals=tuple(goals),
        skips=skips,
        finished=tuple(finished),
        exported_at=exported_at,
    )


def read(path: Path) -> MemberHistory:
    """The member file at `path`; InputError naming the file when it cannot be used."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"there is no file {path}")
    if path.is_dir():
        raise InputError(f"{path} is a directory; name a member's file")
    text = read_text(path)
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path.name}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InputError(
            f"{path.name}: not a compound team member file (nested too deep)"
        ) from None
    except DuplicateKey as twice:
        raise InputError(f"{path.name}: {twice}") from None
    except ValueError:
        # Python reads no integer of more than 4,300 digits; no count has them.
        raise InputError(f"{path.name}: a number in it is far too long to be a count") from None
    try:
        return _member(data)
    except _Problem as problem:
        raise InputError(f"{path.name}: {problem}") from None
