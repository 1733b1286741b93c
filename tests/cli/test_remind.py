"""`compound remind`: installed into a temporary home, delivered through real programs.

The schedulers and the notifier are small shell scripts on a PATH that holds nothing
else: a `crontab` that keeps its table in a file, a `systemctl` that writes down what
it was asked, a `notify-send` that writes down its arguments. The machine's own
systemctl and crontab are never on that PATH, so nothing is enabled for real.
"""

from __future__ import annotations

import json
import os
import plistlib
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from compound.domain.reminders import ReminderTime
from compound.tracker.reminders import MARK, launchd_plist

CRONTAB = """#!/bin/sh
if [ "$1" = "-l" ]; then
  if [ -f "$CRONTAB_FILE" ]; then exec /bin/cat "$CRONTAB_FILE"; fi
  echo "no crontab for tester" >&2; exit 1
fi
[ "$1" = "-" ] && exec /bin/cat > "$CRONTAB_FILE"
exit 2
"""

SYSTEMCTL = """#!/bin/sh
echo "$*" >> "$SYSTEMCTL_LOG"
[ "$2" = "is-system-running" ] && echo running
exit 0
"""

NOTIFY_SEND = """#!/bin/sh
for word in "$@"; do echo "$word"; done > "$NOTIFIED"
exit {status}
"""

# Someone's crontab: comments, a variable, bytes that are not UTF-8, a line that merely
# mentions compound.
THEIR_CRONTAB = (
    b"MAILTO=me@example.org\n# nightly jobs \xe9t\xe9\n*/5 * * * * /usr/bin/true\n"
    b"0 3 * * * compound backup\n"
)


