"""Openreads: the reading app's CSV export (Settings → Backup → Export to CSV).

Its columns: title, subtitle, author, description, status, favourite, deleted,
rating, pages, publisher, publication_year, isbn, olid, tags, my_review, notes,
book_format, readings, date_added, date_modified. status is finished, in_progress,
planned, abandoned or unknown (0 to 3 for the first four in the app's own backups);
book_format is paperback, hardcover, ebook or audiobook. readings lists every read,
separated by ";", each as start|finish|time: ISO 8601 moments as the app wrote them
(2024-03-15T00:00:00.000, the day at local midnight), either left empty when not
known, and the time read in milliseconds when the person entered one. Exports before
readings had start_date, finish_date and reading_time (milliseconds) instead: one read.

Each read becomes a book of its own, as compound keeps rereads: a read with a finish
day is a finished book, and the row's status applies to the latest read. Books in
Openreads' bin (deleted true) are not imported. An audiobook's length is the time a
finished read of it took, when the person entered one (ImportedBook.total_minutes).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ReadOptions,
    check_batch,
    isbn_key,
    name_key,
)
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import read_rows
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage

REQUIRED = ("title", "author", "status", "deleted", "pages", "isbn", "book_format")
WHAT = "an Openreads CSV export"

STATUSES = {
    "finished": BookStatus.FINISHED,
    "in_progress": BookStatus.READING,
    "planned": BookStatus.TO_READ,
    "abandoned": BookStatus.ABANDONED,
    # The app's own numbering (its backups): read, in progress, for later, unfinished.
    "0": BookStatus.FINISHED,
    "1": BookStatus.READING,
    "2": BookStatus.TO_READ,
    "3": BookStatus.ABANDONED,
}
# The longest audiobook length believed: a thousand hours.
MAX_AUDIOBOOK_MINUTES = 60_000

Read = tuple[date | None, date | None, int | None]  # (started, finished, minutes read)


class _Days:
    """Openreads' moments as days: as written when local, in the person's zone when not."""

    def __init__(self, options: ReadOptions):
        self.zone = None
        if options.timezone:
            from zoneinfo import ZoneInfo

            self.zone = ZoneInfo(options.timezone)

    def __call__(self, text: str, what: str) -> date | None:
        text = text.strip()
        if not text:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise InputError(f"{what} {text!r} is not a date like 2024-03-15") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.zone)  # zone None: the system's
        return moment.date()


def _minutes(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    try:
        ms = float(text)
    except ValueError:
        raise InputError(f"reading time {text!r} is not a number of milliseconds") from None
    if not 0 <= ms <= MAX_AUDIOBOOK_MINUTES * 60_000:
        raise InputError(
            f"reading time {text!r} is not from 0 to {MAX_AUDIOBOOK_MINUTES // 60:,} hours"
        )
    return round(ms / 60_000) or None


def readings(text: str, where: str, days: _Days, salvage: Salvage) -> list[Read]:
    """The reads in a readings cell, oldest first; a bad part is repaired and listed."""
    reads: list[Read] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        pieces = part.split("|")
        if len(pieces) not in (2, 3):
            salvage.repair(where, f"reading {part.strip()!r} is not start|finish|time", "left out")
            continue
        started = salvage.cell(where, partial(days, pieces[0], "reading start"), None)
        finished = salvage.cell(where, partial(days, pieces[1], "reading finish"), None)
        minutes = salvage.cell(where, partial(_minutes, (pieces + [""])[2]), None)
        if started and finished and finished < started:
            salvage.repair(
                where,
                f"reading {part.strip()!r} finishes before it starts",
                f"read as from {finished.isoformat()} to {started.isoformat()}",
            )
            started, finished = finished, started
        if started or finished or minutes:
            reads.append((started, finished, minutes))
    return sorted(reads, key=lambda r: (r[1] or r[0] or date.max, r[0] or date.min))


def reads_for(status: BookStatus, reads: list[Read]) -> list[tuple[BookStatus, Read]]:
    """Which book each read becomes: every read but the latest is a finished one."""
    if status == BookStatus.FINISHED:
        return [(BookStatus.FINISHED, r) for r in reads] or [(status, (None, None, None))]
    finished = [r for r in reads if r[1] is not None]
    current: Read = (None, None, None)
    under_way = [r for r in reads if r[1] is None]
    if under_way:
        current = under_way[-1]
    elif status == BookStatus.ABANDONED and finished:
        last = finished.pop()  # the finish of a read given up is when it was given up
        current = (last[0], None, last[2])
    if status == BookStatus.TO_READ:
        current = (None, None, None)  # planned: not started, whatever an old read said
    return [(BookStatus.FINISHED, r) for r in finished] + [(status, current)]


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in an Openreads CSV export, as books."""
    source = Path(path).name
    columns, rows = read_rows(path, REQUIRED, WHAT)
    if "readings" not in columns and not {"start_date", "finish_date"} <= columns.keys():
        raise InputError(f"{source} is not {WHAT}: its header lacks readings")
    at = {
        name: columns.get(name)
        for name in (*REQUIRED, "readings", "start_date", "finish_date", "reading_time")
    }
    days = _Days(options)
    salvage = Salvage(source, strict=options.strict)
    books: list[ImportedBook] = []
    seen: dict[tuple, int] = {}

    def cell(row: list[str], name: str) -> str:
        place = at[name]
        return "" if place is None else row[place]

    for number, row in rows:
        where = f"row {number}"
        if cell(row, "deleted").strip().lower() == "true":
            salvage.skipped.append((where, "in Openreads' bin (deleted)"))
            continue
        try:
            title = fields.title(cell(row, "title"))
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        author = salvage.cell(where, partial(fields.person, cell(row, "author")), None)
        isbn = salvage.cell(
            where,
            partial(fields.isbn_or_none, cell(row, "isbn")),
            None,
            "imported without it",
        )
        pages = salvage.cell(
            where, partial(fields.pages_or_none, cell(row, "pages"), "pages"), None
        )
        said = cell(row, "status").strip().lower()
        if at["readings"] is not None:
            reads = readings(cell(row, "readings"), where, days, salvage)
        else:  # the export before readings: one read
            reads = readings(
                "|".join(cell(row, name) for name in ("start_date", "finish_date", "reading_time")),
                where,
                days,
                salvage,
            )
        status = STATUSES.get(said)
        if status is None:
            # "unknown", or a word this reader does not know: what the dates say.
            status = BookStatus.FINISHED if any(r[1] for r in reads) else BookStatus.TO_READ
            if said != "unknown":
                salvage.repair(
                    where,
                    f"status {said!r} is not one of finished, in_progress, planned, abandoned",
                    f"read as {status.value.replace('_', ' ')} from its readings",
                )
        audiobook = cell(row, "book_format").strip().lower() == "audiobook"
        identity = isbn_key(isbn) or (name_key(title), name_key(author))
        key = (identity, status, tuple(reads))
        if key in seen:
            salvage.skipped.append((where, f"the same book and reads as row {seen[key]}"))
            continue
        seen[key] = number
        length = None
        if audiobook:
            length = next((r[2] for r in reversed(reads) if r[1] and r[2]), None)
        chosen = reads_for(status, reads)
        for index, (read_status, (started, finished, _minutes_read)) in enumerate(chosen):
            books.append(
                ImportedBook(
                    ref=where if len(chosen) == 1 else f"{where} read {index + 1}",
                    where=where,
                    title=title,
                    author=author,
                    total_pages=pages,
                    isbn=isbn,
                    status=read_status,
                    started_on=started if read_status != BookStatus.TO_READ else None,
                    finished_on=finished if read_status == BookStatus.FINISHED else None,
                    source="openreads",
                    total_minutes=length,
                )
            )
    batch = ImportBatch(
        kind="openreads",
        source=source,
        books=tuple(books),
        skipped=tuple(salvage.skipped),
        repaired=tuple(salvage.repaired),
    )
    try:
        check_batch(batch)  # the bounds every import is held to
    except InputError as exc:
        raise InputError(f"{source}, {exc}") from None
    return batch


IMPORTER = Importer("openreads", "Openreads CSV export", read)
