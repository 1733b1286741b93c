"""Shared machinery for the benchmarks: an isolated environment, a realistic
database, interleaved timing of a subject against a floor, and the report.

Every figure is a ratio against a floor measured in the same run, never an
absolute time: the machines are shared and noisy, and a ratio of two commands
timed side by side cancels most of that noise (a slow moment slows both).

Standard library only, plus the project itself (for building the database).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from compound.domain.imports import ImportBatch, ImportSummary

T = TypeVar("T")

# What sqlite_floor writes: (INSERT statement, its rows), one a table, in order.
Inserts = Sequence[tuple[str, Sequence[Sequence[object]]]]

TODAY = date(2026, 11, 22)

# Settings a developer may have exported that would change what is measured.
_DROPPED_VARIABLES = (
    "COMPOUND_DB",
    "COMPOUND_DATABASE_URL",
    "COMPOUND_CONFIG",
    "COMPOUND_DAY_STARTS_AT",
    "COMPOUND_TIMEZONE",
    "PYTHONPROFILEIMPORTTIME",
)
_BYTECODE_VARIABLES = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")


def python() -> str:
    """The interpreter running this script: the floors run on it too."""
    return sys.executable


def compound_script() -> Path:
    """The installed console script beside the interpreter (what a user runs)."""
    script = Path(sys.executable).parent / "compound"
    if not script.exists():
        sys.exit(
            f"no console script at {script}: run this with the project's venv, "
            "e.g. .venv/bin/python benchmarks/checkin.py"
        )
    return script


def isolated_env(workdir: Path, db: Path, *, as_is: bool = False) -> dict[str, str]:
    """The environment every timed command runs in: nothing touches real user files.

    Bytecode goes to a private cache under `workdir` (PYTHONPYCACHEPREFIX), so the
    project's modules are timed as an installed wheel runs them, compiled once,
    even where PYTHONDONTWRITEBYTECODE is set, and no __pycache__ lands in src/.
    With `as_is`, the caller's bytecode settings are kept instead.
    """
    env = dict(os.environ)
    for name in _DROPPED_VARIABLES + (() if as_is else _BYTECODE_VARIABLES):
        env.pop(name, None)
    home = workdir / "home"
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "COMPOUND_TODAY": TODAY.isoformat(),
            "COMPOUND_DB": str(db),
        }
    )
    if not as_is:
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


# -- the database ---------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    days_logged: int
    pages: int
    books_finished: int
    sessions: int


SHELF = (
    ("The Pragmatic Programmer", "Andrew Hunt", 352),
    ("Thinking, Fast and Slow", "Daniel Kahneman", 499),
    ("Designing Data-Intensive Applications", "Martin Kleppmann", 616),
    ("The Left Hand of Darkness", "Ursula K. Le Guin", 304),
    ("Gödel, Escher, Bach", "Douglas Hofstadter", 777),
    ("Sapiens", "Yuval Noah Harari", 443),
    ("The Name of the Rose", "Umberto Eco", 536),
    ("Structure and Interpretation of Computer Programs", "Harold Abelson", 657),
    ("Middlemarch", "George Eliot", 880),
    ("Anna Karenina", "Leo Tolstoy", 864),
    ("Dune", "Frank Herbert", 617),
    ("The Brothers Karamazov", "Fyodor Dostoevsky", 796),
    ("Code Complete", "Steve McConnell", 960),
    ("Infinite Jest", "David Foster Wallace", 1079),
    ("War and Peace", "Leo Tolstoy", 1225),
)

# Pages the book being read keeps free for the benchmark's own `compound log 1` runs.
_ROOM = 150


def build_history(db: Path, *, seed: int = 2026) -> History:
    """A year of check-ins up to today, built once through the store API.

    366 days up to TODAY with a log on about nine days in ten (8 to 45 pages;
    25 today), each in the book being read: the shelf is read in order, so a
    dozen books are finished and one is being read, which `compound log 1` then
    logs to. Plus a learning session every Saturday and a 30-pages-a-day goal,
    met on each of the 12 days before today (13 days ago was missed): the
    status line reads "📚 25/30 p · ⏳ 12" before the first `compound log 1`.
    """
    from compound.domain.records import GoalKind, SessionKind
    from compound.store.repository import Store

    rng = random.Random(seed)
    start = TODAY - timedelta(days=365)
    store = Store.open(f"sqlite:///{db}")
    try:
        store.set_goal(GoalKind.DAILY_PAGES, 30, since=start)
        ids = [
            store.add_book(title, author=author, total_pages=total).id
            for title, author, total in SHELF
        ]
        current = read = logged = pages = sessions = 0
        for offset in range(366):
            day = start + timedelta(days=offset)
            recent = (TODAY - day).days
            if recent == 13 or (recent > 13 and rng.random() < 0.1):
                continue
            # The goal is met on each of the 12 days before today; today is at 25 of 30.
            amount = (
                25 if recent == 0 else rng.randint(30, 45) if recent < 13 else rng.randint(8, 45)
            )
            left = SHELF[current][2] - read
            # Finish a book exactly; never fill the last one (the benchmark logs to it).
            amount = min(amount, left - _ROOM if current == len(SHELF) - 1 else left)
            if amount > 0:
                store.log_pages(
                    day=day,
                    pages=amount,
                    book=str(ids[current]),
                    minutes=rng.choice((None, 20, 30, 45)),
                )
                logged, pages, read = logged + 1, pages + amount, read + amount
                if read == SHELF[current][2]:
                    current, read = current + 1, 0
            if day.weekday() == 5:
                store.log_session(
                    day=day,
                    minutes=rng.choice((30, 45, 60, 90)),
                    kind=SessionKind.COURSE,
                    topic="Distributed systems",
                )
                sessions += 1
        if read == 0:  # a book was finished today: start the next one
            store.log_pages(day=TODAY, pages=1, book=str(ids[current]))
    finally:
        store.close()
    return History(days_logged=logged, pages=pages, books_finished=current, sessions=sessions)


def describe(history: History) -> str:
    return (
        f"{history.days_logged} days logged over a year, {history.pages} pages, "
        f"{history.books_finished} books finished and one being read, "
        f"{history.sessions} learning sessions"
    )


# -- timing ---------------------------------------------------------------------------


def run(command: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a command to the end; a failure stops the benchmark, showing its stderr."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stderr}")
    return done


def _timed(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    run(command, env)
    return time.perf_counter() - started


def interleave(
    subject: Sequence[str], floor: Sequence[str], env: dict[str, str], *, warmup: int, rounds: int
) -> tuple[list[float], list[float]]:
    """Time both commands `rounds` times each, alternating, after `warmup` untimed pairs.

    The order flips every round (subject first, then floor first) so neither
    always runs right after the other with the caches it left.
    """
    for _ in range(warmup):
        run(subject, env)
        run(floor, env)
    subject_times, floor_times = [], []
    for index in range(rounds):
        if index % 2 == 0:
            subject_times.append(_timed(subject, env))
            floor_times.append(_timed(floor, env))
        else:
            floor_times.append(_timed(floor, env))
            subject_times.append(_timed(subject, env))
    return subject_times, floor_times


def median_p90_ms(times: Sequence[float]) -> tuple[float, float]:
    p90 = statistics.quantiles(times, n=10, method="inclusive")[-1] if len(times) > 1 else times[0]
    return statistics.median(times) * 1000, p90 * 1000


# -- imports timed in process --------------------------------------------------------


def empty_database(path: Path) -> Path:
    """A database at `path` whose schema is at head, with the default profile: each
    round copies it, so no round pays for creating the schema."""
    from compound.store.repository import Store

    Store.open(f"sqlite:///{path}").close()
    return path


def csv_dicts(path: Path) -> list[dict[str, str]]:
    """The file read with Python's csv module, one dict per row: the least any reader of
    a CSV export does."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sqlite_floor(
    template: Path,
    db: Path,
    parse: Callable[[], T],
    inserts: Inserts,
) -> tuple[float, T]:
    """Seconds for `parse()` plus SQLite writing the rows with the sqlite3 module alone,
    and what `parse()` returned: the least any import of the file must do.

    `db` is a fresh copy of `template`, connected before the clock starts; timed are
    `parse()`, then BEGIN IMMEDIATE, one executemany per (sql, rows) in `inserts`,
    COMMIT.
    """
    shutil.copy(template, db)
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    try:
        started = time.perf_counter()
        parsed = parse()
        connection.execute("BEGIN IMMEDIATE")
        for sql, rows in inserts:
            connection.executemany(sql, rows)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
    finally:
        connection.close()
    return elapsed, parsed


