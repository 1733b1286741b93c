"""Books: finding one by what a person types, adding, editing, and moving it between shelves.

Plain functions that take the session, called by the Store inside its unit of work.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.errors import BookClosed, BookNotFound, InputError
from compound.domain.records import Book, BookStatus, measured_by_time
from compound.domain.text import clean_text, normalise_isbn, title_key
from compound.store.history import as_date

# What a book's logs add up to: (pages, minutes). The minutes are an audiobook's
# progress; a log of pages may carry its minutes too.
Read = tuple[int, int]


def read_so_far(session: Session, book_id: int) -> Read:
    """The pages and the minutes of a book's logs, in one query."""
    pages, minutes = session.exec(
        select(
            func.coalesce(func.sum(t.ReadingLog.pages), 0),
            func.coalesce(func.sum(col(t.ReadingLog.minutes)), 0),
        ).where(t.ReadingLog.book_id == book_id)
    ).one()
    return int(pages or 0), int(minutes or 0)


def by_time(book: t.Book) -> bool:
    """A row's Book.by_time: its minutes, not its pages, say how far it is."""
    return measured_by_time(book.total_pages, book.total_minutes)


def _reached(book: t.Book, read: Read) -> tuple[int, int | None]:
    """How far `read` goes and the length it goes towards, in the measure that decides
    (see by_time); the length is None when unknown."""
    if by_time(book):
        return read[1], book.total_minutes
    return read[0], book.total_pages


def follow_logs(
    session: Session, book: t.Book, day: date, read: Read | None = None
) -> tuple[bool, bool]:
    """Start or finish `book` after a log on `day`; returns (started, finished).
    `read`: its logs' sums with that log, when the caller has them (else counted)."""
    started = False
    if book.status == BookStatus.TO_READ:
        book.status, book.started_on, started = BookStatus.READING.value, day, True
    elif book.status == BookStatus.READING and book.started_on and as_date(book.started_on) > day:
        book.started_on = day  # a log dated before the start moves the start back
    session.add(book)
    return started, finish_if_covered(session, book, read)


def finish_if_covered(session: Session, book: t.Book, read: Read | None = None) -> bool:
    """Finish a book being read once its logs reach its last page (an audiobook's last
    minute), on the last log's day. `read`: its logs' sums, when the caller has them."""
    if book.status != BookStatus.READING:
        return False
    if book.total_pages is None and book.total_minutes is None:
        return False  # no length: nothing to reach
    reached, length = _reached(book, read or read_so_far(session, t.saved_id(book)))
    if length is None or reached < length:
        return False
    book.status = BookStatus.FINISHED.value
    book.finished_on = max(
        as_date(d)
        for d in session.exec(select(col(t.ReadingLog.day)).where(t.ReadingLog.book_id == book.id))
    )
    session.add(book)
    return True


def reopen_if_uncovered(session: Session, book_id: int | None, before: Read) -> Book | None:
    """A book finished by its logs goes back to reading when they no longer reach its
    end: its last page, or an audiobook's last minute (`before`: its logs' sums before
    the change)."""
    if book_id is None:
        return None
    book = session.get_one(t.Book, book_id)
    if book.status != BookStatus.FINISHED:
        return None
    now = read_so_far(session, book_id)
    reached_before, length = _reached(book, before)
    if length is not None and reached_before >= length > _reached(book, now)[0]:
        book.status, book.finished_on = BookStatus.READING.value, None
        session.add(book)
        return to_book(book, now[0], minutes=now[1])
    return None


def reshelve_if_unstarted(session: Session, book_id: int | None) -> Book | None:
    """Put a book back on the to-read shelf when the log that started it is gone
    and no other log of it remains."""
    if book_id is None:
        return None
    book = session.get_one(t.Book, book_id)
    if book.status != BookStatus.READING:
        return None
    if session.exec(select(exists().where(col(t.ReadingLog.book_id) == book_id))).one():
        return None
    book.status, book.started_on = BookStatus.TO_READ.value, None
    session.add(book)
    return to_book(book, 0, minutes=0)


