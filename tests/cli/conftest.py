"""Fixtures for the command-line tests: run `compound.cli.main` in-process, pick a database.

`run("log", "25")` returns a Result with .code, .out and .err. The database is chosen
the way a person would choose it: COMPOUND_DB for a SQLite file (`db_path`), or, for
the flows that must behave the same on both backends, `db` (parametrised over SQLite
and PostgreSQL through the shared `database_url` fixture: COMPOUND_DB for SQLite,
COMPOUND_DATABASE_URL for PostgreSQL). `snapshot_rows(url)` dumps every stored row, to
assert that a refusal changed nothing.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from compound.cli import main

TABLES = ("profile", "book", "reading_log", "learning_session", "goal", "skip", "alembic_version")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    def ref(self) -> str:
        """The entry id a check-in printed, e.g. `[r12]` → "r12"."""
        found = re.search(r"\[([rs]\d+)\]", self.out)
        assert found, f"no entry id in {self.out!r}"
        return found[1]


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """Tables are clipped to the terminal: make its width the same everywhere."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("LINES", "40")


@pytest.fixture
def run(capsys):
    """Call `compound` in-process; returns Result(code, out, err)."""

    def _run(*argv: str) -> Result:
        capsys.readouterr()  # drop anything printed before this command
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def ok(run):
    """Like `run`, but the command must succeed quietly on stderr."""

    def _ok(*argv: str) -> Result:
        result = run(*argv)
        assert result.code == 0, (argv, result)
        assert result.err == "", (argv, result)
        return result

    return _ok


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A SQLite file (not yet created) named by COMPOUND_DB."""
    path = tmp_path / "compound.db"
    monkeypatch.setenv("COMPOUND_DB", str(path))
    return path


@pytest.fixture
def db_url(db_path) -> str:
    """The SQLAlchemy URL of the `db_path` file."""
    return f"sqlite:///{db_path}"


@pytest.fixture
def db(database_url, monkeypatch) -> str:
    """The database for this test, on SQLite and on PostgreSQL; returns its URL."""
    if database_url.startswith("sqlite:///"):
        monkeypatch.setenv("COMPOUND_DB", database_url.removeprefix("sqlite:///"))
    else:
        monkeypatch.setenv("COMPOUND_DATABASE_URL", database_url)
    return database_url


def snapshot_rows(url: str) -> dict[str, list[tuple]] | None:
    """Every row of every table, sorted; None when there is no database file at all."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database).is_file():
        return None  # create_engine would create it
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            present = set(inspect(connection).get_table_names())
            return {
                table: sorted(
                    (tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}"))),
                    key=repr,
                )
                for table in TABLES
                if table in present
            }
    finally:
        engine.dispose()


@pytest.fixture(name="snapshot_rows")
def snapshot_rows_fixture():
    return snapshot_rows


@pytest.fixture
def at_terminal(monkeypatch):
    """Make standard output a terminal `width` columns wide (colour off unless asked)."""

    def _at(width: int, colour: bool = False) -> None:
        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
        if colour:
            monkeypatch.delenv("NO_COLOR", raising=False)
            monkeypatch.setenv("TERM", "xterm-256color")
        else:
            monkeypatch.setenv("NO_COLOR", "1")

    return _at
