"""Entries: reading logs and learning sessions, with what they do to books.

A book follows its logs: logging to a book on the to-read shelf starts it, the log
that reaches its last page finishes it, and removing that log reopens it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.errors import (
    BookClosed,
    EntryNotFound,
    InputError,
    NeedsBook,
    NoRoomInBook,
    WhichBook,
)
from compound.domain.records import UNSET as UNSET
from compound.domain.records import (
    BookStatus,
    Entry,
    LearningSession,
    LoggedPages,
    Position,
    ReadingLog,
    RemovedEntry,
    SessionKind,
    Unset,
    amount_to,
    parse_ref,
)
from compound.domain.text import MAX_NOTE, clean_text
from compound.store import books
from compound.store.history import as_date


def _aware(moment: datetime) -> datetime:
    # SQLite returns naive datetimes; every timestamp compound writes is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_log(row: t.ReadingLog, book_title: str | None) -> ReadingLog:
    return ReadingLog(
        id=t.saved_id(row),
        day=as_date(row.day),
        pages=row.pages,
        book_id=row.book_id,
        book_title=book_title,
        minutes=row.minutes,
        note=row.note,
        created_at=_aware(row.created_at),
        started_book=bool(row.started_book),
        import_key=row.import_key,
    )


def to_session(row: t.LearningSession) -> LearningSession:
    return LearningSession(
        id=t.saved_id(row),
        day=as_date(row.day),
        minutes=row.minutes,
        kind=SessionKind(row.kind),
        topic=row.topic,
        note=row.note,
        created_at=_aware(row.created_at),
    )


def _book_title(session: Session, book_id: int | None) -> str | None:
    return session.get_one(t.Book, book_id).title if book_id is not None else None


def _current_book(session: Session, profile_id: int) -> t.Book | None:
    """The book being read, when there is exactly one; None when there is none."""
    reading = session.exec(
        select(t.Book).where(t.Book.profile_id == profile_id, t.Book.status == BookStatus.READING)
    ).all()
    if len(reading) > 1:
        raise WhichBook([(t.saved_id(b), b.title) for b in reading])
    return reading[0] if reading else None


def _check_room(
    book: t.Book, pages: int, already: int, minutes: int | None = None, listened: int = 0
) -> None:
    """Refuse pages beyond the book's end (minutes beyond an audiobook's), or into a
    book that is closed; `already` and `listened`: its pages and minutes so far."""
    if book.status in (BookStatus.FINISHED, BookStatus.ABANDONED):
        raise BookClosed(t.saved_id(book), book.title, book.status)
    if book.total_pages and already + pages > book.total_pages:
        raise NoRoomInBook(
            t.saved_id(book), book.title, book.total_pages - already, book.total_pages
        )
    if books.by_time(book) and book.total_minutes and minutes:
        if listened + minutes > book.total_minutes:
            left = book.total_minutes - listened
            raise InputError(
                f"{book.title} has {left} minutes left of {book.total_minutes}; "
                f"{minutes} minutes would go past its end"
            )


def log_pages(
    session: Session,
    profile_id: int,
    *,
    day: date,
    pages: int | None = None,
    to_page: int | None = None,
    book_ref: str | None = None,
    minutes: int | None = None,
    note: str | None = None,
    to: Position | None = None,
) -> LoggedPages:
    """Log pages read on `day`, the pages up to `to_page` in the book, or what reaching
    the position `to` adds (pages, or an audiobook's minutes). A log of minutes alone
    (pages 0) is reading measured by time."""
    book = (
        books.find(session, profile_id, book_ref)
        if book_ref is not None
        else _current_book(session, profile_id)
    )
    note = clean_text(note, "the note", limit=MAX_NOTE, multiline=True)
    # Counted once, before the new log: its room, its position, its finish.
    already, listened = books.read_so_far(session, t.saved_id(book)) if book else (0, 0)
    if to_page is not None:
        to = Position(page=to_page)
    if to is not None:
        if book is None:
            raise NeedsBook()
        pages, timed = amount_to(books.to_book(book, already, minutes=listened), to)
        minutes = timed if timed is not None else minutes
    if pages is None:
        if not minutes:
            raise InputError("say how many pages were read, or the page reached")
        pages = 0  # read by time: minutes without pages
    if book is not None:
        _check_room(book, pages, already, minutes, listened)
    read = (already + pages, listened + (minutes or 0))  # with the new log
    row = t.ReadingLog(
        profile_id=profile_id,
        day=day,
        pages=pages,
        book_id=book.id if book else None,
        minutes=minutes,
        note=note,
    )
    session.add(row)
    session.flush()
    started = finished = False
    if book is not None:
        started, finished = books.follow_logs(session, book, day, read)
        row.started_book = started
        session.add(row)
        session.flush()
    # The day's standing (its total against the goal in force) is the tracker's to
    # read, with the rule that decides it (domain/today.py), not a query here.
    return LoggedPages(
        log=to_log(row, book.title if book else None),
        book=books.to_book(book, read[0], minutes=read[1]) if book else None,
        started_book=started,
        finished_book=finished,
    )


def restore(session: Session, profile_id: int, entry: Entry) -> Entry:
    """Store a deleted entry again as it was: the same id (r14 stays r14), day, amounts,
    note and creation time, and a reading log with its own book (or none), which it
    moves along again as a new log would.

    Ids are never reused, so the deleted one is free; should it be taken all the same
    (a database restored from a copy meanwhile), the entry gets a new one. So it does
    where this connection may not choose ids (a member of a shared PostgreSQL
    database: ids there come from the database alone).
    """
    table = t.ReadingLog if isinstance(entry, ReadingLog) else t.LearningSession
    taken = session.get(table, entry.id) is not None or not _may_choose_ids(session, table)
    new_id = None if taken else entry.id  # None: the database gives it a new one
    if not isinstance(entry, ReadingLog):
        row = t.LearningSession(
            id=new_id,
            profile_id=profile_id,
            day=entry.day,
            minutes=entry.minutes,
            note=entry.note,
            created_at=entry.created_at,
            kind=entry.kind.value,
            topic=entry.topic,
        )
        session.add(row)
        session.flush()
        return to_session(row)
    book = session.get(t.Book, entry.book_id) if entry.book_id is not None else None
    if book is not None and book.profile_id != profile_id:
        book = None
    already, listened = books.read_so_far(session, t.saved_id(book)) if book else (0, 0)
    if book is not None:
        _check_room(book, entry.pages, already, entry.minutes, listened)
    log = t.ReadingLog(
        id=new_id,
        profile_id=profile_id,
        day=entry.day,
        minutes=entry.minutes,
        note=entry.note,
        created_at=entry.created_at,
        pages=entry.pages,
        book_id=book.id if book else None,
        import_key=entry.import_key,
    )
    session.add(log)
    session.flush()
    if book is not None:
        read = (already + entry.pages, listened + (entry.minutes or 0))  # with this log
        started, _finished = books.follow_logs(session, book, entry.day, read)
        log.started_book = started or entry.started_book
        session.add(log)
        session.flush()
    return to_log(log, book.title if book else None)


def log_session(
    session: Session,
    profile_id: int,
    *,
    day: date,
    minutes: int,
    kind: SessionKind = SessionKind.OTHER,
    topic: str | None = None,
    note: str | None = None,
) -> LearningSession:
    row = t.LearningSession(
        profile_id=profile_id,
        day=day,
        minutes=minutes,
        kind=kind.value,
        topic=clean_text(topic, "the topic"),
        note=clean_text(note, "the note", limit=MAX_NOTE, multiline=True),
    )
    session.add(row)
    session.flush()
    return to_session(row)


def history(session: Session, profile_id: int, since: date, until: date) -> list[Entry]:
    """Entries from `since` to `until`, newest first."""
    logs = session.exec(
        select(t.ReadingLog, t.Book.title)
        .join(t.Book, col(t.Book.id) == t.ReadingLog.book_id, isouter=True)
        .where(
            t.ReadingLog.profile_id == profile_id,
            t.ReadingLog.day >= since,
            t.ReadingLog.day <= until,
        )
    ).all()
    sessions = session.exec(
        select(t.LearningSession).where(
            t.LearningSession.profile_id == profile_id,
            t.LearningSession.day >= since,
            t.LearningSession.day <= until,
        )
    ).all()
    entries: list[Entry] = [to_log(row, title) for row, title in logs]
    entries += [to_session(row) for row in sessions]
    return sorted(entries, key=lambda e: (e.day, e.created_at), reverse=True)


def _find_row(session: Session, profile_id: int, ref: str) -> t.ReadingLog | t.LearningSession:
    kind, id_ = parse_ref(ref)
    row: t.ReadingLog | t.LearningSession | None
    if kind is ReadingLog:
        row = session.get(t.ReadingLog, id_)
    else:
        row = session.get(t.LearningSession, id_)
    if row is None or row.profile_id != profile_id:
        raise EntryNotFound(ref.strip().lower())
    return row


def _to_entry(session: Session, row: t.ReadingLog | t.LearningSession) -> Entry:
    if isinstance(row, t.ReadingLog):
        return to_log(row, _book_title(session, row.book_id))
    return to_session(row)


def get(session: Session, profile_id: int, ref: str) -> Entry:
    return _to_entry(session, _find_row(session, profile_id, ref))


_MAY_CHOOSE_IDS = text("SELECT has_column_privilege(:table, 'id', 'INSERT')")


def _may_choose_ids(session: Session, table: type[t.ReadingLog | t.LearningSession]) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.execute(_MAY_CHOOSE_IDS, {"table": table.__tablename__}).scalar())


def latest_ref(session: Session, profile_id: int) -> str | None:
    """The id of the entry made last, whatever its kind.

    Of each kind, that is the one with the highest id: ids only grow, in the order the
    rows were stored. Their `created_at` cannot say it, as an import keeps the one its
    file gave (a clock set to 2099, another tool's times). Between the newest reading
    log and the newest session, the later `created_at` decides, a time still to come
    (beyond a day of clocks set apart) counting as earlier than any other: no check-in
    was made then.
    """
    latest_possible = datetime.now(UTC) + timedelta(days=1)
    candidates = []
    for table, prefix in ((t.ReadingLog, "r"), (t.LearningSession, "s")):
        row = session.exec(
            select(col(table.created_at), col(table.id))
            .where(col(table.profile_id) == profile_id)
            .order_by(col(table.id).desc())
            .limit(1)
        ).first()
        if row:
            made = _aware(row[0])
            candidates.append((made if made <= latest_possible else _NEVER, f"{prefix}{row[1]}"))
    return max(candidates)[1] if candidates else None


_NEVER = datetime.min.replace(tzinfo=UTC)


def delete(session: Session, profile_id: int, ref: str) -> RemovedEntry:
    row = _find_row(session, profile_id, ref)
    entry = _to_entry(session, row)
    if not isinstance(row, t.ReadingLog):
        session.delete(row)
        session.flush()
        return RemovedEntry(entry=entry)
    before = books.read_so_far(session, row.book_id) if row.book_id else (0, 0)
    session.delete(row)
    session.flush()
    reopened = books.reopen_if_uncovered(session, row.book_id, before)
    reshelved = books.reshelve_if_unstarted(session, row.book_id) if row.started_book else None
    session.flush()
    return RemovedEntry(entry=entry, reopened_book=reopened, reshelved_book=reshelved)


def edit(
    session: Session,
    profile_id: int,
    ref: str,
    *,
    day: date | None = None,
    pages: int | None = None,
    minutes: int | None | Unset = UNSET,
    book_ref: str | None = None,
    kind: SessionKind | None = None,
    topic: str | None | Unset = UNSET,
    note: str | None | Unset = UNSET,
) -> Entry:
    """Change the given fields of an entry; fields that do not apply are refused."""
    row = _find_row(session, profile_id, ref)
    label = ref.strip().lower()
    if day is not None:
        row.day = day
    if isinstance(row, t.LearningSession):
        if pages is not None or book_ref is not None:
            raise InputError(f"{label} is a learning session: it has no pages or book")
        if minutes is None:
            raise InputError("a learning session needs its minutes")
        if kind is not None:
            row.kind = kind.value
        if topic is not UNSET:
            row.topic = clean_text(topic, "the topic")
    else:
        if kind is not None or topic is not UNSET:
            raise InputError(f"{label} is a reading log: it has no kind or topic")
        _edit_log(session, profile_id, row, pages=pages, book_ref=book_ref)
    if minutes is not UNSET:
        if isinstance(row, t.ReadingLog) and not row.pages and minutes is None:
            raise InputError(f"{label} is reading by time: it needs its minutes")
        row.minutes = minutes
    if note is not UNSET:
        row.note = clean_text(note, "the note", limit=MAX_NOTE, multiline=True)
    session.add(row)
    session.flush()
    return _to_entry(session, row)


def _edit_log(
    session: Session, profile_id: int, row: t.ReadingLog, *, pages: int | None, book_ref: str | None
) -> None:
    old_book_id, old_pages = row.book_id, row.pages
    new_pages = pages if pages is not None else old_pages
    new_book = (
        books.find(session, profile_id, book_ref)
        if book_ref is not None
        else (session.get(t.Book, old_book_id) if old_book_id else None)
    )
    # Count before changing the row: a query would autoflush the new page count.
    old_read = books.read_so_far(session, old_book_id) if old_book_id else (0, 0)
    if new_book is not None:
        same = new_book.id == old_book_id
        others = (
            old_read[0] - old_pages if same else books.read_so_far(session, t.saved_id(new_book))[0]
        )
        if not same or new_pages > old_pages:
            _check_room(new_book, new_pages, others)
        row.book_id = new_book.id
    row.pages = new_pages
    session.add(row)
    session.flush()
    if old_book_id is not None:
        books.reopen_if_uncovered(session, old_book_id, old_read)
    if new_book is not None:
        books.follow_logs(session, new_book, as_date(row.day))
