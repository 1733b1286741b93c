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
from functools import partial
from pathlib import Path

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ReadOptions,
    checked,
    name_key,
)
from compound.domain.records import BookStatus
from compound.exchange import fields
from compound.exchange.csvfiles import in_row_order, read_table
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage

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


def dates_read(text: str, where: str = "", salvage: Salvage | None = None) -> list[Read]:
    """The reads in a Dates Read cell, oldest first.

    Without `salvage` a part that is not a day or a range refuses the cell. With it, the
    row at `where` keeps what the cell holds, listed: a range that ends before it
    starts is read as the days it names (the earlier the start), an impossible day is
    left empty, and a part that is no date at all is left out."""
    reads: list[Read] = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        match = _READ.match(part)
        if not match or not (match["start"] or match["end"]):
            problem = f"Dates Read {part!r} is not a day or a range like 2025/04/19-2025/04/21"
            if salvage is None:
                raise InputError(problem)
            salvage.repair(where, problem, "that read was left out")
            continue
        if salvage is None:
            start = fields.day_or_none(match["start"] or "", "Dates Read")
            end = fields.day_or_none(match["end"] or "", "Dates Read")
        else:
            start = salvage.cell(
                where, partial(fields.day_or_none, match["start"] or "", "Dates Read"), None
            )
            end = salvage.cell(
                where, partial(fields.day_or_none, match["end"] or "", "Dates Read"), None
            )
            if start is None and end is None:
                continue  # nothing of the read was a day: listed above
        if not match["dash"]:
            start, end = None, start  # a single day: the read finished then
        if start and end and end < start:
            problem = f"Dates Read {part!r} ends before it starts"
            if salvage is None:
                raise InputError(problem)
            start, end = end, start
            salvage.repair(
                where, problem, f"read as {start:%Y/%m/%d} to {end:%Y/%m/%d}, the days it names"
            )
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


def inferred_status(reads: list[Read], last_read: date | None) -> str:
    """The Read Status a row's dates tell, when the row's own is missing: a read left
    open last is under way; else a finished read is read; else the book is to read."""
    if reads and reads[-1][1] is None and reads[-1][0] is not None:
        return "currently-reading"
    if last_read is not None or any(finished for _started, finished in reads):
        return "read"
    return "to-read"


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Every read in a StoryGraph export, as books.

    A row with a bad cell is kept with what can be trusted, and listed; a row without a
    title is left out. With `options.strict` the first such problem refuses the file."""
    source = Path(path).name
    salvage = Salvage(source, strict=options.strict)
    _header, rows = read_table(path, REQUIRED, "a StoryGraph library export", salvage)
    books: list[ImportedBook] = []
    seen: dict[tuple, int] = {}
    for number, row in rows:
        where = f"row {number}"
        try:
            title = fields.title(row["Title"])
        except InputError as exc:
            salvage.skip(where, str(exc))
            continue
        author = salvage.cell(where, partial(fields.person, row["Authors"]), None)
        isbn = _isbn(row["ISBN/UID"])
        reads = dates_read(row["Dates Read"], where, salvage)
        last_read = salvage.cell(
            where, partial(fields.day_or_none, row["Last Date Read"], "Last Date Read"), None
        )
        written = row["Read Status"].strip()
        word = written.lower()
        if word not in STATUSES:
            if written:
                problem = f"Read Status {written!r} is not one of {', '.join(STATUSES)}"
            else:
                problem = "Read Status is empty"
            word = inferred_status(reads, last_read)
            salvage.repair(where, problem, f'read as "{word}", from its dates')
        key = (isbn or name_key(title), name_key(author), word, row["Dates Read"].strip())
        if key in seen:
            salvage.leave_out(where, f"the same book and reads as row {seen[key]}")
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
    return checked(
        ImportBatch(
            kind="storygraph",
            source=source,
            books=tuple(books),
            skipped=in_row_order(salvage.skipped),
            repaired=in_row_order(salvage.repaired),
        )
    )


IMPORTER = Importer("storygraph", "The StoryGraph library export (CSV)", read)
