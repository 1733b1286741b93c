"""Files, paths and dates at the edges: what a name points at, what a path holds, where
the calendar ends, and what a dry run, a read-only moment or a umask leave behind.

- A name that is not a regular file (a named pipe, a device, a directory, a socket, a
  file under /proc) given as an import, as --db or as the settings file is refused in
  one line: never a wait for ever, never the memory filled. A file to import is read
  only up to a limit (see compound.exchange.csvfiles.MAX_TEXT_BYTES).
- A settings file that is not UTF-8 is refused in one line naming it.
- Every command, with today at either end of the calendar, runs or refuses in one line.
- --db is a path, never a URI: ?, #, % and spaces stay in the file's name.
- A read while the database was read-only does not make later writes fail.
- A dry run writes nothing: not the database, not a copy aside, not a backup.
- Folders compound makes are private (0700) under any umask; `-o -` is standard
  output and `-o PIPE` writes into the pipe; look-alikes of formula starts are
  neutralised in CSV exports.

Commands that would wait for ever or fill the memory were a check missing run in
subprocesses with a timeout and a memory limit, so that this suite always ends.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from reliability_kit import SEED, Result, cli, dump, process_env, rows, settle

from compound.db import revisions

FIXTURES = Path(__file__).parent.parent / "fixtures"
SAMPLES = FIXTURES / "exchange"
MEMORY_LIMIT = 1 << 30  # far above what compound needs; /dev/zero read whole reaches it
TIMEOUT = 10  # seconds; a named pipe opened for reading waits for ever


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(
    argv: list[str],
    env: dict[str, str],
    *,
    cwd: Path | None = None,
    umask: int | None = None,
    prefix: tuple[str, ...] = (),
) -> Result:
    """`compound ARGV…` in a subprocess with a memory limit; a command still running
    after TIMEOUT seconds is killed and reported as exit -1 with "timed out"."""

    def before() -> None:
        _limited()
        if umask is not None:
            os.umask(umask)

    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "compound", *argv],
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=TIMEOUT,
            preexec_fn=before,
        )
    except subprocess.TimeoutExpired:
        return Result(-1, "", f"timed out after {TIMEOUT} s")
    return Result(done.returncode, done.stdout, done.stderr)


def listing(folder: Path) -> dict[str, str]:
    """Every file under `folder` and a hash of its bytes (folders as "dir")."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        found[name] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A seeded database, made once (in this process); tests copy it."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "compound.db"
    with pytest.MonkeyPatch.context() as patch:
        for name, value in process_env(folder / "home", path).items():
            patch.setenv(name, value)
        for argv in SEED:
            result = cli(*argv)
            assert result.code == 0, (argv, result)
    settle(path)
    return path


@pytest.fixture
def stored(template, tmp_path, monkeypatch) -> Path:
    """A copy of the seeded database; COMPOUND_DB names it."""
    path = tmp_path / "data" / "compound.db"
    path.parent.mkdir()
    shutil.copy(template, path)
    monkeypatch.setenv("COMPOUND_DB", str(path))
    return path


# -- special files -----------------------------------------------------------------------


