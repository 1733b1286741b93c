"""Gathering an export: one profile's records over a period, in a stable order.

Everything is ordered by id (skips by day, goals by kind and start), which is the
order an import of the export adds them in: exporting, importing into an empty
database and exporting again lists the same records in the same order.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, func, or_
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.exports import ExportData
from compound.domain.records import Goal, GoalKind, Profile, Skip
from compound.store.books import to_book
from compound.store.entries import to_log, to_session
from compound.store.history import as_date


def _within(
    column: Mapped[date] | Mapped[date | None], since: date | None, until: date | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column <= until)
    return conditions


def gather(
    session: Session,
    profile: Profile,
    today: date,
    since: date | None = None,
    until: date | None = None,
) -> ExportData:
    """The records of `profile` from `since` to `until` (see ExportData for what falls in)."""
    pid = profile.id
    logs = session.exec(
        select(t.ReadingLog)
        .where(t.ReadingLog.profile_id == pid, *_within(col(t.ReadingLog.day), since, until))
        .order_by(col(t.ReadingLog.id))
    ).all()
    sessions = session.exec(
        select(t.LearningSession)
        .where(
            t.LearningSession.profile_id == pid,
            *_within(col(t.LearningSession.day), since, until),
        )
        .order_by(col(t.LearningSession.id))
    ).all()
    skips = session.exec(
        select(t.Skip)
        .where(t.Skip.profile_id == pid, *_within(col(t.Skip.day), since, until))
        .order_by(col(t.Skip.day))
    ).all()
    goals = session.exec(
        select(t.Goal)
        .where(t.Goal.profile_id == pid, *_within(col(t.Goal.since), None, until))
        .order_by(t.Goal.kind, col(t.Goal.since))
    ).all()

    books_query = select(t.Book).where(t.Book.profile_id == pid).order_by(col(t.Book.id))
    if since is not None or until is not None:
        # A period's books: read in it (so every log's book is there), started or finished.
        read_in_period = sorted({log.book_id for log in logs if log.book_id is not None})
        books_query = books_query.where(
            or_(
                col(t.Book.id).in_(read_in_period),
                and_(*_within(col(t.Book.started_on), since, until)),
                and_(*_within(col(t.Book.finished_on), since, until)),
            )
        )
    book_rows = session.exec(books_query).all()
    read = dict(
        session.exec(
            select(col(t.ReadingLog.book_id), func.sum(t.ReadingLog.pages))
            .where(t.ReadingLog.profile_id == pid, col(t.ReadingLog.book_id).is_not(None))
            .group_by(col(t.ReadingLog.book_id))
        ).all()
    )
    books = tuple(to_book(row, int(read.get(t.saved_id(row), 0))) for row in book_rows)
    titles: dict[int | None, str] = {book.id: book.title for book in books}

    return ExportData(
        profile=profile.name,
        exported_at=datetime.now(UTC),
        today=today,
        since=since,
        until=until,
        books=books,
        reading_logs=tuple(to_log(row, titles.get(row.book_id)) for row in logs),
        sessions=tuple(to_session(row) for row in sessions),
        goals=tuple(
            Goal(
                id=t.saved_id(row),
                kind=GoalKind(row.kind),
                target=row.target,
                schedule=row.schedule,
                since=as_date(row.since),
            )
            for row in goals
        ),
        skips=tuple(
            Skip(id=t.saved_id(row), day=as_date(row.day), reason=row.reason) for row in skips
        ),
    )