def to_book(
    row: t.Book,
    read: int | None = None,
    *,
    session: Session | None = None,
    minutes: int | None = None,
) -> Book:
    """Detach a row into a Book, with its pages and minutes read: either one not given
    is counted in `session`; without one, minutes not given are 0."""
    if session is not None and (read is None or minutes is None):
        counted = read_so_far(session, t.saved_id(row))
        read = counted[0] if read is None else read
        minutes = counted[1] if minutes is None else minutes
    if read is None:
        raise TypeError("to_book needs the pages read or a session to count them in")
    return Book(
        id=t.saved_id(row),
        title=row.title,
        author=row.author,
        total_pages=row.total_pages,
        isbn=row.isbn,
        status=BookStatus(row.status),
        started_on=as_date(row.started_on),
        finished_on=as_date(row.finished_on),
        source=row.source,
        pages_read=read,
        total_minutes=row.total_minutes,
        minutes_read=minutes or 0,
    )


def find(session: Session, profile_id: int, ref: str) -> t.Book:
    """The one book `ref` names: an id (12 or #12), else a title, exact or partial."""
    text = (ref or "").strip()
    if not text:
        raise InputError("name a book by its title or id")
    if text.lstrip("#").isdigit() and text.lstrip("#").isascii() and len(text) < 12:
        row = session.get(t.Book, int(text.lstrip("#")))
        if row is None or row.profile_id != profile_id:
            raise BookNotFound(f"#{text.lstrip('#')}")
        return row
    rows = session.exec(select(t.Book).where(t.Book.profile_id == profile_id)).all()
    key = title_key(text)
    for matches in (
        [r for r in rows if title_key(r.title) == key],
        [r for r in rows if title_key(r.title).startswith(key)],
        [r for r in rows if key in title_key(r.title)],
    ):
        # Several copies of one title (a reread, two editions), named in full or in
        # part: prefer the one being read. A name matching different titles stays
        # ambiguous.
        if len(matches) > 1 and len({title_key(r.title) for r in matches}) == 1:
            open_ones = [r for r in matches if r.status == BookStatus.READING]
            matches = open_ones if len(open_ones) == 1 else matches
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f"{r.title} (#{r.id})" for r in matches[:5])
            raise InputError(f"{text!r} matches {len(matches)} books: {listed}; use the id")
    raise BookNotFound(text)


def add(
    session: Session,
    profile_id: int,
    *,
    title: str,
    author: str | None = None,
    total_pages: int | None = None,
    isbn: str | None = None,
    status: BookStatus = BookStatus.TO_READ,
    day: date | None = None,
    source: str = "manual",
    total_minutes: int | None = None,
) -> Book:
    row = t.Book(
        profile_id=profile_id,
        title=clean_text(title, "a book's title", required=True),
        author=clean_text(author, "the author"),
        total_pages=total_pages,
        total_minutes=total_minutes,
        isbn=normalise_isbn(isbn),
        status=status.value,
        source=source,
    )
    _apply_status(row, status, day)
    session.add(row)
    session.flush()
    return to_book(row, 0)


def _apply_status(row: t.Book, status: BookStatus, day: date | None) -> None:
    if status == BookStatus.READING:
        row.started_on = row.started_on or day  # resuming keeps the first start
        row.finished_on = None
    elif status == BookStatus.FINISHED:
        row.started_on = row.started_on or day
        row.finished_on = day
    elif status == BookStatus.TO_READ:
        row.started_on = row.finished_on = None
    row.status = status.value


_ALREADY = {
    BookStatus.READING: "being read",
    BookStatus.FINISHED: "finished",
    BookStatus.ABANDONED: "abandoned",
    BookStatus.TO_READ: "to read",
}


def change_status(
    session: Session, profile_id: int, ref: str, status: BookStatus, day: date
) -> Book:
    row = find(session, profile_id, ref)
    if row.status == status:
        raise InputError(f"{row.title} is already {_ALREADY[status]}")
    if status == BookStatus.READING and row.status == BookStatus.FINISHED:
        # Progress is the sum of the book's logs; a second read would start past the end.
        raise BookClosed(t.saved_id(row), row.title, BookStatus.FINISHED.value)
    if status == BookStatus.FINISHED and row.started_on and as_date(row.started_on) > day:
        raise InputError(f"{row.title} was started on {row.started_on}, after {day}")
    _apply_status(row, status, day)
    session.add(row)
    session.flush()
    return to_book(row, session=session)