@pytest.fixture
def bin_dir(tmp_path, monkeypatch) -> Path:
    """The only folder on PATH; the scripts a test puts there stand in for the system's."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))  # no systemd there
    monkeypatch.setenv("CRONTAB_FILE", str(tmp_path / "crontab"))
    monkeypatch.setenv("SYSTEMCTL_LOG", str(tmp_path / "systemctl.log"))
    monkeypatch.setenv("NOTIFIED", str(tmp_path / "notified"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    return folder


def script(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    path.chmod(0o755)
    return path


def record(home: Path) -> dict:
    return json.loads((home / ".config" / "compound" / "reminder.json").read_text())


def error_log(home: Path) -> Path:
    return home / ".local" / "state" / "compound" / "log" / "errors.log"


# -- set, status, off --------------------------------------------------------------------


def test_crontab_line_added_and_removed_keeping_the_rest(
    ok, db_path, bin_dir, tmp_path, isolated_home
):
    script(bin_dir, "crontab", CRONTAB)
    table = tmp_path / "crontab"
    table.write_bytes(THEIR_CRONTAB)

    said = ok("remind", "set", "20:30", "--days", "mon-fri")
    assert said.lines[0].startswith("Reminder set: weekdays at 20:30, through a crontab line")
    lines = table.read_bytes().splitlines(keepends=True)
    assert b"".join(lines[:-1]) == THEIR_CRONTAB
    ours = lines[-1].decode()
    assert ours.startswith("30 20 * * 1,2,3,4,5 ")
    assert ours.rstrip("\n").endswith(MARK)
    assert f"{sys.executable} -m compound --db {db_path} --profile default remind check" in ours

    # Set again: the line is replaced, not doubled.
    ok("remind", "set", "7:05", "--days", "sat,sun")
    assert (
        table.read_bytes()
        == THEIR_CRONTAB + ours.replace("30 20 * * 1,2,3,4,5", "5 7 * * 6,0").encode()
    )
    status = ok("remind", "status").lines
    assert status[0].startswith("Reminder: weekends at 07:05, through a crontab line")
    assert status[1].startswith("Next: ")
    assert f"Database: {db_path}" in status

    assert ok("remind", "off").lines == ["Reminder removed (a crontab line)."]
    assert table.read_bytes() == THEIR_CRONTAB
    assert ok("remind", "status").lines == [
        "No reminder is set; `compound remind set 20:30` sets one."
    ]
    assert ok("remind", "off").lines == ["No reminder was set; nothing to remove."]


def test_systemd_timer_written_enabled_then_removed(ok, db_path, bin_dir, tmp_path, isolated_home):
    script(bin_dir, "systemctl", SYSTEMCTL)
    script(bin_dir, "crontab", CRONTAB)  # there, but systemd comes first
    units = isolated_home / ".config" / "systemd" / "user"
    units.mkdir(parents=True)
    theirs = units / "backup.service"
    theirs.write_text("[Service]\nExecStart=/usr/bin/true\n")

    ok("--profile", "default", "remind", "set", "7:15", "--days", "sat,sun")
    timer = (units / "compound-remind.timer").read_text()
    service = (units / "compound-remind.service").read_text()
    assert "OnCalendar=Sat,Sun *-*-* 07:15:00\n" in timer
    assert "WantedBy=timers.target" in timer
    assert f"ExecStart={sys.executable} -m compound --db {db_path} --profile default " in service
    calls = (tmp_path / "systemctl.log").read_text().splitlines()
    assert calls[-2:] == ["--user daemon-reload", "--user enable --now compound-remind.timer"]
    assert not (tmp_path / "crontab").exists()
    assert record(isolated_home)["via"] == "systemd"
    assert (
        ok("remind", "status")
        .lines[0]
        .startswith("Reminder: weekends at 07:15, through a systemd user timer")
    )

    ok("remind", "off")
    assert sorted(p.name for p in units.iterdir()) == ["backup.service"]
    assert theirs.read_text() == "[Service]\nExecStart=/usr/bin/true\n"
    calls = (tmp_path / "systemctl.log").read_text().splitlines()
    assert "--user disable --now compound-remind.timer" in calls
    assert calls[-1] == "--user daemon-reload"


def test_without_a_scheduler_it_says_what_to_add(ok, db_path, bin_dir, isolated_home):
    said = ok("remind", "set", "21:00")
    assert said.lines[0].startswith("No scheduler here that compound can use")
    line = said.lines[-1].strip()
    assert line.startswith("0 21 * * * ") and line.endswith(MARK)
    assert not (isolated_home / ".config" / "compound" / "reminder.json").exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("20:61",), "is not a time of day"),
        (("20:30", "--days", "someday"), "is not a weekday"),
    ],
)
def test_bad_input_is_refused_and_installs_nothing(
    run, db_path, bin_dir, tmp_path, isolated_home, argv, message
):
    script(bin_dir, "crontab", CRONTAB)
    result = run("remind", "set", *argv)
    assert result.code == 2
    assert message in result.err and len(result.err.splitlines()) == 1
    assert not (tmp_path / "crontab").exists()
    assert not (isolated_home / ".config" / "compound").exists()


def test_a_time_before_the_day_starts_is_refused(run, db_path, bin_dir, monkeypatch):
    monkeypatch.setenv("COMPOUND_DAY_STARTS_AT", "04:00")
    result = run("remind", "set", "03:30")
    assert result.code == 2
    assert "before the day starts (04:00)" in result.err


def test_the_launchd_agent_fires_on_each_weekday_set():
    command = ("/usr/bin/python3", "-m", "compound", "--db", "/Users/ana/c.db", "remind", "check")
    agent = plistlib.loads(launchd_plist(ReminderTime(time(20, 30), (0, 2, 6)), command))
    assert agent["Label"] == "compound.remind"
    assert agent["ProgramArguments"] == list(command)
    # launchd counts Sunday as 0 (and Monday as 1).
    assert agent["StartCalendarInterval"] == [
        {"Weekday": 1, "Hour": 20, "Minute": 30},
        {"Weekday": 3, "Hour": 20, "Minute": 30},
        {"Weekday": 0, "Hour": 20, "Minute": 30},
    ]
    assert agent["RunAtLoad"] is False


# -- check -------------------------------------------------------------------------------


@pytest.fixture
def nine_day_streak(ok, db_path):
    """Nine days met before today, and today 18 of a 30-pages goal."""
    for back in range(1, 10):
        ok("log", "5", "--date", f"2026-11-{22 - back:02d}")
    ok("goal", "set", "daily-pages", "30")
    ok("log", "18")
    return db_path


def scheduled_check(bin_dir: Path, ok) -> subprocess.CompletedProcess:
    """Set a reminder through the crontab, then run the very command it installed, as
    the scheduler would: a process of its own, with the environment it has."""
    script(bin_dir, "crontab", CRONTAB)
    ok("remind", "set", "20:30")
    command = record(Path(os.environ["HOME"]))["command"]
    return subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))


def test_an_unmet_day_is_delivered_through_notify_send(
    ok, nine_day_streak, bin_dir, tmp_path, isolated_home
):
    script(bin_dir, "notify-send", NOTIFY_SEND.format(status=0))
    done = scheduled_check(bin_dir, ok)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "notified").read_text().splitlines() == [
        "--app-name=compound",
        "compound: today is not done yet",
        "12 more pages or any learning session will keep your 9-day streak",
    ]
    assert not error_log(isolated_home).exists()


def test_a_met_day_sends_nothing(ok, nine_day_streak, bin_dir, tmp_path):
    script(bin_dir, "notify-send", NOTIFY_SEND.format(status=0))
    ok("log", "12")
    done = scheduled_check(bin_dir, ok)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not (tmp_path / "notified").exists()


def test_the_profile_it_was_set_for_is_the_one_checked(ok, nine_day_streak, bin_dir, tmp_path):
    # ana (no goals) has read nothing today; the reminder is the default profile's, whose
    # day is met.
    script(bin_dir, "notify-send", NOTIFY_SEND.format(status=0))
    ok("profile", "add", "ana")
    ok("log", "12")
    done = scheduled_check(bin_dir, ok)
    assert done.returncode == 0
    assert not (tmp_path / "notified").exists()
    # Checked for ana, it speaks.
    assert ok("--profile", "ana", "remind", "check").out == ""
    assert (tmp_path / "notified").read_text().splitlines()[-1] == (
        "a check-in will start a streak"
    )


def test_an_undeliverable_reminder_fails_quietly_into_the_error_log(
    ok, nine_day_streak, bin_dir, tmp_path, isolated_home
):
    script(bin_dir, "notify-send", NOTIFY_SEND.format(status=1))
    done = scheduled_check(bin_dir, ok)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    logged = error_log(isolated_home).read_text()
    assert "remind check" in logged
    assert "reminder not delivered: NotDelivered: notify-send failed (status 1)" in logged


def test_no_notifier_and_no_terminal_fails_quietly(ok, nine_day_streak, bin_dir, isolated_home):
    done = scheduled_check(bin_dir, ok)  # nothing on PATH but crontab, stderr a pipe
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert "no notifier found" in error_log(isolated_home).read_text()


def test_a_missing_database_fails_quietly(run, bin_dir, tmp_path, isolated_home):
    result = run("--db", str(tmp_path / "moved.db"), "remind", "check")
    assert (result.code, result.out, result.err) == (0, "", "")
    assert "moved.db is not there" in error_log(isolated_home).read_text()
    assert not (tmp_path / "moved.db").exists()
