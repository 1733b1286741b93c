"""Reading the cells of other tools' exports: ISBNs, dates, counts and names."""

from __future__ import annotations

import re
from datetime import date

from compound.domain.errors import InputError
from compound.domain.quantities import MAX_BOOK_PAGES, parse_whole
from compound.domain.text import clean_text, normalise_isbn

_DAY = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$", re.ASCII)


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
