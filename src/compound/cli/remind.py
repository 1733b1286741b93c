"""`compound remind set|off|status|check`: a nudge when today is not done, no daemon.

`set` hands `remind check` to the system's scheduler (tracker/reminders.py); `check`
is what the scheduler runs. It speaks only when today is due and not yet met for the
profile the reminder was set for (recorded with the database when it was set: one
reminder is one person's, on the desktop of the account that set it), and otherwise
does nothing, quickly. `check` is never noisy: whatever goes wrong (the notifier, the
database) goes to the error log, with exit status 0 and nothing on stdout or stderr, so
that cron mails nobody.
"""

from __future__ import annotations

from compound.cli.context import Context

VIA = {
    "systemd": "a systemd user timer",
    "cron": "a crontab line",
    "launchd": "a launchd agent",
}


def set_reminder(ctx: Context, args) -> int:
    from datetime import datetime

    from compound.domain.errors import InputError
    from compound.domain.reminders import (
        ReminderTime,
        check_reminder_time,
        parse_days,
        parse_time,
    )
    from compound.tracker.reminders import MANUAL, check_command, install
    from compound.words.reminders import days_name, next_firing

    when = ReminderTime(parse_time(args.time), parse_days(args.days))
    check_reminder_time(when.at, ctx.settings.day_starts_at)
    if ctx.database.path is None:
        raise InputError(
            "reminders read a SQLite file, and this database is a URL; "
            "choose the file with --db to set one"
        )
    reminder = install(when, check_command(ctx.database.path, ctx.profile))
    said = f"{days_name(when.days)} at {when.at:%H:%M}"
    if reminder.via == MANUAL:
        ctx.print(
            f"No scheduler here that compound can use (systemd, cron). To be reminded {said},",
            "add this line to your crontab (`crontab -e`) or run its command from your own:",
            f"  {reminder.where}",
        )
        return 0
    now = datetime.now()
    ctx.print(
        f"Reminder set: {said}, through {VIA[reminder.via]} ({reminder.where}).",
        f"Next: {next_firing(when.next_after(now), now)}, if today is not done by then.",
    )
    return 0


def turn_off(ctx: Context, args) -> int:
    from compound.tracker.reminders import uninstall

    removed = uninstall()
    if removed is None:
        ctx.print("No reminder was set; nothing to remove.")
    else:
        ctx.print(f"Reminder removed ({VIA.get(removed.via, removed.via)}).")
    return 0


def show_status(ctx: Context, args) -> int:
    from datetime import datetime

    from compound.tracker.reminders import installed, still_there
    from compound.words.reminders import days_name, next_firing

    reminder = installed()
    if reminder is None:
        ctx.print("No reminder is set; `compound remind set 20:30` sets one.")
        return 0
    when = reminder.when
    ctx.print(
        f"Reminder: {days_name(when.days)} at {when.at:%H:%M}, through "
        f"{VIA.get(reminder.via, reminder.via)} ({reminder.where})."
    )
    if not still_there(reminder):
        ctx.print("It is no longer installed; `compound remind set` puts it back.")
        return 0
    now = datetime.now()
    ctx.print(f"Next: {next_firing(when.next_after(now), now)}.")
    command = list(reminder.command)
    for flag, label in (("--db", "Database"), ("--profile", "Profile")):
        if flag in command[:-1]:
            ctx.print(f"{label}: {command[command.index(flag) + 1]}")
    return 0


def check(ctx: Context, args) -> int:
    try:
        _check(ctx)
    except Exception as exc:  # noqa: BLE001 — a reminder is never noisy: log it, exit 0
        _log_quietly(exc)
    finally:
        # The timer's run takes no daily backup and prints no note about one.
        ctx.close()
    return 0


def _check(ctx: Context) -> None:
    from compound.domain.reminders import needs_reminder

    settings = ctx.settings
    clock = settings.now().time()
    if clock < settings.day_starts_at:
        return  # still yesterday: nothing to read
    figures = None
    path = ctx.database.path
    if path is not None:
        if not path.exists():
            raise FileNotFoundError(f"the reminder's database {path} is not there")
        from compound.tracker.reminders import figures_from_file

        figures = figures_from_file(path, ctx.profile, ctx.today, settings.week_starts_on)
    if figures is None:
        figures = ctx.tracker().views.status(with_goal_pace=False)
    if not needs_reminder(figures, clock, settings.day_starts_at):
        return
    from compound.tracker.reminders import deliver
    from compound.words.reminders import TITLE, reminder_text

    deliver(TITLE, reminder_text(figures))


def _log_quietly(exc: BaseException) -> None:
    """One entry in the error log, as the command line's last resort writes it; when even
    that fails, nothing: a scheduler's run has nobody to tell."""
    from compound.cli import write_error_log

    try:
        write_error_log(f"reminder not delivered: {type(exc).__name__}: {exc}\n")
    except OSError:
        pass


def register(commands) -> None:
    remind = commands.group(
        "remind", "a desktop reminder when today is not done yet, run by the system's scheduler"
    )
    p = remind.add(
        "set",
        set_reminder,
        "remind at a time of day, on some days (a systemd timer, cron or launchd)",
        description="Remind at TIME on the days given when today is due and not yet met, "
        "for this database and profile. Installs a systemd user timer where systemd "
        "runs, else a crontab line, on macOS a launchd agent; else says what to add.",
    )
    p.add_argument("time", metavar="TIME", help="the time of day, like 20:30")
    p.add_argument(
        "--days",
        metavar="DAYS",
        help="the weekdays, a list or range: mon-fri, sat,sun, mon,wed,fri (default: every day)",
    )
    remind.add("off", turn_off, "remove the reminder compound installed, and nothing else")
    remind.add("status", show_status, "what is installed and when it fires next")
    remind.add(
        "check",
        check,
        "notify now if today is due and not yet met (what the scheduler runs)",
        description="Send a desktop notification when today is due and not yet met; "
        "otherwise do nothing. Never prints: a failure goes to the error log.",
    )
