"""Checks for the free text people type: titles, authors, topics, notes, ISBNs."""

from __future__ import annotations

import re

from compound.domain.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, overload

MAX_TITLE = 500
MAX_NOTE = 2_000

# C0 (below 32), DEL and C1 (0x80-0x9f, which holds the 8-bit CSI escape) are all
# controls; notes may keep tabs (0x09) and line breaks (0x0a). Lone surrogates
# (0xd800-0xdfff) stand for bytes that were not UTF-8, which no database can store.
# One character class each rather than a loop: imports check thousands of titles.
_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_NOTES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


if TYPE_CHECKING:

    @overload
    def clean_text(
        value: str | None,
        what: str,
        *,
        required: Literal[True],
        limit: int = ...,
        multiline: bool = ...,
    ) -> str: ...

    @overload
    def clean_text(
        value: str | None,
        what: str,
        *,
        required: bool = ...,
        limit: int = ...,
        multiline: bool = ...,
    ) -> str | None: ...


def clean_text(
    value: str | None,
    what: str,
    *,
    required: bool = False,
    limit: int = MAX_TITLE,
    multiline: bool = False,
) -> str | None:
    """Trim `value`; refuse it when blank but required, too long, or holding control
    characters. Only `multiline` text (notes) may hold line breaks and tabs."""
    text = (value or "").strip()
    if not text:
        if required:
            raise InputError(f"{what} cannot be empty")
        return None
    if len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters long; the limit is {limit:,}")
    refused = (_REFUSED_IN_NOTES if multiline else _REFUSED).search(text)
    if refused:
        if 0xD800 <= ord(refused.group()) <= 0xDFFF:
            raise InputError(f"{what} is not valid UTF-8 text")
        raise InputError(f"{what} contains control characters")
    return text


def normalise_isbn(value: str | None) -> str | None:
    """An ISBN-10 or ISBN-13 without hyphens or spaces, its check digit verified."""
    if value is None or not value.strip():
        return None
    isbn = value.strip().replace("-", "").replace(" ", "").upper()
    if not isbn.isascii():
        raise InputError(f"ISBN {value.strip()!r} must have 10 or 13 digits")
    if len(isbn) == 10 and isbn[:9].isdigit() and (isbn[9].isdigit() or isbn[9] == "X"):
        digits = [10 if ch == "X" else int(ch) for ch in isbn]
        if sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0:
            return isbn
    elif len(isbn) == 13 and isbn.isdigit():
        # Weights 1, 3, 1, 3, …; summed by position class, as imports check thousands.
        if (sum(map(int, isbn[::2])) + 3 * sum(map(int, isbn[1::2]))) % 10 == 0:
            return isbn
    else:
        raise InputError(f"ISBN {value.strip()!r} must have 10 or 13 digits")
    raise InputError(f"ISBN {value.strip()!r} has a wrong check digit; is there a typo?")


def title_key(title: str) -> str:
    """How titles are compared when a person names a book: case and spacing ignored."""
    return " ".join(title.casefold().split())
