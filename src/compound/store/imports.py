"""Applying an import batch: recognise what is already stored, add the rest.

Runs inside the caller's transaction, so an import is all or nothing, and a dry
run is the same work rolled back. What counts as "already stored" makes importing
the same file twice add nothing:
- books: by ISBN, else normalised title and author, then by which read (see
  domain/imports.py); a book added by this import is never matched again by it,
  so a file listing a book twice (a reread) keeps both;
- logs with an import key: by that key, updated when the source now says more;
- other logs and sessions: by every field, creation time included, counted, so
  two identical entries in a file stay two;
- goals by kind and start day; skip days by day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import overload

from sqlalchemy import exists, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ImportedGoal,
    ImportedLog,
    ImportedSession,
    ImportedSkip,
    ImportSummary,
    Tally,
    changes_for,
    choose_match,
    isbn_key,
    name_key,
    same_author,
)
from compound.domain.records import Book
from compound.store import page_reads
from compound.store.books import to_book
from compound.store.bulk import LOG_COLUMNS, insert_rows, keyed_logs, update_log_amounts
from compound.store.history import as_date

Progress = Callable[[int], None]


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: None) -> None: ...
def _utc(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every timestamp compound stores is UTC.
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def apply(
    session: Session, profile_id: int, batch: ImportBatch, progress: Progress | None = None
) -> ImportSummary:
    """Apply `batch` to the profile; returns what was added, updated and left out."""
    tick = progress or (lambda _n: None)
    summary = ImportSummary(
        kind=batch.kind,
        source=batch.source,
        skipped=list(batch.skipped),
        repaired=list(batch.repaired),
    )
    held = _Held(session, profile_id, batch)
    book_ids = _books(session, profile_id, batch.books, summary.books, tick, held.books)
    # An e-reader's books: their logs are counted from every page read kept of them.
    logs = page_reads.apply(session, profile_id, batch, book_ids, summary, tick)
    # Those add logs of their own, which the other logs are then matched against.
    held_logs = held.logs or bool(batch.page_reads)
    _logs(session, profile_id, logs, book_ids, summary.reading_logs, tick, held_logs)
    _sessions(session, profile_id, batch.sessions, summary.sessions, tick, held.sessions)
    _goals(session, profile_id, batch.goals, summary, tick)
    _skips(session, profile_id, batch.skips, summary.skips, tick, held.skips)
    session.flush()
    return summary


class _Held:
    """Which kinds of record the profile holds any of before the import, asked in one
    query: a first import (the usual one) then looks up nothing else."""

    def __init__(self, session: Session, profile_id: int, batch: ImportBatch):
        kinds = [
            (name, table)
            for name, table, wanted in (
                ("books", t.Book, batch.books),
                ("logs", t.ReadingLog, batch.logs),
                ("sessions", t.LearningSession, batch.sessions),
                ("skips", t.Skip, batch.skips),
            )
            if wanted
        ]
        self.books = self.logs = self.sessions = self.skips = False
        if not kinds:
            return
        found = (
            session.connection()
            .execute(
                core_select(
                    *(exists().where(col(table.profile_id) == profile_id) for _n, table in kinds)
                )
            )
            .one()
        )
        for (name, _table), held in zip(kinds, found, strict=True):
            setattr(self, name, bool(held))


# -- books ------------------------------------------------------------------------------


class _Shelf:
    """The profile's books as they were before the import, indexed for recognition."""

    def __init__(
        self, session: Session, profile_id: int, records: Sequence[ImportedBook], held: bool
    ):
        self.rows: dict[int, t.Book] = {}
        if held:
            self.rows = {
                t.saved_id(row): row
                for row in session.exec(select(t.Book).where(t.Book.profile_id == profile_id))
            }
        self.books: dict[int, Book] = {}
        self.by_isbn: dict[str, list[Book]] = defaultdict(list)
        self.by_title: dict[str, list[Book]] = defaultdict(list)
        self.linked: dict[str, int] = {}
        self.used: set[int] = set()
        if not self.rows:
            return  # no books yet (a first import): nothing more to look up
        read = dict(
            session.exec(
                select(col(t.ReadingLog.book_id), func.sum(t.ReadingLog.pages))
                .where(
                    t.ReadingLog.profile_id == profile_id, col(t.ReadingLog.book_id).is_not(None)
                )
                .group_by(col(t.ReadingLog.book_id))
            ).all()
        )
        self.books = {id_: to_book(row, int(read.get(id_, 0))) for id_, row in self.rows.items()}
        for book in self.books.values():
            if book.isbn:
                self.by_isbn[isbn_key(book.isbn)].append(book)
            self.by_title[name_key(book.title)].append(book)
        if any(record.link_key for record in records):
            # A book some earlier import's keyed logs point at: "koreader:<md5>:<day>"
            # links the book "koreader:<md5>".
            for key, book_id in session.exec(
                select(col(t.ReadingLog.import_key), col(t.ReadingLog.book_id)).where(
                    t.ReadingLog.profile_id == profile_id,
                    col(t.ReadingLog.import_key).is_not(None),
                    col(t.ReadingLog.book_id).is_not(None),
                )
            ):
                if key is not None and book_id is not None:  # as the query asks
                    self.linked.setdefault(key.rsplit(":", 1)[0], book_id)

    def find(self, record: ImportedBook) -> Book | None:
        if not self.books:
            return None  # an empty shelf (a first import): nothing to recognise
        linked = self.linked.get(link_key) if (link_key := record.link_key) else None
        if linked is not None and linked not in self.used:
            return self.books[linked]
        named = [
            b
            for b in self.by_title.get(name_key(record.title), ())
            if same_author(b.author, record.author)
        ]
        if record.isbn:
            candidates = self.by_isbn.get(isbn_key(record.isbn), []) + [
                b for b in named if not b.isbn
            ]
        else:
            candidates = named
        return choose_match(record, [b for b in candidates if b.id not in self.used])


