"""The app open on a SQLite file while other processes check in: nobody loses a
check-in or sees "database is locked", and the app keeps refreshing and logging.

The app runs here under Textual's Pilot, built as the command line builds it (a
Store on the file, the settings, a frozen today); the writers are real processes
running the command line's `compound log` and `compound learn` in a loop until told
to stop, so they are writing for the whole time the app works on the same file.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from reliability_kit import (
    TODAY,
    Writer,
    integrity,
    notes_of,
    process_env,
    rows,
    settle_app,
    until,
)

from compound.config import Settings
from compound.domain.days import format_duration

# Says READY once imported, waits for the file GO, checks in until the file STOP
# appears (at least once after it started), printing "ACK i" once check-in i is
# stored. A reader logs pages, a learner logs sessions; the note says who and which.
WRITER = r"""
import os, sys, time
from compound.cli import main
import compound.store.repository  # the first check-in's imports, before the start
name, kind, go, stop = sys.argv[1:5]
print("READY", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
i = 0
while i == 0 or not os.path.exists(stop):
    amount = str(1 + i % 5)
    if kind == "log":
        argv = ["log", amount, "--note", f"{name}-{i}"]
    else:
        argv = ["learn", amount + "m", "--note", f"{name}-{i}"]
    code = main(argv)
    if code != 0:
        sys.exit(f"{name}: check-in {i} exited {code}")
    print(f"ACK {i}", flush=True)
    i += 1
"""

WRITERS = {"reader-a": "log", "reader-b": "log", "learner": "learn"}
APP_ROUNDS = 3  # refresh, then log pages through the dialog, this many times


def today_totals(db: Path) -> tuple[int, int]:
    """Pages and learning minutes stored for today, read without compound."""
    ((pages,),) = rows(db, f"SELECT coalesce(sum(pages), 0) FROM reading_log WHERE day = '{TODAY}'")
    ((minutes,),) = rows(
        db, f"SELECT coalesce(sum(minutes), 0) FROM learning_session WHERE day = '{TODAY}'"
    )
    return pages, minutes


def refusal(dialog) -> str:
    """What a dialog says it could not save ("" while it says nothing)."""
    from textual.widgets import Static

    return str(dialog.query_one(".dialog-error", Static).render())


@pytest.mark.asyncio
async def test_app_open_while_processes_check_in(seeded, tmp_path, figures):
    from compound.store.repository import Store
    from compound.tracker.core import Tracker
    from compound.tui.app import CompoundApp
    from compound.tui.screens.logging import LogPagesDialog
    from compound.tui.widgets.meter import Meter

    told: list[tuple[str, str]] = []  # every notification the app shows: (severity, text)

    class WatchedApp(CompoundApp):
        # Textual finds CSS_PATH next to the class's module: point it at the app's.
        CSS_PATH = Path(sys.modules[CompoundApp.__module__].__file__).with_name("compound.tcss")

        def notify(self, message, *, severity="information", **rest):
            told.append((severity, str(message)))
            super().notify(message, severity=severity, **rest)

    today = date.fromisoformat(TODAY)
    go, stop = tmp_path / "go", tmp_path / "stop"
    env = process_env(tmp_path / "home", seeded)
    writers = [
        Writer(name, WRITER, [kind, str(go), str(stop)], env) for name, kind in WRITERS.items()
    ]
    store = Store.open(f"sqlite:///{seeded}")
    app_logged: list[int] = []
    try:
        app = WatchedApp(
            Tracker(store, Settings(), lambda: today),
            Settings(),
            today=today,
            settings_file=tmp_path / "config.toml",
        )
        async with app.run_test() as pilot:
            await settle_app(pilot)

            def pages() -> str:
                return app.screen.query_one("#pages", Meter).figure

            for writer in writers:
                assert writer.ready.wait(timeout=30), writer.name
            go.touch()
            await until(pilot, lambda: all(w.acked for w in writers), "every writer's first")

            for round_ in range(APP_ROUNDS):
                # A refresh shows at least what was stored before it (writers only add).
                floor = today_totals(seeded)[0]
                await pilot.press("r")
                await settle_app(pilot)
                assert int(pages().split()[0].replace(",", "")) >= floor, (round_, pages(), floor)

                amount = 10 + round_
                await pilot.press("p")
                await until(pilot, lambda: isinstance(app.screen, LogPagesDialog), "the dialog")
                await settle_app(pilot)  # the dialog's books have loaded
                dialog = app.screen
                await pilot.press(*str(amount), "enter")
                # Saved (the dialog closes) or refused (it stays, saying why).
                await until(
                    pilot,
                    lambda dialog=dialog: app.screen is not dialog or refusal(dialog),
                    f"the dialog to save {amount} pages",
                )
                assert app.screen is not dialog, refusal(dialog)
                await settle_app(pilot)
                app_logged.append(amount)
            # The writers were writing throughout: none stopped on its own.
            assert [w.process.poll() for w in writers] == [None] * len(writers)

            stop.touch()
            errors = {w.name: w.finish() for w in writers}
            await pilot.press("r")
            await settle_app(pilot)
            shown_pages = pages()
            shown_minutes = app.screen.query_one("#minutes", Meter).figure
    finally:
        stop.touch()
        go.touch()
        for writer in writers:
            if writer.process.poll() is None:
                writer.process.kill()
                writer.finish()
        store.close()

    # (1) Every process exited 0 without a word, and each of its check-ins is stored.
    assert errors == {name: "" for name in WRITERS}  # no "database is locked"
    assert [w.process.returncode for w in writers] == [0] * len(writers)
    for writer in writers:
        table = "reading_log" if WRITERS[writer.name] == "log" else "learning_session"
        assert notes_of(seeded, writer.name, table) == list(range(len(writer.acked))), writer.name
    # (2) The app's own check-ins are stored, it said so each time, and nothing else.
    ours = rows(
        seeded, f"SELECT pages FROM reading_log WHERE note IS NULL AND day = '{TODAY}' ORDER BY id"
    )
    assert [p for (p,) in ours] == app_logged
    assert [s for s, _ in told] == ["information"] * len(told), told
    assert not [text for _, text in told if "lock" in text.lower()]
    assert sum(text.startswith("Logged ") for _, text in told) == APP_ROUNDS, told
    # (3) After the writers finished, a refresh shows the true totals for today.
    pages_total, minutes_total = today_totals(seeded)
    assert shown_pages.split()[0] == f"{pages_total:,}", (shown_pages, pages_total)
    assert shown_minutes.startswith(f"{format_duration(minutes_total)} "), (
        shown_minutes,
        minutes_total,
    )
    assert integrity(seeded) == "ok"

    stored = sum(len(w.acked) for w in writers)
    figures.set("writers while the app was open", len(writers))
    figures.add("check-ins written while the app was open", stored)
    figures.add("check-ins logged in the app meanwhile", len(app_logged))
