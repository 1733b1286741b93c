"""Kindle: the reading sessions in Amazon's "Request your data" export.

Two files hold them, and either is read:
- Kindle.ReadingInsights/…/Kindle.reading-insights-sessions_with_adjustments.csv:
  ASIN, end_time, product_name, reading_marketplace, start_time,
  total_reading_milliseconds (the sessions the Reading Insights screen counts);
- Kindle.Devices.ReadingSession/Kindle.Devices.ReadingSession.csv: ASIN,
  start_timestamp, end_timestamp, content_type, device_family, number_of_page_flips,
  total_reading_millis and more (each device's own sessions).
Times are UTC, written 2023-01-14T21:03:45.000Z, 2023-01-14T21:03:45Z or
2023-01-14 21:03:45; a cell Amazon has no value for says "Not Available". Neither file
has page numbers, and only some name the book: a book without a name is called
"Kindle book <ASIN>", and its ASIN is what links it (ImportedBook.link_key
"kindle:<ASIN>"); an ASIN that is an ISBN-10 (older books) is kept as the ISBN too.

Each session counts on the logical day it started, in the person's time zone and day
start, however late it ran; its reading time is summed per book and day, sessions of
a few seconds included, and each (book, day) becomes one reading log of 0 pages and
its minutes. A day that rounds to no minute at all is left out. A session listed
twice in a file, (ASIN, start, end) alike, counts once.

The two files describe the same reading, so the keys do not say which file a log
came from: every log is keyed "kindle:<ASIN>:<day>". Importing the other file of the
same export afterwards updates those days instead of adding to them (the later
import's minutes stand; nothing is counted twice). Given the unzipped export's
folder, both files are read in one import, and each day takes the larger of their
two counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from compound.domain.days import MAX_DURATION_MINUTES, logical_day
from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedBook,
    ImportedLog,
    ReadOptions,
    checked,
)
from compound.domain.records import BookStatus
from compound.domain.text import clean_text, normalise_isbn
from compound.exchange.csvfiles import collector_held, read_rows
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage
from compound.words.numbers import plural

INSIGHTS = "Kindle.reading-insights-sessions_with_adjustments.csv"
DEVICES = "Kindle.Devices.ReadingSession.csv"
# Each file's columns: the ASIN, the session's start and end, its reading time.
LAYOUTS = {
    INSIGHTS: ("ASIN", "start_time", "end_time", "total_reading_milliseconds"),
    DEVICES: ("ASIN", "start_timestamp", "end_timestamp", "total_reading_millis"),
}
# Where a book's name may be, in the files that give one.
TITLE_COLUMNS = ("product_name", "title", "Product Name", "Title")
NOT_AVAILABLE = "not available"
_EMPTY = frozenset(("", "Not Available"))
_DAY_MS = 24 * 3600 * 1000
_LAST_OF_DAY = timedelta(hours=23, minutes=59, seconds=59, microseconds=999_999)
# The most files of either name taken from one folder: an export holds one of each.
MAX_FOLDER_FILES = 8

DayKey = tuple[str, date]  # (ASIN, logical day)


class _Reading:
    """What one file says: reading time per (ASIN, day), titles, first days."""

    def __init__(self) -> None:
        self.ms: dict[DayKey, int] = defaultdict(int)
        self.titles: dict[str, str] = {}
        self.where: dict[str, str] = {}  # the row where each ASIN first shows


def _missing(text: str) -> bool:
    return text in _EMPTY or (len(text) == 13 and text.casefold() == NOT_AVAILABLE)


def moment(text: str) -> datetime:
    """A UTC time as Amazon writes it; refused (InputError) when it is not one."""
    value = text[:-4].rstrip() if text.endswith(" UTC") else text
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{text!r} is not a time like 2023-01-14T21:03:45.000Z") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)


def milliseconds(text: str, column: str) -> int:
    """A reading time in milliseconds ("1834000", or "1834000.0" as some copies hold)."""
    try:
        value = float(text) if "." in text else int(text)
    except ValueError:
        raise InputError(f"{column} {text!r} is not a number of milliseconds") from None
    if not 0 <= value <= _DAY_MS:
        raise InputError(f"{column} {text!r} is not from 0 to a day's milliseconds")
    return round(value)


def _day_of(options: ReadOptions) -> tuple[Callable[[datetime], date], dict[int, timedelta | None]]:
    """What turns a UTC time into its logical day, and the shifts it has worked out so
    far, by UTC date (toordinal): a time whose date has a shift is that shift away from
    its logical day; a date with None (the zone changes its clocks that date) is not."""
    zone = None
    if options.timezone:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(options.timezone)
    day_start = timedelta(hours=options.day_starts_at.hour, minutes=options.day_starts_at.minute)
    # For each UTC date, the zone's offset less the day start, where the offset holds
    # all that date; None where it does not (each time is then converted on its own).
    shifts: dict[int, timedelta | None] = {}

    def exact(at: datetime) -> date:
        local = at.astimezone(zone)  # zone None: the system's
        return logical_day(local.replace(tzinfo=None), options.day_starts_at)

    def day_of(at: datetime) -> date:
        key = at.toordinal()
        if key in shifts:
            shift = shifts[key]
        else:
            first = datetime(at.year, at.month, at.day, tzinfo=UTC)
            offset = first.astimezone(zone).utcoffset()
            last = (first + _LAST_OF_DAY).astimezone(zone).utcoffset()
            shift = shifts[key] = (
                offset - day_start if offset is not None and offset == last else None
            )
        return exact(at) if shift is None else (at + shift).date()

    return day_of, shifts


def _read_one(path: Path, options: ReadOptions, salvage: Salvage, reading: _Reading) -> str:
    """Add one file's sessions to `reading`; returns which file it is (INSIGHTS, DEVICES)."""
    name = path.name
    columns, rows = read_rows(path, ("ASIN",), "a Kindle reading sessions file")
    layout = next((k for k, needed in LAYOUTS.items() if all(c in columns for c in needed)), None)
    if layout is None:
        raise InputError(
            f"{name} is not a Kindle reading sessions file: expected the columns of {DEVICES} "
            f"(start_timestamp, end_timestamp, total_reading_millis) or of {INSIGHTS} "
            "(start_time, end_time, total_reading_milliseconds)"
        )
    asin_name, start_name, end_name, ms_name = LAYOUTS[layout]
    asin_at, start_at, end_at, ms_at = (columns[c] for c in LAYOUTS[layout])
    title_at = next((columns[c] for c in TITLE_COLUMNS if c in columns), None)
    day_of, shifts = _day_of(options)
    seen: dict[tuple[str, str, str], int] = {}
    prefix = "" if salvage.source == name else f"{name}, "
    ms_by_day = reading.ms
    first_where = reading.where
    titles = reading.titles

    def session(number: int, row: list[str]) -> None:
        """One row, every case: a cell missing or wrong is listed, the row left out."""
        where = f"{prefix}row {number}"
        asin = row[asin_at].strip()
        start_text = row[start_at].strip()
        end_text = row[end_at].strip()
        ms_text = row[ms_at].strip()
        if _missing(asin):
            salvage.skip(where, f"no {asin_name} ({asin or 'empty'})")
            return
        if _missing(start_text):
            salvage.skip(where, f"no {start_name} ({start_text or 'empty'})")
            return
        try:
            start = moment(start_text)
        except InputError as exc:
            salvage.skip(where, f"{start_name} {exc}")
            return
        if _missing(ms_text):
            # Without the reading time, the session's length is the best that is known.
            try:
                if _missing(end_text):
                    raise InputError(f"no {ms_name} and no {end_name}")
                length = (moment(end_text) - start).total_seconds() * 1000
                if not 0 <= length <= _DAY_MS:
                    raise InputError(f"{end_name} {end_text!r} is not within a day of its start")
            except InputError as exc:
                salvage.skip(where, str(exc))
                return
            salvage.repair(
                where, f"no {ms_name} ({ms_text or 'empty'})", "counted from its start and end"
            )
            ms = round(length)
        else:
            try:
                ms = milliseconds(ms_text, ms_name)
            except InputError as exc:
                salvage.skip(where, str(exc))
                return
        key = (asin, start_text, end_text)
        if key in seen:
            salvage.skip(where, f"the same session as row {seen[key]}")
            return
        seen[key] = number
        try:
            day = day_of(start)
        except (OverflowError, OSError, ValueError):
            salvage.skip(where, f"{start_name} {start_text!r} is at a time no calendar holds")
            return
        ms_by_day[(asin, day)] += ms
        if asin not in first_where:
            first_where[asin] = where
        if title_at is not None and asin not in titles:
            title = row[title_at].strip()
            if not _missing(title):
                titles[asin] = title

    # The usual row, as Amazon writes it, is read here without the checks above: an
    # ASIN already read (so neither missing nor padded), a start in UTC ending in "Z"
    # (which fromisoformat refuses when padded), whole milliseconds within a day. Its
    # outcome is the same as session()'s; any other row goes through session().
    fromisoformat = datetime.fromisoformat
    no_names = {""}  # title cells that are no name ("Not Available"), as written
    for number, row in rows:
        asin = row[asin_at]
        start_text = row[start_at]
        ms_text = row[ms_at]
        if (
            asin not in first_where
            or start_text[-1:] != "Z"
            or not (ms_text.isdigit() and ms_text.isascii())
        ):
            session(number, row)
            continue
        try:
            start = fromisoformat(start_text)
        except ValueError:
            session(number, row)
            continue
        ms = int(ms_text)
        key = (asin, start_text, row[end_at].strip())
        if start.tzinfo is not UTC or ms > _DAY_MS or key in seen:
            session(number, row)
            continue
        shift = shifts.get(start.toordinal())
        if shift is None:  # not worked out yet, or the clocks change that date
            try:
                day = day_of(start)
            except (OverflowError, OSError, ValueError):
                session(number, row)
                continue
        else:
            day = (start + shift).date()
        seen[key] = number
        ms_by_day[(asin, day)] += ms
        if title_at is not None and asin not in titles and row[title_at] not in no_names:
            title = row[title_at].strip()
            if _missing(title):
                no_names.add(row[title_at])
            else:
                titles[asin] = title
    return layout