@pytest.fixture
def short_folder():
    """A folder with a short path of its own: a socket's path must fit in 108 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="cs"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _fifo(folder: Path) -> str:
    path = folder / "pipe"
    os.mkfifo(path)
    return str(path)


def _socket(folder: Path) -> str:
    path = folder / "s"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the socket's file stays behind, as one does
    return str(path)


def _directory(folder: Path) -> str:
    path = folder / "a-folder"
    path.mkdir()
    return str(path)


SPECIALS = {
    "named pipe": _fifo,
    "device": lambda folder: "/dev/zero",
    "directory": _directory,
    "socket": _socket,
    "proc mem": lambda folder: "/proc/self/mem",
}

TARGETS = {
    "import goodreads": lambda name: (["import", "goodreads", name], {}),
    "import storygraph": lambda name: (["import", "storygraph", name], {}),
    "import koreader": lambda name: (["import", "koreader", name], {}),
    "import compound": lambda name: (["import", "compound", name], {}),
    "team merge": lambda name: (["team", "merge", name], {}),
    "--db": lambda name: (["--db", name, "log", "5"], {}),
    "--db status --short": lambda name: (["--db", name, "status", "--short"], {}),
    "config": lambda name: (["log", "5"], {"COMPOUND_CONFIG": name}),
}


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("special", SPECIALS)
def test_special_files_are_refused_in_one_line(
    special, target, stored, tmp_path, short_folder, figures
):
    if not Path("/proc/self/mem").exists() and special == "proc mem":
        pytest.skip("no /proc here")
    name = SPECIALS[special](short_folder)
    argv, extra = TARGETS[target](name)
    figures.add("hostile inputs tried: special files")
    before = dump(stored)
    result = run(argv, {**process_env(tmp_path / "home", stored), **extra}, cwd=tmp_path)
    assert result.refused_in_one_line(), result
    if special != "proc mem":  # a /proc file is a regular one that cannot be read
        assert name in result.err, result
    assert dump(stored) == before
    figures.add("special files refused")


@pytest.mark.parametrize("kind", ["goodreads", "compound"])
def test_a_file_to_import_over_the_limit_is_refused_before_it_is_read(kind, stored, tmp_path):
    from compound.exchange.csvfiles import MAX_TEXT_BYTES

    big = tmp_path / "library.csv"
    with big.open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: nothing is written to the disk
    before = dump(stored)
    result = run(["import", kind, str(big)], process_env(tmp_path / "home", stored))
    assert result.refused_in_one_line(), result
    assert "over 200 MB" in result.err, result
    assert dump(stored) == before


def test_the_size_limit_is_generous_and_finite():
    from compound.exchange.csvfiles import MAX_TEXT_BYTES

    # A Goodreads library of 100,000 books is about 40 MB.
    assert 100 << 20 <= MAX_TEXT_BYTES < 1 << 30


@pytest.mark.parametrize(
    "argv", [["status"], ["log", "5"], ["config", "show"], ["config", "set", "welcome", "off"]]
)
def test_a_settings_file_that_is_not_utf8_is_refused_naming_it(argv, stored, tmp_path, monkeypatch):
    settings = tmp_path / "config.toml"
    settings.write_bytes(b'timezone = "Europe/Berlin"\nweek_starts_on = "sunday \xff"\n')
    monkeypatch.setenv("COMPOUND_CONFIG", str(settings))
    before = dump(stored)
    result = cli(*argv)
    assert result.refused_in_one_line(), result
    assert str(settings) in result.err and "line 2" in result.err and "UTF-8" in result.err
    assert dump(stored) == before
    assert settings.read_bytes().endswith(b'\xff"\n')  # left as it was


# -- today at the ends of the calendar -------------------------------------------------------

# Every command and action, in an order where each finds what it needs.
EVERY_COMMAND = [
    ["book", "add", "Middlemarch", "--pages", "900", "--start"],
    ["log", "30"],
    ["log", "12", "--date", "yesterday", "--minutes", "20m"],
    ["learn", "45m", "--kind", "course", "--topic", "SQL"],
    ["learn", "10m", "--date", "yesterday"],
    ["goal", "set", "daily-pages", "25"],
    ["goal", "set", "weekly-pages", "100"],
    ["goal", "set", "yearly-books", "12"],
    ["goal", "set", "daily-minutes", "20", "--schedule", "FREQ=WEEKLY;BYDAY=MO,WE,FR"],
    ["goal", "set", "weekly-sessions", "3"],
    ["goal", "list"],
    ["goal", "remove", "weekly-sessions"],
    ["skip", "tomorrow", "--reason", "travel"],
    ["skip", "mon"],
    ["skip", "list", "--all"],
    ["skip", "list"],
    ["skip", "remove", "tomorrow"],
    ["history"],
    ["history", "--days", "3660", "--json"],
    ["status"],
    ["status", "--short"],
    ["status", "--json"],
    ["stats"],
    ["stats", "--period", "week"],
    ["stats", "--period", "month"],
    ["stats", "--period", "year"],
    ["stats", "--period", "all", "--json"],
    ["project"],
    ["project", "--json"],
    ["review"],
    ["review", "--format", "json"],
    ["remind", "set", "20:30"],
    ["remind", "status"],
    ["remind", "check"],
    ["remind", "off"],
    ["completion", "bash"],
    ["completion", "--list", "books"],
    *[
        ["chart", kind, "--width", "60", "--height", "12"]
        for kind in (
            "daily",
            "cumulative",
            "projection",
            "weekday",
            "sessions",
            "calendar",
            "years",
        )
    ],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "md"],
    ["export", "--from", "yesterday", "--to", "today", "--format", "md"],
    ["export", "-o", "records.json"],
    ["import", "compound", "records.json", "--dry-run"],
    ["import", "compound", "records.json"],
    ["team", "export"],
    ["team", "export", "--format", "html", "--include-books"],
    ["team", "export", "--me", "--format", "json", "-o", "me.json"],
    ["team", "merge", "me.json"],
    ["profile", "add", "ada"],
    ["profile", "list"],
    ["profile", "use", "ada"],
    ["profile", "use", "default"],
    ["profile", "remove", "ada", "--yes"],
    ["config", "show"],
    ["config", "set", "week_starts_on", "sunday"],
    ["config", "unset", "week_starts_on"],
    ["backup", "copy.db"],
    ["doctor"],
    ["restore", "copy.db"],
    ["book", "list"],
    ["book", "edit", "Middlemarch", "--pages", "950"],
    ["book", "abandon", "Middlemarch"],
    ["book", "start", "Middlemarch"],
    ["book", "shelve", "Middlemarch"],
    ["book", "start", "Middlemarch"],
    ["book", "finish", "Middlemarch"],
    ["book", "remove", "Middlemarch"],
    ["edit", "r1", "--pages", "31"],
    ["edit", "r1", "--date", "yesterday"],
    ["delete", "s1"],
    ["undo"],
    [],
]

# Runs the commands given as JSON in this one process (as tests' `cli` does), and
# says for each its exit status, its stderr and whether the stored data changed.
DRIVER = """
import contextlib, io, json, sqlite3, sys
from pathlib import Path
from compound.cli import main

