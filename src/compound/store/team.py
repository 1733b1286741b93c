"""Every member's history for a team report, in one pass over the database.

Per-member per-day totals come from ONE grouped query over all profiles, ordered
by member and day and streamed (a server-side cursor on PostgreSQL), so the
report folds in one member at a time: a thousand members' five years of check-ins
never sit in memory together. Goals, skips and finished books, a few rows per
member, are read whole beforehand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, cast

from sqlalchemy import literal_column, text
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.goals import DAILY_KINDS, GoalChange
from compound.domain.profiles import DEFAULT_PROFILE
from compound.domain.records import BookStatus, GoalKind, Profile
from compound.domain.team import FinishedBook, MemberHistory
from compound.store import profiles as profile_rows
from compound.store.history import DAY_TOTALS, as_date

if TYPE_CHECKING:
    import sqlite3

    from compound.domain.met import DayTotals

# Rows fetched per round trip while streaming the per-day totals from a server.
BATCH = 10_000

# Pages, sessions and learning minutes per member per day: ONE grouped query over
# all profiles. Plain SQL, run on the driver's cursor on SQLite (see below).
PER_DAY_TOTALS = """
    SELECT profile_id, day, SUM(pages), SUM(sessions), SUM(minutes), SUM(timed) FROM (
        SELECT profile_id, day, pages, 0 AS sessions, 0 AS minutes,
               CASE WHEN pages = 0 THEN COALESCE(minutes, 0) ELSE 0 END AS timed
        FROM reading_log WHERE day <= :today
        UNION ALL
        SELECT profile_id, day, 0, 1, minutes, 0 FROM learning_session WHERE day <= :today
    ) AS entries
    GROUP BY profile_id, day ORDER BY profile_id, day
"""
# The same for one member (a member's own file): the rows of a person's History.
MEMBER_TOTALS = DAY_TOTALS


def _per_day_totals(session: Session, today: date, profile_id: int | None):
    """Rows of (profile id, day, pages, sessions, learning minutes), by profile and day,
    and the function that turns a row's day into a date."""
    sql = MEMBER_TOTALS if profile_id is not None else PER_DAY_TOTALS
    params: dict[str, date | int | str] = {"today": today}
    if profile_id is not None:
        params["profile"] = profile_id
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        rows = connection.execute(text(sql), params, execution_options={"yield_per": BATCH})
        return rows, _same
    # A million rows and more: the sqlite3 cursor itself, in this unit's transaction,
    # skips SQLAlchemy's per-row work (a third of the export's time). SQLite keeps
    # dates as ISO text, which compares in date order.
    params["today"] = today.isoformat()
    driver = cast("sqlite3.Connection", connection.connection.driver_connection)
    return driver.execute(sql, params), _IsoDays().__getitem__


def _same(day: date) -> date:
    return day


class _IsoDays(dict):
    """ISO day text to dates, each converted once: a million rows name a few
    thousand days, and the members then share the same date objects."""

    def __missing__(self, text: str) -> date:
        day = self[text] = date.fromisoformat(text)
        return day


def _days_by_profile(
    session: Session, today: date, profile_id: int | None
) -> Iterator[tuple[int, list[DayTotals]]]:
    """(profile id, [(day, pages, sessions, minutes), …]) for each profile with any day."""
    rows, to_date = _per_day_totals(session, today, profile_id)
    # Any start works: the first row only ever finds `days` empty.
    current: int = 0
    days: list[DayTotals] = []
    for profile, day, pages, sessions, minutes, timed in rows:
        if profile != current:
            if days:
                yield current, days
            current, days = profile, []
        days.append((to_date(day), pages, sessions, minutes, int(timed or 0)))
    if days:
        yield current, days


def _by_profile(session: Session, table, query, profile_id: int | None) -> dict[int, list]:
    """{profile id: [the rest of each row]} for `query`, whose first column is the profile."""
    if profile_id is not None:
        query = query.where(table.profile_id == profile_id)
    found: dict[int, list] = defaultdict(list)
    # Core rather than the ORM's session.exec: a hundred thousand books read faster.
    for row in session.connection().execute(query):
        found[row[0]].append(row[1:])
    return found


def _profiles(session: Session, profile_id: int | None) -> list[Profile]:
    """The members: every profile, but the default one when it holds nothing (every
    database has it, and on a shared one nobody may use it)."""
    query = select(col(t.Profile.id), t.Profile.name).order_by(col(t.Profile.id))
    if profile_id is not None:
        query = query.where(t.Profile.id == profile_id)
    # A primary key is never NULL; the column is typed for a row not yet saved.
    rows = [Profile(id=cast(int, pid), name=name) for pid, name in session.exec(query)]
    if (
        profile_id is None
        and any(p.name == DEFAULT_PROFILE for p in rows)
        and profile_rows.contents(session, DEFAULT_PROFILE).empty
    ):
        rows = [p for p in rows if p.name != DEFAULT_PROFILE]
    return rows


def members(
    session: Session,
    today: date,
    *,
    include_books: bool = False,
    profile_id: int | None = None,
    finished_since: date | None = None,
) -> Iterator[MemberHistory]:
    """Each member's history up to `today` (only `profile_id`'s when given), by profile
    id; of the books finished, those from `finished_since` on (default: all)."""
    # Daily goals: the pages one sets what makes a learning day; the schedules of
    # both say which days are due.
    goals = _by_profile(
        session,
        t.Goal,
        core_select(
            col(t.Goal.profile_id),
            col(t.Goal.kind),
            col(t.Goal.since),
            col(t.Goal.target),
            col(t.Goal.schedule),
        )
        .where(col(t.Goal.kind).in_([kind.value for kind in DAILY_KINDS]))
        .order_by(col(t.Goal.profile_id), col(t.Goal.since), col(t.Goal.id)),
        profile_id,
    )
    skips = _by_profile(
        session,
        t.Skip,
        core_select(col(t.Skip.profile_id), col(t.Skip.day)).where(col(t.Skip.day) <= today),
        profile_id,
    )
    title = col(t.Book.title) if include_books else literal_column("NULL")
    finished = _by_profile(
        session,
        t.Book,
        core_select(col(t.Book.profile_id), col(t.Book.finished_on), title)
        .where(
            col(t.Book.status) == BookStatus.FINISHED.value,
            col(t.Book.finished_on) >= (finished_since or date.min),
            col(t.Book.finished_on) <= today,
        )
        .order_by(col(t.Book.profile_id), col(t.Book.finished_on), col(t.Book.id)),
        profile_id,
    )
    profiles = _profiles(session, profile_id)
    grouped = _days_by_profile(session, today, profile_id)
    pending = next(grouped, None)
    for profile in profiles:
        # Pass over any profile not listed (one added since the list was read).
        while pending is not None and pending[0] < profile.id:
            pending = next(grouped, None)
        days = []
        if pending is not None and pending[0] == profile.id:
            days = pending[1]
            pending = next(grouped, None)
        yield MemberHistory(
            name=profile.name,
            days=days,
            goals=tuple(
                GoalChange(GoalKind(kind), target, as_date(since), schedule)
                for kind, since, target, schedule in goals.get(profile.id, ())
            ),
            skips=frozenset(as_date(day) for (day,) in skips.get(profile.id, ())),
            finished=tuple(
                FinishedBook(as_date(day), title) for day, title in finished.get(profile.id, ())
            ),
        )