def _books(
    session: Session,
    profile_id: int,
    records: Sequence[ImportedBook],
    tally: Tally,
    tick: Progress,
    held: bool,
) -> dict[str, int]:
    """Match or add each book; returns the database id of every record's ref."""
    if not records:
        return {}
    shelf = _Shelf(session, profile_id, records, held)
    ids: dict[str, int] = {}
    new_refs: list[str] = []
    new_rows: list[tuple] = []
    now = datetime.now(UTC)
    for record in records:
        book = shelf.find(record)
        if book is None:
            new_refs.append(record.ref)
            new_rows.append(
                (
                    profile_id,
                    record.title,
                    record.author,
                    record.total_pages,
                    record.isbn,
                    record.status.value,
                    record.started_on,
                    record.finished_on,
                    record.source,
                    now,
                    record.total_minutes,
                )
            )
            tally.added += 1
        else:
            shelf.used.add(book.id)
            ids[record.ref] = book.id
            changes = changes_for(book, record)
            row = shelf.rows[book.id]
            for name, value in changes.items():
                setattr(row, name, getattr(value, "value", value))
            if changes:
                session.add(row)
                tally.updated += 1
            else:
                tally.unchanged += 1
        tick(1)
    session.flush()
    added = insert_rows(
        session.connection(),
        t.Book.__table__,  # type: ignore[attr-defined]  # set by SQLModel, not declared there
        _BOOK_COLUMNS,
        new_rows,
        new_ids=True,
    )
    ids.update(zip(new_refs, added, strict=True))
    return ids


_BOOK_COLUMNS = (
    "profile_id",
    "title",
    "author",
    "total_pages",
    "isbn",
    "status",
    "started_on",
    "finished_on",
    "source",
    "created_at",
    "total_minutes",
)


# -- entries ----------------------------------------------------------------------------


def _logs(
    session: Session,
    profile_id: int,
    records: Sequence[ImportedLog],
    book_ids: dict[str, int],
    tally: Tally,
    tick: Progress,
    held: bool,
) -> None:
    if not records:
        return
    # The stored logs as plain values: (id, pages, minutes) by import key, and the
    # other logs' fields counted; no objects to load and track.
    keyed: dict[str, tuple[int, int, int | None]] = {}
    if held and any(r.import_key is not None for r in records):
        for id_, stored_key, pages, minutes in keyed_logs(session, profile_id):
            keyed[stored_key] = (id_, pages, minutes)
    stored: Counter = Counter()
    plain = [r for r in records if r.import_key is None]
    if held and plain:
        first, last = min(r.day for r in plain), max(r.day for r in plain)
        stored.update(
            (as_date(day), pages, book_id, minutes, note, _utc(created_at))
            for day, pages, book_id, minutes, note, created_at in session.connection().execute(
                core_select(
                    col(t.ReadingLog.day),
                    col(t.ReadingLog.pages),
                    col(t.ReadingLog.book_id),
                    col(t.ReadingLog.minutes),
                    col(t.ReadingLog.note),
                    col(t.ReadingLog.created_at),
                ).where(
                    col(t.ReadingLog.profile_id) == profile_id,
                    col(t.ReadingLog.import_key).is_(None),
                    col(t.ReadingLog.day) >= first,
                    col(t.ReadingLog.day) <= last,
                )
            )
        )
    now = datetime.now(UTC)
    added: list[tuple] = []
    changed: list[dict] = []
    new_keys: set[str] = set()
    for record in records:
        book_id = None
        if record.book_ref is not None:
            if record.book_ref not in book_ids:
                raise InputError(f"{record.where}: names a book the file does not list")
            book_id = book_ids[record.book_ref]
        key = record.import_key
        if key is not None:
            if key in new_keys:
                raise InputError(f"{record.where}: import key {key!r} is used by an earlier log")
            row = keyed.get(key)
            if row is not None:
                if row[1:] != (record.pages, record.minutes):
                    changed.append(
                        {"row": row[0], "new_pages": record.pages, "new_minutes": record.minutes}
                    )
                    keyed[key] = (row[0], record.pages, record.minutes)
                    tally.updated += 1
                else:
                    tally.unchanged += 1
                tick(1)
                continue
        elif stored:
            fingerprint = (
                record.day,
                record.pages,
                book_id,
                record.minutes,
                record.note,
                _utc(record.created_at),
            )
            if stored[fingerprint] > 0:
                stored[fingerprint] -= 1
                tally.unchanged += 1
                tick(1)
                continue
        added.append(
            (
                profile_id,
                record.day,
                record.pages,
                book_id,
                record.minutes,
                record.note,
                record.started_book,
                key,
                _utc(record.created_at) or now,
            )
        )
        if key is not None:
            new_keys.add(key)
        tally.added += 1
        tick(1)
    session.flush()  # any change of the ORM's, before these
    reading_log = t.ReadingLog.__table__  # type: ignore[attr-defined]  # set by SQLModel
    connection = session.connection()
    update_log_amounts(connection, changed)
    insert_rows(connection, reading_log, LOG_COLUMNS, added)


