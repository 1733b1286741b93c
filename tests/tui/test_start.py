"""Starting the app: bare `compound` on a terminal opens it, elsewhere prints the
status; the first frame shows today's figures before the store has opened."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from compound.config import Settings
from compound.tracker.glance import today_from_file
from compound.tui.app import CompoundApp
from compound.tui.widgets.meter import Meter

from .conftest import TODAY, settle, tracker_of


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("COMPOUND_", "XDG_"))}
    home = tmp_path / "home"
    clean.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".state"),
        COMPOUND_TODAY=TODAY.isoformat(),
        COMPOUND_DB=str(tmp_path / "compound.db"),
        TERM="xterm-256color",
        PYTHONIOENCODING="utf-8",
    )
    return clean


def test_bare_compound_in_a_pipe_prints_the_status_without_textual(env):
    probe = (
        "import json, sys\nfrom compound.cli import main\ncode = main([])\n"
        "print('PROBE', json.dumps([code, sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('textual', 'plotext', 'textual_plotext'))]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    *printed, last = done.stdout.splitlines()
    assert json.loads(last.removeprefix("PROBE ")) == [0, []], done.stderr
    assert any("Streak" in line for line in printed)


def test_bare_compound_on_a_terminal_opens_the_app_and_q_quits(env):
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "compound"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen, deadline = b"", time.monotonic() + 30
    try:
        while b"Log pages" not in seen and time.monotonic() < deadline:
            if select.select([master], [], [], 1)[0]:
                seen += os.read(master, 65536)
        assert b"Log pages" in seen, seen[-500:]
        os.write(master, b"\x11")  # ctrl+q: quits even with the welcome open
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)


@pytest.mark.asyncio
async def test_the_first_frame_shows_todays_figures_before_the_store_opens(store):
    release = threading.Event()

    def slow_open():
        release.wait(timeout=20)  # the ORM import and migrations check, made slow
        return tracker_of(store)

    def glance(today):
        return today_from_file(Path(store.location), "default", today)

    app = CompoundApp(slow_open, Settings(), today=TODAY, glance=glance)
    async with app.run_test() as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if "14 of 25 pages" in app.screen.query_one("#pages", Meter).figure:
                break
        assert "14 of 25 pages" in app.screen.query_one("#pages", Meter).figure
        assert not app.screen.has_class("loaded")  # the store has not answered yet
        release.set()
        await settle(pilot)
        assert app.screen.has_class("loaded")
        assert "books a year" in str(app.screen.query_one("#projection").render())


@pytest.mark.asyncio
async def test_a_store_that_cannot_open_ends_the_app_with_the_reason(tmp_path):
    from compound.domain.errors import StorageError
    from compound.tracker.core import Tracker

    def open_a_folder():  # a directory, not a database file
        return Tracker.open(f"sqlite:///{tmp_path}", "default", Settings(), lambda: TODAY)

    app = CompoundApp(open_a_folder, Settings(), today=TODAY)
    async with app.run_test() as pilot:
        await settle(pilot)
    assert isinstance(app.failure, StorageError) and str(tmp_path) in str(app.failure)
    assert app.return_code == 2
