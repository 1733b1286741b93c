"""Loop Habit Tracker: its CSV export (a zip, or the folder unzipped) and its backup (.db).

The CSV export ("Loop Habits CSV 2024-03-15.zip") holds Habits.csv (one row per habit:
Position, Name, and, as releases went on, Question, Description, Type, Unit, Target
Value, Archived?...), an all-habits Checkmarks.csv (Date, then one column per habit,
named by the habit's name, every line ending in a comma) and a folder per habit
("001 Read/", numbered by the habit's position) with its own Checkmarks.csv and
Scores.csv. A habit's own Checkmarks.csv is read first: it carries the day's notes
(2.x) and its header names no habit. The all-habits file stands in for a habit without
a folder; its header is rebuilt from Habits.csv's names when a name holds a comma
(Loop does not quote them), and the release that wrote `Entry(timestamp=…, value=2)`
in every cell is read for the value.

A day's value: in 1.x, 2 checked by hand, 1 implied by the habit's frequency, 0 not;
in 2.x, -1 unknown, 0 NO, 1 YES_AUTO, 2 YES_MANUAL, 3 SKIP (written as numbers, or by
those names in the newest releases). A numeric habit's day is its amount times 1,000
(30 pages are 30000). The backup is Loop's SQLite database: tables Habits (id, name,
type 0 yes/no or 1 numeric, unit...) and Repetitions (habit, timestamp: milliseconds
at midnight UTC, value as above, notes in 2.x).

Loop's habits are anyone's, so the person says which to bring and as what
(ReadOptions.habits, from `--habit "Read=reading"`). Only days done by hand count: a
yes/no habit's YES_MANUAL, a numeric habit's amount; what Loop implied from a habit's
frequency is not reading. A habit's amount is brought when it is one compound keeps:
pages (reading only) or time (minutes, hours). Otherwise `KIND:N` (`Duolingo=practice:15`)
says each day done was N minutes; without it such a habit is refused, in one line.
SKIP days become skip days. Reading becomes reading logs keyed "loop:<habit>:<day>";
learning becomes sessions (topic: the habit's name) made at noon UTC of their day: so
importing the export again, or the backup of the same days, adds nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sqlite3
import sys
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from compound.domain.days import MAX_DURATION_MINUTES
from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportBatch,
    ImportedLog,
    ImportedSession,
    ImportedSkip,
    ReadOptions,
    checked,
)
from compound.domain.quantities import MAX_PAGES_PER_LOG
from compound.domain.records import SessionKind
from compound.domain.text import MAX_NOTE, clean_text, title_key
from compound.exchange.csvfiles import MAX_TEXT_BYTES
from compound.exchange.fields import remembered
from compound.exchange.registry import Importer
from compound.exchange.salvage import Salvage
from compound.files import read_regular
from compound.words.numbers import plural

# An export's files are read into memory, never extracted: the whole of what is read
# (a zip's members, a folder's files) is bounded, and so is how many there are. Decades
# of a hundred habits are a few megabytes and a few hundred files.
MAX_EXPORT_BYTES = 200 << 20
MAX_MEMBERS = 20_000
# Rebuilding a header broken by names with commas tries names in order; a hostile header
# could make that search long, so it gives up after this many steps (the folders remain).
_MAX_HEADER_STEPS = 200_000

NO, YES_AUTO, YES_MANUAL, SKIP = 0, 1, 2, 3
# One development release wrote SKIP as -3; no amount is negative, so it is read alike.
_SKIPS = (SKIP, -3)
_NAMED = {"UNKNOWN": -1, "NO": NO, "YES_AUTO": YES_AUTO, "YES_MANUAL": YES_MANUAL, "SKIP": SKIP}
_ENTRY_VALUE = re.compile(r"\bvalue=(-?\d+)")
_ENTRY_START = re.compile(r"(?:^|,)Entry\(")
_FOLDER = re.compile(r"(\d+)(?: .*)?")
_EPOCH = date(1970, 1, 1)
_DAY_MS = 86_400_000
_LAST_DAY_MS = (date.max - _EPOCH).days * _DAY_MS

# What a numeric habit's unit says it counts: pages, or time in minutes (the factor).
_PAGE_UNITS = {"", "page", "pages", "p", "pp", "pg", "pgs", "pág", "páginas", "seiten"}
_TIME_UNITS = {
    **dict.fromkeys(("min", "mins", "minute", "minutes", "m", "minuten", "minutos"), 1),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "stunden", "horas"), 60),
}
READING = "reading"
KINDS = (READING, *(kind.value for kind in SessionKind))
NOT_LOOP = (
    "expected Loop Habit Tracker's CSV export (Loop Habits CSV <date>.zip, or its folder "
    "unzipped) or its backup (.db)"
)


@dataclass(slots=True)
class Habit:
    number: int  # Loop's position, from 1: its folder's number
    name: str
    numeric: bool | None  # None: a 1.x export that does not say (judged from its values)
    unit: str
    archived: bool
    ident: int | None = None  # the backup's id


class Mark(NamedTuple):
    where: str
    day: date
    value: int
    note: str | None


class Plan(NamedTuple):
    habit: Habit
    kind: str  # READING or a SessionKind value
    minutes: int | None  # per day done, for a habit whose amounts are not time


# -- the export's files -----------------------------------------------------------------


class _Files:
    """The CSV export's files by name relative to its root ("001 Read/Checkmarks.csv")."""

    def __init__(self, source: str):
        self.source = source
        self.names: set[str] = set()
        self._read = 0

    def _raw(self, name: str) -> bytes | bytearray:
        raise NotImplementedError

    def text(self, name: str) -> str:
        data = self._raw(name)
        self._read += len(data)
        if self._read > MAX_EXPORT_BYTES:
            raise InputError(
                f"{self.source} holds more than {MAX_EXPORT_BYTES >> 20} MB of CSV; "
                "more than compound reads as a Loop export"
            )
        try:
            return bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{self.source}: {name} is not UTF-8 text") from None

    def close(self) -> None:
        pass


