"""Reminders without a daemon: the system's own scheduler runs `compound remind check`.

`set` installs, in this order of preference, a systemd user timer (where systemd runs
for the user), a crontab line, or on macOS a launchd agent; where none is at hand it
says what to add. Each is marked as compound's own, so `off` removes exactly what was
added and nothing else: the other lines of a crontab are kept byte for byte, the other
files of a folder are not touched. What was set is recorded beside the settings
(`reminder.json`), so `status` can say what is installed and when it fires next.

The installed command runs this very compound (the interpreter that set it, `-m
compound`) on the database and profile in use when it was set: a scheduler starts it
with few of the person's variables.

Delivery (`deliver`) is the desktop's notification service: notify-send, else D-Bus
through gdbus, on macOS osascript; else a line and a bell on a terminal. A reminder
that cannot be delivered raises NotDelivered, which `remind check` logs quietly.

The subprocess, JSON and plist modules are imported only where used: `remind check` on
a met day must cost about what `status --short` does.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from compound import locations
from compound.domain.errors import CompoundError, InputError, StorageError
from compound.domain.reminders import ReminderTime, days_spec, parse_days, parse_time

TYPE_CHECKING = False  # not typing's: `remind check` sits on the light path
if TYPE_CHECKING:
    import subprocess
    from collections.abc import Sequence
    from datetime import date

    from compound.domain.today import TodayFigures

UNIT = "compound-remind"
MARK = "# compound remind"  # ends compound's own crontab line
LAUNCHD_LABEL = "compound.remind"
RECORD = "reminder.json"
SYSTEMD, CRON, LAUNCHD, MANUAL = "systemd", "cron", "launchd", "manual"
_TIMEOUT = 15  # seconds for any one scheduler or notifier command


class NotDelivered(Exception):
    """A due reminder reached nobody (no notifier, or the notifier failed)."""


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder as set: when it fires, the command it runs, and what runs it."""

    when: ReminderTime
    command: tuple[str, ...]
    via: str  # SYSTEMD, CRON, LAUNCHD, or MANUAL (nothing installed: the line to add)
    where: str = ""  # the files or the table it was written to; for MANUAL, the line


# -- today's figures ---------------------------------------------------------------------


def figures_from_file(
    path: Path, profile: str, today: date, week_starts_on: int = 0
) -> TodayFigures | None:
    """Today's figures through the light path (`status --short`'s); None when it does
    not plainly apply and the tracker must be opened."""
    from compound.tracker.glance import today_from_file

    return today_from_file(path, profile, today, week_starts_on=week_starts_on, short=True)


# -- the command a scheduler runs --------------------------------------------------------


def check_command(database: Path, profile: str) -> tuple[str, ...]:
    """`remind check` on `database` for `profile`, by this interpreter. A path holding a
    line break or another control character cannot be written into a crontab or a unit
    safely, and is refused."""
    text = str(database.absolute())
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text + profile):
        raise InputError(f"the database path {text!r} holds a control character; rename it")
    return (sys.executable, "-m", "compound", "--db", text, "--profile", profile, "remind", "check")


# -- the files each scheduler reads (pure) ---------------------------------------------------


def _systemd_word(word: str) -> str:
    # systemd expands % specifiers and $ variables, and splits at blanks unless quoted.
    escaped = word.replace("%", "%%").replace("$", "$$")
    if any(ch in escaped for ch in " \t\"\\'"):
        escaped = '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


def systemd_units(when: ReminderTime, command: Sequence[str]) -> dict[str, str]:
    """The service and the timer, by file name."""
    from compound.domain.reminders import DAY_CODES, EVERY_DAY

    days = "" if when.days == EVERY_DAY else ",".join(DAY_CODES[d].title() for d in when.days)
    calendar = f"{days + ' ' if days else ''}*-*-* {when.at:%H:%M}:00"
    note = "# Written by `compound remind set`; `compound remind off` removes it.\n"
    return {
        f"{UNIT}.service": (
            "[Unit]\nDescription=compound: a reminder when today is not done yet\n"
            f"{note}\n[Service]\nType=oneshot\n"
            f"ExecStart={' '.join(_systemd_word(word) for word in command)}\n"
        ),
        f"{UNIT}.timer": (
            "[Unit]\nDescription=compound: when to remind\n"
            f"{note}\n[Timer]\nOnCalendar={calendar}\n"
            # A reminder missed while the machine was off would speak of another day.
            "Persistent=false\n\n[Install]\nWantedBy=timers.target\n"
        ),
    }


def cron_line(when: ReminderTime, command: Sequence[str]) -> str:
    """compound's crontab line, marked as its own (cron counts Sunday as 0)."""
    import shlex

    from compound.domain.reminders import EVERY_DAY

    days = "*" if when.days == EVERY_DAY else ",".join(str((d + 1) % 7) for d in when.days)
    # cron turns an unescaped % into a line break.
    shell = " ".join(shlex.quote(word) for word in command).replace("%", "\\%")
    return f"{when.at.minute} {when.at.hour} * * {days} {shell} {MARK}"


