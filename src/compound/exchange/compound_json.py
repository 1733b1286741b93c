"""compound's own JSON: an export that imports back exactly.

    {"format": "compound", "version": 1, "exported_at": "…", "profile": "default",
     "period": {"from": null, "to": null},
     "books": [...], "reading_logs": [...], "learning_sessions": [...],
     "goals": [...], "skip_days": [...]}

Every field of every record is written, creation times included, so exporting,
importing into an empty database and exporting again gives the same document but
for ids and the export time. A log names its book by the book's id in the same
file. Text is written as is (UTF-8, not \\u escapes). A file from a newer format
version is refused rather than half understood. An import goes into the profile
in use, whichever profile the file was exported from.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Literal, TextIO, TypeVar, overload

from compound.domain.days import MAX_DURATION_MINUTES
from compound.domain.errors import InputError
from compound.domain.exports import ExportData
from compound.domain.goals import check_goal
from compound.domain.imports import (
    MAX_SKIP_DAYS,
    ImportBatch,
    ImportedBook,
    ImportedGoal,
    ImportedLog,
    ImportedSession,
    ImportedSkip,
    ReadOptions,
    check_read_days,
    checked,
)
from compound.domain.quantities import MAX_BOOK_PAGES, MAX_PAGES_PER_LOG, parse_whole
from compound.domain.records import MAX_BOOK_MINUTES, Book, BookStatus, GoalKind, SessionKind
from compound.domain.schedules import stored_rule
from compound.domain.text import MAX_NOTE, clean_text
from compound.exchange.csvfiles import read_text
from compound.exchange.fields import inferred, isbn_in
from compound.exchange.jsonfiles import DuplicateKey, unique_keys
from compound.exchange.registry import Exporter, Importer
from compound.exchange.salvage import Salvage

FORMAT = "compound"
VERSION = 1
MAX_GOAL_TARGET = 100_000


# -- export -----------------------------------------------------------------------------


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def book_record(book: Book) -> dict[str, Any]:
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author,
        "total_pages": book.total_pages,
        "total_minutes": book.total_minutes,  # an audiobook's length; absent in older files
        "isbn": book.isbn,
        "status": book.status.value,
        "started_on": _day(book.started_on),
        "finished_on": _day(book.finished_on),
        "source": book.source,
    }


def document(data: ExportData) -> dict[str, Any]:
    """The export as JSON-ready data (for writing, or for a report that embeds it)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": data.exported_at.isoformat(),
        "profile": data.profile,
        "period": {"from": _day(data.since), "to": _day(data.until)},
        "books": [book_record(b) for b in data.books],
        "reading_logs": [
            {
                "id": log.id,
                "day": log.day.isoformat(),
                "pages": log.pages,
                "book_id": log.book_id,
                "minutes": log.minutes,
                "note": log.note,
                "started_book": log.started_book,
                "import_key": log.import_key,
                "created_at": log.created_at.isoformat(),
            }
            for log in data.reading_logs
        ],
        "learning_sessions": [
            {
                "id": s.id,
                "day": s.day.isoformat(),
                "minutes": s.minutes,
                "kind": s.kind.value,
                "topic": s.topic,
                "note": s.note,
                "created_at": s.created_at.isoformat(),
            }
            for s in data.sessions
        ],
        "goals": [
            {
                "id": g.id,
                "kind": g.kind.value,
                "target": g.target,
                # As compound judges it, so that the file imports back: a rule stored
                # before finer-than-daily ones were refused is every day (null).
                "schedule": stored_rule(g.schedule),
                "since": g.since.isoformat(),
            }
            for g in data.goals
        ],
        "skip_days": [
            {"id": s.id, "day": s.day.isoformat(), "reason": s.reason} for s in data.skips
        ],
    }


def write(data: ExportData, out: TextIO) -> None:
    json.dump(document(data), out, ensure_ascii=False, indent=2)
    out.write("\n")


# -- import -----------------------------------------------------------------------------


_Choice = TypeVar("_Choice", bound=StrEnum)
# What a record without a creation time is given instead (by the store).
_NOW_KEPT = "the time of the import is kept instead"
# The largest id a record may carry: SQLite's and PostgreSQL's bigint.
MAX_ID = 2**63 - 1


