"""Today's status in plain SQL, the one place that SQL lives.

`compound status --short` may sit in a shell prompt, so on an up-to-date SQLite
file it reads through the sqlite3 module and never imports SQLModel (~360 ms).
The store runs the same statements through SQLAlchemy for PostgreSQL and for
everything else, so there is one definition of what status shows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from compound.db import revisions, sqlite_file
from compound.domain.records import Book, BookStatus, GoalKind
from compound.domain.status import GoalChange, TodayStatus, build_status

TYPE_CHECKING = False  # not typing's: importing typing costs the prompt path ~2 ms
if TYPE_CHECKING:
    from typing import Any

    # run(sql, params) -> rows. Parameters use the :name style that both sqlite3
    # and SQLAlchemy's text() accept.
    Runner = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]

PROFILE_ID = "SELECT id FROM profile WHERE name = :name"
PAGES_BY_DAY = """
    SELECT day, SUM(pages) FROM reading_log
    WHERE profile_id = :profile AND day <= :today GROUP BY day
"""
SESSIONS_BY_DAY = """
    SELECT day, COUNT(*), SUM(minutes) FROM learning_session
    WHERE profile_id = :profile AND day <= :today GROUP BY day
"""
SKIP_DAYS = "SELECT day FROM skip WHERE profile_id = :profile AND day <= :today"
GOAL_CHANGES = """
    SELECT kind, target, since, schedule FROM goal
    WHERE profile_id = :profile AND kind IN ('daily-pages', 'daily-minutes', 'yearly-books')
"""
FINISHED_THIS_YEAR = """
    SELECT COUNT(*) FROM book WHERE profile_id = :profile AND status = 'finished'
    AND finished_on >= :year_start AND finished_on <= :today
"""
FINISHED_PAGES = """
    SELECT total_pages FROM book WHERE profile_id = :profile AND status = 'finished'
    AND total_pages IS NOT NULL
"""
BOOKS_BEING_READ = """
    SELECT b.id, b.title, b.author, b.total_pages, b.isbn, b.status, b.started_on,
           b.finished_on, b.source,
           (SELECT COALESCE(SUM(r.pages), 0) FROM reading_log r WHERE r.book_id = b.id)
    FROM book b
    WHERE b.profile_id = :profile AND b.status = 'reading'
    ORDER BY b.started_on, b.id
"""


def as_date(value: date | str | None) -> date | None:
    """SQLite hands dates back as ISO text, PostgreSQL as dates."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def book_from_row(row: Sequence[Any]) -> Book:
    """A Book from the columns selected in BOOKS_BEING_READ, in that order."""
    (id_, title, author, total, isbn, status, started, finished, source, read) = row
    return Book(id=id_, title=title, author=author, total_pages=total, isbn=isbn,
                status=BookStatus(status), started_on=as_date(started),
                finished_on=as_date(finished), source=source, pages_read=int(read or 0))


def today_status(run: Runner, profile_id: int, today: date, *,
                 goal_pace: bool = True) -> TodayStatus:
    """Read everything `compound status` shows, through `run`.

    Without `goal_pace` (the one-line form does not show it) the yearly books goal
    is left out, and with it two queries and the projection code.
    """
    params = {"profile": profile_id, "today": today}
    goals = [GoalChange(GoalKind(kind), target, as_date(since), schedule)
             for kind, target, since, schedule in run(GOAL_CHANGES, params)]
    finished, lengths = 0, []
    if not goal_pace:
        goals = [goal for goal in goals if goal.kind != GoalKind.YEARLY_BOOKS]
    elif any(goal.kind == GoalKind.YEARLY_BOOKS for goal in goals):
        year = {**params, "year_start": date(today.year, 1, 1)}
        finished = int(next(iter(run(FINISHED_THIS_YEAR, year)))[0])
        lengths = [int(total) for (total,) in run(FINISHED_PAGES, params)]
    return build_status(
        today,
        {as_date(day): int(pages) for day, pages in run(PAGES_BY_DAY, params)},
        {as_date(day): (int(count), int(minutes)) for day, count, minutes
         in run(SESSIONS_BY_DAY, params)},
        [as_date(day) for (day,) in run(SKIP_DAYS, params)],
        goals,
        [book_from_row(row) for row in run(BOOKS_BEING_READ, params)],
        finished, lengths,
    )


def read_sqlite_status(path: Path, profile: str, today: date, *,
                       goal_pace: bool = True) -> TodayStatus | None:
    """Status straight from an up-to-date SQLite file, without the ORM.

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

        def run(sql: str, params: dict[str, Any]) -> list[tuple]:
            iso = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
            return con.execute(sql, iso).fetchall()

        return today_status(run, row[0], today, goal_pace=goal_pace)
    except sqlite3.Error:
        return None
    finally:
        con.close()
