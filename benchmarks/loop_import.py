"""Loop Habit Tracker import of ten years of four habits, against the csv module and
SQLite doing the least the same import needs.

    .venv/bin/python benchmarks/loop_import.py [--rounds 20] [--warmup 3] [--check]

The file: a 2.x CSV export (zip) of four habits over ten years of days (3,652): Read
(numeric, pages), Audiobook (numeric, minutes), Duolingo (yes/no, three times a week,
so Loop fills the days between with YES_AUTO) and Lectures (numeric, minutes), with
notes on some days and skips; each habit's folder with its Checkmarks.csv and
Scores.csv, and the all-habits Checkmarks.csv and Scores.csv.

In one process, interleaved round by round:
- floor: the zip's Habits.csv and the four habits' Checkmarks.csv read with the csv
  module (one list per row), then the rows the import stores (reading logs, learning
  sessions, skip days, already in the form SQLite stores) written with the sqlite3
  module alone (BEGIN IMMEDIATE, one executemany per table, COMMIT) into a fresh copy
  of an empty database: the least any import of this file must do;
- subject: `compound import loop FILE --habit …` without the process around it: the
  zip read and checked (exchange.loop.read), then applied to a fresh copy of the same
  empty database in one transaction (Store.import_batch), committed.
Reading alone is timed too, in the same rounds, to show where the time goes.
The target is 2x; the script prints the ratio either way.
"""

from __future__ import annotations

import csv
import io
import random
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import _harness  # noqa: E402

DAYS = 3_652
LAST = _harness.TODAY
HABITS = [  # (position, name, numeric, unit)
    (1, "Read", True, "pages"),
    (2, "Audiobook", True, "minutes"),
    (3, "Duolingo", False, ""),
    (4, "Lectures", True, "minutes"),
]
CHOICES = (
    ("Read", "reading"),
    ("Audiobook", "reading"),
    ("Duolingo", "practice:15"),
    ("Lectures", "course"),
)
NAMES = {-1: "UNKNOWN", 0: "NO", 1: "YES_AUTO", 2: "YES_MANUAL", 3: "SKIP"}


