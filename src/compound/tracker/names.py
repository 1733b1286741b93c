"""Names for the shell to complete (profiles, book titles), read without the ORM.

`compound completion --list …` runs on a Tab: it reads a SQLite file directly, like
`tracker.glance`, and a database it cannot plainly read gives no names at all (a
PostgreSQL database too: completion never waits on a server).
"""

from __future__ import annotations

from pathlib import Path

from compound.store.names import read_sqlite_book_titles, read_sqlite_profile_names


def profile_names(path: Path) -> list[str]:
    """Every profile's name in the SQLite file at `path`."""
    return read_sqlite_profile_names(path)


def book_titles(path: Path, profile: str) -> list[str]:
    """The titles of `profile`'s books in the SQLite file at `path`."""
    return read_sqlite_book_titles(path, profile)