class _Zip(_Files):
    def __init__(self, path: Path):
        super().__init__(path.name)
        try:
            self._zip = zipfile.ZipFile(path)
            members = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise InputError(f"{path.name} is a damaged zip file ({exc})") from None
        if len(members) > MAX_MEMBERS:
            self._zip.close()
            raise InputError(
                f"{path.name} holds {len(members):,} files, more than a Loop export "
                f"has ({MAX_MEMBERS:,} at most)"
            )
        if sum(member.file_size for member in members) > MAX_EXPORT_BYTES:
            self._zip.close()
            raise InputError(
                f"{path.name} unpacks to more than {MAX_EXPORT_BYTES >> 20} MB, more than "
                "compound reads as a Loop export"
            )
        files = {m.filename.replace("\\", "/"): m for m in members if not m.is_dir()}
        # Loop writes its files at the top; a zip made again of the unzipped folder has
        # them one folder down.
        tops = sorted(
            (name.count("/"), name) for name in files if name.rsplit("/", 1)[-1] == "Habits.csv"
        )
        if not tops:
            self._zip.close()
            raise InputError(f"{path.name} holds no Habits.csv; {NOT_LOOP}")
        root = tops[0][1].removesuffix("Habits.csv")
        self._members = {
            name.removeprefix(root): info for name, info in files.items() if name.startswith(root)
        }
        self.names = set(self._members)

    def _raw(self, name: str) -> bytes:
        try:
            with self._zip.open(self._members[name]) as member:
                # Never past what the zip says it holds, whatever the stream makes of it.
                return member.read(self._members[name].file_size + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise InputError(f"{self.source}: {name} cannot be read ({exc})") from None

    def close(self) -> None:
        self._zip.close()


class _Folder(_Files):
    def __init__(self, root: Path):
        super().__init__(root.name)
        self._root = root
        if not (root / "Habits.csv").is_file():
            inner = [p for p in _entries(root) if p.is_dir() and (p / "Habits.csv").is_file()]
            if len(inner) != 1:
                raise InputError(f"{root.name} holds no Habits.csv; {NOT_LOOP}")
            self._root = root = inner[0]
        self.names = {"Habits.csv"}
        if (root / "Checkmarks.csv").is_file():
            self.names.add("Checkmarks.csv")
        for entry in _entries(root):
            if entry.is_dir() and _FOLDER.fullmatch(entry.name):
                if (entry / "Checkmarks.csv").is_file():
                    self.names.add(f"{entry.name}/Checkmarks.csv")

    def _raw(self, name: str) -> bytearray:
        data = read_regular(self._root / name, MAX_TEXT_BYTES, "a Loop export file")
        if data is None:
            raise InputError(f"{self.source}: {name} is gone")
        return data


def _entries(folder: Path) -> list[Path]:
    entries = []
    try:
        with os.scandir(folder) as scan:
            for entry in scan:
                entries.append(Path(entry.path))
                if len(entries) > MAX_MEMBERS:
                    raise InputError(
                        f"{folder.name} holds more than {MAX_MEMBERS:,} files, more than a "
                        "Loop export has"
                    )
    except OSError as exc:
        raise InputError(f"cannot read {folder}: {exc.strerror or exc}") from None
    return entries


# -- cells ------------------------------------------------------------------------------


def _value(cell: str) -> int:
    """A day's value as Loop stores it, from any release's way of writing it."""
    text = cell.strip()
    if text in _NAMED:
        return _NAMED[text]
    if text.startswith("Entry("):
        found = _ENTRY_VALUE.search(text)
        if found:
            return int(found[1])
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if number != number or abs(number) > 1e15:  # not a number, or none a day holds
        raise InputError(f"{cell.strip()[:40]!r} is not a value Loop writes")
    return round(number)


def _day(cell: str) -> date:
    text = cell.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{text[:40]!r} is not a date (YYYY-MM-DD)") from None


# -- the CSV export ---------------------------------------------------------------------


class _CsvExport:
    def __init__(self, files: _Files):
        self.files = files
        self.source = files.source
        self.habits = self._habits()
        self.folders: dict[int, str] = {}
        for name in files.names:
            folder, _, leaf = name.partition("/")
            match = _FOLDER.fullmatch(folder)
            if leaf == "Checkmarks.csv" and match:
                self.folders.setdefault(int(match[1]), name)
        self._all: dict[int, list[Mark]] | None = None
        # Each habit's file names the same days, and a few values recur (YES_MANUAL,
        # the usual amounts): each distinct cell is read once, its date one object.
        self._days: dict[str, date] = {}
        self._values: dict[str, int] = {}

    def _habits(self) -> list[Habit]:
        text = self.files.text("Habits.csv")
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as exc:
            raise InputError(f"{self.source}: Habits.csv cannot be read ({exc})") from None
        if not rows or not any(rows[0]):
            raise InputError(f"{self.source}: Habits.csv is empty; {NOT_LOOP}")
        header = [column.strip() for column in rows[0]]
        if "Name" not in header:
            raise InputError(
                f"{self.source}: Habits.csv has no Name column; it is not Loop's Habits.csv"
            )
        at = {column: index for index, column in enumerate(header)}

        def cell(fields: list[str], column: str) -> str:
            index = at.get(column)
            return fields[index].strip() if index is not None and index < len(fields) else ""

        habits = []
        for index, fields in enumerate(rows[1:], start=1):
            if not "".join(fields).strip():
                continue
            name = cell(fields, "Name")
            position = cell(fields, "Position")
            kind = cell(fields, "Type").upper()
            unit = cell(fields, "Unit")
            numeric: bool | None = None
            if kind in ("NUMERICAL", "NUMERIC", "1"):
                numeric = True
            elif kind in ("YES_NO", "BOOLEAN", "0"):
                numeric = False
            elif unit or cell(fields, "Target Value"):
                numeric = True
            elif "Unit" in at:
                numeric = False  # 2.x writes a unit for every numeric habit
            habits.append(
                Habit(
                    number=int(position) if position.isdigit() else index,
                    name=name,
                    numeric=numeric,
                    unit=unit,
                    archived=cell(fields, "Archived?").lower() == "true",
                )
            )
        return habits

    def marks(self, habit: Habit, salvage: Salvage) -> list[Mark]:
        member = self.folders.get(habit.number)
        if member is not None:
            return self._own(member, salvage)
        every = self._every(salvage)
        if habit.number in every:
            return every[habit.number]
        raise InputError(
            f"{self.source}: the days of {habit.name!r} cannot be found: it has no folder, "
            "and Checkmarks.csv does not name it"
        )

    def _own(self, member: str, salvage: Salvage) -> list[Mark]:
        """A habit's own Checkmarks.csv: Date,Value,Notes (2.x), or date,value (1.x)."""
        text = self.files.text(member)
        marks = []
        days, values = self._days, self._values
        try:
            reader = csv.reader(io.StringIO(text, newline=""))
            value_at, note_at = 1, None
            for number, fields in enumerate(reader, start=1):
                if number == 1 and fields and fields[0].strip() == "Date":
                    header = [f.strip() for f in fields]
                    value_at = header.index("Value") if "Value" in header else 1
                    note_at = header.index("Notes") if "Notes" in header else None
                    continue
                if len(fields) > value_at:
                    # The usual row, read at once; one with a problem as below, to list it.
                    cell, said = fields[0], fields[value_at]
                    # Not listed here when refused: the row is read again below, to list it.
                    day = days[cell] if cell in days else remembered(days, cell, _day)
                    value = values[said] if said in values else remembered(values, said, _value)
                    if day is not None and value is not None:
                        note = (
                            fields[note_at]
                            if note_at is not None and note_at < len(fields)
                            else None
                        )
                        marks.append(Mark(f"{member}, row {number}", day, value, note or None))
                        continue
                if not "".join(fields).strip():
                    continue
                where = f"{member}, row {number}"
                mark = _mark(where, fields, value_at, note_at, salvage)
                if mark is not None:
                    marks.append(mark)
        except csv.Error as exc:
            raise InputError(f"{self.source}: {member} cannot be read ({exc})") from None
        return marks

    def _every(self, salvage: Salvage) -> dict[int, list[Mark]]:
        """The all-habits Checkmarks.csv, by habit number; {} when it cannot be used."""
        if self._all is not None:
            return self._all
        self._all = {}
        if "Checkmarks.csv" not in self.files.names:
            return self._all
        lines = self.files.text("Checkmarks.csv").splitlines()
        if not lines or not lines[0].startswith("Date,"):
            return self._all
        rows = []
        for number, line in enumerate(lines[1:], start=2):
            if line.strip():
                rows.append((number, *_split_row(line)))
        widths = [len(cells) for _n, _d, cells in rows]
        if not widths:
            return self._all
        width = max(set(widths), key=widths.count)  # a damaged row is not the rule
        columns = _columns(lines[0].removeprefix("Date,"), width, self.habits)
        if columns is None:
            return self._all
        for column in columns:
            if column is not None:
                self._all[column.number] = []
        for number, day_cell, cells in rows:
            where = f"Checkmarks.csv, row {number}"
            if len(cells) != width:
                salvage.skip(where, f"{len(cells)} values where the header names {width} habits")
                continue
            try:
                day = _day(day_cell)
            except InputError as exc:
                salvage.skip(where, str(exc))
                continue
            for place, habit in enumerate(columns):
                if habit is None:
                    continue
                try:
                    value = _value(cells[place])
                except InputError as exc:
                    salvage.skip(f"{where}, {habit.name}", str(exc))
                    continue
                self._all[habit.number].append(Mark(where, day, value, None))
        return self._all


def _mark(
    where: str, fields: list[str], value_at: int, note_at: int | None, salvage: Salvage
) -> Mark | None:
    if len(fields) <= value_at:
        salvage.skip(where, "no value")
        return None
    try:
        day = _day(fields[0])
        value = _value(fields[value_at])
    except InputError as exc:
        salvage.skip(where, str(exc))
        return None
    note = fields[note_at] if note_at is not None and note_at < len(fields) else None
    return Mark(where, day, value, note or None)


def _split_row(line: str) -> tuple[str, list[str]]:
    """A line of the all-habits Checkmarks.csv: its date, and one cell per habit.

    Loop writes these lines without quoting: values hold no comma, except in the
    release that wrote `Entry(timestamp=2024-03-15, value=2)`, split at "Entry(".
    """
    day, _, rest = line.rstrip("\r").partition(",")
    if "Entry(" in rest:
        return day, ["Entry(" + piece for piece in _ENTRY_START.split(rest)[1:]]
    cells = rest.split(",")
    if cells and cells[-1] == "":
        cells.pop()  # every line ends with a comma
    return day, cells


def _columns(header: str, width: int, habits: list[Habit]) -> list[Habit | None] | None:
    """Which habit each of the `width` columns is, from the header after "Date,"; None
    when the header cannot be matched to Habits.csv's names."""
    names = header.rstrip("\r").split(",")
    if names and names[-1] == "":
        names.pop()
    unused = list(habits)

    def take(name: str) -> Habit | None:
        for habit in unused:
            if habit.name == name:
                unused.remove(habit)
                return habit
        return None

    if len(names) == width:
        found = [take(name) for name in names]
        return found if any(found) else None
    # A name with a comma split the header: match Habits.csv's names, in their order,
    # against it; the export's habits are some of them, in the same order.
    text = header.rstrip("\r")
    if not text.endswith(","):
        text += ","
    steps = 0
    failed: set[tuple[int, int, int]] = set()

    def match(start: int, at: int, left: int) -> list[Habit] | None:
        nonlocal steps
        if at == len(text):
            return [] if left == 0 else None
        if left == 0 or (start, at, left) in failed:
            return None
        for index in range(start, len(habits)):
            steps += 1
            if steps > _MAX_HEADER_STEPS:
                return None
            name = habits[index].name + ","
            if text.startswith(name, at):
                rest = match(index + 1, at + len(name), left - 1)
                if rest is not None:
                    return [habits[index], *rest]
        failed.add((start, at, left))
        return None

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, width + 100))
    try:
        matched = match(0, 0, width)
    finally:
        sys.setrecursionlimit(limit)
    return list(matched) if matched else None


