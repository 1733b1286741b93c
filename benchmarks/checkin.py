"""How much slower a check-in (`compound log 1`) is than the least any SQLModel program can do.

A check-in is what people do every day, so it should feel instant, and nearly
all of its cost is Python starting and importing SQLModel/SQLAlchemy. This
measures that cost as a ratio, not in milliseconds (shared machines are too noisy
for absolute numbers):

  subject  the installed console script, `compound log 1`, on an existing,
           migrated database with a year of history (built once through the
           store API before timing): parse, settings, open and check the schema,
           find the profile and the book being read, insert, report today.
  floor    a bare script on the same interpreter that imports sqlmodel, defines
           one small table, creates an engine on a SQLite file, runs create_all
           (a no-op after the first run) and inserts one row in a Session.

Both run as subprocesses, interleaved (warm-ups first), in a temporary HOME with
COMPOUND_TODAY=2026-11-22 and a private bytecode cache. Target: the ratio of
medians at most 1.25. Prints PASS or OVER; exits 0 unless --check is given.

    .venv/bin/python benchmarks/checkin.py [--rounds 20] [--warmup 3] [--check] [--explain]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import _harness as h

TARGET = 1.25

FLOOR = """\
import sys

from sqlmodel import Field, Session, SQLModel, create_engine


class Tick(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    pages: int


engine = create_engine(f"sqlite:///{sys.argv[1]}")
SQLModel.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Tick(pages=1))
    session.commit()
"""


def explain(subject: list[str], floor: list[str], env: dict[str, str], top: int = 15) -> None:
    """List the modules the check-in imports that the floor does not, heaviest first."""
    mine = h.import_times([h.python(), *subject], env)  # the console script is Python
    floors = h.import_times(floor, env)
    extra = sorted(
        ((own, name) for name, (own, _) in mine.items() if name not in floors), reverse=True
    )
    total = sum(own for own, _ in extra)
    print(
        f"\nImports beyond the floor's: {len(extra)} modules, {total / 1000:.1f} ms "
        "of their own import time (-X importtime, which inflates it); heaviest:"
    )
    for own, name in extra[:top]:
        print(f"  {own / 1000:6.1f} ms  {name}")


def main() -> int:
    parser = h.parser(__doc__, TARGET)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also list the imports the check-in pays for beyond the floor",
    )
    args = h.parse(parser)
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        db = workdir / "compound.db"
        history = h.build_history(db)
        env = h.isolated_env(workdir, db, as_is=args.as_is)
        floor_script = workdir / "floor_insert.py"
        floor_script.write_text(FLOOR, encoding="utf-8")

        subject = [str(h.compound_script()), "log", "1"]
        floor = [h.python(), str(floor_script), str(workdir / "floor.db")]
        print(f"Database: {h.describe(history)}.")
        print("Subject: compound log 1 ->", *h.run(subject, env).stdout.splitlines(), sep="\n    ")
        print("Floor:   python floor_insert.py (sqlmodel, one table, one insert)")
        bytecode = "inherited" if args.as_is else "private cache"
        print(
            f"Python {sys.version.split()[0]}, bytecode: {bytecode}; "
            f"{args.warmup} warm-up pairs, then {args.rounds} rounds ...",
            flush=True,
        )

        subject_times, floor_times = h.interleave(
            subject, floor, env, warmup=args.warmup, rounds=args.rounds
        )
        status = h.report(
            "check-in (compound log 1 / sqlmodel insert)",
            "compound log 1",
            "floor",
            subject_times,
            floor_times,
            target=args.target,
            check=args.check,
        )
        if args.explain:
            explain(subject, floor, env)
    return status


if __name__ == "__main__":
    sys.exit(main())
