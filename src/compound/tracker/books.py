"""The shelves: adding and editing books, and moving them between shelves (undoably)."""

from __future__ import annotations

from datetime import date

from compound.domain.errors import InputError
from compound.domain.quantities import parse_book_pages
from compound.domain.records import Book, BookStatus
from compound.domain.text import clean_text, normalise_isbn
from compound.tracker import checks
from compound.tracker.outcomes import BookMoved, BookPutBack

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypedDict

    from compound.tracker.core import Tracker

    class BookChanges(TypedDict, total=False):
        """The checked changes to a book, as the store's edit_book takes them."""

        title: str
        author: str
        total_pages: int
        isbn: str
        total_minutes: int


class Books:
    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def add(
        self,
        title: str,
        *,
        author: str | None = None,
        pages: str | int | None = None,
        isbn: str | None = None,
        reading: bool = False,
        hours: str | int | None = None,
    ) -> Book:
        """Add a book to the to-read shelf, or (`reading`) as being read from today.
        `hours` is an audiobook's length: "11:30" or "11h30m" (a number: minutes)."""
        tracker = self._tracker
        named = clean_text(title, "a book's title", required=True) or ""
        by = clean_text(author, "the author")
        length = None if pages is None or checks.blank(pages) else parse_book_pages(pages)
        timed = None if hours is None or checks.blank(hours) else checks.book_minutes(hours)
        number = normalise_isbn(isbn)
        return tracker.store.add_book(
            named,
            author=by,
            total_pages=length,
            isbn=number,
            status=BookStatus.READING if reading else BookStatus.TO_READ,
            day=tracker.today() if reading else None,
            total_minutes=timed,
        )

    def book(self, named: str | int) -> Book:
        """The one book `named` names: an id (12 or #12), else a title, whole or in part."""
        return self._tracker.store.book(str(named))

    def edit(
        self,
        named: str | int,
        *,
        title: str | None = None,
        author: str | None = None,
        pages: str | int | None = None,
        isbn: str | None = None,
        hours: str | int | None = None,
    ) -> Book:
        """Change the given fields; an empty author or ISBN clears it. `hours` is an
        audiobook's length, as in `add`."""
        changes: BookChanges = {}
        if title is not None:
            changes["title"] = clean_text(title, "a book's title", required=True)
        if author is not None:
            changes["author"] = author
        if pages is not None:
            changes["total_pages"] = parse_book_pages(pages)
        if isbn is not None:
            normalise_isbn(isbn)  # refused here, before anything is opened for writing
            changes["isbn"] = isbn
        if hours is not None:
            changes["total_minutes"] = checks.book_minutes(hours)
        if not changes:
            raise InputError("say what to change: title, author, pages, hours or ISBN")
        return self._tracker.store.edit_book(str(named), **changes)

    def move(self, named: str | int, to: BookStatus, *, day: date | str | None = None) -> BookMoved:
        """Start (or pick up again), finish, abandon, or put back on the to-read shelf.
        The outcome remembers where the book was, so the move can be undone."""
        tracker = self._tracker
        when = checks.day(day, tracker.today())
        before = tracker.store.book(checks.book_named(named))
        moved = tracker.store.set_book_status(str(before.id), to, when)
        return BookMoved(book=moved, before=before, day=when)

    def put_back(self, moved: BookMoved) -> BookPutBack:
        """Undo a move: the book returns to the shelf and days it had."""
        return BookPutBack(self._tracker.store.put_book_back(moved.before), moved)

    def remove(self, named: str | int) -> tuple[Book, int]:
        """Remove a book; returns it and how many reading logs stay without it."""
        return self._tracker.store.remove_book(checks.book_named(named))
