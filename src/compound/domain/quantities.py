"""Whole-number amounts people type: pages read, a book's length, a goal's target."""

from __future__ import annotations

from compound.domain.errors import InputError

# Upper bounds that catch typos (an extra zero, a pasted ISBN) rather than limit anyone.
MAX_PAGES_PER_LOG = 5_000
MAX_BOOK_PAGES = 50_000


def parse_whole(text: str | int, what: str, *, low: int = 1, high: int) -> int:
    """Parse a whole number between `low` and `high`, naming `what` in any refusal."""
    raw = str(text).strip()
    # Digits only: int() would also take "1_000" and " +5", and float forms like 1e309
    # must be refused rather than rounded.
    body = raw[1:] if raw[:1] in "+-" else raw
    if not body.isdigit() or not body.isascii():
        raise InputError(f"{what} must be a whole number, not {raw!r}")
    if len(body) > 12:
        raise InputError(f"{what} {raw} is far too large (at most {high:,})")
    value = int(raw)
    if value < low:
        if low == 1:
            raise InputError(f"{what} must be at least 1, not {value}")
        raise InputError(f"{what} must be at least {low}, not {value}")
    if value > high:
        raise InputError(f"{what} {value:,} is more than {high:,}; is there a typo?")
    return value


def parse_pages(text: str | int) -> int:
    """Pages read in one entry."""
    return parse_whole(text, "pages", high=MAX_PAGES_PER_LOG)


def parse_book_pages(text: str | int) -> int:
    """A book's total page count."""
    return parse_whole(text, "a book's page count", high=MAX_BOOK_PAGES)
