"""CSV both ways: reading other tools' exports row by row, and writing safe spreadsheets.

A file that is not UTF-8, a header without the columns a format needs, or broken
quoting is refused with one line naming the row, as a spreadsheet numbers it (the
header is row 1). A row with more or fewer fields than the header is refused too,
unless the reading salvages rows: then it is kept (extra fields dropped, missing ones
read as empty) and listed.

Writing follows RFC 4180 (CRLF line ends, quotes doubled) in UTF-8, and neutralises
any cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from compound.domain.errors import InputError
from compound.files import read_regular

if TYPE_CHECKING:
    from compound.exchange.salvage import Salvage

# A cell starting with one of these is a formula (or becomes one) in Excel,
# LibreOffice and Google Sheets: "=HYPERLINK(...)", "+1", "-1+1", "@SUM(...)".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Look-alikes a spreadsheet may read as those (an East Asian input method's full-width
# ＝, ＋, －, ＠; the small and raised forms): any character Unicode's compatibility
# form (NFKC) makes one of them; and the minus sign, U+2212, which it leaves as it is.
_STARTS_AND_MINUS = (*FORMULA_STARTS, "\u2212")

# The largest text file read: a library or an export of decades is a few megabytes.
# What is larger is refused before it is parsed (the text is held whole to parse).
MAX_TEXT_BYTES = 200 << 20


def read_text(path: Path) -> str:
    """The file's text, UTF-8 with or without a byte-order mark; a file that is not a
    regular one (a pipe, a device, a directory) or is over MAX_TEXT_BYTES is refused."""
    data = read_regular(Path(path), MAX_TEXT_BYTES, "a file to import")
    if data is None:
        raise InputError(f"there is no file {path}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{Path(path).name}, line {line}: not UTF-8 text "
            f"(byte 0x{data[exc.start]:02x}); export the file again as UTF-8"
        ) from None


def read_rows(
    path: Path, required: Sequence[str], what: str, salvage: Salvage | None = None
) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Where each column is, and the rows of a CSV file, each as (row number, fields).

    Blank rows are passed over; `what` names the format in a refusal ("a Goodreads
    library export"). A column named twice is found at its last place. Without
    `salvage`, a row of the wrong width refuses the file; with it, the row is made the
    header's width and listed.
    """
    name = Path(path).name
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    number = 1
    try:
        header = [column.strip() for column in next(reader, [])]
        if not any(header):
            raise InputError(f"{name} is empty; expected {what}")
        missing = [column for column in required if column not in header]
        if missing:
            raise InputError(f"{name} is not {what}: its header lacks {', '.join(missing)}")
        width = len(header)
        rows = []
        for fields in reader:
            number += 1
            if not "".join(fields).strip():
                continue
            if len(fields) != width:
                problem = f"{len(fields)} fields where the header has {width}"
                if salvage is None:
                    raise InputError(f"{name}, row {number}: {problem}")
                fields = _to_width(fields, width, f"row {number}", problem, salvage)
            rows.append((number, fields))
    except csv.Error as exc:
        raise InputError(f"{name}, row {number + 1}: {exc}") from None
    return {column: index for index, column in enumerate(header)}, rows


def _to_width(
    fields: list[str], width: int, where: str, problem: str, salvage: Salvage
) -> list[str]:
    """A row cut or padded to the header's width, the change listed. A stray comma
    (a trailing one, or one in an unquoted title) is the usual cause: the fields past
    the header's are not any column's, so they are dropped, whatever they hold."""
    if len(fields) > width:
        extra = fields[width:]
        held = "empty" if not "".join(extra).strip() else "not empty"
        salvage.repair(where, problem, f"the extra fields ({held}) were dropped")
        return fields[:width]
    salvage.repair(where, problem, "the missing ones were read as empty")
    return fields + [""] * (width - len(fields))


def read_table(
    path: Path, required: Sequence[str], what: str, salvage: Salvage | None = None
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows of a CSV file, each row as (row number, {column: text})."""
    columns, rows = read_rows(path, required, what, salvage)
    header = list(columns)
    places = list(columns.values())
    return header, [
        (number, {column: fields[place] for column, place in zip(header, places)})
        for number, fields in rows
    ]


def in_row_order(entries: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Listed repairs or leavings-out ("row 7", what) by row, as a person reads the file:
    a row's width is judged before its cells, so its entries come earlier. The sort is
    stable, so one row's entries keep their order."""
    return tuple(sorted(entries, key=lambda entry: _row_number(entry[0])))


def _row_number(where: str) -> int:
    number = where.removeprefix("row ")
    return int(number) if number.isdigit() else 0


@contextmanager
def collector_held() -> Iterator[None]:
    """Python's cycle collector held off while a large export is read. Its rows are
    tens of thousands of lists and records that form no cycle, yet they set off the
    collector's passes, and each full pass walks every object the process holds to
    free nothing (measured: a fifth of a Kindle import's time). What the reading
    leaves is collected as usual once the collector is back."""
    import gc

    if not gc.isenabled():  # held already, by whoever called
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def at(source: str, where: str) -> Iterator[None]:
    """Prefix any refusal raised inside with the file and the row: "x.csv, row 7: …"."""
    try:
        yield
    except InputError as exc:
        raise InputError(f"{source}, {where}: {exc}") from None


def safe_cell(value: Any) -> str:
    """A value as a CSV cell a spreadsheet shows as text: a leading =, +, -, @, tab
    or carriage return, or a look-alike of one (＝), gets a ' in front, so it is never
    run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = str(value)
    return "'" + text if _starts_a_formula(text) else text


def _starts_a_formula(text: str) -> bool:
    if text.startswith(_STARTS_AND_MINUS):
        return True
    if not text or text[0].isascii():
        return False
    import unicodedata

    return unicodedata.normalize("NFKC", text[0]).startswith(FORMULA_STARTS)


def write_table(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write an RFC 4180 table: a header, then one line per row, every cell made safe."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(column) for column in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