def dump(path):
    if not path.exists():
        return None
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()

database = Path(sys.argv[1])
found = []
for argv in json.loads(sys.argv[2]):
    before = dump(database)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    found.append({"argv": argv, "code": code, "out": out.getvalue(), "err": err.getvalue(),
                  "changed": dump(database) != before})
print("RESULTS " + json.dumps(found))
"""

FAR_ENDS = ["0001-01-01", "0001-01-07", "9999-12-25", "9999-12-31"]
NEAR_ENDS = ["1900-01-01", "9000-12-31"]  # the first and last days compound works on


def every_command_at(today: str, tmp_path: Path) -> list[dict]:
    database = tmp_path / "compound.db"
    env = {**process_env(tmp_path / "home", database), "COMPOUND_TODAY": today}
    # No program on PATH: `remind` finds no scheduler or notifier of this machine to use.
    env["PATH"] = str(tmp_path / "no-programs")
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(database), json.dumps(EVERY_COMMAND)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        preexec_fn=_limited,
    )
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("RESULTS "), done.stdout[-2000:]
    return json.loads(last.removeprefix("RESULTS "))


def _runs_or_refuses(found: dict) -> bool:
    lines = found["err"].splitlines()
    if found["code"] == 2:
        return len(lines) == 1 and lines[0].startswith("compound: ") and not found["changed"]
    return found["code"] == 0 and len(lines) <= 1 and "Traceback" not in found["err"]


@pytest.mark.parametrize("today", FAR_ENDS)
def test_every_command_at_the_far_ends_of_the_calendar_refuses_in_one_line(
    today, tmp_path, figures
):
    results = every_command_at(today, tmp_path)
    figures.add("hostile inputs tried: commands at the calendar's ends", len(results))
    wrong = [found for found in results if not _runs_or_refuses(found)]
    assert wrong == []
    # What needs today refuses, naming where today came from.
    by_argv = {tuple(found["argv"]): found for found in results}
    for needs_today in [("skip", "tomorrow", "--reason", "travel"), ("log", "30"), ("history",)]:
        found = by_argv[needs_today]
        assert found["code"] == 2 and f"COMPOUND_TODAY: today ({today})" in found["err"], found


@pytest.mark.parametrize("today", NEAR_ENDS)
def test_every_command_near_the_ends_of_the_calendar_runs(today, tmp_path, figures):
    results = every_command_at(today, tmp_path)
    figures.add("hostile inputs tried: commands at the calendar's ends", len(results))
    failed = [found for found in results if found["code"] != 0 or "Traceback" in found["err"]]
    assert failed == []
    by_argv = {tuple(found["argv"]): found for found in results}
    assert "Skipping" in by_argv[("skip", "tomorrow", "--reason", "travel")]["out"]


def test_the_calendar_edges_try_every_command_and_action():
    from compound.cli.parser import build_parser

    parser = build_parser()
    offered = set()
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    for name, sub in commands.choices.items():
        groups = [a for a in sub._actions if a.dest == f"{name}_command"]
        offered |= {(name, action) for action in groups[0].choices} if groups else {(name,)}
    # `serve` listens until it is stopped; what it serves is the app `compound` opens,
    # each browser tab a `serve --session` reading today as every command does.
    offered.discard(("serve",))
    tried = {
        tuple(argv[:2]) if tuple(argv[:2]) in offered else (argv[0],)
        for argv in EVERY_COMMAND
        if argv
    }
    assert offered <= tried, offered - tried


# -- a path is a path ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["my?data.db", "a#b.db", "p%20q.db", "x%3F.db", "two  spaces.db", "50%.db"]
)
def test_a_database_path_is_kept_as_it_is_written(name, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    database = folder / name
    assert cli("--db", str(database), "log", "5").code == 0
    assert cli("--db", str(database), "log", "3").code == 0
    assert [p.name for p in folder.iterdir() if p.is_file()] == [name]
    assert rows(database, "SELECT pages FROM reading_log ORDER BY id") == [(5,), (3,)]
    status = cli("--db", str(database), "status", "--short")
    assert status.code == 0 and "8 p" in status.out, status


# -- a read while read-only ------------------------------------------------------------------


def _as_an_ordinary_user() -> tuple[str, ...]:
    """A prefix that runs a command without root's power over permissions."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv, which permissions cannot stop")
    return (setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--")


def test_a_read_while_the_database_was_read_only_does_not_block_later_writes(tmp_path):
    prefix = _as_an_ordinary_user()
    database = tmp_path / "compound.db"
    shm = Path(f"{database}-shm")
    env = process_env(tmp_path / "home", database)

    def read_while_read_only() -> None:
        database.chmod(0o444)
        assert run(["history"], env, prefix=prefix).code == 0
        database.chmod(0o644)
        assert shm.exists() and not shm.stat().st_mode & 0o200  # SQLite gave it 0444

    assert run(["log", "5"], env, prefix=prefix).code == 0
    read_while_read_only()
    written = run(["log", "3"], env, prefix=prefix)
    assert written.code == 0, written
    read_while_read_only()
    exported = run(["export", "-o", str(tmp_path / "out.json")], env, prefix=prefix)
    assert exported.code == 0, exported
    assert [
        log["pages"] for log in json.loads((tmp_path / "out.json").read_text())["reading_logs"]
    ] == [5, 3]

    # A -shm whose mode cannot be given back (immutable: root only) is named.
    read_while_read_only()
    if os.geteuid() != 0 or subprocess.run(["chattr", "+i", str(shm)]).returncode != 0:
        return
    try:
        before = dump(database)
        refused = run(["log", "1"], env, prefix=prefix)
    finally:
        subprocess.run(["chattr", "-i", str(shm)])
    assert refused.refused_in_one_line(), refused
    assert f"{shm} beside it is read-only" in refused.err
    assert dump(database) == before


# -- a dry run writes nothing ----------------------------------------------------------------

OLDER_FIXTURES = [
    path
    for path in sorted(FIXTURES.glob("rev-*.sqlite"))
    if path.stem.removeprefix("rev-") != revisions.head_revision()
]


@pytest.mark.parametrize("fixture", OLDER_FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "kind, sample",
    [("goodreads", "goodreads_library_export_2024.csv"), ("storygraph", "storygraph_export.csv")],
)
def test_a_dry_run_on_an_older_database_writes_nothing(fixture, kind, sample, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "compound.db"
    shutil.copy(fixture, database)
    before = listing(folder)
    result = cli("--db", str(database), "import", kind, str(SAMPLES / sample), "--dry-run")
    assert result.code == 0, result
    assert "nothing was written" in result.out
    assert "to add" in result.out
    assert listing(folder) == before


def test_a_dry_run_on_an_up_to_date_database_takes_no_backup(stored):
    folder = stored.parent
    before = listing(folder)
    source = SAMPLES / "goodreads_library_export_2024.csv"
    result = cli("--db", str(stored), "import", "goodreads", str(source), "-n")
    assert result.code == 0, result
    assert listing(folder) == before


# -- folders, standard output, pipes ---------------------------------------------------------


def _modes(top: Path, below: Path) -> dict[str, str]:
    """The mode of every folder from `top` down to `below`."""
    modes = {}
    current = below
    while current != top.parent:
        modes[str(current.relative_to(top.parent))] = oct(current.stat().st_mode & 0o777)
        current = current.parent
    return modes


def test_folders_compound_makes_are_private_under_any_umask(tmp_path):
    home = tmp_path / "home"
    env = process_env(home)
    made = run(["log", "5"], env, umask=0)  # the default database in the data dir
    assert made.code == 0, made
    data = home / ".local/share/compound"
    assert set(_modes(home / ".local", data).values()) == {"0o700"}, _modes(home / ".local", data)
    elsewhere = tmp_path / "new" / "dir" / "x.db"
    made = run(["--db", str(elsewhere), "log", "5"], env, umask=0)
    assert made.code == 0, made
    assert set(_modes(tmp_path / "new", elsewhere.parent).values()) == {"0o700"}
    settings = run(
        ["config", "set", "welcome", "off"],
        {**env, "XDG_CONFIG_HOME": str(tmp_path / "cfg" / "deep")},
        umask=0,
    )
    assert settings.code == 0, settings
    assert set(_modes(tmp_path / "cfg", tmp_path / "cfg/deep/compound").values()) == {"0o700"}
    # The daily backups' folder, and the folders of a backup written elsewhere.
    assert oct((elsewhere.parent / "x.db-backups").stat().st_mode & 0o777) == "0o700"
    copy = tmp_path / "kept" / "safe" / "copy.db"
    made = run(["--db", str(elsewhere), "backup", str(copy)], env, umask=0)
    assert made.code == 0, made
    assert set(_modes(tmp_path / "kept", copy.parent).values()) == {"0o700"}


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["export", "-o", "-"], '"format": "compound"'),
        (["export", "--format", "csv", "-o", "-"], "record,id,day"),
        (["export", "--format", "md", "--output", "-"], "# Reading and learning"),
        (["team", "export", "-o", "-"], "Team report"),
        (["team", "export", "--me", "--format", "json", "-o", "-"], '"member"'),
    ],
)
def test_dash_as_the_output_is_standard_output(argv, expected, stored, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(*argv)
    assert result.code == 0, result
    assert expected in result.out
    assert not (tmp_path / "-").exists()


def test_an_export_to_a_named_pipe_writes_into_it(stored, tmp_path):
    pipe = tmp_path / "out.pipe"
    os.mkfifo(pipe)
    # The reading end is open before the export starts (so opening the pipe to write
    # does not wait), without waiting itself; the export fits in the pipe's buffer.
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = run(["export", "--format", "csv", "-o", str(pipe)], process_env(tmp_path, stored))
        received = b""
        while True:
            try:
                piece = os.read(reader, 1 << 16)
            except BlockingIOError:
                break
            if not piece:
                break
            received += piece
    finally:
        os.close(reader)
    assert result.code == 0, result
    assert pipe.is_fifo()  # not replaced by a file
    assert received.startswith(b"record,id,day") and b"Deep Work" in received


LOOK_ALIKES = ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", "−1", "=1"]


def test_look_alikes_of_formula_starts_are_neutralised_in_csv(stored):
    for text in LOOK_ALIKES:
        assert cli("learn", "5m", "--topic", text, "--note", text).code == 0
        assert cli("book", "add", text).code == 0
    result = cli("export", "--format", "csv")
    assert result.code == 0, result
    table = list(csv.DictReader(io.StringIO(result.out)))
    cells = [row[column] for row in table for column in ("topic", "note", "title")]
    for text in LOOK_ALIKES:
        assert text not in cells, text
        assert f"'{text}" in cells, text
