"""KOReader import of years of page turns, against only reading them with sqlite3.

    .venv/bin/python benchmarks/koreader_import.py [--books 20] [--days 1000]
        [--pages-a-day 30] [--rounds 5] [--warmup 1]

The file: a statistics.sqlite3 as KOReader keeps it, `--books` books each read on
`--days` days, `--pages-a-day` page turns a day (600,000 page reads by default, as
much as a heavy reader's e-reader gathers in years).

Each command runs in its own child process, so its peak memory (maxrss) is its own;
the rounds interleave, flipping which goes first:
- floor: python with the sqlite3 module running the importer's query of every page
  read (in the importer's order) and stepping through the rows;
- subject: `python -m compound import koreader FILE` into an empty database, the
  whole command: start, read and check every page read, turn them into pages and
  minutes per book and logical day, keep the page reads, write, commit;
- again: the same import once more into that database (nothing new: the page reads
  kept are compared with the file's, every day found already there).
Target: the import within 3x the floor (ratio of medians); it reports both ratios
and every peak.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _harness  # noqa: E402

# The generator the reliability tests use for their large KOReader files.
sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "reliability"))
import large_exports  # noqa: E402

FLOOR = """
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
count = 0
for _ in con.execute("SELECT id_book, page, start_time, duration, total_pages "
                     "FROM page_stat_data ORDER BY id_book, start_time, page"):
    count += 1
print(count)
"""


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    options.add_argument("--books", type=int, default=20)
    options.add_argument("--days", type=int, default=1000)
    options.add_argument("--pages-a-day", type=int, default=30)
    options.add_argument("--rounds", type=int, default=5)
    options.add_argument("--warmup", type=int, default=1)
    options.add_argument("--as-is", action="store_true", help="keep the caller's bytecode settings")
    options.add_argument("--build", metavar="PATH", help=argparse.SUPPRESS)
    args = _harness.parse(options)
    if args.build:
        large_exports.write_koreader(Path(args.build), args.books, args.days, args.pages_a_day)
        return 0

    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        stats = workdir / "statistics.sqlite3"
        # Made by a child: a child's maxrss starts from its parent's size at the fork,
        # so the timing parent stays small.
        _harness.run(
            [
                _harness.python(),
                __file__,
                "--build",
                str(stats),
                "--books",
                str(args.books),
                "--days",
                str(args.days),
                "--pages-a-day",
                str(args.pages_a_day),
            ],
            dict(os.environ),
        )
        turns = args.books * args.days * args.pages_a_day
        print(
            f"KOReader statistics of {turns:,} page reads ({args.books} books on "
            f"{args.days:,} days), {stats.stat().st_size / 2**20:.0f} MB"
        )
        figures: dict[str, list[float]] = {
            name: [] for name in ("subject", "subject_mb", "floor", "floor_mb", "again", "again_mb")
        }
        for index in range(args.warmup + args.rounds):
            db = workdir / f"round-{index}.db"
            env = _harness.isolated_env(workdir, db, as_is=args.as_is)
            runs = [
                (
                    "subject",
                    [_harness.python(), "-m", "compound", "import", "koreader", str(stats)],
                ),
                ("floor", [_harness.python(), "-c", FLOOR, str(stats)]),
            ]
            # The second import needs the first's database: it runs last.
            again = ("again", runs[0][1])
            for name, command in [*(runs if index % 2 == 0 else reversed(runs)), again]:
                seconds, megabytes, _cpu = _harness.measured_child(command, env)
                if index >= args.warmup:
                    figures[name].append(seconds)
                    figures[f"{name}_mb"].append(megabytes)

    subject, floor = statistics.median(figures["subject"]), statistics.median(figures["floor"])
    print(f"\nkoreader import: {args.rounds} interleaved rounds")
    print(
        f"  import (whole command)        median {subject:6.2f} s   "
        f"peak {max(figures['subject_mb']):5.0f} MB"
    )
    print(
        f"  floor: read the page reads    median {floor:6.2f} s   "
        f"peak {max(figures['floor_mb']):5.0f} MB"
    )
    again = statistics.median(figures["again"])
    print(
        f"  the same file again           median {again:6.2f} s   "
        f"peak {max(figures['again_mb']):5.0f} MB"
    )
    print(f"  ratio of medians {subject / floor:.2f} (target 3); again {again / floor:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
