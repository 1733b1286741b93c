"""One person's History in plain SQL: the one query path for per-day totals.

Every figure is computed from a History (domain/totals.py): per-day pages,
sessions and learning minutes, the goal timeline, skip days, finished books and
the books in hand. These statements are the only place that reads them, whether
through the sqlite3 module (the light path: `compound status --short` may sit in a
shell prompt and never imports SQLModel, ~360 ms) or through SQLAlchemy (the
Store, on SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from compound.db import revisions, sqlite_file
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.records import Book, BookStatus, GoalKind
from compound.domain.totals import DailyTotals, History

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from typing import Any, overload

    # run(sql, params) -> rows. Parameters use the :name style that both sqlite3
    # and SQLAlchemy's text() accept; dates are passed as dates.
    Runner = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]

PROFILE_ID = "SELECT id FROM profile WHERE name = :name"
# A profile's pages, sessions, learning minutes and minutes read by time (reading
# logs without pages: an audiobook) per day, oldest first: the rows every figure
# walks, in the order they need, with no sorting left to do in Python. (The profile
# column too: a team report reads a member's file with the same query.)
DAY_TOTALS = """
    SELECT profile_id, day, SUM(pages), SUM(sessions), SUM(minutes), SUM(timed) FROM (
        SELECT profile_id, day, pages, 0 AS sessions, 0 AS minutes,
               CASE WHEN pages = 0 THEN COALESCE(minutes, 0) ELSE 0 END AS timed
        FROM reading_log
        WHERE profile_id = :profile AND day <= :today
        UNION ALL
        SELECT profile_id, day, 0, 1, minutes, 0 FROM learning_session
        WHERE profile_id = :profile AND day <= :today
    ) AS entries
    GROUP BY profile_id, day ORDER BY day
"""
SKIP_DAYS = "SELECT day FROM skip WHERE profile_id = :profile AND day <= :today"
GOAL_CHANGES = """
    SELECT kind, target, since, schedule FROM goal
    WHERE profile_id = :profile ORDER BY since, id
"""
FINISHED_BOOKS = """
    SELECT finished_on, total_pages FROM book
    WHERE profile_id = :profile AND status = 'finished'
"""
SHELVED_BOOKS = """
    SELECT b.id, b.title, b.author, b.total_pages, b.isbn, b.status, b.started_on,
           b.finished_on, b.source,
           (SELECT COALESCE(SUM(r.pages), 0) FROM reading_log r WHERE r.book_id = b.id),
           b.total_minutes,
           (SELECT COALESCE(SUM(r.minutes), 0) FROM reading_log r WHERE r.book_id = b.id)
    FROM book b
    WHERE b.profile_id = :profile AND b.status IN ({statuses})
    ORDER BY b.started_on, b.id
"""
BOOKS_BEING_READ = SHELVED_BOOKS.format(statuses="'reading'")
BOOKS_IN_HAND = SHELVED_BOOKS.format(statuses="'reading', 'to-read'")


if TYPE_CHECKING:

    @overload
    def as_date(value: date | str) -> date: ...

    @overload
    def as_date(value: None) -> None: ...


def as_date(value: date | str | None) -> date | None:
    """SQLite hands dates back as ISO text, PostgreSQL as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def book_from_row(row: Sequence[Any]) -> Book:
    """A Book from the columns selected in SHELVED_BOOKS, in that order."""
    id_, title, author, total, isbn, status, started, finished, source = row[:9]
    read, length, listened = row[9:]
    return Book(
        id=id_,
        title=title,
        author=author,
        total_pages=total,
        isbn=isbn,
        status=BookStatus(status),
        started_on=as_date(started),
        finished_on=as_date(finished),
        source=source,
        pages_read=int(read or 0),
        total_minutes=length,
        minutes_read=int(listened or 0),
    )


def read_history(run: Runner, profile_id: int, today: date, *, light: bool = False) -> History:
    """Everything the figures read about a profile as of `today`, through `run`.

    `light` (the one-line status) leaves out the finished books and the to-read
    shelf, which only the yearly books goal and the projection need.
    """
    params = {"profile": profile_id, "today": today}
    goals = GoalTimeline(
        GoalChange(GoalKind(kind), int(target), as_date(since), schedule)
        for kind, target, since, schedule in run(GOAL_CHANGES, params)
    )
    pages: dict[date, int] = {}
    sessions: dict[date, int] = {}
    minutes: dict[date, int] = {}
    timed: dict[date, int] = {}
    rows = []
    for _profile, stored, read, held, spent, by_time in run(DAY_TOTALS, params):
        day, read, held, spent = as_date(stored), int(read), int(held), int(spent or 0)
        listened = int(by_time or 0)
        rows.append((day, read, held, spent, listened))
        if read:
            pages[day] = read
        if held:
            sessions[day], minutes[day] = held, spent
        if listened:
            timed[day] = listened
    finished_days: list[date] = []
    finished_pages: list[int] = []
    if not light:
        for finished_on, total in run(FINISHED_BOOKS, params):
            if finished_on is not None:
                finished_days.append(as_date(finished_on))
            if total:
                finished_pages.append(int(total))
    shelves = [
        book_from_row(row) for row in run(BOOKS_BEING_READ if light else BOOKS_IN_HAND, params)
    ]
    return History(
        today=today,
        totals=DailyTotals(
            pages=pages,
            sessions=sessions,
            session_minutes=minutes,
            timed_minutes=timed,
            in_order=tuple(rows),
        ),
        goals=goals,
        skips=frozenset(as_date(day) for (day,) in run(SKIP_DAYS, params)),
        finished_pages=tuple(finished_pages),
        finished_days=tuple(sorted(finished_days)),
        reading=tuple(b for b in shelves if b.status == BookStatus.READING),
        to_read=tuple(b for b in shelves if b.status == BookStatus.TO_READ),
    )


def read_sqlite_history(
    path: Path, profile: str, today: date, *, light: bool = False
) -> History | None:
    """A profile's History straight from an up-to-date SQLite file, without the ORM.

    None whenever the light path does not plainly apply (no file, a schema to
    upgrade, anything unexpected): the caller then opens the full store, which
    creates, upgrades, or explains the problem in one line.
    """
    if not path.is_file():
        return None
    try:
        con = sqlite_file.read_only_connection(path)
    except sqlite3.Error:
        return None
    try:
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != revisions.head_revision():
            return None
        row = con.execute(PROFILE_ID, {"name": profile}).fetchone()
        if row is None:
            return None

        def run(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
            iso = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
            return con.execute(sql, iso).fetchall()

        return read_history(run, row[0], today, light=light)
    except sqlite3.Error:
        return None
    finally:
        con.close()