def _sessions(
    session: Session,
    profile_id: int,
    records: Sequence[ImportedSession],
    tally: Tally,
    tick: Progress,
    held: bool,
) -> None:
    if not records:
        return
    stored: Counter[tuple[date, int, str, str | None, str | None, datetime | None]] = Counter()
    if held:
        first, last = min(r.day for r in records), max(r.day for r in records)
        stored.update(
            (as_date(day), minutes, kind, topic, note, _utc(created_at))
            for day, minutes, kind, topic, note, created_at in session.connection().execute(
                core_select(
                    col(t.LearningSession.day),
                    col(t.LearningSession.minutes),
                    col(t.LearningSession.kind),
                    col(t.LearningSession.topic),
                    col(t.LearningSession.note),
                    col(t.LearningSession.created_at),
                ).where(
                    col(t.LearningSession.profile_id) == profile_id,
                    col(t.LearningSession.day) >= first,
                    col(t.LearningSession.day) <= last,
                )
            )
        )
    now = datetime.now(UTC)
    added: list[tuple] = []
    for record in records:
        kind = record.kind.value
        created_at = _utc(record.created_at)
        if stored:
            key = (record.day, record.minutes, kind, record.topic, record.note, created_at)
            if stored[key] > 0:
                stored[key] -= 1
                tally.unchanged += 1
                tick(1)
                continue
        added.append(
            (
                profile_id,
                record.day,
                record.minutes,
                kind,
                record.topic,
                record.note,
                created_at or now,
            )
        )
        tally.added += 1
        tick(1)
    session.flush()
    # At once, as the logs are: one ORM object per session made years of a habit slow.
    insert_rows(
        session.connection(),
        t.LearningSession.__table__,  # type: ignore[attr-defined]  # set by SQLModel
        ("profile_id", "day", "minutes", "kind", "topic", "note", "created_at"),
        added,
    )


# -- goals and skip days ----------------------------------------------------------------


def _goals(
    session: Session,
    profile_id: int,
    records: Sequence[ImportedGoal],
    summary: ImportSummary,
    tick: Progress,
) -> None:
    if not records:
        return
    stored = {
        (row.kind, as_date(row.since)): row
        for row in session.exec(select(t.Goal).where(t.Goal.profile_id == profile_id))
    }
    for record in records:
        row = stored.get((record.kind.value, record.since))
        if row is None:
            row = t.Goal(
                profile_id=profile_id,
                kind=record.kind.value,
                target=record.target,
                schedule=record.schedule,
                since=record.since,
            )
            session.add(row)
            stored[(record.kind.value, record.since)] = row
            summary.goals.added += 1
        elif (row.target, row.schedule) == (record.target, record.schedule):
            summary.goals.unchanged += 1
        else:
            summary.skipped.append(
                (
                    record.where,
                    (
                        f"the {record.kind.value} goal from {record.since.isoformat()} is "
                        f"{row.target} here, {record.target} in the file; kept {row.target}"
                    ),
                )
            )
        tick(1)


def _skips(
    session: Session,
    profile_id: int,
    records: Sequence[ImportedSkip],
    tally: Tally,
    tick: Progress,
    held: bool,
) -> None:
    if not records:
        return
    stored: set[date] = set()
    if held:
        stored = {
            as_date(day)
            for day in session.exec(select(col(t.Skip.day)).where(t.Skip.profile_id == profile_id))
        }
    added: list[tuple] = []
    for record in records:
        if record.day in stored:
            tally.unchanged += 1
        else:
            added.append((profile_id, record.day, record.reason))
            stored.add(record.day)
            tally.added += 1
        tick(1)
    session.flush()
    # At once, as the logs are: tens of thousands of rows one by one took many seconds.
    insert_rows(
        session.connection(),
        t.Skip.__table__,  # type: ignore[attr-defined]  # set by SQLModel, not declared there
        ("profile_id", "day", "reason"),
        added,
    )
