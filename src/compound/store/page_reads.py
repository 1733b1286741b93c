"""Applying an e-reader's page reads: they add to the ones kept of the book, and the
book's days are counted again from all of them.

A person with two devices has a statistics file on each, each holding some of one
book's page reads. Counting each file's days on its own and keying the logs by
day, the second file's days replaced the first's. Here the reads are kept (table
page_reads, packed by domain/page_reads.py) and merged: a read at the same
(start, page) is one read. The book's logs keyed `<link key>:<day>` are then
what the union of the reads gives, placed on days by the batch's day start and
time zone; a day that has no reads any more (the day start or the zone changed)
loses its log, counted as updated, so nothing is counted twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import bindparam, delete, update
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.errors import InputError
from compound.domain.imports import ImportBatch, ImportedLog, ImportSummary
from compound.domain.page_reads import day_logs, days, merge, pack, unpack
from compound.store.bulk import LOG_COLUMNS, insert_rows, keyed_logs, update_log_amounts

Progress = Callable[[int], None]


def apply(
    session: Session,
    profile_id: int,
    batch: ImportBatch,
    book_ids: dict[str, int],
    summary: ImportSummary,
    tick: Progress,
) -> tuple[ImportedLog, ...]:
    """Merge the batch's page reads into the kept ones and bring their books' keyed
    logs to what the union gives; returns the batch's other logs, left to apply."""
    if not batch.page_reads:
        return batch.logs
    by_ref = {reads.book_ref: reads for reads in batch.page_reads}
    others: list[ImportedLog] = []
    file_logs: dict[str, list[ImportedLog]] = {ref: [] for ref in by_ref}
    for log in batch.logs:
        if log.book_ref in by_ref:
            file_logs[log.book_ref].append(log)
        else:
            others.append(log)
    links = {reads.link_key for reads in batch.page_reads}
    kept = {
        link: (id_, blob)
        for id_, link, blob in session.exec(
            select(col(t.PageReads.id), col(t.PageReads.link_key), col(t.PageReads.reads)).where(
                t.PageReads.profile_id == profile_id,
                col(t.PageReads.link_key).in_(links),
            )
        )
    }
    # The logs earlier imports keyed by these books' reads, as (id, pages, minutes).
    logged: dict[str, dict[str, tuple[int, int, int | None]]] = {link: {} for link in links}
    for id_, stored_key, pages, minutes in keyed_logs(session, profile_id):
        if (link := stored_key.rsplit(":", 1)[0]) in logged:
            logged[link][stored_key] = (id_, pages, minutes)

    now = datetime.now(UTC)
    new_reads: list[tuple] = []
    changed_reads: list[dict] = []
    new_logs: list[tuple] = []
    changed_logs: list[dict] = []
    gone: list[int] = []
    tally = summary.reading_logs
    placement = batch.placement
    for reads in batch.page_reads:
        logs = file_logs[reads.book_ref]
        stored = kept.get(reads.link_key)
        if stored is None:
            new_reads.append((profile_id, reads.link_key, reads.reads, now))
        elif stored[1] != reads.reads:
            try:
                union = merge(unpack(stored[1]), unpack(reads.reads))
            except ValueError:
                raise InputError(
                    f"the page reads kept of {reads.link_key} are damaged; "
                    "restore a backup of the database"
                ) from None
            packed = pack(union)
            if packed != stored[1]:
                changed_reads.append({"row": stored[0], "blob": packed, "at": now})
            if packed != reads.reads:
                # The kept reads hold some this file lacks (another device's): count the
                # book's days again from all of them.
                counted, _outside = days(
                    union, reads.book_pages, placement.day_starts_at, placement.timezone
                )
                logs, cut = day_logs(reads.book_ref, reads.book_ref, reads.link_key, counted)
                summary.skipped += cut
        book_id = book_ids[reads.book_ref]
        before = logged[reads.link_key]
        # Logs an earlier version imported, keeping no reads: they came from reads not
        # known here (another device's, perhaps), so a day is never brought below them.
        unknown_reads = stored is None
        wanted = set()
        for log in logs:
            key = log.import_key
            if key is None:  # as day_logs makes them, never
                continue
            wanted.add(key)
            row = before.get(key)
            pages, minutes = log.pages, log.minutes
            if row is not None and unknown_reads:
                pages = max(pages, row[1])
                minutes = max(minutes or 0, row[2] or 0) or None
            if row is None:
                new_logs.append(
                    (profile_id, log.day, pages, book_id, minutes, None, False, key, now)
                )
                tally.added += 1
            elif row[1:] != (pages, minutes):
                changed_logs.append({"row": row[0], "new_pages": pages, "new_minutes": minutes})
                tally.updated += 1
            else:
                tally.unchanged += 1
        if stored is not None:
            # Days the reads no longer fall on (a new day start or zone). Without kept
            # reads (logs an earlier version imported), other days' logs came from
            # reads not known here: they stay.
            removed = [row[0] for key, row in before.items() if key not in wanted]
            gone += removed
            tally.updated += len(removed)
        tick(len(file_logs[reads.book_ref]))

    connection = session.connection()
    insert_rows(
        connection,
        t.PageReads.__table__,  # type: ignore[attr-defined]  # set by SQLModel, not declared there
        ("profile_id", "link_key", "reads", "updated_at"),
        new_reads,
    )
    page_reads = t.PageReads.__table__  # type: ignore[attr-defined]
    if changed_reads:
        connection.execute(
            update(page_reads)
            .where(page_reads.c.id == bindparam("row"))
            .values(reads=bindparam("blob"), updated_at=bindparam("at")),
            changed_reads,
        )
    reading_log = t.ReadingLog.__table__  # type: ignore[attr-defined]
    if gone:
        for first in range(0, len(gone), 500):
            connection.execute(
                delete(reading_log).where(reading_log.c.id.in_(gone[first : first + 500]))
            )
    update_log_amounts(connection, changed_logs)
    insert_rows(connection, reading_log, LOG_COLUMNS, new_logs)
    return tuple(others)
