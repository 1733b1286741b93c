"""What the reliability tests share: run compound, look at its files, record figures.

COMPOUND_RELIABILITY_SCALE (default 1) multiplies how many check-ins, kills and
hostile inputs the tests try. benchmarks/reliability.py runs this suite at a larger
scale with COMPOUND_RELIABILITY_FIGURES=<file.json> and prints what the tests
recorded there (writers, check-ins per second, crashes survived, inputs tried).
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from compound.cli import main

SCALE = max(1, int(os.environ.get("COMPOUND_RELIABILITY_SCALE", "1")))
TODAY = "2026-11-22"


class Figures:
    """Counts the tests record; written as JSON at the end when asked for."""

    def __init__(self) -> None:
        self.values: dict[str, float] = {}

    def add(self, key: str, amount: float = 1) -> None:
        self.values[key] = self.values.get(key, 0) + amount

    def set(self, key: str, value: float) -> None:
        self.values[key] = value


# -- running compound -------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def refused_in_one_line(self) -> bool:
        """Exit 2, nothing on stdout, exactly one `compound: …` line on stderr."""
        lines = self.err.splitlines()
        return (
            self.code == 2
            and self.out == ""
            and len(lines) == 1
            and lines[0].startswith("compound: ")
            and "Traceback" not in self.err
        )


def cli(*argv: str) -> Result:
    """`compound ARGV…` in this process; safe inside hypothesis examples (no capsys)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Result(code, out.getvalue(), err.getvalue())


def compound_script() -> str:
    script = Path(sys.executable).parent / "compound"
    assert script.is_file(), f"no console script at {script}"
    return str(script)


def process_env(home: Path, db: Path | None = None) -> dict[str, str]:
    """An environment for compound subprocesses: nothing outside tmp is touched."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COMPOUND_", "XDG_")) or k == "COMPOUND_TEST_DATABASE_URL"
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        COMPOUND_TODAY=TODAY,
        PYTHONIOENCODING="utf-8",
    )
    if db is not None:
        env["COMPOUND_DB"] = str(db)
    return env


# -- looking at a database file ------------------------------------------------------------


def dump(path: Path) -> list[str]:
    """Every table and row as SQL, read-only: equal dumps mean equal stored data."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def integrity(path: Path) -> str:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def settle(path: Path) -> None:
    """Fold the -wal into the file and drop it, so the file alone holds everything."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


SEED = [
    ["book", "add", "Gödel, Escher, Bach", "--author", "Douglas Hofstadter", "--start"],
    ["book", "add", "Deep Work", "--pages", "296"],
    ["log", "20", "--date", "2026-11-20", "--note", "on the train"],
    ["log", "15", "--date", "yesterday", "--minutes", "30m"],
    ["learn", "45m", "--kind", "course", "--topic", "SQL window functions"],
    ["goal", "set", "daily-pages", "25"],
    ["skip", "2026-11-24"],
]


def notes_of(db: Path, name: str, table: str = "reading_log") -> list[int]:
    """The check-in numbers writer `name` stored (as notes "name-N"), sorted."""
    found = rows(db, f"SELECT note FROM {table} WHERE note LIKE '{name}-%'")
    return sorted(int(note.rsplit("-", 1)[1]) for (note,) in found)


class Writer:
    """A writer process running `script` with `args`, and what it has printed so far:
    READY once started, "ACK N" after check-in N is stored, "SPAN t0 t1" at the end."""

    def __init__(self, name: str, script: str, args: list[str], env: dict):
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, name, *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.ready = threading.Event()
        self.acked: list[int] = []
        self.span: tuple[float, float] | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("READY"):
                self.ready.set()
            elif line.startswith("ACK "):
                self.acked.append(int(line.split()[1]))
            elif line.startswith("SPAN "):
                _, began, ended = line.split()
                self.span = (float(began), float(ended))

    def finish(self, timeout: float = 180) -> str:
        """Wait for the end; returns stderr."""
        err = self.process.stderr.read()
        self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return err


# -- hypothesis and the app -------------------------------------------------------------


def hostile_examples(examples: int):
    """Hypothesis settings for hostile input: `examples` × SCALE of them, the same ones
    every run (derandomized, no example database), fine with function-scoped tmp dirs."""
    from hypothesis import HealthCheck, settings

    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


async def until(pilot, condition, what: str, timeout: float = 20) -> None:
    """Let the app run until `condition()` holds; fail saying `what` after `timeout`."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.01)


async def settle_app(pilot) -> None:
    """Until every worker of the app has answered and its message has been handled (or
    the app, exiting, has cancelled them)."""
    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(50):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            return
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return