# -- the backup -------------------------------------------------------------------------


class _Backup:
    def __init__(self, path: Path):
        self.source = path.name
        self._con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        self._con.text_factory = lambda data: data.decode("utf-8", "replace")
        try:
            self.columns = {
                table: {
                    str(row[0]).lower()
                    for row in self._con.execute("SELECT name FROM pragma_table_info(?)", (table,))
                }
                for table in ("Habits", "Repetitions")
            }
        except sqlite3.DatabaseError:
            self._con.close()
            raise InputError(f"{path.name} is a damaged SQLite database; {NOT_LOOP}") from None
        for table, needed in (("Habits", {"id", "name"}), ("Repetitions", {"habit", "timestamp"})):
            if not needed <= self.columns[table]:
                self._con.close()
                what = "has no table" if not self.columns[table] else "lacks columns in"
                raise InputError(
                    f"{path.name} is not a Loop Habit Tracker backup: it {what} {table}"
                )
        self.habits = self._habits()

    def _named(self, query: str, parameters: tuple = ()) -> list[dict[str, object]]:
        """The rows of `query` by lower-case column name: Loop's versions differ in which
        columns a table has, and a statement never names one that may not be there."""
        try:
            cursor = self._con.execute(query, parameters)
            names = [str(column[0]).lower() for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.source} cannot be read ({exc})") from None

    def _habits(self) -> list[Habit]:
        rows = self._named("SELECT * FROM Habits")
        rows.sort(key=lambda row: (_number(row.get("position", row["id"])), _number(row["id"])))
        return [
            Habit(
                number=number,
                name=str(row["name"] or ""),
                numeric=row.get("type") == 1,
                unit=str(row.get("unit") or "").strip(),
                archived=bool(row.get("archived")),
                ident=row["id"] if isinstance(row["id"], int) else None,
            )
            for number, row in enumerate(rows, start=1)
        ]

    def marks(self, habit: Habit, salvage: Salvage) -> list[Mark]:
        marks = []
        for row in self._named(
            "SELECT rowid AS row_number, * FROM Repetitions WHERE habit = ? ORDER BY timestamp",
            (habit.ident,),
        ):
            stamp, note = row["timestamp"], row.get("notes")
            amount = row.get("value", YES_MANUAL)  # before values, a repetition was a check
            where = f"Repetitions, id {row.get('id', row['row_number'])}"
            if not isinstance(stamp, int) or not 0 <= stamp <= _LAST_DAY_MS:
                salvage.skip(where, f"{str(stamp)[:40]!r} is not a time a day can have")
                continue
            if not isinstance(amount, int):
                salvage.skip(where, f"{str(amount)[:40]!r} is not a value Loop writes")
                continue
            day = _EPOCH + timedelta(days=stamp // _DAY_MS)
            marks.append(Mark(where, day, amount, note if isinstance(note, str) else None))
        return marks

    def close(self) -> None:
        self._con.close()


def _number(value: object) -> int:
    """A column that orders rows, as a number (a damaged file may hold text there)."""
    return value if isinstance(value, int) else 0


# -- opening ----------------------------------------------------------------------------


def _open(path: Path) -> _CsvExport | _Backup:
    path = Path(path)
    if path.is_dir():
        return _CsvExport(_Folder(path))
    if not path.exists():
        raise InputError(f"there is no file {path}")
    if path.name == "Habits.csv":
        return _CsvExport(_Folder(path.parent))  # the unzipped folder, named by its file
    try:
        with path.open("rb") as handle:
            start = handle.read(16)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if start.startswith(b"SQLite format 3\x00"):
        return _Backup(path)
    if start.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        files = _Zip(path)
        try:
            return _CsvExport(files)
        except BaseException:
            files.close()
            raise
    raise InputError(f"{path.name} is not a Loop Habit Tracker export; {NOT_LOOP}")


def _close(export: _CsvExport | _Backup) -> None:
    if isinstance(export, _Backup):
        export.close()
    else:
        export.files.close()


def _numeric(habit: Habit, marks: list[Mark]) -> bool:
    if habit.numeric is None:  # 1.x: amounts are past the codes a yes/no day has
        habit.numeric = any(
            mark.value not in (-1, NO, YES_AUTO, YES_MANUAL, *_SKIPS) for mark in marks
        )
    return habit.numeric


def _done(value: int, numeric: bool) -> bool:
    """Whether a day's value is a day done by hand (not implied, not skipped)."""
    return value > 0 and value not in _SKIPS if numeric else value == YES_MANUAL


# -- --list -----------------------------------------------------------------------------


def listing(path: Path) -> list[str]:
    """One line per habit: what it counts, how many days were done, first and last."""
    export = _open(path)
    try:
        salvage = Salvage(export.source)
        lines = []
        for habit in export.habits:
            try:
                marks = export.marks(habit, salvage)
            except InputError:
                marks = []
            numeric = _numeric(habit, marks)
            done = sorted({mark.day for mark in marks if _done(mark.value, numeric)})
            skipped = len({m.day for m in marks if m.value in _SKIPS})
            kind = (
                (f"numeric, in {habit.unit}" if habit.unit else "numeric") if numeric else "yes/no"
            )
            if habit.archived:
                kind += ", archived"
            line = f'"{habit.name}": {kind}; {plural(len(done), "day")} done'
            if done:
                line += f", {done[0].isoformat()} to {done[-1].isoformat()}"
            if skipped:
                line += f"; {plural(skipped, 'day')} skipped"
            lines.append(line)
    finally:
        _close(export)
    if not lines:
        return [f"{export.source} holds no habits."]
    lines.append(
        'Bring one with --habit "NAME=reading" (pages or minutes), or as learning: '
        '--habit "NAME=practice" (or course, workshop, talk, podcast, article, other); '
        'a habit without minutes takes them per day done: --habit "NAME=practice:15".'
    )
    return lines


# -- reading ----------------------------------------------------------------------------


def _choices(options: ReadOptions) -> list[tuple[str, str, int | None]]:
    if not options.habits:
        raise InputError(
            "say which Loop habits to bring and as what: see them with --list, then e.g. "
            '--habit "Read=reading" --habit "Duolingo=practice:15"'
        )
    chosen = []
    for name, choice in options.habits:
        kind, colon, minutes_text = choice.strip().lower().partition(":")
        kind = kind.strip()
        if kind not in KINDS:
            raise InputError(
                f"habit {name!r}: {kind!r} is not reading or a kind of learning "
                f"({', '.join(KINDS[1:])})"
            )
        minutes = None
        if colon:
            text = minutes_text.strip().removesuffix("m").removesuffix("min").strip()
            if not text.isdigit() or not 1 <= int(text) <= MAX_DURATION_MINUTES:
                raise InputError(
                    f"habit {name!r}: {minutes_text.strip()!r} is not a number of minutes "
                    f"from 1 to {MAX_DURATION_MINUTES:,}, like {kind}:15"
                )
            minutes = int(text)
        chosen.append((name, kind, minutes))
    return chosen


def _find(habits: list[Habit], name: str, source: str) -> Habit:
    wanted = title_key(name.strip())
    found = [habit for habit in habits if title_key(habit.name.strip()) == wanted]
    if len(found) == 1:
        return found[0]
    if found:
        raise InputError(f"{source} has {len(found)} habits named {name!r}; rename one in Loop")
    names = ", ".join(f'"{habit.name}"' for habit in habits[:30])
    more = f" and {len(habits) - 30:,} more" if len(habits) > 30 else ""
    raise InputError(f"{source} has no habit {name!r}; its habits: {names or 'none'}{more}")


def _measure(habit: Habit) -> tuple[str | None, int]:
    """What a numeric habit's amounts are: ("pages", 1), ("minutes", factor), (None, 0)."""
    unit = habit.unit.strip().lower().rstrip(".")
    if unit in _TIME_UNITS:
        return "minutes", _TIME_UNITS[unit]
    if unit in _PAGE_UNITS:
        return "pages", 1
    return None, 0


def _check_plan(plan: Plan, numeric: bool) -> None:
    habit, kind, minutes = plan
    if not numeric:
        if minutes is None:
            raise InputError(
                f'habit "{habit.name}" is yes/no in Loop: it has no amounts; say the minutes '
                f'each day done took, like --habit "{habit.name}={kind}:15"'
            )
        return
    measure, _factor = _measure(habit)
    if measure == "minutes" and minutes is not None:
        raise InputError(
            f'habit "{habit.name}" counts {habit.unit} in Loop: its minutes are its own; '
            f'drop ":{minutes}"'
        )
    if measure == "pages" and kind != READING and minutes is None:
        what = habit.unit or "an amount without a unit"
        raise InputError(
            f'habit "{habit.name}" counts {what} in Loop, not time: say the minutes each '
            f'day done took, like --habit "{habit.name}={kind}:15"'
        )
    if measure is None and minutes is None:
        raise InputError(
            f'habit "{habit.name}" counts {habit.unit} in Loop, not pages or time: say the '
            f'minutes each day done took, like --habit "{habit.name}={kind}:15"'
        )


def _note(where: str, note: str, salvage: Salvage) -> str | None:
    """A day's note, cleaned; None when blank."""
    if not note.strip():
        return None
    return salvage.cell(
        where,
        lambda: clean_text(note, "the note", limit=MAX_NOTE, multiline=True),
        None,
        "imported without the note",
    )


def _bring(
    plan: Plan,
    marks: list[Mark],
    salvage: Salvage,
    logs: list[ImportedLog],
    sessions: list[ImportedSession],
    skips: dict[date, ImportedSkip],
) -> None:
    habit, kind, per_day = plan
    numeric = bool(habit.numeric)
    measure, factor = _measure(habit) if numeric else (None, 0)
    key = f"loop:{title_key(habit.name.strip())}"
    topic = clean_text(habit.name, "the habit's name") if kind != READING else None
    seen: dict[date, str] = {}
    by_amount = numeric and measure is not None and not (measure == "pages" and kind != READING)
    noon = time(12)
    session_kind = SessionKind(kind) if kind != READING else None
    for mark in marks:
        value = mark.value
        if value in _SKIPS:
            skips.setdefault(mark.day, ImportedSkip(mark.where, mark.day, "skipped in Loop"))
            continue
        if not (value > 0 if numeric else value == YES_MANUAL):  # _done, the skips gone
            continue  # not done, or only implied (inline: a call for each of ~15,000 days costs)
        if mark.day in seen:
            salvage.skip(mark.where, f"{mark.day.isoformat()} again (first at {seen[mark.day]})")
            continue
        seen[mark.day] = mark.where
        pages, minutes = 0, per_day
        if by_amount:
            amount = mark.value / 1000
            if measure == "pages":
                pages = round(amount)
                if pages < 1:
                    salvage.skip(mark.where, f"{amount:g} {habit.unit or 'pages'} is not a page")
                    continue
                if pages > MAX_PAGES_PER_LOG:
                    salvage.skip(
                        mark.where,
                        f"{pages:,} pages in one day; one day's log holds {MAX_PAGES_PER_LOG:,}",
                    )
                    continue
            else:
                minutes = round(amount * factor)
                if minutes < 1:
                    salvage.skip(mark.where, f"{amount:g} {habit.unit} is not a minute")
                    continue
                if minutes > MAX_DURATION_MINUTES:
                    salvage.skip(mark.where, f"{amount:g} {habit.unit} is more than a day")
                    continue
        note = _note(mark.where, mark.note, salvage) if mark.note else None
        if kind == READING:
            logs.append(
                ImportedLog(
                    where=mark.where,
                    day=mark.day,
                    pages=pages,
                    minutes=minutes,
                    note=note,
                    import_key=f"{key}:{mark.day.isoformat()}",
                )
            )
        else:
            assert minutes is not None and session_kind is not None  # _check_plan saw to it
            sessions.append(
                ImportedSession(
                    where=mark.where,
                    day=mark.day,
                    minutes=minutes,
                    kind=session_kind,
                    topic=topic,
                    note=note,
                    # The same moment whichever file brings it: importing again matches.
                    created_at=datetime.combine(mark.day, noon, tzinfo=UTC),
                )
            )


def read(path: Path, options: ReadOptions) -> ImportBatch:
    """The chosen habits' days done, as reading logs or learning sessions, and skip days."""
    choices = _choices(options)
    export = _open(Path(path))
    source = export.source
    try:
        salvage = Salvage(source, strict=options.strict)
        plans: list[tuple[Plan, list[Mark]]] = []
        taken: dict[int, str] = {}
        for name, kind, minutes in choices:
            habit = _find(export.habits, name, source)
            if habit.number in taken:
                raise InputError(f'habit "{habit.name}" is chosen twice ({taken[habit.number]})')
            taken[habit.number] = name
            # Loop lists days newest first; brought oldest first, as they were lived.
            marks = sorted(export.marks(habit, salvage), key=attrgetter("day"))
            plan = Plan(habit, kind, minutes)
            _check_plan(plan, _numeric(habit, marks))
            plans.append((plan, marks))
        logs: list[ImportedLog] = []
        sessions: list[ImportedSession] = []
        skips: dict[date, ImportedSkip] = {}
        for plan, marks in plans:
            _bring(plan, marks, salvage, logs, sessions, skips)
    finally:
        _close(export)
    return checked(
        ImportBatch(
            kind="loop",
            source=source,
            logs=tuple(logs),
            sessions=tuple(sessions),
            skips=tuple(sorted(skips.values(), key=lambda skip: skip.day)),
            skipped=tuple(salvage.skipped),
            repaired=tuple(salvage.repaired),
        )
    )


IMPORTER = Importer(
    "loop",
    "Loop Habit Tracker: its CSV export (zip or folder) or its backup (.db)",
    read,
    listing=listing,
    folders=True,
)