def _files_in(folder: Path) -> list[Path]:
    """The session files of an unzipped export, wherever in it they are."""
    found: list[Path] = []
    for name in (INSIGHTS, DEVICES):
        for path in sorted(folder.rglob(name)):
            if path.is_file():
                found.append(path)
            if len(found) > MAX_FOLDER_FILES:
                raise InputError(
                    f"{folder.name} holds more than {MAX_FOLDER_FILES} Kindle session files; "
                    "import them one by one"
                )
    if not found:
        raise InputError(f"{folder.name} holds neither {INSIGHTS} nor {DEVICES}")
    return found


def _isbn(asin: str) -> str | None:
    # The ASIN of a book Amazon sold before the Kindle is its ISBN-10.
    if len(asin) != 10 or not asin[:9].isdigit():
        return None
    try:
        return normalise_isbn(asin)
    except InputError:
        return None


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """Minutes read per book and logical day, from one session file or an export folder."""
    path = Path(path)
    source = path.name
    salvage = Salvage(source, strict=options.strict)
    with collector_held():
        if path.is_dir():
            merged = _Reading()
            for file in _files_in(path):
                one = _Reading()
                _read_one(file, options, salvage, one)
                for key, ms in one.ms.items():
                    # Both files count the same sessions: a day takes the larger count.
                    merged.ms[key] = max(merged.ms.get(key, 0), ms)
                for asin, title in one.titles.items():
                    merged.titles.setdefault(asin, title)
                for asin, where in one.where.items():
                    merged.where.setdefault(asin, where)
            reading = merged
        else:
            reading = _Reading()
            _read_one(path, options, salvage, reading)

    by_book: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for (asin, day), ms in sorted(reading.ms.items()):
        by_book[asin].append((day, ms))
    books: list[ImportedBook] = []
    logs: list[ImportedLog] = []
    skipped = list(salvage.skipped)
    for asin in sorted(by_book, key=lambda a: min(day for day, _ in by_book[a])):
        link = f"kindle:{asin}"
        where = f"ASIN {asin}"
        days = []
        brief = 0
        for day, ms in by_book[asin]:
            minutes = round(ms / 60_000)
            if minutes == 0:
                brief += 1
                continue
            if minutes > MAX_DURATION_MINUTES:
                # Sessions on two devices at once can add up to more than a day.
                skipped.append(
                    (
                        f"{where} on {day.isoformat()}",
                        f"{minutes:,} minutes in one day, counted as {MAX_DURATION_MINUTES:,}",
                    )
                )
                minutes = MAX_DURATION_MINUTES
            days.append((day, minutes))
        if brief:
            skipped.append(
                (where, f"{plural(brief, 'day', 'days')} of less than half a minute of reading")
            )
        if not days:
            continue
        try:
            title = clean_text(reading.titles.get(asin), "the title") or f"Kindle book {asin}"
        except InputError as exc:
            salvage.repair(reading.where[asin], str(exc), "named by its ASIN")
            title = f"Kindle book {asin}"
        books.append(
            ImportedBook(
                ref=asin,
                where=where,
                title=title,
                isbn=_isbn(asin),
                status=BookStatus.READING,
                started_on=days[0][0],
                source="kindle",
                link_key=link,
            )
        )
        for day, minutes in days:
            logs.append(
                ImportedLog(
                    where=f"{where} on {day.isoformat()}",
                    day=day,
                    pages=0,
                    book_ref=asin,
                    minutes=minutes,
                    import_key=f"{link}:{day.isoformat()}",
                )
            )
    return checked(
        ImportBatch(
            kind="kindle",
            source=source,
            books=tuple(books),
            logs=tuple(logs),
            skipped=tuple(skipped),
            repaired=tuple(salvage.repaired),
        )
    )


IMPORTER = Importer(
    "kindle",
    "Kindle reading sessions from Amazon's data export (CSV, or the unzipped folder)",
    read,
    folders=True,
)