class _Record:
    """One object of the file, read field by field. A refusal names the field, not the
    record: the caller knows where the record is ("books[3]") and what to do."""

    def __init__(self, value: Any):
        if not isinstance(value, dict):
            raise InputError(f"expected an object, found {type(value).__name__}")
        self.value = value

    def _raw(self, key: str, required: bool) -> Any:
        raw = self.value.get(key)
        if raw is None and required:
            raise InputError(f"{key} is missing")
        return raw

    @overload
    def text(
        self, key: str, *, required: Literal[True], limit: int = ..., multiline: bool = ...
    ) -> str: ...
    @overload
    def text(
        self, key: str, *, required: bool = ..., limit: int = ..., multiline: bool = ...
    ) -> str | None: ...
    def text(
        self, key: str, *, required: bool = False, limit: int = 500, multiline: bool = False
    ) -> str | None:
        raw = self._raw(key, required)
        if raw is not None and not isinstance(raw, str):
            raise InputError(f"{key} must be text")
        return clean_text(raw, key, required=required, limit=limit, multiline=multiline)

    @overload
    def whole(
        self, key: str, high: int, *, required: Literal[True] = ..., low: int = ...
    ) -> int: ...
    @overload
    def whole(self, key: str, high: int, *, required: bool, low: int = ...) -> int | None: ...
    def whole(self, key: str, high: int, *, required: bool = True, low: int = 1) -> int | None:
        raw = self._raw(key, required)
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InputError(f"{key} must be a whole number, not {raw!r}")
        return parse_whole(raw, key, low=low, high=high)

    @overload
    def day(self, key: str, *, required: Literal[True] = ...) -> date: ...
    @overload
    def day(self, key: str, *, required: bool) -> date | None: ...
    def day(self, key: str, *, required: bool = True) -> date | None:
        raw = self._raw(key, required)
        if raw is None:
            return None
        if not isinstance(raw, str) or len(raw) != 10:
            raise InputError(f"{key} {raw!r} is not a date like 2026-11-22")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise InputError(f"{key} {raw!r} is not a real date") from None

    def moment(self, key: str) -> datetime:
        raw = self._raw(key, True)
        try:
            value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise InputError(
                f"{key} {raw!r} is not a time with its offset, like 2026-11-22T07:30:00+00:00"
            )
        try:
            return value.astimezone(UTC)  # as it is stored
        except OverflowError:  # 0001-01-01T00:00+14:00 is a time before the year 1 in UTC
            raise InputError(
                f"{key} {raw!r} is not a time that can be kept (it falls "
                "outside the years 1 to 9999 in UTC)"
            ) from None

    def choice(self, key: str, kind: type[_Choice], *, default: _Choice | None = None) -> _Choice:
        raw = self._raw(key, default is None)  # no default: a missing key is refused
        if raw is None and default is not None:
            return default
        try:
            return kind(raw)
        except ValueError:
            listed = ", ".join(member.value for member in kind)
            raise InputError(f"{key} {raw!r} is not one of {listed}") from None

    def flag(self, key: str) -> bool:
        raw = self.value.get(key, False)
        if not isinstance(raw, bool):
            raise InputError(f"{key} must be true or false")
        return raw

    def isbn(self) -> str | None:
        return isbn_in(self.text("isbn") or "", "isbn")


