"""An e-reader's page reads of one book: packed to keep, merged across devices, and
counted as pages and seconds per logical day.

KOReader (and Readest, which keeps its statistics in KOReader's schema) records a
row per page turned: when (Unix seconds), which page, for how long, and the
book's page count in the layout of the moment. Two devices reading one book each
hold some of those reads; what a person read on a day is the union of them. So
the reads themselves are kept (packed), a second device's file adds its reads to
them, and the days are counted again from the union: importing files in either
order, or the same file twice, gives what one file holding every read gives.

Packed: a marker, then zlib-compressed signed 64-bit integers, little-endian: the
count, then four columns (start times, pages, durations, page counts; 0 for a
read whose layout is unknown), sorted by start time then page, one read per
(start time, page).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from typing import NamedTuple

from compound.domain.days import MAX_DURATION_MINUTES
from compound.domain.imports import ImportedLog
from compound.domain.quantities import MAX_PAGES_PER_LOG

_MAGIC = b"PRd1"
_EPOCH = date(1970, 1, 1).toordinal()
_DAY = 86_400


class PageReads(NamedTuple):
    """Page reads as columns (array('q') each, of one length), sorted by (start, page)."""

    starts: array[int]
    pages: array[int]
    durations: array[int]
    totals: array[int]  # the page count of the layout read in; 0: unknown


class DayRead(NamedTuple):
    day: date
    pages: int  # distinct pages of the book's current count (a page read twice counts once)
    seconds: int


def empty() -> PageReads:
    return PageReads(array("q"), array("q"), array("q"), array("q"))


def pack(reads: PageReads) -> bytes:
    """The reads as bytes to keep (see the module's docstring)."""
    whole = array("q", [len(reads.starts)])  # after the marker: the count, the columns
    for column in reads:
        whole.extend(column)
    if sys.byteorder == "big":
        whole.byteswap()
    # Compressed, fast: years of reads are ~30 bytes each raw, a tenth of that so, and
    # every byte kept is written to the database's log, the file and its daily backup.
    return _MAGIC + zlib.compress(whole.tobytes(), 1)


def unpack(blob: bytes) -> PageReads:
    """The reads `pack` kept; ValueError when the bytes are not such reads."""
    if blob[:4] != _MAGIC:
        raise ValueError("not packed page reads")
    try:
        raw = zlib.decompress(blob[4:])
    except zlib.error:
        raise ValueError("damaged packed page reads") from None
    if len(raw) % 8:
        raise ValueError("packed page reads of the wrong length")
    whole = array("q")
    whole.frombytes(raw)
    if sys.byteorder == "big":
        whole.byteswap()
    count = whole[0] if whole else -1
    if count < 0 or len(whole) != 1 + 4 * count:
        raise ValueError("packed page reads of the wrong length")
    return PageReads(*(whole[1 + n * count : 1 + (n + 1) * count] for n in range(4)))


def merge(one: PageReads, other: PageReads) -> PageReads:
    """The union of two books' worth of reads: a read at the same (start, page) is one
    read (the same turn synchronised to both devices), with the longer duration."""
    if not one.starts:
        return other
    if not other.starts:
        return one
    union: dict[tuple[int, int], tuple[int, int]] = {}
    for start, page, duration, total in zip(*one, strict=True):
        union[(start, page)] = (duration, total)
    for start, page, duration, total in zip(*other, strict=True):
        known = union.get((start, page))
        if known is None or duration > known[0]:
            union[(start, page)] = (duration, total)
    merged = empty()
    for (start, page), (duration, total) in sorted(union.items()):
        merged.starts.append(start)
        merged.pages.append(page)
        merged.durations.append(duration)
        merged.totals.append(total)
    return merged


def days(
    reads: PageReads, book_pages: int | None, day_starts_at: time, timezone: str | None
) -> tuple[list[DayRead], int]:
    """Each logical day's distinct pages and seconds read, in the person's time zone
    (None: the system's) and day start, and how many reads fall at a time no
    calendar holds (left out). Pages are rescaled to the book's current count
    `book_pages` as KOReader's page_stat view does (never past its last page);
    without a current count, pages count as turned.

    The time zone is asked only at a day's edges: a read within the day found for
    the one before it (the same UTC offset from its start to its end) is that day's
    too, so years of reads cost a few conversions a day, not one each.
    """
    offset = _offset(timezone)
    shift = day_starts_at.hour * 3600 + day_starts_at.minute * 60
    starts, pages, durations, totals = reads
    # Each day's reads as spans [first, end) of the columns: one span a day, but for the
    # hour a clock turned back, which may hold reads of the day before.
    spans: dict[int, list[tuple[int, int]]] = {}
    outside = 0
    count, index = len(starts), 0
    # The last day found steady: its UTC offset and where it ended. The next read's day
    # is first tried at that offset, which costs one conversion (its end) when it is
    # the next day, two when days were skipped.
    known, known_end = None, None
    while index < count:
        moment = starts[index]
        try:
            steady = False
            if known is not None:
                ordinal = (moment + known - shift) // _DAY + _EPOCH
                first = (ordinal - _EPOCH) * _DAY + shift - known
                steady = (first == known_end or offset(first) == known) and offset(
                    first + _DAY - 1
                ) == known
                utc_offset = known
            if not steady:
                utc_offset = offset(moment)
                ordinal = (moment + utc_offset - shift) // _DAY + _EPOCH
                first = (ordinal - _EPOCH) * _DAY + shift - utc_offset
                steady = offset(first) == utc_offset == offset(first + _DAY - 1)
            date.fromordinal(ordinal)  # within the calendar
        except (OverflowError, OSError, ValueError):
            outside += 1
            index += 1
            known = None
            continue
        known, known_end = (utc_offset, first + _DAY) if steady else (None, None)
        # A day the clocks change on is placed read by read.
        end = bisect_left(starts, first + _DAY, index + 1) if steady else index + 1
        day = spans.get(ordinal)
        if day is None:
            spans[ordinal] = [(index, end)]
        elif day[-1][1] == index:
            day[-1] = (day[-1][0], end)
        else:
            day.append((index, end))
        index = end
    counted = []
    for ordinal in sorted(spans):
        day = spans[ordinal]
        counted.append(
            DayRead(
                date.fromordinal(ordinal),
                _distinct_pages(reads, day, book_pages),
                sum(sum(durations[a:b]) for a, b in day),
            )
        )
    return counted, outside


def _offset(timezone: str | None) -> Callable[[int], int]:
    """The UTC offset (seconds) at a moment, in `timezone` (None: the system's)."""
    if timezone is None:
        import time as clock

        def system(moment: int) -> int:
            return clock.localtime(moment).tm_gmtoff

        return system
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)

    def named(moment: int) -> int:
        shown = datetime.fromtimestamp(moment, zone).utcoffset()
        return int(shown.total_seconds()) if shown is not None else 0

    return named


