"""How much slower `compound remind check` is on a met day than `compound status --short`.

A scheduler runs `remind check` at the reminder's time every day it is set for; on a
day already met it must do nothing, quickly: read today's figures through the same
light path as the shell prompt (sqlite3, no SQLModel) and stop. This measures its cost
as a ratio against `status --short` timed in the same run:

  subject  the installed console script, `compound remind check`, on a migrated
           database with a year of history whose today is met (the benchmark's usual
           database, with 5 more pages logged today: 30 of 30).
  floor    `compound status --short` on the same database.

Both run as subprocesses, interleaved (warm-ups first), in a temporary HOME with
COMPOUND_TODAY=2026-11-22, a private bytecode cache and a PATH holding no notifier
(so an unexpected reminder would show as a line in the error log, which is checked).
Target: the ratio of medians at most 1.5. It also runs the subject under `python -X
importtime` and reports whether any heavy package was imported. Prints PASS or OVER;
exits 0 unless --check is given, then 1 when over.

    .venv/bin/python benchmarks/remind_check.py [--rounds 20] [--warmup 3] [--check]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import _harness as h
from status_short import FORBIDDEN

TARGET = 1.5


def main() -> int:
    args = h.parse(h.parser(__doc__, TARGET))
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        db = workdir / "compound.db"
        history = h.build_history(db)
        env = h.isolated_env(workdir, db, as_is=args.as_is)
        empty = workdir / "bin"
        empty.mkdir()
        env["PATH"] = str(empty)  # no notify-send, no gdbus: nothing pops up while timing

        script = str(h.compound_script())
        h.run([script, "log", "5"], env)  # today: 30 of 30, met
        subject = [script, "remind", "check"]
        floor = [script, "status", "--short"]
        print(f"Database: {h.describe(history)}, today met.")
        print(f"Floor:   compound status --short -> {h.run(floor, env).stdout.strip()}")
        said = h.run(subject, env)
        print(f"Subject: compound remind check -> exit 0, {len(said.stdout + said.stderr)} chars")
        print(
            f"Python {sys.version.split()[0]}; {args.warmup} warm-up pairs, "
            f"then {args.rounds} rounds ...",
            flush=True,
        )
        subject_times, floor_times = h.interleave(
            subject, floor, env, warmup=args.warmup, rounds=args.rounds
        )
        status = h.report(
            "remind check on a met day (compound remind check / status --short)",
            "compound remind check",
            "compound status --short",
            subject_times,
            floor_times,
            target=args.target,
            check=args.check,
        )

        found = h.import_times([h.python(), script, "remind", "check"], env)
        loaded = sorted({name.split(".")[0] for name in found} & set(FORBIDDEN))
        print(
            f"\n{'OVER' if loaded else 'PASS'}: remind check imported "
            f"{', '.join(loaded) if loaded else 'none of ' + ', '.join(FORBIDDEN)}"
        )
        log = Path(env["XDG_STATE_HOME"]) / "compound" / "log" / "errors.log"
        spoke = log.exists()
        verdict = "OVER: a met day was reminded of" if spoke else "PASS: a met day stayed quiet"
        print(verdict)
    return 1 if args.check and (loaded or spoke) else status


if __name__ == "__main__":
    sys.exit(main())
