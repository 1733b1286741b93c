"""Skip days: planned rest or travel, which neither break nor lengthen a streak."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.errors import InputError, SkipsNotFound
from compound.domain.records import Skip
from compound.domain.text import clean_text
from compound.store.history import as_date

# A longer span is more likely a typo in a year than a real holiday.
MAX_SKIP_SPAN = 366


def _days(first: date, last: date) -> list[date]:
    if last < first:
        raise InputError(f"the range ends ({last}) before it starts ({first})")
    span = (last - first).days + 1
    if span > MAX_SKIP_SPAN:
        raise InputError(f"{span} days is more than a year of skips; is there a typo?")
    return [first + timedelta(days=n) for n in range(span)]


def _to_skip(row: t.Skip) -> Skip:
    return Skip(id=t.saved_id(row), day=as_date(row.day), reason=row.reason)


def add(
    session: Session, profile_id: int, first: date, last: date, reason: str | None
) -> tuple[list[Skip], int]:
    """Mark each day from `first` to `last` as skipped; returns the new ones and how
    many were skipped already (those keep their reason)."""
    reason = clean_text(reason, "the reason")
    wanted = _days(first, last)
    existing = {
        as_date(d)
        for d in session.exec(
            select(col(t.Skip.day)).where(
                t.Skip.profile_id == profile_id, t.Skip.day >= first, t.Skip.day <= last
            )
        )
    }
    rows = [
        t.Skip(profile_id=profile_id, day=day, reason=reason)
        for day in wanted
        if day not in existing
    ]
    session.add_all(rows)
    session.flush()
    return [_to_skip(row) for row in rows], len(existing)


def listing(session: Session, profile_id: int, since: date | None = None) -> list[Skip]:
    query = select(t.Skip).where(t.Skip.profile_id == profile_id).order_by(col(t.Skip.day))
    if since is not None:
        query = query.where(t.Skip.day >= since)
    return [_to_skip(row) for row in session.exec(query)]


def remove(session: Session, profile_id: int, first: date, last: date) -> list[Skip]:
    _days(first, last)
    rows = session.exec(
        select(t.Skip).where(
            t.Skip.profile_id == profile_id, t.Skip.day >= first, t.Skip.day <= last
        )
    ).all()
    if not rows:
        span = str(first) if first == last else f"{first}..{last}"
        raise SkipsNotFound(span)
    removed = [_to_skip(row) for row in rows]
    for row in rows:
        session.delete(row)
    session.flush()
    return removed
