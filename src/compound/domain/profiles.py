"""Profiles: the names people keep their records apart under, and what each one holds."""

from __future__ import annotations

from dataclasses import dataclass

from compound.domain.errors import InputError, NotFoundError
from compound.domain.text import clean_text, match_key

DEFAULT_PROFILE = "default"
MAX_PROFILE_NAME = 64


# Besides letters and digits (str.isalnum), the only characters a new name may hold.
PROFILE_NAME_PUNCTUATION = frozenset("-_.")


def check_profile_name(text: str | None) -> str:
    """A profile name as typed: trimmed, not blank, one line, at most 64 characters.

    Lenient, for naming a profile that may already exist: a database may hold names
    made before new names had to follow check_new_profile_name."""
    name = clean_text(text, "a profile name", required=True, limit=MAX_PROFILE_NAME)
    if name.startswith("-"):
        # It would read as an option on every later command line.
        raise InputError(f"a profile name cannot start with '-': {name!r}")
    return name


def check_new_profile_name(text: str | None) -> str:
    """The name for a new profile: one a shell passes without quotes.

    Letters, digits, '-', '_' and '.' only, 1 to 64 characters, not starting with
    '-' (it would read as an option) or '.' (it would read as a hidden file name)."""
    name = check_profile_name(text)
    if not all(ch.isalnum() or ch in PROFILE_NAME_PUNCTUATION for ch in name):
        raise InputError(
            f"a profile name may hold only letters, digits, '-', '_' and '.': {name!r}"
        )
    if name.startswith("."):
        raise InputError(f"a profile name cannot start with '.': {name!r}")
    return name


def profile_name_key(name: str) -> str:
    """How profile names are compared, for uniqueness and when one is named: case,
    width and the way accents were typed ignored (text.match_key), so "ana", "Ana"
    and "ａｎａ" are one name."""
    return match_key(name.strip())


class ProfileGone(NotFoundError):
    """The profile a long-open tracker works for is no longer in its database: the file
    was replaced (a backup restored) or the profile removed. Nothing is stored for it
    elsewhere, under whichever profile now has its id."""

    def __init__(self, name: str, where: str):
        super().__init__(
            f"the profile {name!r} is no longer in {where} (the database was replaced "
            "or the profile removed); nothing was stored"
        )
        self.name, self.where = name, where


@dataclass(frozen=True, slots=True)
class ProfileContents:
    """A profile and how many of each record it holds."""

    name: str
    books: int = 0
    reading_logs: int = 0
    sessions: int = 0
    goals: int = 0
    skips: int = 0

    @property
    def empty(self) -> bool:
        return not (self.books or self.reading_logs or self.sessions or self.goals or self.skips)
