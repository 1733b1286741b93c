"""Many processes writing one SQLite file at once lose nothing and never see "database is locked".

Writers are real processes. Each runs the command line's `main` in a loop (a whole
`compound log` apart from starting Python: settings, open and check the schema,
the write, the daily backup check, close), so a loop of them is as hard on the
file as people checking in from several terminals at once, only faster.
"""

from __future__ import annotations

import random
import subprocess
import time
from datetime import datetime
from pathlib import Path

from reliability_kit import (
    SCALE,
    Writer,
    compound_script,
    integrity,
    notes_of,
    process_env,
    rows,
)

# Says READY once imported, waits for the file GO, then prints "ACK i" once check-in
# i is stored and "SPAN start end" when done.
WRITER = r"""
import os, sys, time
from compound.cli import main
name, count, go = sys.argv[1], int(sys.argv[2]), sys.argv[3]
print("READY", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
began = time.time()
for i in range(count):
    code = main(["log", str(1 + i % 7), "--note", f"{name}-{i}"])
    if code != 0:
        sys.exit(f"{name}: check-in {i} exited {code}")
    print(f"ACK {i}", flush=True)
print(f"SPAN {began} {time.time()}", flush=True)
"""

CHECKINS_PER_WRITER = 25 * SCALE


def pages_for(count: int) -> int:
    return sum(1 + i % 7 for i in range(count))


def run_writers(db: Path, home: Path, count: int, names: list[str]) -> list[Writer]:
    """Start the writers together, once every interpreter has started."""
    env = process_env(home, db)
    go = db.with_name(f"go-{names[0]}")
    writers = [Writer(name, WRITER, [str(count), str(go)], env) for name in names]
    for writer in writers:
        writer.ready.wait(timeout=120)
    go.touch()
    return writers


def test_four_writers_lose_nothing_and_never_see_a_lock(seeded, tmp_path, figures):
    from compound.store.safekeeping import backup_now

    home = tmp_path / "home"
    before = rows(seeded, "SELECT count(*), sum(pages) FROM reading_log")[0]

    # One writer alone first: the floor the four are compared with.
    alone = run_writers(seeded, home, CHECKINS_PER_WRITER, ["solo"])
    assert alone[0].finish() == ""
    assert alone[0].process.returncode == 0

    names = [f"w{n}" for n in range(4)]
    writers = run_writers(seeded, home, CHECKINS_PER_WRITER, names)
    # Backups taken while they write must each be a consistent snapshot.
    snapshots, taken = tmp_path / "snapshots", 0
    snapshots.mkdir()
    while any(w.process.poll() is None for w in writers) and taken < 10:
        if any(w.acked for w in writers):
            backup_now(seeded, snapshots / f"s{taken}.db", datetime.now())
            taken += 1
        time.sleep(0.1)
    errors = {w.name: w.finish() for w in writers}

    assert errors == {name: "" for name in names}  # no "database is locked", no note
    assert [w.process.returncode for w in writers] == [0] * 4
    for name in names + ["solo"]:
        assert notes_of(seeded, name) == list(range(CHECKINS_PER_WRITER)), name
    count, pages = rows(seeded, "SELECT count(*), sum(pages) FROM reading_log")[0]
    assert count == before[0] + 5 * CHECKINS_PER_WRITER
    assert pages == before[1] + 5 * pages_for(CHECKINS_PER_WRITER)
    assert integrity(seeded) == "ok"

    assert taken >= 1
    for snapshot in sorted(snapshots.iterdir()):
        assert integrity(snapshot) == "ok", snapshot
        for name in names:  # each writer's check-ins in a snapshot: a whole prefix
            stored = notes_of(snapshot, name)
            assert stored == list(range(len(stored))), (snapshot, name)

    solo_span = alone[0].span[1] - alone[0].span[0]
    spans = [w.span for w in writers]
    together = max(end for _, end in spans) - min(begin for begin, _ in spans)
    figures.set("writers", len(writers))
    figures.add("check-ins written concurrently", 4 * CHECKINS_PER_WRITER)
    figures.set("check-ins per second, 1 writer", CHECKINS_PER_WRITER / solo_span)
    figures.set("check-ins per second, 4 writers", 4 * CHECKINS_PER_WRITER / together)
    figures.add("consistent backups taken during writes", taken)


def test_killed_writers_lose_no_acknowledged_check_in(seeded, tmp_path, figures):
    """SIGKILL at random moments: every check-in a writer reported is there, nothing torn."""
    rng = random.Random(20261122)
    home, kills = tmp_path / "home", 4 * SCALE
    survived = 0
    for round_ in range(0, kills, 2):
        names = [f"k{round_ + n}" for n in range(2)]
        writers = run_writers(seeded, home, 10**6, names)
        for writer in writers:
            wanted = rng.randint(2, 10)
            deadline = time.time() + 120
            while len(writer.acked) < wanted and time.time() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.03))  # land anywhere inside the next check-in
            writer.process.kill()
            writer.finish()
            acked = list(writer.acked)
            stored = notes_of(seeded, writer.name)
            assert acked, writer.name
            # What was reported is there; at most the one in flight besides; no gaps.
            assert stored[: len(acked)] == acked == list(range(len(acked)))
            assert len(stored) - len(acked) in (0, 1)
            assert stored == list(range(len(stored)))
            assert integrity(seeded) == "ok"
            survived += 1
    figures.add("crashes survived: SIGKILL during check-ins", survived)


def test_console_scripts_started_together(seeded, tmp_path):
    """Real `compound` processes at once: four check-ins, a session and a backup."""
    env = process_env(tmp_path / "home", seeded)
    script = compound_script()
    commands = [[script, "log", str(n), "--note", f"cs-{n}"] for n in range(1, 5)]
    commands += [
        [script, "learn", "20m", "--topic", "at once"],
        [script, "backup", str(tmp_path / "during.db")],
    ]
    started = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in started]
    assert results == [(0, "")] * len(commands)
    assert sorted(notes_of(seeded, "cs")) == [1, 2, 3, 4]
    assert rows(seeded, "SELECT count(*) FROM learning_session WHERE topic = 'at once'") == [(1,)]
    assert integrity(seeded) == "ok"
    assert integrity(tmp_path / "during.db") == "ok"
