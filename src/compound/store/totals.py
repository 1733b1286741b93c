"""History in the shape the insight engine reads: totals per day, summed in SQL.

One GROUP BY per table, so ten years of check-ins arrive as a few thousand rows.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from compound.db import tables as t
from compound.domain.records import BookStatus, GoalKind
from compound.domain.status import GoalChange
from compound.domain.totals import DailyTotals
from compound.store.snapshot import as_date


def daily_totals(session: Session, profile_id: int, until: date,
                 since: date | None = None) -> DailyTotals:
    """Pages, sessions and learning minutes per day from `since` (or the start) to `until`."""
    logs = (select(t.ReadingLog.day, func.sum(t.ReadingLog.pages))
            .where(t.ReadingLog.profile_id == profile_id, t.ReadingLog.day <= until)
            .group_by(t.ReadingLog.day))
    sessions = (select(t.LearningSession.day, func.count(), func.sum(t.LearningSession.minutes))
                .where(t.LearningSession.profile_id == profile_id,
                       t.LearningSession.day <= until)
                .group_by(t.LearningSession.day))
    if since is not None:
        logs = logs.where(t.ReadingLog.day >= since)
        sessions = sessions.where(t.LearningSession.day >= since)
    pages = {as_date(day): int(total) for day, total in session.exec(logs)}
    counts: dict[date, int] = {}
    minutes: dict[date, int] = {}
    for day, count, total in session.exec(sessions):
        counts[as_date(day)], minutes[as_date(day)] = int(count), int(total)
    return DailyTotals(pages=pages, sessions=counts, session_minutes=minutes)


def minutes_by_kind(session: Session, profile_id: int, since: date, until: date) -> dict[str, int]:
    rows = session.exec(
        select(t.LearningSession.kind, func.sum(t.LearningSession.minutes))
        .where(t.LearningSession.profile_id == profile_id,
               t.LearningSession.day >= since, t.LearningSession.day <= until)
        .group_by(t.LearningSession.kind))
    return {kind: int(total) for kind, total in rows}


def finished_book_pages(session: Session, profile_id: int) -> list[int]:
    """Page counts of the finished books whose length is known: the person's book length."""
    return [int(pages) for pages in session.exec(
        select(t.Book.total_pages).where(t.Book.profile_id == profile_id,
                                         t.Book.status == BookStatus.FINISHED.value,
                                         t.Book.total_pages.is_not(None)))]


def books_finished_between(session: Session, profile_id: int, first: date, last: date) -> int:
    return int(session.exec(
        select(func.count()).select_from(t.Book)
        .where(t.Book.profile_id == profile_id, t.Book.status == BookStatus.FINISHED.value,
               t.Book.finished_on >= first, t.Book.finished_on <= last)).one())


def goal_changes(session: Session, profile_id: int) -> list[GoalChange]:
    """Every goal with its history, oldest first."""
    rows = session.exec(select(t.Goal).where(t.Goal.profile_id == profile_id)
                        .order_by(t.Goal.since, t.Goal.id))
    return [GoalChange(GoalKind(row.kind), row.target, as_date(row.since), row.schedule)
            for row in rows]


def skip_days(session: Session, profile_id: int, until: date | None = None) -> set[date]:
    query = select(t.Skip.day).where(t.Skip.profile_id == profile_id)
    if until is not None:
        query = query.where(t.Skip.day <= until)
    return {as_date(day) for day in session.exec(query)}
