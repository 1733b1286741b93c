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
    check_batch,
    check_read_days,
)
from compound.domain.quantities import MAX_BOOK_PAGES, MAX_PAGES_PER_LOG, parse_whole
from compound.domain.records import Book, BookStatus, GoalKind, SessionKind
from compound.domain.schedules import stored_rule
from compound.domain.text import MAX_NOTE, clean_text, normalise_isbn
from compound.exchange.csvfiles import read_text
from compound.exchange.jsonfiles import DuplicateKey, unique_keys
from compound.exchange.registry import Exporter, Importer

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


class _Record:
    """One object of the file, read field by field; refusals name it ("books[3]")."""

    def __init__(self, value: Any, where: str):
        if not isinstance(value, dict):
            raise InputError(f"{where}: expected an object, found {type(value).__name__}")
        self.value, self.where = value, where

    def _raw(self, key: str, required: bool) -> Any:
        raw = self.value.get(key)
        if raw is None and required:
            raise InputError(f"{self.where}: {key} is missing")
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
            raise InputError(f"{self.where}: {key} must be text")
        try:
            return clean_text(raw, key, required=required, limit=limit, multiline=multiline)
        except InputError as exc:
            raise InputError(f"{self.where}: {exc}") from None

    @overload
    def whole(self, key: str, high: int, *, required: Literal[True] = ...) -> int: ...
    @overload
    def whole(self, key: str, high: int, *, required: bool) -> int | None: ...
    def whole(self, key: str, high: int, *, required: bool = True) -> int | None:
        raw = self._raw(key, required)
        if raw is None:
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise InputError(f"{self.where}: {key} must be a whole number, not {raw!r}")
        try:
            return parse_whole(raw, key, high=high)
        except InputError as exc:
            raise InputError(f"{self.where}: {exc}") from None

    @overload
    def day(self, key: str, *, required: Literal[True] = ...) -> date: ...
    @overload
    def day(self, key: str, *, required: bool) -> date | None: ...
    def day(self, key: str, *, required: bool = True) -> date | None:
        raw = self._raw(key, required)
        if raw is None:
            return None
        if not isinstance(raw, str) or len(raw) != 10:
            raise InputError(f"{self.where}: {key} {raw!r} is not a date like 2026-11-22")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise InputError(f"{self.where}: {key} {raw!r} is not a real date") from None

    def moment(self, key: str) -> datetime:
        raw = self._raw(key, True)
        try:
            value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise InputError(
                f"{self.where}: {key} {raw!r} is not a time with its offset, "
                "like 2026-11-22T07:30:00+00:00"
            )
        try:
            return value.astimezone(UTC)  # as it is stored
        except OverflowError:  # 0001-01-01T00:00+14:00 is a time before the year 1 in UTC
            raise InputError(
                f"{self.where}: {key} {raw!r} is not a time that can be kept (it falls "
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
            raise InputError(f"{self.where}: {key} {raw!r} is not one of {listed}") from None

    def flag(self, key: str) -> bool:
        raw = self.value.get(key, False)
        if not isinstance(raw, bool):
            raise InputError(f"{self.where}: {key} must be true or false")
        return raw


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
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{key}: expected a list of records")
    return value


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """A compound JSON export, checked record by record, as a batch."""
    source = Path(path).name
    document = _load(path)
    try:
        return _batch(document, source)
    except InputError as exc:
        raise InputError(f"{source}, {exc}") from None


def _batch(document: dict[str, Any], source: str) -> ImportBatch:
    books, refs = [], set()
    for index, value in enumerate(_list(document, "books")):
        record = _Record(value, f"books[{index}]")
        ref = record.whole("id", high=2**63 - 1)
        if str(ref) in refs:
            raise InputError(f"{record.where}: id {ref} is used by an earlier book")
        refs.add(str(ref))
        isbn = record.text("isbn")
        try:
            isbn = normalise_isbn(isbn)
        except InputError as exc:
            raise InputError(f"{record.where}: {exc}") from None
        started_on = record.day("started_on", required=False)
        finished_on = record.day("finished_on", required=False)
        try:
            check_read_days(started_on, finished_on)
        except InputError as exc:
            raise InputError(f"{record.where}: {exc}") from None
        books.append(
            ImportedBook(
                ref=str(ref),
                where=record.where,
                title=record.text("title", required=True),
                author=record.text("author"),
                total_pages=record.whole("total_pages", MAX_BOOK_PAGES, required=False),
                isbn=isbn,
                status=record.choice("status", BookStatus),
                started_on=started_on,
                finished_on=finished_on,
                source=record.text("source") or "manual",
            )
        )
    logs, keys = [], set()
    for index, value in enumerate(_list(document, "reading_logs")):
        record = _Record(value, f"reading_logs[{index}]")
        book_id = record.whole("book_id", high=2**63 - 1, required=False)
        if book_id is not None and str(book_id) not in refs:
            raise InputError(f"{record.where}: book_id {book_id} is not among the books")
        key = record.text("import_key")
        if key is not None and key in keys:
            raise InputError(f"{record.where}: import_key {key!r} is used by an earlier log")
        keys.add(key)
        logs.append(
            ImportedLog(
                where=record.where,
                day=record.day("day"),
                pages=record.whole("pages", MAX_PAGES_PER_LOG),
                book_ref=str(book_id) if book_id is not None else None,
                minutes=record.whole("minutes", MAX_DURATION_MINUTES, required=False),
                note=record.text("note", limit=MAX_NOTE, multiline=True),
                created_at=record.moment("created_at"),
                started_book=record.flag("started_book"),
                import_key=key,
            )
        )
    sessions = []
    for index, value in enumerate(_list(document, "learning_sessions")):
        record = _Record(value, f"learning_sessions[{index}]")
        sessions.append(
            ImportedSession(
                where=record.where,
                day=record.day("day"),
                minutes=record.whole("minutes", MAX_DURATION_MINUTES),
                kind=record.choice("kind", SessionKind, default=SessionKind.OTHER),
                topic=record.text("topic"),
                note=record.text("note", limit=MAX_NOTE, multiline=True),
                created_at=record.moment("created_at"),
            )
        )
    goals = []
    for index, value in enumerate(_list(document, "goals")):
        record = _Record(value, f"goals[{index}]")
        kind = record.choice("kind", GoalKind)
        wanted, rule = record.whole("target", MAX_GOAL_TARGET), record.text("schedule")
        try:
            # The bounds and schedules any goal is held to, whoever sets it.
            target, schedule = check_goal(kind, wanted or 0, rule)
        except InputError as exc:
            raise InputError(f"{record.where}: {exc}") from None
        goals.append(
            ImportedGoal(
                where=record.where,
                kind=kind,
                target=target,
                since=record.day("since"),
                schedule=schedule,
            )
        )
    skips = []
    listed = _list(document, "skip_days")
    if len(listed) > MAX_SKIP_DAYS:  # before reading them all
        raise InputError(
            f"skip_days: {len(listed):,} skip days are more than a hundred years of days "
            f"({MAX_SKIP_DAYS:,}); nobody rests that long"
        )
    for index, value in enumerate(listed):
        record = _Record(value, f"skip_days[{index}]")
        skips.append(
            ImportedSkip(where=record.where, day=record.day("day"), reason=record.text("reason"))
        )
    batch = ImportBatch(
        kind="compound",
        source=source,
        books=tuple(books),
        logs=tuple(logs),
        sessions=tuple(sessions),
        goals=tuple(goals),
        skips=tuple(skips),
    )
    check_batch(batch)
    return batch


EXPORTER = Exporter("json", ".json", "everything, in compound's own JSON (imports back)", write)
IMPORTER = Importer("compound", "compound's own JSON export", read)