def _days(seed: int = 2026) -> dict[str, dict[date, tuple[int, str]]]:
    """Each habit's known days, as Loop's computed entries list them."""
    rng = random.Random(seed)
    days: dict[str, dict[date, tuple[int, str]]] = {name: {} for _p, name, _n, _u in HABITS}
    for n in range(DAYS):
        day = LAST - timedelta(n)
        note = "a good chapter, on the train" if rng.random() < 0.05 else ""
        if rng.random() < 0.01:
            days["Read"][day] = (3, "")
        elif rng.random() < 0.7:
            days["Read"][day] = (rng.randint(5, 80) * 1000, note)
        if rng.random() < 0.3:
            days["Audiobook"][day] = (rng.randint(10, 120) * 1000, "")
        roll = rng.random()
        days["Duolingo"][day] = (2, note) if roll < 0.45 else (1, "") if roll < 0.8 else (0, "")
        if rng.random() < 0.15:
            days["Lectures"][day] = (rng.choice((30, 45, 60, 90)) * 1000, "")
    return days


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_export(path: Path) -> None:
    days = _days()
    header = ["Position", "Name", "Type", "Question", "Description", "FrequencyNumerator"]
    header += ["FrequencyDenominator", "Color", "Unit", "Target Type", "Target Value", "Archived?"]
    habits = [header] + [
        [f"{p:03d}", name, "NUMERICAL" if numeric else "YES_NO", "", "", "3", "7", "#FF8F00"]
        + [unit, "AT_LEAST" if numeric else "", "20.0" if numeric else "", "false"]
        for p, name, numeric, unit in HABITS
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Habits.csv", _csv(habits))
        for position, name, numeric, _unit in HABITS:
            folder = f"{position:03d} {name}/"
            rows = [["Date", "Value", "Notes"]] + [
                [day.isoformat(), str(value) if numeric else NAMES[value], note]
                for day, (value, note) in sorted(days[name].items(), reverse=True)
            ]
            archive.writestr(folder + "Checkmarks.csv", _csv(rows))
            scores = [["Date", "Score"]] + [
                [(LAST - timedelta(n)).isoformat(), f"{(n % 97) / 97:.4f}"] for n in range(DAYS)
            ]
            archive.writestr(folder + "Scores.csv", _csv(scores))
        lines = ["Date," + "".join(f"{name}," for _p, name, _n, _u in HABITS)]
        for n in range(DAYS):
            day = LAST - timedelta(n)
            values = [str(days[name].get(day, (-1, ""))[0]) for _p, name, _n, _u in HABITS]
            lines.append(f"{day.isoformat()}," + "".join(f"{v}," for v in values))
        archive.writestr("Checkmarks.csv", "\n".join(lines) + "\n")
        archive.writestr("Scores.csv", lines[0] + "\n")


def main() -> int:
    options = _harness.parser(__doc__, target=2.0)
    args = _harness.parse(options)

    from compound.domain.imports import ReadOptions
    from compound.exchange.loop import read

    chosen = ReadOptions(habits=CHOICES)
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        export = workdir / "Loop Habits CSV 2026-11-22.zip"
        write_export(export)
        size_kib = export.stat().st_size / 1024
        template = _harness.empty_database(workdir / "empty.db")
        batch = read(export, chosen)
        wanted = ["Habits.csv"] + [f"{p:03d} {name}/Checkmarks.csv" for p, name, _n, _u in HABITS]

        def parse_csv() -> int:
            rows = 0
            with zipfile.ZipFile(export) as archive:
                for name in wanted:
                    text = archive.read(name).decode("utf-8-sig")
                    rows += len(list(csv.reader(io.StringIO(text, newline=""))))
            return rows

        # The rows as an import hands them to SQLite: days and moments as text.
        now = time.strftime("%Y-%m-%d %H:%M:%S.000000")
        log_rows = [
            (1, log.day.isoformat(), log.pages, None, log.minutes, log.note, 0, log.import_key, now)
            for log in batch.logs
        ]
        session_rows = [
            (1, s.day.isoformat(), s.minutes, s.kind.value, s.topic, s.note, str(s.created_at))
            for s in batch.sessions
        ]
        skip_rows = [(1, s.day.isoformat(), s.reason) for s in batch.skips]
        inserts: _harness.Inserts = [
            (
                "INSERT INTO reading_log (profile_id, day, pages, book_id, minutes, note, "
                "started_book, import_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                log_rows,
            ),
            (
                "INSERT INTO learning_session (profile_id, day, minutes, kind, topic, note, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                session_rows,
            ),
            ("INSERT INTO skip (profile_id, day, reason) VALUES (?, ?, ?)", skip_rows),
        ]

        def floor(index: int) -> float:
            elapsed, _ = _harness.sqlite_floor(
                template, workdir / f"floor-{index}.db", parse_csv, inserts
            )
            return elapsed

        def reading(index: int) -> float:
            started = time.perf_counter()
            read(export, chosen)
            return time.perf_counter() - started

        def subject(index: int) -> float:
            elapsed, summary = _harness.import_round(
                template, workdir / f"round-{index}.db", lambda: read(export, chosen)
            )
            assert summary.reading_logs.added == len(log_rows), summary.reading_logs
            assert summary.sessions.added == len(session_rows), summary.sessions
            return elapsed

        subject_times, floor_times, read_times = _harness.in_turns(
            subject, floor, reading, warmup=args.warmup, rounds=args.rounds
        )

    read_median, read_p90 = _harness.median_p90_ms(read_times)
    floor_median, _ = _harness.median_p90_ms(floor_times)
    print(
        f"Loop export of {len(HABITS)} habits over {DAYS:,} days ({size_kib:.0f} KiB): "
        f"{len(log_rows):,} reading logs, {len(session_rows):,} learning sessions, "
        f"{len(skip_rows):,} skip days"
    )
    print(
        f"  reading and checking it alone:  {read_median:6.1f} ms (p90 {read_p90:.1f}), "
        f"{read_median / floor_median:.2f}x the floor"
    )
    return _harness.report(
        "loop import",
        "import (read, check, write)",
        "csv module + sqlite3 executemany",
        subject_times,
        floor_times,
        target=args.target,
        check=args.check,
    )


if __name__ == "__main__":
    sys.exit(main())