def import_round(
    template: Path, db: Path, make_batch: Callable[[], ImportBatch]
) -> tuple[float, ImportSummary]:
    """Seconds for `store.import_batch(make_batch())`, and its summary: an import
    without the process around it, the file read and checked, then applied in one
    transaction and committed.

    `db` is a fresh copy of `template`, opened with the Store before the clock starts.
    """
    from compound.store.repository import Store

    shutil.copy(template, db)
    store = Store.open(f"sqlite:///{db}")
    try:
        started = time.perf_counter()
        summary = store.import_batch(make_batch())
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    return elapsed, summary


def in_turns(*steps: Callable[[int], float], warmup: int, rounds: int) -> list[list[float]]:
    """Each step's own timings, one list a step in the order given: `rounds` each,
    taken in turns after `warmup` untimed turns.

    A step is given its round (-1, -2, … in the warmup, so each may name its own
    fresh files) and returns the seconds it timed itself. The order flips every round
    (as given, then reversed) so no step always runs right after the same other one
    with the caches it left (as `interleave` does for commands).
    """
    for index in range(warmup):
        for step in steps:
            step(-1 - index)
    times: list[list[float]] = [[] for _ in steps]
    for index in range(rounds):
        turns = list(zip(times, steps, strict=True))
        for timed, step in turns if index % 2 == 0 else reversed(turns):
            timed.append(step(index))
    return times


