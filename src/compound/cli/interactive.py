"""Bare `compound` on a terminal: the composition root of the Textual app.

Textual (and the app) is imported here and only here, when the app starts, so the
headless commands never pay for it. The Tracker is handed over unopened: the app
opens it in a worker thread while its first frame paints, showing meanwhile today's
figures read from an up-to-date SQLite file without the ORM (tracker.glance).
"""

from __future__ import annotations

import sys

from compound.cli.context import Context


def wanted(ctx: Context) -> bool:
    """Open the app only on a terminal: a pipe or a test gets the printed status."""
    return ctx.out is sys.stdout and sys.stdin.isatty() and sys.stdout.isatty()


def run(ctx: Context) -> int:
    from compound import locations
    from compound.tui.app import CompoundApp

    settings, path, profile, url = ctx.settings, ctx.database.path, ctx.profile, ctx.database.url

    def open_tracker():
        # Imported in the app's worker: the ORM's import is part of opening.
        from compound.tracker.core import Tracker

        return Tracker.open(url, profile, settings, settings.today)

    glance = None
    if path is not None:

        def glance(today):
            from compound.tracker.glance import today_from_file

            return today_from_file(path, profile, today, week_starts_on=settings.week_starts_on)

    app = CompoundApp(
        open_tracker,
        settings,
        today=settings.today,
        glance=glance,
        settings_file=locations.config_file(),
    )
    app.run()
    if app.failure is not None:
        raise app.failure
    if path is not None and app.gate.profile_name():
        # The app opened the file itself (not through ctx.store), so the context's
        # automatic backup would not know it was used: take it here.
        _keep_daily_backup(ctx, path)
    return app.return_code or 0


def _keep_daily_backup(ctx: Context, path) -> None:
    from compound.domain.errors import CompoundError
    from compound.tracker.safekeeping import keep_daily_backup

    try:
        keep_daily_backup(path, ctx.today, ctx.settings.daily_backups)
    except CompoundError as exc:
        print(f"compound: note: today's automatic backup was not made: {exc}", file=ctx.err)
