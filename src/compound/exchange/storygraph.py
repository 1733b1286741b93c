"""The StoryGraph: its library export CSV (Manage Account → Export StoryGraph Library).

23 columns: Title, Authors, Contributors, ISBN/UID, Format, Read Status, Date Added,
Last Date Read, Dates Read, Read Count, Moods, Pace, five character questions, Star
Rating, Review, Content Warnings, Content Warning Description, Tags, Owned?. There
are no page counts. Dates Read lists every read, separated by commas, each a day
(finished then) or a range: "2023/01/05-2023/01/10, 2025/04/19-2025/04/21"; a range
left open ("2025/04/19-") is a read under way. ISBN/UID holds an ISBN or, for books
without one, StoryGraph's own id, which is not kept.

Each read becomes a book of its own, as compound keeps rereads: finished reads are
finished books, and the row's Read Status applies to the latest read.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ReadOptions,
    check_batch,
    name_key,
)
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import at, read_table
from compound.exchange.registry import Importer

REQUIRED = ("Title", "Authors", "ISBN/UID", "Read Status", "Last Date Read", "Dates Read")

STATUSES = {
    "read": BookStatus.FINISHED,
    "currently-reading": BookStatus.READING,
    "paused": BookStatus.READING,
    "to-read": BookStatus.TO_READ,
    "did-not-finish": BookStatus.ABANDONED,
}

_READ = re.compile(r"^(?P<start>[\d/]+)?\s*(?P<dash>-)?\s*(?P<end>[\d/]+)?$", re.ASCII)

Read = tuple[date | None, date | None]  # (started, finished)


def dates_read(text: str) -> list[Read]:
    """The reads in a Dates Read cell, oldest first."""
    reads: list[Read] = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        match = _READ.match(part)
        if not match or not (match["start"] or match["end"]):
            raise InputError(
                f"Dates Read {part!r} is not a day or a range like 2025/04/19-2025/04/21"
            )
        start = fields.day_or_none(match["start"] or "", "Dates Read")
        end = fields.day_or_none(match["end"] or "", "Dates Read")
        if not match["dash"]:
            start, end = None, start  # a single day: the read finished then
        if start and end and end < start:
            raise InputError(f"Dates Read {part!r} ends before it starts")
        reads.append((start, end))
    return sorted(reads, key=lambda r: (r[1] or r[0] or date.max, r[0] or date.min))


def _isbn(value: str) -> str | None:
    try:
        return fields.isbn_or_none(value)
    except InputError:
        return None  # StoryGraph's own id for a book without an ISBN


def _reads_for(
    status: BookStatus, reads: list[Read], last_read: date | None
) -> list[tuple[BookStatus, Read]]:
    """Which book each read becomes: every read but the latest is a finished one."""
    if status == BookStatus.FINISHED:
        done = [r for r in reads if r[1] is not None] or [(None, last_read)]
        return [(BookStatus.FINISHED, r) for r in done]
    finished = [r for r in reads if r[1] is not None]
    current: Read = (None, None)
    under_way = [r for r in reads if r[1] is None]
    if under_way:
        current = (under_way[-1][0], None)
    elif status == BookStatus.ABANDONED and finished:
        current = (finished.pop()[0], None)  # the range of a read given up is not a finish
    return [(BookStatus.FINISHED, r) for r in finished] + [(status, current)]


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in a StoryGraph export, as books."""
    source = Path(path).name
    _header, rows = read_table(path, REQUIRED, "a StoryGraph library export")
    books: list[ImportedBook] = []
    skipped: list[tuple[str, str]] = []
    seen: dict[tuple, int] = {}
    for number, row in rows:
        where = f"row {number}"
        with at(source, where):
            title = fields.title(row["Title"])
            author = fields.person(row["Authors"])
            isbn = _isbn(row["ISBN/UID"])
            word = row["Read Status"].strip().lower()
            if word not in STATUSES:
                raise InputError(
                    f"Read Status {row['Read Status'].strip()!r} is not one of "
                    f"{', '.join(STATUSES)}"
                )
            reads = dates_read(row["Dates Read"])
            last_read = fields.day_or_none(row["Last Date Read"], "Last Date Read")
        key = (isbn or name_key(title), name_key(author), word, row["Dates Read"].strip())
        if key in seen:
            skipped.append((where, f"the same book and reads as row {seen[key]}"))
            continue
        seen[key] = number
        for index, (status, (started, finished)) in enumerate(
            _reads_for(STATUSES[word], reads, last_read)
        ):
            books.append(
                ImportedBook(
                    ref=f"{where} read {index + 1}",
                    where=where,
                    title=title,
                    author=author,
                    isbn=isbn,
                    status=status,
                    started_on=started,
                    finished_on=finished,
                    source="storygraph",
                )
            )
    batch = ImportBatch(
        kind="storygraph", source=source, books=tuple(books), skipped=tuple(skipped)
    )
    try:
        check_batch(batch)  # the bounds every import is held to
    except InputError as exc:
        raise InputError(f"{source}, {exc}") from None
    return batch


IMPORTER = Importer("storygraph", "The StoryGraph library export (CSV)", read)