# -- the command line and the report ----------------------------------------------------


def parser(description: str, target: float) -> argparse.ArgumentParser:
    """The options every benchmark takes; a script may add its own before parse()."""
    options = argparse.ArgumentParser(description=description.strip().splitlines()[0])
    options.add_argument(
        "--rounds",
        type=int,
        default=20,
        help="timed runs of each command, interleaved (default 20)",
    )
    options.add_argument(
        "--warmup", type=int, default=3, help="untimed runs of each first (default 3)"
    )
    options.add_argument(
        "--target",
        type=float,
        default=target,
        help=f"the highest acceptable ratio of medians (default {target:g})",
    )
    options.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when the ratio is over the target (default: always 0)",
    )
    options.add_argument(
        "--as-is",
        action="store_true",
        help="keep the caller's bytecode settings (e.g. PYTHONDONTWRITEBYTECODE) "
        "instead of a private bytecode cache",
    )
    return options


def parse(parser: argparse.ArgumentParser) -> argparse.Namespace:
    args = parser.parse_args()
    if args.rounds < 2 or args.warmup < 0:
        parser.error("--rounds must be at least 2 and --warmup at least 0")
    return args


def report(
    title: str,
    subject_label: str,
    floor_label: str,
    subject: Sequence[float],
    floor: Sequence[float],
    *,
    target: float,
    check: bool,
) -> int:
    """Print medians, p90s and the ratio; the exit status (1 only when over with --check)."""
    s_median, s_p90 = median_p90_ms(subject)
    f_median, f_p90 = median_p90_ms(floor)
    ratio = s_median / f_median
    width = max(len(subject_label), len(floor_label))
    print(f"\n{title}: {len(subject)} interleaved rounds")
    print(f"  {'':<{width}}  {'median':>9}  {'p90':>9}")
    print(f"  {subject_label:<{width}}  {s_median:>6.1f} ms  {s_p90:>6.1f} ms")
    print(f"  {floor_label:<{width}}  {f_median:>6.1f} ms  {f_p90:>6.1f} ms")
    print(
        f"  ratio of medians {ratio:.2f} (p90s {s_p90 / f_p90:.2f}); "
        f"extra over the floor {s_median - f_median:+.1f} ms"
    )
    verdict = "PASS" if ratio <= target else "OVER"
    print(
        f"{verdict}: {title} ratio {ratio:.2f} {'<=' if ratio <= target else '>'} target {target:g}"
    )
    return 1 if check and verdict == "OVER" else 0


def measured_child(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds, peak resident MB, CPU seconds) of one run of `command` in its own process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 reaps the child and returns its own resource usage, maxrss in KiB.
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"{' '.join(command[:6])}… failed ({child.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def import_times(command: Sequence[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Modules imported by `command` (the interpreter, then its arguments):
    name -> (self µs, cumulative µs), from -X importtime."""
    done = run([command[0], "-X", "importtime", *command[1:]], env)
    found: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, cumulative, name = (
            part.strip() for part in line.removeprefix("import time:").split("|")
        )
        if own.isdigit():
            found.setdefault(name, (int(own), int(cumulative)))
    return found
