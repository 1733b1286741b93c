"""Everything compound cannot use is refused: one line on stderr, exit 2, nothing changed.

Every case runs on a copy of one seeded SQLite database and checks the exit status,
that stderr is exactly one `compound: ` line naming the problem (no traceback), that
stdout is empty, and that every stored row (and the settings file) is as before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from compound.cli import main
from compound.db.revisions import head_revision

# The seeded database: book #1 being read (20 of 300 pages, log r1), #2 on the
# to-read shelf, #3 finished, #4 abandoned, #5 and #6 to read and sharing a prefix;
# session s1; a daily-pages goal.
SEED = [
    ["book", "add", "The Pragmatic Programmer", "--pages", "300", "--start"],
    ["book", "add", "The Pragmatic Engineer", "--pages", "200"],
    ["book", "add", "Done", "--pages", "50"],
    ["book", "finish", "Done"],
    ["book", "add", "Dropped"],
    ["book", "abandon", "Dropped"],
    ["book", "add", "Deep Work"],
    ["book", "add", "Deep Learning"],
    ["log", "20"],
    ["learn", "30m", "--topic", "SQL"],
    ["goal", "set", "daily-pages", "25"],
]
SETTINGS = 'timezone = "Europe/Berlin"\n'

CASES = [
    # pages
    (["log", "0"], "pages must be at least 1, not 0"),
    (["log", "-3"], "pages must be at least 1, not -3"),
    (["log", "abc"], "pages must be a whole number, not 'abc'"),
    (["log", "1e309"], "pages must be a whole number, not '1e309'"),
    (["log", "2.5"], "pages must be a whole number, not '2.5'"),
    (["log", "1_000"], "pages must be a whole number, not '1_000'"),
    (["log", "５"], "pages must be a whole number"),
    (["log", "12345678901234567890"], "pages 12345678901234567890 is far too large"),
    (["log", "-12345678901234567890"], "is far too large"),
    (["log", "5001"], "pages 5,001 is more than 5,000"),
    (["edit", "r1", "--pages", "0"], "pages must be at least 1, not 0"),
    # books named that are not there, or not one
    (["log", "1", "--book", "Dune"], "no book matches 'Dune'"),
    (["log", "1", "--book", "99"], "no book matches '#99'; see `compound book list`"),
    (["log", "1", "--book", "#99"], "no book matches '#99'; see `compound book list`"),
    (
        ["log", "1", "--book", "Deep"],
        "'Deep' matches 2 books: Deep Work (#5), Deep Learning (#6); use the id",
    ),
    (["log", "1", "--book", "  deep "], "matches 2 books"),
    (["log", "--to-page", "9", "--book", "Deep"], "matches 2 books"),
    (["book", "start", "Deep"], "matches 2 books"),
    (["book", "remove", "Deep"], "matches 2 books"),
    (["book", "edit", "Deep", "--pages", "10"], "matches 2 books"),
    (["edit", "r1", "--book", "Deep"], "matches 2 books"),
    (["book", "remove", "Dune"], "no book matches 'Dune'"),
    (["edit", "r1", "--book", "Dune"], "no book matches 'Dune'"),
    # closed books
    (
        ["log", "1", "--book", "Dropped"],
        "Dropped is abandoned; `compound book start 4` picks it up again",
    ),
    (
        ["log", "1", "--book", "Done"],  # not `book start`, which refuses a finished book
        "Done is finished; to read it again, add it again with `compound book add`",
    ),
    (["edit", "r1", "--book", "Done"], "Done is finished"),
    (["book", "start", "1"], "The Pragmatic Programmer is already being read"),
    (["book", "start", "Done"], "Done is finished; to read it again, add it again"),
    (["book", "abandon", "Dropped"], "Dropped is already abandoned"),
    (
        ["book", "finish", "1", "--date", "2026-11-01"],
        "was started on 2026-11-22, after 2026-11-01",
    ),
    # dates
    (["log", "1", "--date", "2026-11-23"], "2026-11-23 is after today (2026-11-22)"),
    (["log", "1", "--date", "Dec 25 2026"], "2026-12-25 is after today"),
    (["learn", "1h", "--date", "2027-01-01"], "2027-01-01 is after today"),
    (["book", "start", "2", "--date", "2026-12-01"], "2026-12-01 is after today"),
    (["edit", "r1", "--date", "2026-11-23"], "2026-11-23 is after today"),
    (["log", "1", "--date", "2026-02-30"], "2026-02-30 is not a real date"),
    (["log", "1", "--date", "31 Feb"], "'31 Feb' is not a real date"),
    (["log", "1", "--date", "2026-13-01"], "2026-13-01 is not a real date"),
    (["log", "1", "--date", "tomorrow"], "cannot read the date 'tomorrow'"),
    (["log", "1", "--date", "Mar"], "'Mar' does not name a day and a month"),
    (["log", "1", "--date", ""], "an empty date was given"),
    # titles and other text
    (["book", "add", ""], "a book's title cannot be empty"),
    (["book", "add", "   "], "a book's title cannot be empty"),
    (["book", "edit", "1", "--title", " "], "a book's title cannot be empty"),
    (["book", "add", "Evil\x1b[31m"], "a book's title contains control characters"),
    (["book", "add", "x" * 501], "a book's title is 501 characters long; the limit is 500"),
    (["book", "edit", "1", "--author", "bell\x07"], "the author contains control characters"),
    (["log", "1", "--note", "n" * 2001], "the note is 2,001 characters long"),
    (["log", "1", "--note", "bell\x07"], "the note contains control characters"),
    (["learn", "1h", "--topic", "\x9b2J"], "the topic contains control characters"),
    # a book's length
    (["book", "add", "X", "--pages", "-5"], "a book's page count must be at least 1, not -5"),
    (["book", "add", "X", "--pages", "0"], "a book's page count must be at least 1, not 0"),
    (["book", "add", "X", "--pages", "50001"], "a book's page count 50,001 is more than 50,000"),
    (["book", "edit", "1", "--pages", "-1"], "a book's page count must be at least 1"),
    (
        ["book", "edit", "1", "--pages", "10"],
        "The Pragmatic Programmer already has 20 pages logged; it cannot be 10 pages long",
    ),
    # durations
    (["learn", "0"], "duration '0' must be at least one minute"),
    (["learn", "0m"], "must be at least one minute"),
    (["learn", "0:00"], "must be at least one minute"),
    (["learn", "0.2m"], "must be at least one minute"),
    (["learn", "-5"], "cannot read the duration '-5'"),
    (["learn", "-1h"], "the following arguments are required: DURATION"),  # an option to argparse
    (["learn", "abc"], "cannot read the duration 'abc'"),
    (["learn", "1.5h30m"], "use 1h30m or 1.5h, not both"),
    (["learn", "25h"], "duration '25h' is longer than a day"),
    (["learn", "9" * 400 + "m"], "is longer than a day"),
    (["log", "5", "--minutes", "0"], "must be at least one minute"),
    (["edit", "s1", "--minutes", "0"], "must be at least one minute"),
    (["learn", "45m", "--kind", "nap"], "invalid choice: 'nap'"),
    # ISBNs
    (["book", "add", "X", "--isbn", "123"], "ISBN '123' must have 10 or 13 digits"),
    (
        ["book", "add", "X", "--isbn", "978-0-13-595705-8"],
        "ISBN '978-0-13-595705-8' has a wrong check digit",
    ),
    (["book", "add", "X", "--isbn", "080442957Y"], "must have 10 or 13 digits"),
    (["book", "edit", "1", "--isbn", "978-0-13-595705-8"], "has a wrong check digit"),
    # more pages than the book has left
    (["log", "281"], "The Pragmatic Programmer has 280 pages left of 300; log at most 280"),
    (["log", "201", "--book", "2"], "The Pragmatic Engineer has 200 pages left of 200"),
    (["log", "--to-page", "201", "--book", "2"], "has 200 pages left of 200"),
    (["edit", "r1", "--pages", "301"], "pages left of 300"),
    # --to-page
    (
        ["log", "--to-page", "20"],
        "The Pragmatic Programmer is already at page 20; the page reached must be further on",
    ),
    (["log", "--to-page", "5"], "is already at page 20"),
    (["log", "--to-page", "0"], "a book's page count must be at least 1, not 0"),
    (["log", "5", "--to-page", "30"], "give the pages read or the position reached, not both"),
    # entry ids
    (["delete", "r99"], "there is no entry r99; see `compound history`"),
    (["delete", "s99"], "there is no entry s99"),
    (["edit", "R99", "--pages", "1"], "there is no entry r99"),
    (["edit", "s99", "--note", "x"], "there is no entry s99"),
    (["delete", "x9"], "'x9' is not an entry id like r12 (reading) or s7 (session)"),
    (["delete", "r"], "'r' is not an entry id"),
    (["delete", "r1.5"], "is not an entry id"),
    (["delete", ""], "is not an entry id"),
    (["delete", "12"], "entry ids start with r (reading) or s (session): r12 or s12?"),
    # edits that change nothing, or that do not fit the entry
    (["edit", "r1"], "say what to change: pages, minutes"),
    (["edit", "s1"], "say what to change"),
    (["book", "edit", "1"], "say what to change: title, author, pages, hours or ISBN"),
    (["edit", "s1", "--pages", "3"], "s1 is a learning session: it has no pages or book"),
    (["edit", "s1", "--date", "yesterday", "--pages", "3"], "s1 is a learning session"),
    (["edit", "s1", "--book", "1"], "s1 is a learning session: it has no pages or book"),
    (["edit", "s1", "--minutes", ""], "a learning session needs its minutes"),
    (["edit", "r1", "--kind", "course"], "r1 is a reading log: it has no kind or topic"),
    (["edit", "r1", "--topic", "SQL"], "r1 is a reading log: it has no kind or topic"),
    # settings
    (
        ["config", "set", "colour", "blue"],
        "unknown setting 'colour'; settings are: day_starts_at, timezone",
    ),
    (["config", "unset", "colour"], "unknown setting 'colour'"),
    (
        ["config", "set", "day_starts_at", "25:00"],
        "day start '25:00' must be between 00:00 and 11:59",
    ),
    (["config", "set", "day_starts_at", "12:00"], "must be between 00:00 and 11:59"),
    (["config", "set", "day_starts_at", "3:75"], "must be between 00:00 and 11:59"),
    (["config", "set", "day_starts_at", "noon"], "day start 'noon' is not a time like 03:00"),
    (["config", "set", "day_starts_at", ""], "is not a time like 03:00"),
    (["config", "set", "timezone", "Mars/Olympus"], "unknown time zone 'Mars/Olympus'"),
    (["config", "set", "timezone", "../../etc/passwd"], "unknown time zone"),
    # goals
    (["goal", "set", "daily-pages", "0"], "a daily-pages target must be at least 1, not 0"),
    (["goal", "set", "daily-pages", "abc"], "a daily-pages target must be a whole number"),
    (["goal", "set", "yearly-books", "1001"], "a yearly-books target 1,001 is more than 1,000"),
    (["goal", "set", "nightly-pages", "5"], "invalid choice: 'nightly-pages'"),
    (["goal", "remove", "weekly-pages"], "there is no weekly-pages goal"),
    # the command line itself
    (["frob"], "unknown command 'frob'"),
    (["book", "frob"], "unknown book action 'frob'"),
    (["log"], "say how many pages you read, e.g. `compound log 25`"),
    (["learn"], "the following arguments are required: DURATION"),
    (["book"], "the following arguments are required: ACTION"),
    (["goal"], "the following arguments are required: ACTION"),
    (["config"], "the following arguments are required: ACTION"),
    (["book", "add"], "the following arguments are required: TITLE"),
    (["book", "start"], "the following arguments are required: TITLE_OR_ID"),
    (["edit"], "the following arguments are required: ID"),
    (["delete"], "the following arguments are required: ID"),
    (["goal", "set", "daily-pages"], "the following arguments are required: TARGET"),
    (["config", "set", "timezone"], "the following arguments are required: VALUE"),
    (["log", "1", "--bogus"], "unrecognized arguments: --bogus"),
    (["log", "1", "2"], "unrecognized arguments: 2"),
    (["status", "--short", "--verbose"], "unrecognized arguments: --verbose"),
    (["book", "list", "--status", "lost"], "invalid choice: 'lost'"),
    (["--db"], "expected one argument"),
    (["history", "--days", "0"], "--days must be at least 1, not 0"),
    (["history", "--days", "x"], "--days must be a whole number, not 'x'"),
    (["history", "--days", "36601"], "--days 36,601 is more than 36,600"),
]


def _case_id(case) -> str:
    argv, _ = case
    text = " ".join(argv) or "(none)"
    return text if len(text) < 40 else text[:37] + "..."


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory) -> Path:
    """The seeded database, built once; each test gets a copy."""
    where = tmp_path_factory.mktemp("seed")
    path = where / "seed.db"
    with pytest.MonkeyPatch.context() as mp:
        for var in list(os.environ):
            if var.startswith("COMPOUND_") and var != "COMPOUND_TEST_DATABASE_URL":
                mp.delenv(var)
        mp.setenv("HOME", str(where))
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            mp.setenv(var, str(where / var.lower()))
        mp.setenv("COMPOUND_TODAY", "2026-11-22")
        mp.setenv("COMPOUND_DB", str(path))
        for argv in SEED:
            assert main(argv) == 0, argv
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return path


@pytest.fixture
def seeded(seeded_template, db_path, db_url, isolated_home) -> str:
    shutil.copyfile(seeded_template, db_path)
    settings = isolated_home / ".config" / "compound" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(SETTINGS)
    return db_url


def assert_refused(result, fragment: str) -> None:
    assert result.code == 2, result
    assert result.out == "", result
    assert "Traceback" not in result.err
    assert result.err.startswith("compound: "), result.err
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert fragment in result.err, result.err


@pytest.mark.parametrize("argv, fragment", CASES, ids=[_case_id(c) for c in CASES])
def test_refused_and_nothing_changed(seeded, run, snapshot_rows, isolated_home, argv, fragment):
    settings = isolated_home / ".config" / "compound" / "config.toml"
    before = snapshot_rows(seeded)
    assert before["reading_log"] and before["book"]  # the seed is there to be changed
    assert_refused(run(*argv), fragment)
    assert snapshot_rows(seeded) == before
    assert settings.read_text() == SETTINGS


def test_undo_with_nothing_to_undo(db_path, run, snapshot_rows, db_url):
    assert run("book", "add", "Deep Work").code == 0
    before = snapshot_rows(db_url)
    assert_refused(run("undo"), "compound: there is nothing to undo")
    assert snapshot_rows(db_url) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "0"],
        ["log", "1", "--date", "2026-02-30"],
        ["learn", "0"],
        ["book", "add", ""],
        ["frob"],
        ["goal", "set", "daily-pages", "0"],
    ],
    ids=" ".join,
)
def test_typing_mistakes_are_caught_before_a_database_is_created(db_path, run, argv):
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert not db_path.exists()


# -- the same refusals on PostgreSQL (and SQLite), through the full store ---------------------

STORE_CASES = [
    (["log", "1", "--book", "Deep"], "matches 2 books"),
    (["log", "281"], "has 280 pages left of 300"),
    (["log", "--to-page", "20"], "is already at page 20"),
    (["edit", "s1", "--date", "yesterday", "--pages", "3"], "s1 is a learning session"),
    (["book", "edit", "1", "--title", "New", "--pages", "10"], "already has 20 pages logged"),
    (["book", "finish", "1", "--date", "2026-11-01"], "was started on 2026-11-22"),
    (["delete", "r99"], "there is no entry r99"),
    (["goal", "remove", "weekly-pages"], "there is no weekly-pages goal"),
]


@pytest.fixture
def seeded_db(db, ok) -> str:
    for argv in SEED:
        ok(*argv)
    return db


@pytest.mark.parametrize("argv, fragment", STORE_CASES, ids=[_case_id(c) for c in STORE_CASES])
def test_store_refusals_roll_back_on_every_backend(seeded_db, run, snapshot_rows, argv, fragment):
    before = snapshot_rows(seeded_db)
    assert len(before["book"]) == 6
    assert_refused(run(*argv), fragment)
    assert snapshot_rows(seeded_db) == before


# -- files that are not a database compound can use --------------------------------------------


def _random_bytes(path: Path, run) -> None:
    path.write_bytes(os.urandom(8192))


def _sqlite_header_then_garbage(path: Path, run) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4080))


def _a_directory(path: Path, run) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("mine")


def _another_programs_database(path: Path, run) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.execute("INSERT INTO recipes VALUES ('bread')")
    con.close()


def _newer_schema(path: Path, run) -> None:
    assert run("log", "5").code == 0
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()


FILES = {
    "random-bytes": (_random_bytes, "is not a SQLite database; it was left untouched"),
    "sqlite-header-garbage": (_sqlite_header_then_garbage, "cannot be read as a database"),
    "directory": (_a_directory, "is a directory, not a compound database"),
    "foreign-sqlite": (
        _another_programs_database,
        "is a SQLite database but not a compound one; it was left untouched",
    ),
    "newer-schema": (
        _newer_schema,
        "was written by a newer compound (schema 9999; this "
        f"version knows up to {head_revision()}): upgrade compound "
        "to use it",
    ),
}
FILE_COMMANDS = [
    ["log", "1"],
    ["status", "--short"],
    ["status"],
    ["status", "--json"],
    ["history"],
    [],
    ["book", "add", "X"],
    ["undo"],
    ["goal", "list"],
]


def _state(path: Path):
    if path.is_dir():
        return ("dir", sorted((p.name, p.read_bytes()) for p in path.iterdir()))
    return ("file", path.read_bytes())


@pytest.mark.parametrize("command", FILE_COMMANDS, ids=lambda c: " ".join(c) or "bare")
@pytest.mark.parametrize("kind", FILES)
def test_unusable_database_file_is_refused_and_left_alone(db_path, run, kind, command):
    make, fragment = FILES[kind]
    make(db_path, run)
    before = _state(db_path)
    siblings = {p.name for p in db_path.parent.iterdir()}
    result = run(*command)
    assert_refused(result, fragment)
    assert str(db_path) in result.err
    assert _state(db_path) == before
    # No backup copy or new database appeared beside it.
    new = {p.name for p in db_path.parent.iterdir()} - siblings
    assert not {n for n in new if ".bak-" in n or not n.startswith(db_path.name)}, new


def test_newer_schema_keeps_its_data(db_path, run):
    _newer_schema(db_path, run)
    assert_refused(run("log", "3"), "written by a newer compound")
    con = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]
        assert con.execute("SELECT pages FROM reading_log").fetchall() == [(5,)]
    finally:
        con.close()


def test_database_in_a_directory_that_cannot_be_created(tmp_path, monkeypatch, run):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be")
    monkeypatch.setenv("COMPOUND_DB", str(blocker / "compound.db"))
    result = run("log", "1")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("compound: ") and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert blocker.read_text() == "a file where a directory should be"


# -- refusals that need another starting point ------------------------------------------------


def test_plain_log_with_two_books_being_read_is_refused(db_path, db_url, ok, run, snapshot_rows):
    ok("book", "add", "Deep Work", "--start")
    ok("book", "add", "Range", "--start")
    before = snapshot_rows(db_url)
    assert_refused(
        run("log", "5"),
        "2 books are being read (Deep Work (#1), Range (#2)); say which with --book",
    )
    assert snapshot_rows(db_url) == before


def test_to_page_without_a_book_is_refused(db_path, db_url, ok, run, snapshot_rows):
    ok("log", "3")
    before = snapshot_rows(db_url)
    assert_refused(
        run("log", "--to-page", "5"),
        "a page reached needs a book, and none is "
        "being read; add one with `compound book add`, "
        "or pass --book",
    )
    assert snapshot_rows(db_url) == before


@pytest.mark.parametrize(
    "argv", [["book", "remove", "The Pragmatic"], ["log", "1", "--book", "Pragmatic"]], ids=" ".join
)
def test_prefix_shared_with_the_book_being_read_is_ambiguous(
    db_path, db_url, ok, run, snapshot_rows, argv
):
    ok("book", "add", "The Pragmatic Programmer", "--start")
    ok("book", "add", "The Pragmatic Engineer")
    before = snapshot_rows(db_url)
    assert_refused(run(*argv), "matches 2 books")
    assert snapshot_rows(db_url) == before


def test_empty_book_name_is_refused(db_path, db_url, ok, run, snapshot_rows):
    ok("book", "add", "Deep Work", "--start")
    before = snapshot_rows(db_url)
    assert_refused(run("log", "1", "--book", ""), "name a book by its title or id")
    assert snapshot_rows(db_url) == before


# -- a bug is not a refusal -------------------------------------------------------------------


def test_unexpected_error_exits_1_and_names_the_log(db_path, run, monkeypatch, isolated_home):
    import compound.cli.status

    def broken(ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(compound.cli.status, "read_status", lambda ctx, **_: broken(ctx))
    result = run("status")
    log = isolated_home / ".local" / "state" / "compound" / "log" / "errors.log"
    assert result.code == 1 and result.out == ""
    assert result.err == f"compound: unexpected error (RuntimeError: boom); details in {log}\n"
    written = log.read_text()
    assert "Traceback" in written and "RuntimeError: boom" in written


@pytest.mark.parametrize(
    "url, fragment",
    [
        ("garbage", "'garbage' is not a database URL"),
        ("mysql://someone@db.example/reading", "reading: its database driver is not installed"),
        (
            "postgresql+psycopg://postgres:secret@127.0.0.1:1/none",
            "cannot open postgresql+psycopg://postgres:***@",
        ),
    ],
)
def test_a_database_url_that_cannot_be_used(monkeypatch, run, url, fragment):
    monkeypatch.setenv("COMPOUND_DATABASE_URL", url)
    result = run("log", "3")
    assert_refused(result, fragment)
    assert "secret" not in result.err


def test_a_database_locked_by_another_program(db_path, db_url, ok, run, snapshot_rows, monkeypatch):
    import compound.db.engine

    ok("log", "2")
    before = snapshot_rows(db_url)
    monkeypatch.setattr(compound.db.engine, "BUSY_TIMEOUT_MS", 300)  # wait less than 15 s here
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("log", "3")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_refused(result, "kept the database locked")
    assert snapshot_rows(db_url) == before
