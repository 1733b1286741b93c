"""The reliability figures: writers, check-ins per second, crashes survived, inputs tried.

Runs the reliability suite (tests/reliability) at a larger scale and prints what
its tests recorded: every figure here is something a test checked, not only
counted. With COMPOUND_RELIABILITY_SCALE=N the suite writes N times as many
check-ins per writer, kills N times as many processes and tries N times as many
hostile inputs.

Check-ins per second are reported as measured in that run, and as a ratio against
the floor measured in the same run: one writer alone, doing the same check-ins.
A ratio near 1 means four writers share the file without losing throughput to
lock waits (the machine's cores are the limit: a check-in is mostly Python).

    .venv/bin/python benchmarks/reliability.py [--scale 4] [--keep-output]

Needs the test extras (`pip install -e '.[test]'`). About 4 minutes at scale 4 on two
quiet cores, longer on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_suite(scale: int, figures: Path, keep_output: bool) -> tuple[int, str, float]:
    env = dict(
        os.environ, COMPOUND_RELIABILITY_SCALE=str(scale), COMPOUND_RELIABILITY_FIGURES=str(figures)
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/reliability"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if keep_output or done.returncode:
        print(done.stdout[-6000:], done.stderr[-3000:], sep="\n")
    summary = next((line for line in reversed(done.stdout.splitlines()) if " in " in line), "")
    return done.returncode, summary.strip("= "), elapsed


def report(values: dict[str, float]) -> None:
    crashes = {
        k.removeprefix("crashes survived: "): int(v)
        for k, v in values.items()
        if k.startswith("crashes survived: ")
    }
    inputs = {
        k.removeprefix("hostile inputs tried: "): int(v)
        for k, v in values.items()
        if k.startswith("hostile inputs tried: ")
    }
    one = values.get("check-ins per second, 1 writer", 0.0)
    four = values.get("check-ins per second, 4 writers", 0.0)
    print("\nReliability figures")
    print(f"  writers at once on one SQLite file    {int(values.get('writers', 0))}")
    print(
        f"  check-ins written concurrently        "
        f"{int(values.get('check-ins written concurrently', 0))} (none lost, no 'database is "
        "locked')"
    )
    print(f"  check-ins per second, 4 writers       {four:.1f}")
    print(f"  check-ins per second, 1 writer        {one:.1f}  (floor, same run)")
    if one:
        print(f"  ratio 4 writers / 1 writer            {four / one:.2f}")
    during = int(values.get("check-ins written while the app was open", 0))
    if during:
        print(
            f"  check-ins by {int(values.get('writers while the app was open', 0))} processes "
            f"with the app open  {during} (none lost; the app refreshed and logged "
            f"{int(values.get('check-ins logged in the app meanwhile', 0))} itself, "
            "showing no error)"
        )
    print(
        f"  consistent backups taken mid-write    "
        f"{int(values.get('consistent backups taken during writes', 0))}"
    )
    print(f"  crashes survived (SIGKILL)            {sum(crashes.values())}")
    for kind, count in sorted(crashes.items()):
        print(f"    {kind:<36}{count}")
    print(f"  hostile inputs tried                  {sum(inputs.values())}")
    for kind, count in sorted(inputs.items()):
        print(f"    {kind:<36}{count}")
    refused = int(values.get("command lines that exited 2", 0))
    accepted = int(values.get("command lines that exited 0", 0))
    print(
        f"    of the command lines: {refused} refused in one line, exit 2, nothing "
        f"changed; {accepted} valid, run"
    )
    refused = int(values.get("imported files that exited 2", 0))
    accepted = int(values.get("imported files that exited 0", 0))
    print(
        f"    of the imported files: {refused} refused in one line, exit 2, nothing "
        f"changed; {accepted} imported"
    )
    found = {
        k.rsplit(" ", 1)[1]: int(v)
        for k, v in values.items()
        if k.startswith("imports killed at random moments, found ")
    }
    if found:
        print(
            f"  imports killed at random moments      {sum(found.values())}: "
            f"{found.get('whole', 0)} found whole, {found.get('absent', 0)} found absent, "
            "none in between"
        )
    print("  classes of harm checked")
    for heading, rows in HARMS:
        present = [(label, values[key]) for key, label in rows if key in values]
        if not present:
            continue
        print(f"    {heading}")
        for label, value in present:
            print(f"      {label:<56}{int(value)}")
    # A figure a test records but no line above names is still reported.
    named = PRINTED | {key for _, rows in HARMS for key, _ in rows}
    rest = sorted(
        k
        for k in values
        if k not in named
        and not k.startswith(("crashes survived: ", "hostile inputs tried: "))
        and not k.startswith("imports killed at random moments, found ")
        and not k.startswith(("command lines that exited ", "imported files that exited "))
    )
    if rest:
        print("    other figures")
    for key in rest:
        print(f"      {key:<56}{int(values[key])}")


# The figures printed by name in `report` before the classes of harm.
PRINTED = {
    "writers",
    "check-ins written concurrently",
    "check-ins per second, 1 writer",
    "check-ins per second, 4 writers",
    "writers while the app was open",
    "check-ins written while the app was open",
    "check-ins logged in the app meanwhile",
    "consistent backups taken during writes",
}

# Each class of harm the suite tries, with the figures its tests record (key, label).
HARMS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "terminal-safe output",
        [
            (
                "hostile inputs tried: terminal outputs checked",
                "outputs with stored controls, none sent raw",
            )
        ],
    ),
    (
        "bounded work",
        [
            ("schedules finer than a day refused", "schedules finer than a day refused"),
            (
                "stored schedules finer than a day read as every day",
                "stored ones read as every day",
            ),
            ("hostile schedules tried", "generated schedules tried"),
            ("hostile schedules refused", "of them finer than a day or malformed, refused"),
            (
                "imports held to the command line's bounds",
                "imports held to the command line's bounds",
            ),
            ("KOReader days cut to one log's pages", "KOReader days cut to one log's pages"),
        ],
    ),
    (
        "special files and the calendar's ends",
        [
            ("special files refused", "special files refused in one line"),
            (
                "hostile inputs tried: commands at the calendar's ends",
                "commands run at the calendar's ends",
            ),
        ],
    ),
    (
        "races and the right place",
        [
            (
                "check-ins after a restore stored under their own profile",
                "check-ins after a restore, under their own profile",
            ),
            (
                "undos that took back the entry made last",
                "undos that took back the entry made last",
            ),
            ("look-alike names matched", "look-alike titles and profile names matched"),
        ],
    ),
    (
        "backups",
        [
            (
                "backup failures that left the check-in stored",
                "daily-backup failures: check-in stored, exit 0",
            ),
            (
                "copies kept aside in the same second, none replaced",
                "copies kept aside in the same second, none replaced",
            ),
            ("damaged schemas doctor reported", "dropped tables and columns doctor reported"),
        ],
    ),
    (
        "shared PostgreSQL insiders",
        [
            (
                "row-level security: writes to another profile refused",
                "writes to another member's profile refused",
            ),
            (
                "shared PostgreSQL insider attempts refused",
                "insider attempts refused (roles, ids, locks, raw text)",
            ),
        ],
    ),
]


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    options.add_argument(
        "--scale",
        type=int,
        default=4,
        help="how many times the suite's default amounts (default 4)",
    )
    options.add_argument("--keep-output", action="store_true", help="show pytest's output")
    args = options.parse_args()
    if args.scale < 1:
        options.error("--scale must be at least 1")
    with tempfile.TemporaryDirectory(prefix="compound-reliability-") as tmp:
        figures = Path(tmp) / "figures.json"
        print(
            f"Running tests/reliability at scale {args.scale} "
            f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores) ...",
            flush=True,
        )
        status, summary, elapsed = run_suite(args.scale, figures, args.keep_output)
        print(f"pytest: {summary or 'no summary'} ({elapsed:.0f} s wall)")
        if not figures.exists():
            print("no figures were recorded", file=sys.stderr)
            return 1
        report(json.loads(figures.read_text()))
    if status:
        print("FAIL: the reliability suite did not pass; the figures above are not valid")
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
