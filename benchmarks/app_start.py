"""How much longer bare `compound` takes to show today's figures than a minimal
Textual app takes to show one word.

The app's first frame must not wait for the database: the store (SQLModel, the
migrations check) opens in a worker while Textual paints. This measures the time
from launch until today's figures are on the terminal, as a ratio against a floor
measured the same way in the same run:

  subject  the installed console script, bare `compound`, on a migrated database
           with a year of history (built once through the store API); timed until
           the Today screen shows "25 of 30 pages" (today's pages against the goal).
  floor    `python -c` on the same interpreter: a Textual App whose one widget is a
           Static saying "ready"; timed until "ready" is on the terminal.

Each runs in a pseudo-terminal of 120×40 (TERM=xterm-256color), interleaved after
warm-ups, in a temporary HOME with COMPOUND_TODAY=2026-11-22 and a private bytecode
cache; the output is read as it comes, escape sequences dropped, until the text
appears; then the process is ended. Target: the ratio of medians at most 2.5.

    .venv/bin/python benchmarks/app_start.py [--rounds 10] [--warmup 2] [--check]
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from pathlib import Path

import _harness as h

TARGET = 2.5
SUBJECT_TEXT = "25 of 30 pages"
FLOOR_TEXT = "ready"
TIMEOUT = 30.0

FLOOR = """\
from textual.app import App
from textual.widgets import Static

class Word(App):
    def compose(self):
        yield Static("ready")

Word().run()
"""

_ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def time_until(command: Sequence[str], text: str, env: dict[str, str]) -> float:
    """Seconds from starting `command` in a 120×40 pty until `text` is on its screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    wanted, seen = text.encode(), b""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    try:
        while True:
            left = TIMEOUT - (time.perf_counter() - started)
            if (
                left <= 0
                or process.poll() is not None
                and not select.select([master], [], [], 0)[0]
            ):
                sys.exit(
                    f"{command[-1] if len(command) < 4 else command[0]}: {text!r} never "
                    f"appeared; the screen said: {_ESCAPES.sub(b'', seen)[-400:]!r}"
                )
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the process closed the terminal
                chunk = b""
            seen += chunk
            if wanted in _ESCAPES.sub(b"", seen):
                return time.perf_counter() - started
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)
        os.close(master)


def main() -> int:
    options = h.parser(__doc__, TARGET)
    options.set_defaults(rounds=10, warmup=2)
    args = h.parse(options)
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        db = workdir / "compound.db"
        history = h.build_history(db)
        env = h.isolated_env(workdir, db, as_is=args.as_is)
        env.update({"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"})
        env.pop("TEXTUAL", None)

        subject = [str(h.compound_script())]
        floor = [h.python(), "-c", FLOOR]
        print(f"Database: {h.describe(history)}.")
        bytecode = "inherited" if args.as_is else "private cache"
        print(
            f"Python {sys.version.split()[0]}, bytecode: {bytecode}; "
            f"{args.warmup} warm-up pairs, then {args.rounds} rounds ...",
            flush=True,
        )
        for _ in range(args.warmup):
            time_until(subject, SUBJECT_TEXT, env)
            time_until(floor, FLOOR_TEXT, env)
        subject_times, floor_times = [], []
        for index in range(args.rounds):
            pair = [(subject, SUBJECT_TEXT, subject_times), (floor, FLOOR_TEXT, floor_times)]
            for command, text, times in pair if index % 2 == 0 else reversed(pair):
                times.append(time_until(command, text, env))
        return h.report(
            "app start (compound's figures / a Textual app's one word)",
            "compound (Today's figures)",
            "floor (one word)",
            subject_times,
            floor_times,
            target=args.target,
            check=args.check,
        )


if __name__ == "__main__":
    sys.exit(main())
