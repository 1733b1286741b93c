"""CSV: every record in one sheet, a `record` column saying what each row is.

One table rather than five files, so the export can go to standard output and
open in any spreadsheet; columns that do not apply to a record stay empty. A
book's `pages` is how many of its pages were logged; a reading log's `source` is
its import key. Cells are made safe (see csvfiles.safe_cell).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from compound.domain.exports import ExportData
from compound.exchange.csvfiles import write_table
from compound.exchange.registry import Exporter

COLUMNS = (
    "record",
    "id",
    "day",
    "pages",
    "minutes",
    "book_id",
    "title",
    "author",
    "isbn",
    "total_pages",
    "status",
    "started_on",
    "finished_on",
    "source",
    "kind",
    "topic",
    "note",
    "target",
    "schedule",
    "since",
    "reason",
    "created_at",
)


def _row(**cells: Any) -> list[Any]:
    return [cells.get(column) for column in COLUMNS]


def rows(data: ExportData) -> Iterator[list[Any]]:
    """The export's rows, in COLUMNS order: books, reading logs, sessions, goals, skips."""
    for b in data.books:
        yield _row(
            record="book",
            id=b.id,
            book_id=b.id,
            title=b.title,
            author=b.author,
            isbn=b.isbn,
            total_pages=b.total_pages,
            pages=b.pages_read,
            status=b.status.value,
            started_on=b.started_on,
            finished_on=b.finished_on,
            source=b.source,
        )
    for log in data.reading_logs:
        yield _row(
            record="reading",
            id=log.ref,
            day=log.day,
            pages=log.pages,
            minutes=log.minutes,
            book_id=log.book_id,
            title=log.book_title,
            note=log.note,
            source=log.import_key,
            created_at=log.created_at,
        )
    for s in data.sessions:
        yield _row(
            record="session",
            id=s.ref,
            day=s.day,
            minutes=s.minutes,
            kind=s.kind.value,
            topic=s.topic,
            note=s.note,
            created_at=s.created_at,
        )
    for g in data.goals:
        yield _row(
            record="goal",
            id=g.id,
            kind=g.kind.value,
            target=g.target,
            schedule=g.schedule,
            since=g.since,
        )
    for skip in data.skips:
        yield _row(record="skip", id=skip.id, day=skip.day, reason=skip.reason)


def write(data: ExportData, out: TextIO) -> None:
    write_table(out, COLUMNS, rows(data))


EXPORTER = Exporter("csv", ".csv", "every record in one spreadsheet-safe CSV table", write)