def put_back(session: Session, profile_id: int, before: Book) -> Book:
    """Return a book to the shelf and days it had (`before`): undoing a move."""
    row = session.get(t.Book, before.id)
    if row is None or row.profile_id != profile_id:
        raise BookNotFound(f"#{before.id}")
    row.status = before.status.value
    row.started_on, row.finished_on = before.started_on, before.finished_on
    session.add(row)
    session.flush()
    return to_book(row, session=session)


def edit(
    session: Session,
    profile_id: int,
    ref: str,
    *,
    title: str | None = None,
    author: str | None = None,
    total_pages: int | None = None,
    isbn: str | None = None,
    total_minutes: int | None = None,
) -> Book:
    """Change the given fields; an empty author or ISBN clears it."""
    row = find(session, profile_id, ref)
    if title is not None:
        row.title = clean_text(title, "a book's title", required=True)
    if author is not None:
        row.author = clean_text(author, "the author")
    if isbn is not None:
        row.isbn = normalise_isbn(isbn)
    if total_pages is not None or total_minutes is not None:
        read, listened = read_so_far(session, t.saved_id(row))
    if total_pages is not None:
        if total_pages < read:
            raise InputError(
                f"{row.title} already has {read} pages logged; "
                f"it cannot be {total_pages} pages long"
            )
        row.total_pages = total_pages
    if total_minutes is not None:
        if total_minutes < listened:
            raise InputError(
                f"{row.title} already has {listened} minutes logged; "
                f"it cannot be {total_minutes} minutes long"
            )
        row.total_minutes = total_minutes
    session.add(row)
    session.flush()
    if finish_if_covered(session, row):  # shortened to exactly the pages read
        session.flush()
    return to_book(row, session=session)


def remove(session: Session, profile_id: int, ref: str) -> tuple[Book, int]:
    """Remove a book; its reading logs stay (their pages were read) without a book."""
    row = find(session, profile_id, ref)
    book = to_book(row, session=session)
    kept = session.exec(
        select(func.count()).select_from(t.ReadingLog).where(t.ReadingLog.book_id == row.id)
    ).one()
    # Detach explicitly rather than trust ON DELETE SET NULL: foreign keys may be
    # off in another SQLite client that opened this file.
    for log in session.exec(select(t.ReadingLog).where(t.ReadingLog.book_id == row.id)):
        log.book_id = None
        session.add(log)
    session.delete(row)
    session.flush()
    return book, int(kept)


def listing(session: Session, profile_id: int, status: BookStatus | None = None) -> list[Book]:
    """Books with their pages read, the ones being read first."""
    read = (
        select(
            col(t.ReadingLog.book_id),
            func.sum(t.ReadingLog.pages).label("pages"),
            func.sum(t.ReadingLog.minutes).label("minutes"),
        )
        .where(t.ReadingLog.profile_id == profile_id)
        .group_by(col(t.ReadingLog.book_id))
        .subquery()
    )
    query = (
        select(t.Book, func.coalesce(read.c.pages, 0), func.coalesce(read.c.minutes, 0))
        .join(read, read.c.book_id == t.Book.id, isouter=True)
        .where(t.Book.profile_id == profile_id)
    )
    if status is not None:
        query = query.where(t.Book.status == status.value)
    order = {
        BookStatus.READING: 0,
        BookStatus.TO_READ: 1,
        BookStatus.FINISHED: 2,
        BookStatus.ABANDONED: 3,
    }
    books = [
        to_book(row, int(pages), minutes=int(minutes))
        for row, pages, minutes in session.exec(query)
    ]
    return sorted(
        books, key=lambda b: (order[b.status], -(b.finished_on or date.min).toordinal(), b.id)
    )
