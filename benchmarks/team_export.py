"""Team export over 1,000 members x 5 years, against only fetching the per-day totals.

    .venv/bin/python benchmarks/team_export.py [--members 1000] [--years 5]
        [--rounds 3] [--warmup 1] [--postgres URL | --no-postgres] [--check]

The database (built once, in one transaction: executemany on SQLite, COPY on
PostgreSQL): each member reads on about four days in five (~1.46 million
reading logs at full size) and holds a learning session on one day in ten, a
daily-pages goal raised once, a few skip days a year and a finished book every
two weeks or so.

Each command runs in its own child process, so its peak memory (maxrss, from
os.wait4) is its own; the rounds interleave, flipping which goes first:
- floor: python with the sqlite3 module (psycopg on PostgreSQL) running the one
  grouped query of per-member per-day totals and fetching every row;
- subject: `python -m compound team export --format json -o FILE`, the whole
  command: start, open, query, build every member's streaks and the team's,
  write the file.
Targets: ratio of medians <= 2 on SQLite, peak memory < 300 MB.
PostgreSQL's figures are reported the same way; it is skipped with a note when
no server answers.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _harness  # noqa: E402

TODAY = _harness.TODAY
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
MEMORY_TARGET_MB = 300

# The query compound runs (store/team.py PER_DAY_TOTALS), as the drivers take it.
TOTALS_SQL = """
SELECT profile_id, day, SUM(pages), SUM(sessions), SUM(minutes) FROM (
    SELECT profile_id, day, pages, 0 AS sessions, 0 AS minutes
    FROM reading_log WHERE day <= ?
    UNION ALL
    SELECT profile_id, day, 0, 1, minutes FROM learning_session WHERE day <= ?
) AS entries GROUP BY profile_id, day ORDER BY profile_id, day
"""

SQLITE_FLOOR = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
count = 0
for row in connection.execute(sys.argv[2], (sys.argv[3], sys.argv[3])):
    count += 1
print(count)
"""

POSTGRES_FLOOR = """
import psycopg, sys
with psycopg.connect(sys.argv[1]) as connection:
    count = 0
    for row in connection.execute(sys.argv[2], (sys.argv[3], sys.argv[3])):
        count += 1
print(count)
"""


# -- the data ---------------------------------------------------------------------------


