"""The names a shell completes: profile names and a profile's book titles.

Read with the sqlite3 module alone, read-only: completing a word runs this on every
Tab, so it must not load the ORM, wait long for a writer, or write anything. Any
problem (no file, not a database, a schema without these tables) is no names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from compound.db import sqlite_file

PROFILE_NAMES = "SELECT name FROM profile ORDER BY name"
BOOK_TITLES = """
    SELECT DISTINCT b.title FROM book b JOIN profile p ON p.id = b.profile_id
    WHERE p.name = :name ORDER BY b.title
"""
# A Tab is not worth more than 0.3 s of waiting for a writer to let go.
SHORT_WAIT = "PRAGMA busy_timeout = 300"


def read_sqlite_profile_names(path: Path) -> list[str]:
    """Every profile's name in the SQLite file at `path`, or none."""
    return _names(path, PROFILE_NAMES, {})


def read_sqlite_book_titles(path: Path, profile: str) -> list[str]:
    """The titles of `profile`'s books in the SQLite file at `path`, or none."""
    return _names(path, BOOK_TITLES, {"name": profile})


def _names(path: Path, sql: str, params: dict[str, str]) -> list[str]:
    if not path.is_file():  # a read-only connection cannot create it, but be plain
        return []
    try:
        con = sqlite_file.read_only_connection(path)
    except sqlite3.Error:
        return []
    try:
        con.execute(SHORT_WAIT)
        return [str(name) for (name,) in con.execute(sql, params) if name]
    except sqlite3.Error:
        return []
    finally:
        con.close()
