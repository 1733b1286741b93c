"""Checks for the free text people type: titles, authors, topics, notes, ISBNs."""

from __future__ import annotations

import re
import unicodedata

from compound.domain.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal, overload

MAX_TITLE = 500
MAX_NOTE = 2_000

# C0 (below 32), DEL and C1 (0x80-0x9f, which holds the 8-bit CSI escape) are all
# controls; notes may keep tabs (0x09) and line breaks (0x0a). Lone surrogates
# (0xd800-0xdfff) stand for bytes that were not UTF-8, which no database can store.
# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) make a title
# draw in another order than it reads ("txt.exe" shown as "exe.txt"); a shared
# PostgreSQL database refuses the same characters in its CHECK constraints.
# One character class each rather than a loop: imports check thousands of titles.
_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_REFUSED_IN_NOTES = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


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
    """Trim `value` and compose its accents (NFC); refuse it when blank but required,
    too long, or holding control characters. Only `multiline` text (notes) may hold
    line breaks and tabs.

    Composed, "Café" typed with a combining accent is stored as the same characters as
    "Café" typed with a precomposed é: what looks the same is the same.
    """
    text = (value or "").strip()
    if not text:
        if required:
            raise InputError(f"{what} cannot be empty")
        return None
    if not text.isascii():  # ASCII is its own NFC; imports check thousands of titles
        text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters long; the limit is {limit:,}")
    refused = (_REFUSED_IN_NOTES if multiline else _REFUSED).search(text)
    if refused:
        if 0xD800 <= ord(refused.group()) <= 0xDFFF:
            raise InputError(f"{what} is not valid UTF-8 text")
        if ord(refused.group()) >= 0x202A:
            raise InputError(
                f"{what} contains a bidirectional override (U+{ord(refused.group()):04X})"
            )
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
        # The digits' character codes are each 48 more than the digit, and the 48s add
        # up to 48 × (7 + 3 × 6) = 1200, a multiple of 10: the codes' sum checks alike.
        if (sum(isbn[::2].encode()) + 3 * sum(isbn[1::2].encode())) % 10 == 0:
            return isbn
    else:
        raise InputError(f"ISBN {value.strip()!r} must have 10 or 13 digits")
    raise InputError(f"ISBN {value.strip()!r} has a wrong check digit; is there a typo?")


def match_key(text: str) -> str:
    """How names are compared when a person types one: by what they look like.

    Case, the width of letters (full-width "ａｎａ"), ligatures ("ﬁ") and how accents
    were typed (composed or combining) are ignored: NFKC, case folded, NFKC again (a
    folded letter may compose anew)."""
    if text.isascii():
        return text.casefold()
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def title_key(title: str) -> str:
    """How titles are compared when a person names a book: case, spacing and look-alike
    forms of the same letters ignored (match_key)."""
    return " ".join(match_key(title).split())
