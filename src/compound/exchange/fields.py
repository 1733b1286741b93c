"""Reading the cells of other tools' exports: ISBNs, dates, counts and names."""

from __future__ import annotations

import re
from datetime import date

from compound.domain.errors import InputError
from compound.domain.quantities import MAX_BOOK_PAGES, parse_whole
from compound.domain.text import clean_text, normalise_isbn

_DAY = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$", re.ASCII)
_ISBN10_X = re.compile(r"^\d{9}X$", re.ASCII)


def excel_text(value: str) -> str:
    """A cell written as ="…" to stop spreadsheets eating leading zeros (Goodreads'
    ISBNs), as its plain text."""
    text = value.strip()
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1]
    return text.strip()


def day_or_none(value: str, what: str) -> date | None:
    """A date written 2024/03/15 (or 2024-03-15); None when the cell is empty."""
    text = value.strip()
    if not text:
        return None
    match = _DAY.match(text)
    if not match:
        raise InputError(f"{what} {text!r} is not a date like 2024/03/15")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError as exc:
        raise InputError(f"{what} {text!r} is not a real date ({exc})") from None


def pages_or_none(value: str, what: str = "the page count") -> int | None:
    """A book's page count; None when the cell is empty or 0 (the length is unknown)."""
    text = value.strip()
    if not text or text == "0":
        return None
    return parse_whole(text, what, high=MAX_BOOK_PAGES)


def isbn_in(value: str, column: str) -> str | None:
    """The ISBN in the cell of `column` (written plain or as ="…"); None when empty.
    Refused, naming the column, when it is not an ISBN: a typo, or a number a
    spreadsheet or the exporting tool cut short."""
    text = excel_text(value)
    if not text:
        return None
    try:
        return normalise_isbn(text)
    except InputError:
        digits = text.replace("-", "").replace(" ", "").upper()
        numeric = digits.isascii() and digits.isdigit()
        if numeric and len(digits) in (10, 13) or _ISBN10_X.match(digits):
            why = "its check digit is wrong"
        elif numeric:
            why = f"it has {len(digits)} digits, not 10 or 13"
        else:
            why = "an ISBN is 10 or 13 digits"
        raise InputError(f"{column} {quoted(text)} is not an ISBN ({why})") from None


def quoted(text: str, limit: int = 60) -> str:
    """A cell's text in double quotes, as a message shows what a file held; a long one
    cut short, so that one line stays one line."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if not text.isprintable():  # a line break or a control character in the cell
        text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return '"' + text.replace('"', '\\"') + '"'


def isbn_or_none(*values: str) -> str | None:
    """The first non-empty ISBN among `values`, checked; refused when it is wrong."""
    for value in values:
        text = excel_text(value)
        if text:
            return normalise_isbn(text)
    return None


def title(value: str) -> str:
    return clean_text(value, "the title", required=True)


def person(value: str | None) -> str | None:
    """An author's name; None when empty."""
    return clean_text(value, "the author")
