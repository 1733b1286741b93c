"""CSV both ways: reading other tools' exports row by row, and writing safe spreadsheets.

Reading is strict: a file that is not UTF-8, a header without the columns a format
needs, a row with the wrong number of fields, or broken quoting is refused with one
line naming the row, as a spreadsheet numbers it (the header is row 1).

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
from typing import Any, TextIO

from compound.domain.errors import InputError
from compound.files import read_regular

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
    path: Path, required: Sequence[str], what: str
) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Where each column is, and the rows of a CSV file, each as (row number, fields).

    Blank rows are passed over; `what` names the format in a refusal ("a Goodreads
    library export"). A column named twice is found at its last place.
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
                raise InputError(
                    f"{name}, row {number}: {len(fields)} fields where the header has {width}"
                )
            rows.append((number, fields))
    except csv.Error as exc:
        raise InputError(f"{name}, row {number + 1}: {exc}") from None
    return {column: index for index, column in enumerate(header)}, rows


def read_table(
    path: Path, required: Sequence[str], what: str
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows of a CSV file, each row as (row number, {column: text})."""
    columns, rows = read_rows(path, required, what)
    header = list(columns)
    places = list(columns.values())
    return header, [
        (number, {column: fields[place] for column, place in zip(header, places)})
        for number, fields in rows
    ]


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