def _load(path: Path) -> dict[str, Any]:
    name = Path(path).name
    text = read_text(path)  # its own refusals (InputError is a ValueError) stay as they are
    try:
        document = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}, line {exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        # The decoder recurses once per level: thousands of nested [ or { exhaust it.
        raise InputError(f"{name}: not a compound export (nested too deeply to read)") from None
    except DuplicateKey as twice:
        raise InputError(f"{name}: {twice}") from None
    except ValueError:
        # Python reads no integer of more than 4,300 digits; no count or id has them.
        raise InputError(f"{name}: a number in it is far too long to be a count or an id") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InputError(f'{name} is not a compound export (no "format": "{FORMAT}")')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InputError(f"{name}: version {version!r} is not a format version")
    if version > VERSION:
        raise InputError(
            f"{name} was written by a newer compound (format version {version}; "
            f"this one reads up to {VERSION}): upgrade compound to import it"
        )
    return document


def _list(document: dict[str, Any], key: str) -> list[Any]:
    """One of the document's lists; anything else there is not a compound export."""
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{key}: expected a list of records")
    return value


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """A compound JSON export, checked record by record, as a batch.

    A record with a bad field is kept without it, or left out when what is bad is what
    it is (a log's day, a book's title); both are listed by their place ("books[3]").
    With `options.strict` the first such problem refuses the file. A document whose
    lists are not lists is refused whole."""
    source = Path(path).name
    document = _load(path)
    try:
        for key in ("books", "reading_logs", "learning_sessions", "goals", "skip_days"):
            _list(document, key)
        if len(document.get("skip_days", [])) > MAX_SKIP_DAYS:  # before reading them all
            raise InputError(
                f"skip_days: {len(document['skip_days']):,} skip days are more than a hundred "
                f"years of days ({MAX_SKIP_DAYS:,}); nobody rests that long"
            )
    except InputError as exc:
        raise InputError(f"{source}, {exc}") from None
    salvage = Salvage(source, strict=options.strict)
    books, left_out = _books(_list(document, "books"), salvage)
    return checked(
        ImportBatch(
            kind="compound",
            source=source,
            books=tuple(books),
            logs=tuple(
                _logs(_list(document, "reading_logs"), {b.ref for b in books}, left_out, salvage)
            ),
            sessions=tuple(_sessions(_list(document, "learning_sessions"), salvage)),
            goals=tuple(_goals(_list(document, "goals"), salvage)),
            skips=tuple(_skips(_list(document, "skip_days"), salvage)),
            skipped=tuple(salvage.skipped),
            repaired=tuple(salvage.repaired),
        )
    )


def _books(values: list[Any], salvage: Salvage) -> tuple[list[ImportedBook], dict[str, str]]:
    """The books, and the ids of those left out with their places (their logs are kept
    without them)."""
    books: list[ImportedBook] = []
    refs: set[str] = set()
    left_out: dict[str, str] = {}
    for index, value in enumerate(values):
        where = f"books[{index}]"
        ref = None
        try:
            record = _Record(value)
            ref = str(record.whole("id", high=MAX_ID))
            if ref in refs:
                ref = None  # its logs are the earlier book's
                raise InputError(f"id {record.value['id']} is used by an earlier book")
            title = record.text("title", required=True)
        except InputError as exc:
            if ref is not None:
                left_out[ref] = where
            salvage.skip(where, str(exc))
            continue
        refs.add(ref)
        cell = partial(salvage.cell, where)
        isbn = cell(record.isbn, None, "imported without it")
        started_on = cell(partial(record.day, "started_on", required=False), None)
        finished_on = cell(partial(record.day, "finished_on", required=False), None)
        try:
            check_read_days(started_on, finished_on)
        except InputError as exc:
            started_on, finished_on = finished_on, started_on
            salvage.repair(
                where, str(exc), f"read as started on {started_on}, finished on {finished_on}"
            )
        try:
            status = record.choice("status", BookStatus)
        except InputError as exc:
            status = inferred(started_on, finished_on)
            salvage.repair(where, str(exc), f'read as "{status.value}", from its days')
        books.append(
            ImportedBook(
                ref=ref,
                where=where,
                title=title,
                author=cell(partial(record.text, "author"), None),
                total_pages=cell(
                    partial(record.whole, "total_pages", MAX_BOOK_PAGES, required=False), None
                ),
                total_minutes=cell(
                    partial(record.whole, "total_minutes", MAX_BOOK_MINUTES, required=False), None
                ),
                isbn=isbn,
                status=status,
                started_on=started_on,
                finished_on=finished_on,
                source=cell(partial(record.text, "source"), None, 'read as "manual"') or "manual",
            )
        )
    return books, left_out


def _logs(
    values: list[Any], refs: set[str], left_out: dict[str, str], salvage: Salvage
) -> list[ImportedLog]:
    logs: list[ImportedLog] = []
    keys: set[str] = set()
    for index, value in enumerate(values):
        where = f"reading_logs[{index}]"
        cell = partial(salvage.cell, where)
        try:
            record = _Record(value)
            day = record.day("day")
            key = record.text("import_key")
            if key is not None and key in keys:
                raise InputError(f"import_key {key!r} is used by an earlier log")
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        minutes = cell(partial(record.whole, "minutes", MAX_DURATION_MINUTES, required=False), None)
        try:
            # Reading measured by time alone (an audiobook) has minutes and 0 pages.
            pages = record.whole("pages", MAX_PAGES_PER_LOG, low=0 if minutes else 1)
        except InputError as exc:
            if minutes is None:
                salvage.skip(where, str(exc))
                continue
            pages = 0
            salvage.repair(where, str(exc), f"imported as {minutes} minutes without pages")
        if key is not None:
            keys.add(key)
        book_id = cell(partial(record.whole, "book_id", high=MAX_ID, required=False), None)
        book_ref = str(book_id) if book_id is not None else None
        if book_ref is not None and book_ref not in refs:
            problem = (
                f"book_id {book_id} is {left_out[book_ref]}, which was left out"
                if book_ref in left_out
                else f"book_id {book_id} is not among the books"
            )
            salvage.repair(where, problem, "imported without its book")
            book_ref = None
        logs.append(
            ImportedLog(
                where=where,
                day=day,
                pages=pages,
                book_ref=book_ref,
                minutes=minutes,
                note=cell(partial(record.text, "note", limit=MAX_NOTE, multiline=True), None),
                created_at=cell(partial(record.moment, "created_at"), None, _NOW_KEPT),
                started_book=cell(partial(record.flag, "started_book"), False, "read as false"),
                import_key=key,
            )
        )
    return logs


def _sessions(values: list[Any], salvage: Salvage) -> list[ImportedSession]:
    sessions: list[ImportedSession] = []
    for index, value in enumerate(values):
        where = f"learning_sessions[{index}]"
        cell = partial(salvage.cell, where)
        try:
            record = _Record(value)
            day = record.day("day")
            minutes = record.whole("minutes", MAX_DURATION_MINUTES)
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        sessions.append(
            ImportedSession(
                where=where,
                day=day,
                minutes=minutes,
                kind=cell(
                    partial(record.choice, "kind", SessionKind, default=SessionKind.OTHER),
                    SessionKind.OTHER,
                    'read as "other"',
                ),
                topic=cell(partial(record.text, "topic"), None),
                note=cell(partial(record.text, "note", limit=MAX_NOTE, multiline=True), None),
                created_at=cell(partial(record.moment, "created_at"), None, _NOW_KEPT),
            )
        )
    return sessions


def _goals(values: list[Any], salvage: Salvage) -> list[ImportedGoal]:
    """The goals; one with any bad field is left out (a goal is only what it says)."""
    goals: list[ImportedGoal] = []
    for index, value in enumerate(values):
        where = f"goals[{index}]"
        try:
            record = _Record(value)
            kind = record.choice("kind", GoalKind)
            wanted, rule = record.whole("target", MAX_GOAL_TARGET), record.text("schedule")
            # The bounds and schedules any goal is held to, whoever sets it.
            target, schedule = check_goal(kind, wanted, rule)
            since = record.day("since")
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        goals.append(
            ImportedGoal(where=where, kind=kind, target=target, since=since, schedule=schedule)
        )
    return goals


def _skips(values: list[Any], salvage: Salvage) -> list[ImportedSkip]:
    skips: list[ImportedSkip] = []
    for index, value in enumerate(values):
        where = f"skip_days[{index}]"
        try:
            record = _Record(value)
            day = record.day("day")
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        reason = salvage.cell(where, partial(record.text, "reason"), None)
        skips.append(ImportedSkip(where=where, day=day, reason=reason))
    return skips


EXPORTER = Exporter("json", ".json", "everything, in compound's own JSON (imports back)", write)
IMPORTER = Importer("compound", "compound's own JSON export", read)
