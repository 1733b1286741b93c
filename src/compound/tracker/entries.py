"""Check-ins and their history: logging pages and sessions, editing, deleting, undoing."""

from __future__ import annotations

from datetime import date

from compound.domain.errors import InputError
from compound.domain.quantities import parse_book_pages, parse_pages
from compound.domain.records import (
    UNSET,
    Entry,
    LearningSession,
    ReadingLog,
    SessionKind,
    Unset,
    parse_ref,
)
from compound.tracker import checks
from compound.tracker.outcomes import EntryRemoved, EntryRestored, PagesLogged, SessionLogged

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypedDict

    from compound.tracker.core import Tracker

    class EntryChanges(TypedDict, total=False):
        """The checked changes to an entry, as the store's edit_entry takes them."""

        day: date
        pages: int
        minutes: int | None
        book: str
        kind: SessionKind
        topic: str | None
        note: str | None


class Entries:
    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def log_pages(
        self,
        pages: str | int | None = None,
        *,
        to_page: str | int | None = None,
        to: str | int | None = None,
        book: str | int | None = None,
        day: date | str | None = None,
        minutes: str | int | None = None,
        note: str | None = None,
    ) -> PagesLogged:
        """Log pages read (or the pages up to a page reached) in a book: the one being
        read unless `book` names another (a title, part of one, or an id).

        `to` is a position in the book: a page (148), a percent (45%), or a time into an
        audiobook (3:20); what reaching it adds is logged, pages or minutes. Minutes
        alone, without pages, are reading measured by time."""
        given = [not checks.blank(value) for value in (pages, to_page, to)]
        if sum(given) > 1:
            raise InputError("give the pages read or the position reached, not both")
        if not any(given) and checks.blank(minutes):
            raise InputError("say how many pages were read (or the page reached)")
        named = None if book is None else checks.book_named(book)
        tracker = self._tracker
        when = checks.day(day, tracker.today())
        read = None if pages is None or checks.blank(pages) else parse_pages(pages)
        reached = None if to_page is None or checks.blank(to_page) else parse_book_pages(to_page)
        where = None if to is None or checks.blank(to) else checks.position(to)
        if where is not None and where.minute is not None and not checks.blank(minutes):
            raise InputError("a time reached says the minutes listened; leave out --minutes")
        spent, said = checks.minutes_or_none(minutes), checks.note(note)
        done = tracker.store.log_pages(
            day=when,
            pages=read,
            to_page=reached,
            book=named,
            minutes=spent,
            note=said,
            to=where,
        )
        return PagesLogged(
            log=done.log,
            book=done.book,
            started_book=done.started_book,
            finished_book=done.finished_book,
            day=tracker.day_figures(when, with_goal_pace=False),
        )

    def log_session(
        self,
        duration: str | int,
        *,
        kind: SessionKind | str | None = None,
        topic: str | None = None,
        note: str | None = None,
        day: date | str | None = None,
    ) -> SessionLogged:
        """Log a learning session: how long, what kind (other by default), about what."""
        tracker = self._tracker
        when = checks.day(day, tracker.today())
        spent, sort = checks.minutes(duration), checks.session_kind(kind)
        about, said = checks.topic(topic), checks.note(note)
        session = tracker.store.log_session(
            day=when, minutes=spent, kind=sort, topic=about, note=said
        )
        return SessionLogged(session=session, day=tracker.day_figures(when, with_goal_pace=False))

    def entry(self, ref: str) -> Entry:
        return self._tracker.store.entry(ref)

    def edit(
        self,
        ref: str,
        *,
        day: date | str | None = None,
        pages: str | int | None = None,
        minutes: str | int | None | Unset = UNSET,
        book: str | None = None,
        kind: SessionKind | str | None = None,
        topic: str | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
    ) -> Entry:
        """Change the given fields of an entry (`None`/UNSET leave a field as it is;
        for minutes, topic and note, None or "" clears it)."""
        changes: EntryChanges = {}
        if day is not None:
            changes["day"] = checks.day(day, self._tracker.today())
        if pages is not None:
            changes["pages"] = parse_pages(pages)
        if minutes is not UNSET:
            changes["minutes"] = checks.minutes_or_none(minutes)
        if book is not None:
            changes["book"] = book
        if kind is not None:
            changes["kind"] = checks.session_kind(kind)
        if topic is not UNSET:
            changes["topic"] = checks.topic(topic)
        if note is not UNSET:
            changes["note"] = checks.note(note)
        if not changes:
            raise InputError("say what to change: pages, minutes, day, book, kind, topic or note")
        parse_ref(ref)
        return self._tracker.store.edit_entry(ref, **changes)

    def delete(self, ref: str) -> EntryRemoved:
        parse_ref(ref)  # a malformed id is refused before the database opens
        return self._tracker.store.delete_entry(ref)

    def undo_last(self) -> EntryRemoved:
        """Remove the entry made last."""
        return self._tracker.store.undo()

    def restore(self, entry: Entry) -> EntryRestored:
        """Bring a deleted entry back as it was, under its own id."""
        if not isinstance(entry, ReadingLog | LearningSession):
            raise InputError("only a reading log or a learning session can be brought back")
        return EntryRestored(self._tracker.store.restore_entry(entry))