def launchd_plist(when: ReminderTime, command: Sequence[str]) -> bytes:
    """The launchd agent: one StartCalendarInterval entry per weekday (launchd counts
    Sunday as 0)."""
    import plistlib

    agent = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(command),
        "StartCalendarInterval": [
            {"Weekday": (day + 1) % 7, "Hour": when.at.hour, "Minute": when.at.minute}
            for day in when.days
        ],
        "RunAtLoad": False,
    }
    return plistlib.dumps(agent)


# -- where things go ----------------------------------------------------------------------


def systemd_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def launchd_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def record_file() -> Path:
    return locations.config_dir() / RECORD


def _run(argv: Sequence[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    import subprocess

    return subprocess.run(
        list(argv), input=data, capture_output=True, timeout=_TIMEOUT, check=False
    )


def _systemd_runs() -> bool:
    """Whether systemd runs for this user: its runtime folder exists, or systemctl
    answers for the user's manager."""
    import shutil

    if shutil.which("systemctl") is None:
        return False
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and (Path(runtime) / "systemd").is_dir():
        return True
    try:
        state = _run(["systemctl", "--user", "is-system-running"]).stdout.decode().strip()
    except (OSError, ValueError):
        return False
    return state in ("running", "degraded", "starting", "initializing", "maintenance")


def _crontab_here() -> bool:
    import shutil

    return shutil.which("crontab") is not None


def _scheduler(argv: Sequence[str], data: bytes | None = None) -> bytes:
    """Run one of the scheduler's commands (systemctl, crontab) and return what it
    printed; one that cannot run or fails is a StorageError naming it, with the last
    line it said."""
    import subprocess

    what = " ".join(argv)
    try:
        done = _run(argv, data)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StorageError(f"{what} failed: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        if argv[:2] == ["crontab", "-l"] and "no crontab" in "".join(said).lower():
            return b""  # nobody's crontab yet: an empty one
        raise StorageError(
            f"{what} failed" + (f": {said[-1]}" if said else f" (status {done.returncode})")
        )
    return bytes(done.stdout)


def _systemctl(*words: str) -> None:
    _scheduler(["systemctl", "--user", *words])


def _read_crontab() -> bytes:
    return _scheduler(["crontab", "-l"])


def _write_crontab(table: bytes) -> None:
    _scheduler(["crontab", "-"], table)


def _is_ours(line: bytes) -> bool:
    return line.rstrip(b"\r\n").endswith(MARK.encode())


def _without_ours(table: bytes) -> bytes:
    return b"".join(line for line in table.splitlines(keepends=True) if not _is_ours(line))


# -- set, off, status -----------------------------------------------------------------------


def install(when: ReminderTime, command: Sequence[str], platform: str = sys.platform) -> Reminder:
    """Install the reminder with the first scheduler at hand, replacing compound's earlier
    one; a MANUAL reminder (the line to add) when there is none. Refused (StorageError)
    when the scheduler refuses it; then nothing of it is left installed."""
    previous = installed()
    if platform == "darwin":
        via = LAUNCHD
    elif _systemd_runs():
        via = SYSTEMD
    elif _crontab_here():
        via = CRON
    else:
        return Reminder(when, tuple(command), MANUAL, cron_line(when, command))
    reminder = Reminder(when, tuple(command), via, _install(via, when, command))
    # Only once the new one is in place: a refused `set` leaves the old one working.
    if previous is not None and previous.via not in (via, MANUAL):
        _uninstall(previous.via)
    _write_record(reminder)
    return reminder


def _install(via: str, when: ReminderTime, command: Sequence[str]) -> str:
    if via == SYSTEMD:
        folder = systemd_folder()
        folder.mkdir(parents=True, exist_ok=True)
        units = systemd_units(when, command)
        for name, text in units.items():
            (folder / name).write_text(text, encoding="utf-8")
        try:
            _systemctl("daemon-reload")
            _systemctl("enable", "--now", f"{UNIT}.timer")
        except StorageError:
            _uninstall(SYSTEMD)
            raise
        return ", ".join(str(folder / name) for name in units)
    if via == CRON:
        table = _without_ours(_read_crontab())
        if table and not table.endswith(b"\n"):
            table += b"\n"
        _write_crontab(table + cron_line(when, command).encode() + b"\n")
        return "your crontab"
    plist = launchd_file()
    plist.parent.mkdir(parents=True, exist_ok=True)
    _launchctl("unload", plist)
    plist.write_bytes(launchd_plist(when, command))
    if not _launchctl("load", "-w", plist):
        plist.unlink(missing_ok=True)
        raise StorageError(f"launchctl load {plist} failed")
    return str(plist)


def _launchctl(*words: str | Path) -> bool:
    import subprocess

    try:
        return _run(["launchctl", *map(str, words)]).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def uninstall() -> Reminder | None:
    """Remove compound's reminder, and only it; the one that was set, or None."""
    reminder = installed()
    for via in (SYSTEMD, CRON, LAUNCHD) if reminder is None else (reminder.via,):
        _uninstall(via)
    record_file().unlink(missing_ok=True)
    return reminder


def _uninstall(via: str) -> None:
    if via == SYSTEMD:
        folder = systemd_folder()
        timer = folder / f"{UNIT}.timer"
        if not timer.exists() and not (folder / f"{UNIT}.service").exists():
            return  # none of ours here: the user's manager is not asked anything
        if timer.exists() and _systemd_runs():
            try:
                _systemctl("disable", "--now", f"{UNIT}.timer")
            except StorageError:
                pass  # not enabled (or gone): the files go all the same
        for name in (f"{UNIT}.timer", f"{UNIT}.service"):
            (folder / name).unlink(missing_ok=True)
        if _systemd_runs():
            try:
                _systemctl("daemon-reload")
            except StorageError:
                pass
    elif via == CRON:
        if not _crontab_here():
            return
        table = _read_crontab()
        kept = _without_ours(table)
        if kept != table:
            _write_crontab(kept)
    elif via == LAUNCHD:
        plist = launchd_file()
        if plist.exists():
            _launchctl("unload", "-w", plist)
            plist.unlink()


def installed() -> Reminder | None:
    """The reminder compound recorded setting, or None."""
    import json

    try:
        raw = json.loads(record_file().read_text(encoding="utf-8"))
        when = ReminderTime(parse_time(raw["at"]), parse_days(raw["days"]))
        return Reminder(when, tuple(raw["command"]), raw["via"], raw.get("where", ""))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, CompoundError):
        return None  # a record no longer readable: as if none, and `set` writes a new one


def still_there(reminder: Reminder) -> bool:
    """Whether what was installed is still in place (a person may have removed it)."""
    if reminder.via == SYSTEMD:
        return (systemd_folder() / f"{UNIT}.timer").exists()
    if reminder.via == CRON:
        try:
            return _crontab_here() and any(
                _is_ours(line) for line in _read_crontab().splitlines(keepends=True)
            )
        except StorageError:
            return False
    if reminder.via == LAUNCHD:
        return launchd_file().exists()
    return False


def _write_record(reminder: Reminder) -> None:
    import json

    from compound.files import private_folder

    path = record_file()
    private_folder(path.parent)
    data = {
        "at": f"{reminder.when.at:%H:%M}",
        "days": days_spec(reminder.when.days),
        "via": reminder.via,
        "where": reminder.where,
        "command": list(reminder.command),
    }
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
    os.replace(temporary, path)


# -- delivery --------------------------------------------------------------------------------


def deliver(title: str, body: str, platform: str = sys.platform) -> str:
    """Show the reminder; returns how it went out. Raises NotDelivered when nothing could
    show it."""
    import shutil

    if platform == "darwin":
        script = f"display notification {_applescript(body)} with title {_applescript(title)}"
        _notify(["osascript", "-e", script])
        return "osascript"
    if shutil.which("notify-send"):
        _notify(["notify-send", "--app-name=compound", title, body])
        return "notify-send"
    if shutil.which("gdbus"):
        _notify(
            [
                "gdbus", "call", "--session",
                "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications",
                "--method", "org.freedesktop.Notifications.Notify",
                "'compound'", "uint32 0", "''", _gvariant(title), _gvariant(body),
                "@as []", "@a{sv} {}", "int32 -1",
            ]
        )  # fmt: skip
        return "gdbus"
    if sys.stderr is not None and sys.stderr.isatty():
        print(f"{title}: {body}\a", file=sys.stderr)
        return "terminal"
    raise NotDelivered("no notifier found (notify-send, gdbus) and no terminal to print on")


def _notify(argv: list[str]) -> None:
    import subprocess

    env = dict(os.environ)
    if "DBUS_SESSION_BUS_ADDRESS" not in env:
        # cron starts commands without the desktop's session bus: find the usual one.
        uid = os.getuid() if hasattr(os, "getuid") else None
        runtime = env.get("XDG_RUNTIME_DIR") or f"/run/user/{uid}"
        if uid is not None and Path(runtime, "bus").exists():
            env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={runtime}/bus"
    try:
        done = subprocess.run(
            argv, env=env, capture_output=True, timeout=_TIMEOUT, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NotDelivered(f"{argv[0]} failed: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip()
        raise NotDelivered(f"{argv[0]} failed (status {done.returncode}): {said}")


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _gvariant(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
