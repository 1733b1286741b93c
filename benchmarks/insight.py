"""How much the insight engine costs beyond fetching the history it reads, and
how much slower `compound stats` is than a check-in.

Two measurements, each a ratio against a floor timed in the same run:

  1. in one process, on ten years of one person's daily records:
       subject  domain.insight.analyse(history): every habit's streaks, the five
                best, consistency and strength, pace, the projection with its
                1,000-year bootstrap range, goal pace and ETAs (pure Python);
       floor    Store.history_until(today): fetching the per-day totals (one
                GROUP BY per table), goals, skips and shelves it reads.
     Reported: analyse / fetch, and (fetch + analyse) / fetch, which is what a
     caller pays for the insight over the data alone. Target: the latter ≤ 3.
  2. as subprocesses, on the harness's one-year database (benchmarks/_harness.py):
       subject  the installed console script, `compound stats`;
       floor    `compound log 1`, the check-in.
     Target: the ratio of medians at most 1.5.

The ten-year database is built once through the store (Store.import_batch): a
log on about six days in seven (0 to 60 pages), two or three learning sessions a
week, 150 finished books, a weekday schedule on the daily-pages goal, a yearly
books goal, a weekly-sessions goal, and two weeks of skip days a year.

    .venv/bin/python benchmarks/insight.py [--rounds 20] [--warmup 3] [--check]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import _harness as h

TARGET = 1.5  # compound stats / compound log 1
ENGINE_TARGET = 3.0  # (fetch + analyse) / fetch
YEARS = 10


def build_decade(db: Path, *, seed: int = 10) -> str:
    """Ten years of daily records up to the harness's today; returns a description."""
    from compound.domain.imports import (
        ImportBatch,
        ImportedBook,
        ImportedGoal,
        ImportedLog,
        ImportedSession,
        ImportedSkip,
    )
    from compound.domain.records import BookStatus, GoalKind, SessionKind
    from compound.store.repository import Store

    rng = random.Random(seed)
    today = h.TODAY
    start = today - timedelta(days=365 * YEARS)
    books, logs, sessions, skips = [], [], [], []
    for index in range(150):
        finished = start + timedelta(days=rng.randrange(365 * YEARS))
        books.append(
            ImportedBook(
                ref=f"b{index}",
                where=f"book {index}",
                title=f"Book {index}",
                total_pages=rng.randint(150, 700),
                status=BookStatus.FINISHED,
                finished_on=finished,
            )
        )
    books.append(
        ImportedBook(
            ref="now",
            where="reading",
            title="Being read",
            total_pages=900,
            status=BookStatus.READING,
            started_on=start,
        )
    )
    books += [
        ImportedBook(
            ref=f"q{i}", where=f"queue {i}", title=f"Queued {i}", total_pages=rng.randint(200, 500)
        )
        for i in range(10)
    ]
    day = start
    while day <= today:
        if rng.random() < 6 / 7:
            logs.append(
                ImportedLog(
                    where=str(day),
                    day=day,
                    pages=rng.randint(1, 60),
                    book_ref="now" if day > today - timedelta(days=20) else None,
                )
            )
        if rng.random() < 0.35:
            sessions.append(
                ImportedSession(
                    where=str(day),
                    day=day,
                    kind=SessionKind.COURSE,
                    minutes=rng.choice((20, 45, 90)),
                )
            )
        if day.month == 8 and day.day <= 14:
            skips.append(ImportedSkip(where=str(day), day=day, reason="holiday"))
        day += timedelta(days=1)
    weekdays = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    goals = (
        ImportedGoal("g1", GoalKind.DAILY_PAGES, 20, start, weekdays),
        ImportedGoal("g2", GoalKind.YEARLY_BOOKS, 24, start),
        ImportedGoal("g3", GoalKind.WEEKLY_SESSIONS, 2, start),
    )
    store = Store.open(f"sqlite:///{db}")
    try:
        store.import_batch(
            ImportBatch(
                kind="compound",
                source="benchmark",
                books=tuple(books),
                logs=tuple(logs),
                sessions=tuple(sessions),
                goals=goals,
                skips=tuple(skips),
            )
        )
    finally:
        store.close()
    return (
        f"{YEARS} years, {len(logs):,} reading days, {len(sessions):,} sessions, "
        f"{len(books)} books, {len(skips)} skip days, 3 goals (one on a weekday schedule)"
    )


def engine_rounds(db: Path, *, warmup: int, rounds: int) -> tuple[list[float], list[float]]:
    """(fetch times, analyse times), interleaved in this process."""
    from compound.domain.insight import analyse
    from compound.store.repository import Store

    store = Store.open(f"sqlite:///{db}")
    fetches, analyses = [], []
    try:
        for index in range(warmup + rounds):
            started = time.perf_counter()
            history = store.history_until(h.TODAY)
            fetched = time.perf_counter()
            analyse(history)
            done = time.perf_counter()
            if index >= warmup:
                fetches.append(fetched - started)
                analyses.append(done - fetched)
    finally:
        store.close()
    return fetches, analyses


def main() -> int:
    args = h.parse(h.parser(__doc__, TARGET))
    with tempfile.TemporaryDirectory(prefix="compound-bench-") as tmp:
        workdir = Path(tmp)
        decade = workdir / "decade.db"
        print(f"Ten-year database: {build_decade(decade)}.", flush=True)
        fetches, analyses = engine_rounds(decade, warmup=args.warmup, rounds=args.rounds)
        status = h.report(
            "insight engine (analyse / fetching the history)",
            "analyse",
            "fetch",
            analyses,
            fetches,
            target=ENGINE_TARGET - 1,
            check=args.check,
        )
        together = [f + a for f, a in zip(fetches, analyses)]
        status |= h.report(
            "fetch + analyse / fetch",
            "fetch + analyse",
            "fetch",
            together,
            fetches,
            target=ENGINE_TARGET,
            check=args.check,
        )

        db = workdir / "compound.db"
        history = h.build_history(db)
        env = h.isolated_env(workdir, db, as_is=args.as_is)
        subject = [str(h.compound_script()), "stats"]
        floor = [str(h.compound_script()), "log", "1"]
        print(f"\nDatabase: {h.describe(history)}.")
        print(
            "Subject: compound stats ->", *h.run(subject, env).stdout.splitlines()[:2], sep="\n    "
        )
        print("Floor:   compound log 1")
        bytecode = "inherited" if args.as_is else "private cache"
        print(
            f"Python {sys.version.split()[0]}, bytecode: {bytecode}; "
            f"{args.warmup} warm-up pairs, then {args.rounds} rounds ...",
            flush=True,
        )
        subject_times, floor_times = h.interleave(
            subject, floor, env, warmup=args.warmup, rounds=args.rounds
        )
        status |= h.report(
            "stats (compound stats / compound log 1)",
            "compound stats",
            "compound log 1",
            subject_times,
            floor_times,
            target=args.target,
            check=args.check,
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