def _distinct_pages(reads: PageReads, spans: list[tuple[int, int]], book_pages: int | None) -> int:
    pages, totals = reads.pages, reads.totals
    if book_pages is None or all(
        totals[a:b].count(book_pages) == b - a and max(pages[a:b]) <= book_pages for a, b in spans
    ):
        # Read in today's layout (or without one to rescale to): pages as turned.
        seen: set[int] = set()
        for a, b in spans:
            seen.update(pages[a:b])
        return len(seen)
    # Runs [first, last] of rescaled pages rather than a set: one page of a 1-page layout
    # is all 50,000 pages of the book now, and a set of them for each read took gigabytes.
    runs: list[list[int]] = []
    for a, b in spans:
        for page, total in zip(pages[a:b], totals[a:b], strict=True):
            first = last = page
            if total > 0:
                first = (page - 1) * book_pages // total + 1
                last = min(max(first, page * book_pages // total), book_pages)
                first = min(first, last)
            if runs and runs[-1][0] <= first <= runs[-1][1] + 1:
                runs[-1][1] = max(runs[-1][1], last)  # the next page along: most reads are
            else:
                runs.append([first, last])
    counted, reached = 0, 0
    for first, last in sorted(runs):
        if last > reached:
            counted += last - max(first, reached + 1) + 1
            reached = last
    return counted


def day_logs(
    book_ref: str, where: str, link_key: str, counted: Iterable[DayRead]
) -> tuple[list[ImportedLog], list[tuple[str, str]]]:
    """The reading logs of a book's days (keyed `<link_key>:<day>`, so importing again
    updates them), and where a day was cut to the most pages one log holds."""
    logs: list[ImportedLog] = []
    cut: list[tuple[str, str]] = []
    for day, pages, seconds in counted:
        read_on = f"{where} on {day.isoformat()}"
        if pages > MAX_PAGES_PER_LOG:
            # Pages rescaled from a layout far smaller than today's (or a damaged file).
            cut.append(
                (
                    read_on,
                    f"{pages:,} pages in one day, counted as {MAX_PAGES_PER_LOG:,}, "
                    "the most one day's log holds",
                )
            )
            pages = MAX_PAGES_PER_LOG
        # Overlapping page reads can add up to more than a day; a day holds no more.
        minutes = min(round(seconds / 60), MAX_DURATION_MINUTES)
        logs.append(
            ImportedLog(
                where=read_on,
                day=day,
                pages=pages,
                book_ref=book_ref,
                minutes=minutes or None,
                import_key=f"{link_key}:{day.isoformat()}",
            )
        )
    return logs, cut
