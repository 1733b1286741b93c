"""The check-in path stays light: real processes, and what they import.

`compound log N` must not import the terminal UI (textual, plotext) nor rich, which
draws the other commands' tables; `compound status --short` on an up-to-date SQLite file
must not import the ORM, Alembic, pydantic or dateutil either. Each test starts a fresh
interpreter (about half a second).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import compound

UI = ("textual", "textual_plotext", "plotext", "rich")
HEAVY = UI + ("sqlmodel", "sqlalchemy", "pydantic", "alembic", "dateutil")

PROBE = """
import json, sys
from compound.cli import main
code = main({argv!r})
watched = {watched!r}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in watched)
print("PROBE " + json.dumps({{"code": code, "loaded": loaded}}))
"""


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """A clean environment: no COMPOUND_* from outside, HOME and XDG dirs in tmp."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("COMPOUND_", "XDG_", "PYTHON"))
    }
    home = tmp_path / "home"
    clean.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        COMPOUND_TODAY="2026-11-22",
        COMPOUND_DB=str(tmp_path / "compound.db"),
        PYTHONIOENCODING="utf-8",
    )
    return clean


def probe(env: dict[str, str], argv: list[str], watched=HEAVY) -> tuple[dict, str]:
    """Run main(argv) in a fresh interpreter; returns what it loaded and its output."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, watched=watched)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    *output, last = done.stdout.splitlines()
    assert last.startswith("PROBE "), done.stdout
    return json.loads(last.removeprefix("PROBE ")), "\n".join(output)


def test_log_does_not_import_the_terminal_ui(env, tmp_path):
    found, output = probe(env, ["log", "1"], watched=UI)
    assert found == {"code": 0, "loaded": []}
    assert output == (
        "Logged 1 page, today  [r1]\nToday: reading 1 page (no daily goal)\n"
        "Streak: 1 day (best 1 day) · today is done"
    )
    assert (tmp_path / "compound.db").is_file()


def test_status_short_on_an_up_to_date_database_imports_nothing_heavy(
    env, tmp_path, monkeypatch, run
):
    # Make the database in this process: a current schema with a check-in in it.
    monkeypatch.setenv("COMPOUND_DB", env["COMPOUND_DB"])
    assert run("log", "7").code == 0
    before = (tmp_path / "compound.db").read_bytes()
    found, output = probe(env, ["status", "--short"])
    assert found == {"code": 0, "loaded": []}
    assert output == "📚 7 p · 🔥 1"
    assert (tmp_path / "compound.db").read_bytes() == before  # a read is only a read


def test_python_dash_m_compound_version(env):
    done = subprocess.run(
        [sys.executable, "-m", "compound", "--version"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"compound {compound.__version__}\n",
        "",
    )


def test_console_script_help(env, tmp_path):
    script = Path(sys.executable).parent / "compound"
    assert script.is_file(), f"no console script at {script}"
    done = subprocess.run(
        [str(script), "--help"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: compound ")
    assert "log" in done.stdout and "status" in done.stdout
    assert done.stderr == ""
    assert not (tmp_path / "compound.db").exists()


def test_console_script_refusal_is_one_line_with_status_2(env, tmp_path):
    script = Path(sys.executable).parent / "compound"
    done = subprocess.run(
        [str(script), "log", "0"], env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "compound: pages must be at least 1, not 0\n"


def test_a_reader_that_goes_away_is_not_an_error(env):
    """`compound history | head -1`: when the pipe closes early, exit quietly."""
    script = str(Path(sys.executable).parent / "compound")
    for pages in ("5", "6", "7"):
        subprocess.run([script, "log", pages], env=env, check=True, capture_output=True)
    reader_gone = subprocess.Popen(
        [script, "history", "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    reader_gone.stdout.close()  # before the process has written a byte
    _, err = reader_gone.communicate(timeout=60)
    assert (reader_gone.returncode, err) == (0, b"")


def test_status_short_with_a_schedule_loads_only_the_rrule_part_of_dateutil(env, monkeypatch, run):
    monkeypatch.setenv("COMPOUND_DB", env["COMPOUND_DB"])
    assert run("goal", "set", "daily-pages", "5", "--schedule", "FREQ=WEEKLY;BYDAY=SA,SU").code == 0
    assert run("goal", "set", "yearly-books", "24").code == 0  # the prompt line skips its pace
    assert run("log", "7").code == 0
    found, output = probe(env, ["status", "--short"], watched=HEAVY + ("compound",))
    assert found["code"] == 0
    heavy = [name for name in found["loaded"] if not name.startswith(("dateutil", "compound"))]
    assert heavy == []
    assert "dateutil.rrule" in found["loaded"] and "dateutil.parser" not in found["loaded"]
    assert "compound.domain.projection" not in found["loaded"]
    assert output == "📚 7/5 p · 🔥 1"