def rows(members: int, years: int, seed: int = 2026):
    """Every table's rows as tuples, for the profiles 2..members+1 (1 is "default")."""
    rng = random.Random(seed)
    first = TODAY - timedelta(days=365 * years)
    span = (TODAY - first).days + 1
    created = "2026-01-01 00:00:00.000000"
    days = [(first + timedelta(days=offset)).isoformat() for offset in range(span)]
    profiles, goals, skips, books, logs, sessions = [], [], [], [], [], []
    book_id = 0
    for member in range(members):
        pid = member + 2
        profiles.append((pid, f"member-{member:04d}", created))
        goals.append((pid, "daily-pages", 20, None, days[0]))
        goals.append((pid, "daily-pages", 25, None, days[span // 2]))
        for day in days:
            roll = rng.random()
            if roll < 0.8:
                logs.append((pid, day, rng.randint(5, 60), 0, created))
            elif roll < 0.81:
                skips.append((pid, day, None))
            if rng.random() < 0.1:
                sessions.append((pid, day, rng.randint(15, 90), "course", created))
        for day in days[rng.randint(0, 13) :: 14]:
            book_id += 1
            books.append(
                (book_id, pid, f"Book {book_id}", 300, "finished", day, day, "manual", created)
            )
    return {
        "profile": profiles,
        "goal": goals,
        "skip": skips,
        "book": books,
        "reading_log": logs,
        "learning_session": sessions,
    }


COLUMNS = {
    "profile": "id, name, created_at",
    "goal": "profile_id, kind, target, schedule, since",
    "skip": "profile_id, day, reason",
    "book": (
        "id, profile_id, title, total_pages, status, started_on, finished_on, source, created_at"
    ),
    "reading_log": "profile_id, day, pages, started_book, created_at",
    "learning_session": "profile_id, day, minutes, kind, created_at",
}


def build_sqlite(db: Path, data: dict[str, list]) -> None:
    from compound.store.repository import Store

    Store.open(f"sqlite:///{db}").close()  # the schema at head, and the default profile
    connection = sqlite3.connect(db)
    with connection:
        for table, columns in COLUMNS.items():
            marks = ", ".join("?" * len(columns.split(",")))
            connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", data[table])
    connection.execute("ANALYZE")
    connection.close()


def _libpq(url: str) -> str:
    """A SQLAlchemy URL as libpq takes it (postgresql+psycopg:// -> postgresql://)."""
    return "postgresql://" + url.split("://", 1)[1]


def build_postgres(url: str, data: dict[str, list]) -> None:
    import psycopg

    from compound.store.repository import Store

    Store.open(url).close()
    with psycopg.connect(_libpq(url)) as connection:
        for table, columns in COLUMNS.items():
            with connection.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in data[table]:
                    copy.write_row(row)
        for table in ("book", "reading_log", "learning_session"):
            # Ids were given; the sequences must follow them for later inserts.
            connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        connection.execute(
            "SELECT setval(pg_get_serial_sequence('profile', 'id'), (SELECT MAX(id) FROM profile))"
        )
    with psycopg.connect(_libpq(url), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


# -- timing -----------------------------------------------------------------------------


def run_pair(
    subject: list[str], floor: list[str], env: dict[str, str], rounds: int, warmup: int
) -> dict[str, list[float]]:
    figures = {f"{name}{part}": [] for name in ("subject", "floor") for part in ("", "_mb", "_cpu")}
    for _ in range(warmup):
        _harness.measured_child(subject, env), _harness.measured_child(floor, env)
    for index in range(rounds):
        order = [("subject", subject), ("floor", floor)]
        for name, command in order if index % 2 == 0 else reversed(order):
            seconds, megabytes, cpu = _harness.measured_child(command, env)
            figures[name].append(seconds)
            figures[f"{name}_mb"].append(megabytes)
            figures[f"{name}_cpu"].append(cpu)
    return figures


def summarise(backend: str, figures: dict[str, list[float]], target: float) -> bool:
    subject, floor = statistics.median(figures["subject"]), statistics.median(figures["floor"])
    peak, floor_peak = max(figures["subject_mb"]), max(figures["floor_mb"])
    cpu, floor_cpu = (
        statistics.median(figures["subject_cpu"]),
        statistics.median(figures["floor_cpu"]),
    )
    ratio = subject / floor
    ok = ratio <= target and peak < MEMORY_TARGET_MB
    print(f"\n{backend}: {len(figures['subject'])} interleaved rounds")
    print(
        f"  team export (json, whole command)   median {subject:6.2f} s   "
        f"CPU {cpu:6.2f} s   peak {peak:5.0f} MB"
    )
    print(
        f"  floor: fetch the per-day totals     median {floor:6.2f} s   "
        f"CPU {floor_cpu:6.2f} s   peak {floor_peak:5.0f} MB"
    )
    note = "" if backend == "SQLite" else " (the clients' only: the server's work is not in it)"
    print(
        f"  ratio of medians {ratio:.2f} (target <= {target:g}); CPU time ratio "
        f"{cpu / floor_cpu:.2f}{note}; peak memory {peak:.0f} MB "
        f"(target < {MEMORY_TARGET_MB})"
    )
    print(f"{'PASS' if ok else 'OVER'}: {backend} team export")
    return ok


def build(args) -> None:
    """The child that makes the data (so the timing parent stays small: a child's
    maxrss starts from its parent's size at the fork)."""
    started = time.perf_counter()
    data = rows(args.members, args.years)
    made = time.perf_counter() - started
    started = time.perf_counter()
    if args.build == "sqlite":
        build_sqlite(Path(args.target), data)
        where = f"SQLite file ({Path(args.target).stat().st_size / 2**20:.0f} MB)"
    else:
        build_postgres(args.target, data)
        where = "PostgreSQL schema (COPY)"
    print(
        f"{args.members:,} members x {args.years} years: {len(data['reading_log']):,} "
        f"reading logs, {len(data['learning_session']):,} learning sessions, "
        f"{len(data['skip']):,} skip days, {len(data['book']):,} finished books; generated "
        f"in {made:.1f} s, {where} built in {time.perf_counter() - started:.1f} s"
    )


def main() -> int:
    options = _harness.parser(__doc__, target=2.0)
    options.set_defaults(rounds=3, warmup=1)
    options.add_argument("--members", type=int, default=1000)
    options.add_argument("--years", type=int, default=5)
    options.add_argument(
        "--postgres",
        default=os.environ.get("COMPOUND_TEST_DATABASE_URL", DEFAULT_PG),
        help=f"the PostgreSQL server to use (default {DEFAULT_PG})",
    )
    options.add_argument("--no-postgres", action="store_true", help="SQLite only")
    options.add_argument("--build", choices=("sqlite", "postgres"), help=argparse.SUPPRESS)
    options.add_argument("--target-db", dest="target", help=argparse.SUPPRESS)
    args = _harness.parse(options)
    if args.build:
        build(args)
        return 0

    def make(kind: str, target: str) -> None:
        subprocess.run(
            [
                _harness.python(),
                __file__,
                "--build",
                kind,
                "--target-db",
                target,
                "--members",
                str(args.members),
                "--years",
                str(args.years),
            ],
            check=True,
        )

    passed = True
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        db = workdir / "team.db"
        make("sqlite", str(db))
        env = _harness.isolated_env(workdir, db, as_is=args.as_is)
        env["COMPOUND_DAILY_BACKUPS"] = "0"  # a read must not be timed with a file copy
        subject = [
            _harness.python(),
            "-m",
            "compound",
            "team",
            "export",
            "--format",
            "json",
            "-o",
            str(workdir / "team.json"),
        ]
        floor = [_harness.python(), "-c", SQLITE_FLOOR, str(db), TOTALS_SQL, TODAY.isoformat()]
        passed &= summarise(
            "SQLite", run_pair(subject, floor, env, args.rounds, args.warmup), args.target
        )
        if not args.no_postgres:
            passed &= _postgres(args, make, env, subject)
    return 1 if args.check and not passed else 0


def _postgres(args, make, env: dict[str, str], subject: list[str]) -> bool:
    import psycopg

    schema = f"bench_team_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(_libpq(args.postgres), autocommit=True)
    except Exception as exc:  # noqa: BLE001 — no server: say so and carry on
        print(f"\nPostgreSQL: skipped, no server at {args.postgres} ({type(exc).__name__})")
        return True
    admin.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in args.postgres else "?"
    url = f"{args.postgres}{separator}options=-csearch_path%3D{schema}"
    try:
        print()
        make("postgres", url)
        pg_env = dict(env)
        pg_env.pop("COMPOUND_DB")
        pg_env["COMPOUND_DATABASE_URL"] = url
        floor = [
            _harness.python(),
            "-c",
            POSTGRES_FLOOR,
            _libpq(url),
            TOTALS_SQL.replace("?", "%s"),
            TODAY.isoformat(),
        ]
        return summarise(
            "PostgreSQL", run_pair(subject, floor, pg_env, args.rounds, args.warmup), args.target
        )
    finally:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
