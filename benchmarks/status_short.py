"""How much slower `compound status --short` is than reading the database with sqlite3 alone.

`compound status --short` may run in a shell prompt, before every prompt, so it
must cost little more than Python starting and asking SQLite one question. On
an up-to-date SQLite file it reads through the stdlib sqlite3 module and must
never import SQLModel, SQLAlchemy, pydantic, Alembic, Textual or plotext. This
measures its cost as a ratio against a floor timed in the same run:

  subject  the installed console script, `compound status --short`, on a
           migrated database with a year of history (built once through the
           store API before timing).
  floor    `python -c` on the same interpreter: open the same file read-only
           (file:...?mode=ro), run one aggregate query
           (SELECT day, SUM(pages) FROM reading_log GROUP BY day), print the rows.

Both run as subprocesses, interleaved (warm-ups first), in a temporary HOME with
COMPOUND_TODAY=2026-11-22 and a private bytecode cache. Target: the ratio of
medians at most 4. The same is timed on a second copy of the database whose goal
holds a hostile schedule as an older compound's import stored it (FREQ=SECONDLY
from the year's first day: 31 million occurrences, had it been expanded), against
the floor on that copy: it must stay within the same target. It also runs the
console script under `python -X importtime` and reports whether any heavy package
was imported. Prints PASS or OVER for each; exits 0 unless --check is given, then 1
when any is over.

    .venv/bin/python benchmarks/status_short.py [--rounds 20] [--warmup 3] [--check]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import _harness as h

TARGET = 4.0

# Packages the light path must not load (the top-level name of each import).
FORBIDDEN = (
    "sqlmodel",
    "sqlalchemy",
    "pydantic",
    "pydantic_core",
    "alembic",
    "textual",
    "textual_plotext",
    "plotext",
    "dateutil",
)

# What an older compound took into a goal from an imported file; compound now refuses
# it wherever a goal comes in, and reads a stored one as every day.
HOSTILE_SCHEDULE = "FREQ=SECONDLY"

FLOOR = """\
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], uri=True)
for day, pages in con.execute("SELECT day, SUM(pages) FROM reading_log GROUP BY day"):
    print(day, pages)
con.close()
"""


def check_imports(env: dict[str, str], top: int = 8) -> bool:
    """Print what `status --short` imports, heaviest first; True when no heavy package is."""
    found = h.import_times([h.python(), str(h.compound_script()), "status", "--short"], env)
    own = sum(micros for micros, _ in found.values())
    ours = sum(micros for name, (micros, _) in found.items() if name.startswith("compound"))
    print(
        f"\nImports of `python -X importtime compound status --short`: {len(found)} modules, "
        f"{own / 1000:.1f} ms of own import time ({ours / 1000:.1f} ms in compound; "
        "importtime inflates both); heaviest:"
    )
    for micros, name in sorted(((m, n) for n, (m, _) in found.items()), reverse=True)[:top]:
        print(f"  {micros / 1000:6.1f} ms  {name}")
    loaded = sorted({name.split(".")[0] for name in found} & set(FORBIDDEN))
    if loaded:
        print(f"OVER: status --short imported {', '.join(loaded)}")
        return False
    print(f"PASS: status --short imported none of {', '.join(FORBIDDEN)}")
    return True


def with_hostile_schedule(db: Path, copy: Path) -> None:
    """`copy`: the database `db` with its goal's schedule made HOSTILE_SCHEDULE."""
    import shutil
    import sqlite3

    shutil.copy(db, copy)
    con = sqlite3.connect(copy)
    try:
        with con:
            con.execute("UPDATE goal SET schedule = ?", (HOSTILE_SCHEDULE,))
    finally:
        con.close()


def timed_pair(db: Path, env: dict[str, str], args, title: str) -> int:
    """Time `status --short` against the floor on `db`; the report's exit status."""
    subject = [str(h.compound_script()), "status", "--short"]
    floor = [h.python(), "-c", FLOOR, f"{db.resolve().as_uri()}?mode=ro"]
    subject_times, floor_times = h.interleave(
        subject, floor, env, warmup=args.warmup, rounds=args.rounds
    )
    return h.report(
        title,
        "compound status --short",
        "floor",
        subject_times,
        floor_times,
        target=args.target,
        check=args.check,
    )


def main() -> int:
    args = h.parse(h.parser(__doc__, TARGET))
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        db = workdir / "compound.db"
        history = h.build_history(db)
        env = h.isolated_env(workdir, db, as_is=args.as_is)

        subject = [str(h.compound_script()), "status", "--short"]
        floor = [h.python(), "-c", FLOOR, f"{db.resolve().as_uri()}?mode=ro"]
        print(f"Database: {h.describe(history)}.")
        print(f"Subject: compound status --short -> {h.run(subject, env).stdout.strip()}")
        rows = h.run(floor, env).stdout.count("\n")
        print(f"Floor:   python -c (sqlite3, read-only, one GROUP BY) -> {rows} rows")
        bytecode = "inherited" if args.as_is else "private cache"
        print(
            f"Python {sys.version.split()[0]}, bytecode: {bytecode}; "
            f"{args.warmup} warm-up pairs, then {args.rounds} rounds ...",
            flush=True,
        )

        status = timed_pair(db, env, args, "status --short (compound / sqlite3 query)")
        clean = check_imports(env)

        hostile = workdir / "hostile.db"
        with_hostile_schedule(db, hostile)
        hostile_env = h.isolated_env(workdir, hostile, as_is=args.as_is)
        print(
            f"\nThe same database, its goal's schedule {HOSTILE_SCHEDULE} (as an older "
            f"import stored it): {h.run(subject, hostile_env).stdout.strip()}",
            flush=True,
        )
        status |= timed_pair(
            hostile, hostile_env, args, "status --short, hostile schedule (compound / sqlite3)"
        )
    return 1 if args.check and not clean else status


if __name__ == "__main__":
    sys.exit(main())
