"""The Store: one profile's view of a database, and the only way in or out of it.

Each public method is one unit of work: a session, a transaction, plain domain
objects back. Anything refused rolls the whole unit back, so a refusal never
leaves half a change behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Engine, delete, func, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlmodel import Session, col, select

from compound.db import sqlite_file
from compound.db import tables as t
from compound.db.engine import BUSY_TIMEOUT_MS, READ_ONLY, sqlite_path
from compound.db.migrate import open_database
from compound.domain.errors import (
    DamagedDatabase,
    InputError,
    NotFoundError,
    NothingToUndo,
    ProfileNotFound,
    StorageError,
)
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.profiles import DEFAULT_PROFILE, ProfileContents, ProfileGone
from compound.domain.records import (
    UNSET,
    Book,
    BookStatus,
    Entry,
    Goal,
    GoalKind,
    LearningSession,
    LoggedPages,
    Position,
    Profile,
    RemovedEntry,
    SessionKind,
    Skip,
    Unset,
)
from compound.domain.totals import History
from compound.store import books, entries, profiles, skips
from compound.store import history as history_sql

if TYPE_CHECKING:
    from compound.domain.exports import ExportData
    from compound.domain.imports import ImportBatch, ImportSummary
    from compound.domain.team import MemberHistory, TeamReport

# Exports, imports and team reports load their modules when used: a check-in, which
# runs many times a day, never pays for them.

_T = TypeVar("_T")


class Store:
    """Reads and writes for one profile. Build it with `Store.open(url)`."""

    def __init__(self, engine: Engine, profile: Profile):
        self.engine = engine
        self.profile = profile
        self._file_seen = _file_state(engine)  # see changed()

    @classmethod
    def open(
        cls,
        url: str,
        profile: str = DEFAULT_PROFILE,
        *,
        lock_timeout: int | None = None,
        statement_timeout: int | None = None,
    ) -> Store:
        """Open (creating and upgrading as needed) the database at `url`. The timeouts
        (seconds) bound waits on a database server (db.engine.make_engine)."""
        engine = _translate_errors(
            lambda: open_database(
                url, lock_timeout=lock_timeout, statement_timeout=statement_timeout
            ),
            where=_hide_password(url),
        )
        store = cls(engine, Profile(id=0, name=profile))
        try:
            store.profile = store._ensure_profile(profile)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def for_profile(self, name: str) -> Store:
        """The same database seen as another (existing) profile; shares the engine."""
        store = type(self)(self.engine, Profile(id=0, name=name))
        store.profile = store._ensure_profile(name)
        return store

    def changed(self) -> bool:
        """Whether the SQLite file changed since the store opened or this was last asked
        (a check-in from the command line, a restored backup); False for a server.

        Only the file and its -wal are looked at (no query), so an open app may ask
        every second. A file replaced by another one (renamed over it) is reopened:
        connections kept open would go on reading the file that was replaced."""
        seen, now = self._file_seen, _file_state(self.engine)
        self._file_seen = now
        if seen == now:
            return False
        if _identity(seen) != _identity(now):
            self.engine.dispose()
        return True

    @property
    def location(self) -> str:
        """Where the data lives, for messages: a file path or the URL without password."""
        path = sqlite_path(self.engine.url.render_as_string())
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def _unit(self, *, read_only: bool = False, profiled: bool = True) -> Iterator[Session]:
        """One transaction; database failures become one-line StorageErrors. A
        `read_only` unit does not take SQLite's write lock (see db.engine). A
        `profiled` unit (one reading or writing this profile's records) first makes
        sure `self.profile` is still this profile (see _confirm_profile)."""
        bind = self.engine.execution_options(**{READ_ONLY: True}) if read_only else self.engine
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                if profiled:
                    self._confirm_profile(session)
                yield session
        except IntegrityError as exc:
            raise InputError(f"the database refused the change: {_first_line(exc.orig)}") from None
        except (OperationalError, DBAPIError) as exc:
            reason = _first_line(exc.orig)
            if getattr(exc.orig, "sqlstate", None) == "42501":  # PostgreSQL: not this role's
                raise StorageError(
                    f"{self.location}: this database role may not make that "
                    f"change ({reason}); on a shared database each member "
                    "changes only their own profile; nothing was saved"
                ) from None
            if "locked" in reason:
                reason = (
                    f"another program kept the database locked for over "
                    f"{BUSY_TIMEOUT_MS // 1000} s; nothing was saved, try again"
                )
                raise StorageError(f"{self.location}: {reason}") from None
            failure = (
                DamagedDatabase if exc.orig and sqlite_file.damaged(exc.orig) else StorageError
            )
            raise failure(f"{_explain(exc.orig, self.location)}; nothing was saved") from None

    def _confirm_profile(self, session: Session) -> None:
        """Make sure the profile's id still belongs to its name, in the unit's own
        transaction, before anything is read or written under that id.

        A store may stay open for hours (the app): meanwhile the database may be
        replaced by a backup in which that id is another person's, or the profile
        removed. The profile is then found again by its name; when there is none, the
        unit is refused rather than reading or writing someone else's records."""
        row = session.get(t.Profile, self.profile.id)
        if row is not None and row.name == self.profile.name:
            return
        found = profiles.lookup(session, self.profile.name)
        if found is None:
            raise ProfileGone(self.profile.name, self.location)
        self.profile = Profile(id=t.saved_id(found), name=found.name)

    def _ensure_profile(self, name: str) -> Profile:
        try:
            return self._find_or_make_profile(name)
        except InputError:
            if name != DEFAULT_PROFILE:
                raise
            # Two processes opening a new PostgreSQL database may both create the
            # default profile; the loser of that race finds the winner's one.
            return self._find_or_make_profile(name)

    def _find_or_make_profile(self, name: str) -> Profile:
        with self._unit(profiled=False) as session:
            row = profiles.lookup(session, name)
            if row is None:
                if name != DEFAULT_PROFILE:
                    raise ProfileNotFound(name)
                row = t.Profile(name=name)
                session.add(row)
                session.flush()
            return Profile(id=t.saved_id(row), name=row.name)

    # -- books ---------------------------------------------------------------------

    def add_book(
        self,
        title: str,
        *,
        author: str | None = None,
        total_pages: int | None = None,
        isbn: str | None = None,
        status: BookStatus = BookStatus.TO_READ,
        day: date | None = None,
        source: str = "manual",
        total_minutes: int | None = None,
    ) -> Book:
        with self._unit() as session:
            return books.add(
                session,
                self.profile.id,
                title=title,
                author=author,
                total_pages=total_pages,
                isbn=isbn,
                status=status,
                day=day,
                source=source,
                total_minutes=total_minutes,
            )

    def book(self, ref: str) -> Book:
        with self._unit() as session:
            return books.to_book(books.find(session, self.profile.id, ref), session=session)

    def books(self, status: BookStatus | None = None) -> list[Book]:
        with self.reading() as reading:
            return reading.books(status)

    def set_book_status(self, ref: str, status: BookStatus, day: date) -> Book:
        with self._unit() as session:
            return books.change_status(session, self.profile.id, ref, status, day)

    def put_book_back(self, before: Book) -> Book:
        """Return a book to the shelf and days it had: undoing a move."""
        with self._unit() as session:
            return books.put_back(session, self.profile.id, before)

    def edit_book(
        self,
        ref: str,
        *,
        title: str | None = None,
        author: str | None = None,
        total_pages: int | None = None,
        isbn: str | None = None,
        total_minutes: int | None = None,
    ) -> Book:
        """Change the given fields; an empty author or ISBN clears it."""
        with self._unit() as session:
            return books.edit(
                session,
                self.profile.id,
                ref,
                title=title,
                author=author,
                total_pages=total_pages,
                isbn=isbn,
                total_minutes=total_minutes,
            )

    def remove_book(self, ref: str) -> tuple[Book, int]:
        """Remove a book; returns it and how many reading logs were kept without it."""
        with self._unit() as session:
            return books.remove(session, self.profile.id, ref)

    # -- entries -------------------------------------------------------------------

    def log_pages(
        self,
        *,
        day: date,
        pages: int | None = None,
        to_page: int | None = None,
        book: str | None = None,
        minutes: int | None = None,
        note: str | None = None,
        to: Position | None = None,
    ) -> LoggedPages:
        with self._unit() as session:
            return entries.log_pages(
                session,
                self.profile.id,
                day=day,
                pages=pages,
                to_page=to_page,
                book_ref=book,
                minutes=minutes,
                note=note,
                to=to,
            )

    def log_session(
        self,
        *,
        day: date,
        minutes: int,
        kind: SessionKind = SessionKind.OTHER,
        topic: str | None = None,
        note: str | None = None,
    ) -> LearningSession:
        with self._unit() as session:
            return entries.log_session(
                session,
                self.profile.id,
                day=day,
                minutes=minutes,
                kind=kind,
                topic=topic,
                note=note,
            )

    def history(self, since: date, until: date) -> list[Entry]:
        with self.reading() as reading:
            return reading.entries(since, until)

    def entry(self, ref: str) -> Entry:
        with self._unit() as session:
            return entries.get(session, self.profile.id, ref)

    def edit_entry(
        self,
        ref: str,
        *,
        day: date | None = None,
        pages: int | None = None,
        minutes: int | None | Unset = UNSET,
        book: str | None = None,
        kind: SessionKind | None = None,
        topic: str | None | Unset = UNSET,
        note: str | None | Unset = UNSET,
    ) -> Entry:
        with self._unit() as session:
            return entries.edit(
                session,
                self.profile.id,
                ref,
                day=day,
                pages=pages,
                minutes=minutes,
                book_ref=book,
                kind=kind,
                topic=topic,
                note=note,
            )

    def delete_entry(self, ref: str) -> RemovedEntry:
        with self._unit() as session:
            return entries.delete(session, self.profile.id, ref)

    def restore_entry(self, entry: Entry) -> Entry:
        """Put back a deleted entry as it was: its id, amounts and book (see entries.restore)."""
        with self._unit() as session:
            return entries.restore(session, self.profile.id, entry)

    def undo(self) -> RemovedEntry:
        """Remove the entry made last."""
        with self._unit() as session:
            ref = entries.latest_ref(session, self.profile.id)
            if ref is None:
                raise NothingToUndo()
            return entries.delete(session, self.profile.id, ref)

    # -- goals and status -------------------------------------------------------------

    def set_goal(
        self, kind: GoalKind, target: int, *, since: date, schedule: str | None = None
    ) -> Goal:
        """Set a goal from `since` on; earlier days keep the goal they had."""
        with self._unit() as session:
            row = session.exec(
                select(t.Goal).where(
                    t.Goal.profile_id == self.profile.id,
                    t.Goal.kind == kind.value,
                    t.Goal.since == since,
                )
            ).first()
            row = row or t.Goal(
                profile_id=self.profile.id, kind=kind.value, target=target, since=since
            )
            row.target, row.schedule = target, schedule
            session.add(row)
            session.flush()
            return _to_goal(row)

    def goal_timeline(self) -> GoalTimeline:
        """Every goal with its history (which one is in force when: domain/goals.py)."""
        with self.reading() as reading:
            return reading.goal_timeline()

    def remove_goal(self, kind: GoalKind) -> int:
        """Remove every goal of `kind`, past ones too; returns how many there were."""
        with self._unit() as session:
            result = session.exec(
                delete(t.Goal).where(
                    col(t.Goal.profile_id) == self.profile.id, col(t.Goal.kind) == kind.value
                )
            )
            if not result.rowcount:
                raise NotFoundError(f"there is no {kind.value} goal")
            return result.rowcount

    def history_until(self, today: date, *, light: bool = False) -> History:
        """The whole record the figures read (domain/totals.py), in one transaction;
        `light` leaves out the finished books and the to-read shelf."""
        with self.reading() as reading:
            return reading.history(today, light=light)

    def minutes_by_kind(self, since: date, until: date) -> dict[str, int]:
        """Learning minutes per session kind from `since` to `until`."""
        with self.reading() as reading:
            return reading.minutes_by_kind(since, until)

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """Several reads in one read-only transaction: what a view shows is one moment."""
        with self._unit(read_only=True) as session:
            yield Reading(session, self.profile.id)

    # -- skip days ---------------------------------------------------------------------

    def add_skips(
        self, first: date, last: date, reason: str | None = None
    ) -> tuple[list[Skip], int]:
        """Skip each day from `first` to `last`; returns the new skips and how many existed."""
        with self._unit() as session:
            return skips.add(session, self.profile.id, first, last, reason)

    def skips(self, since: date | None = None) -> list[Skip]:
        with self.reading() as reading:
            return reading.skips(since)

    def remove_skips(self, first: date, last: date) -> list[Skip]:
        with self._unit() as session:
            return skips.remove(session, self.profile.id, first, last)

    # -- data in and out -----------------------------------------------------------------

    def export_data(
        self, today: date, *, since: date | None = None, until: date | None = None
    ) -> ExportData:
        """This profile's records from `since` to `until` (each optional), for an exporter."""
        with self._unit(read_only=True) as session:
            from compound.store import exports

            return exports.gather(session, self.profile, today, since, until)

    def import_batch(
        self,
        batch: ImportBatch,
        *,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportSummary:
        """Apply an import in one transaction: all of it or, on any refusal, nothing.

        With `dry_run` the same work is done and then rolled back, so the summary
        says exactly what a real import would do. `progress(n)` hears of each
        record gone through.
        """
        try:
            with self._unit() as session:
                from compound.store import imports

                summary = imports.apply(session, self.profile.id, batch, progress)
                if dry_run:
                    raise _RollBack(summary)
        except _RollBack as rolled_back:
            summary = rolled_back.summary
            summary.dry_run = True
        return summary

    # -- profiles ------------------------------------------------------------------------

    # The database's profiles, whichever this store's is (even one that is gone).

    def profiles(self) -> list[ProfileContents]:
        """Every profile in the database, by name, with how much each holds."""
        with self._unit(profiled=False) as session:
            return profiles.listing(session)

    def profile_contents(self, name: str) -> ProfileContents:
        with self._unit(profiled=False) as session:
            return profiles.contents(session, name)

    def add_profile(self, name: str) -> Profile:
        with self._unit(profiled=False) as session:
            return profiles.add(session, name)

    def remove_profile(self, name: str) -> ProfileContents:
        """Remove a profile and everything in it; returns what it held."""
        with self._unit(profiled=False) as session:
            return profiles.remove(session, name)

    # -- teams ---------------------------------------------------------------------------

    def team_report(
        self, today: date, *, at_least: int | None = None, include_books: bool = False
    ) -> TeamReport:
        """Every member's streaks and totals, and the team streak (domain/team.py)."""
        with self._unit(read_only=True, profiled=False) as session:
            # The report counts this year's finished books only.
            from compound.domain.team import build_report
            from compound.store import team

            members = team.members(
                session, today, include_books=include_books, finished_since=date(today.year, 1, 1)
            )
            return build_report(members, today, at_least=at_least, include_books=include_books)

    def member_history(self, today: date, *, include_books: bool = False) -> MemberHistory:
        """This profile's per-day totals, goals, skips and finished books, for a member file."""
        from compound.store import team

        with self._unit(read_only=True) as session:
            return next(
                team.members(
                    session, today, include_books=include_books, profile_id=self.profile.id
                )
            )


# A file's identity (device, inode) and how it last changed (time, size), for the
# database file and its -wal; None where the database is not a file.
_FileState = tuple[tuple[int, int, int, int] | None, ...] | None


def _file_state(engine: Engine) -> _FileState:
    path = sqlite_path(engine.url.render_as_string())
    if path is None:
        return None
    states: list[tuple[int, int, int, int] | None] = []
    for file in (path, Path(f"{path}-wal")):
        try:
            found = file.stat()
        except OSError:
            states.append(None)
        else:
            states.append((found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size))
    return tuple(states)


def _identity(state: _FileState) -> tuple[int, int] | None:
    """Which file the database is (device, inode): another one after a rename over it."""
    main = state[0] if state else None
    return main[:2] if main else None


def _runner(session: Session) -> history_sql.Runner:
    """history's `run(sql, params)` on this unit's connection (SQLite keeps dates as ISO
    text, so they are passed as text there)."""
    connection = session.connection()
    on_sqlite = connection.dialect.name == "sqlite"

    def run(sql: str, params: dict[str, Any]) -> list[Any]:
        if on_sqlite:
            params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
        return list(connection.execute(text(sql), params).all())

    return run


class Reading:
    """Reads of one profile inside one read-only transaction (Store.reading)."""

    def __init__(self, session: Session, profile_id: int):
        self._session, self._profile_id = session, profile_id

    def history(self, today: date, *, light: bool = False) -> History:
        """Everything the figures read as of `today` (store/history.py)."""
        return history_sql.read_history(
            _runner(self._session), self._profile_id, today, light=light
        )

    def goal_timeline(self) -> GoalTimeline:
        rows = self._session.exec(
            select(t.Goal)
            .where(t.Goal.profile_id == self._profile_id)
            .order_by(col(t.Goal.since), col(t.Goal.id))
        )
        return GoalTimeline(
            GoalChange(GoalKind(row.kind), row.target, history_sql.as_date(row.since), row.schedule)
            for row in rows
        )

    def books(self, status: BookStatus | None = None) -> list[Book]:
        return books.listing(self._session, self._profile_id, status)

    def entries(self, since: date, until: date) -> list[Entry]:
        """Entries from `since` to `until`, newest first."""
        return entries.history(self._session, self._profile_id, since, until)

    def skips(self, since: date | None = None) -> list[Skip]:
        return skips.listing(self._session, self._profile_id, since)

    def minutes_by_kind(self, since: date, until: date) -> dict[str, int]:
        rows = self._session.exec(
            select(t.LearningSession.kind, func.sum(t.LearningSession.minutes))
            .where(
                t.LearningSession.profile_id == self._profile_id,
                t.LearningSession.day >= since,
                t.LearningSession.day <= until,
            )
            .group_by(t.LearningSession.kind)
        )
        return {kind: int(total) for kind, total in rows}


class _RollBack(Exception):
    """Raised inside a unit of work to undo it (a dry run), carrying its result."""

    def __init__(self, summary: ImportSummary):
        super().__init__("dry run")
        self.summary = summary


def _to_goal(row: t.Goal) -> Goal:
    return Goal(
        id=t.saved_id(row),
        kind=GoalKind(row.kind),
        target=row.target,
        schedule=row.schedule,
        since=history_sql.as_date(row.since),
    )


def _hide_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _first_line(error: BaseException | None) -> str:
    return str(error).strip().splitlines()[0] if error and str(error).strip() else "database error"


def _explain(error: BaseException | None, where: str) -> str:
    """`where: reason`, the reason in the person's terms when SQLite's error code says."""
    try:
        path = sqlite_path(where) if "://" in where else Path(where)
    except ArgumentError:
        path = None
    if path is not None and error is not None and getattr(error, "sqlite_errorname", None):
        return f"{path}: {sqlite_file.explain(error, path)}"
    return f"{where}: {_first_line(error)}"


def _translate_errors(function: Callable[..., _T], *args: Any, where: str) -> _T:
    try:
        return function(*args)
    except (OperationalError, DBAPIError) as exc:
        failure = DamagedDatabase if exc.orig and sqlite_file.damaged(exc.orig) else StorageError
        raise failure(f"cannot open {_explain(exc.orig, where)}") from None
    except ArgumentError:
        raise StorageError(
            f"{where!r} is not a database URL (e.g. postgresql+psycopg://user@host/name)"
        ) from None
    except (NoSuchModuleError, ImportError) as exc:
        hint = " (pip install 'compound[postgres]')" if where.startswith("postgres") else ""
        raise StorageError(
            f"cannot open {where}: its database driver is not installed ({exc}){hint}"
        ) from None
