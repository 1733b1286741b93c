"""Bare `compound` on a terminal: the composition root of the Textual app.

Textual (and the app) is imported here and only here, when the app starts, so the
headless commands never pay for it. The store is handed over unopened: the app
opens it in a worker thread while its first frame paints, showing meanwhile the
figures `status` reads from an up-to-date SQLite file without the ORM.
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

    settings, path, profile = ctx.settings, ctx.database.path, ctx.profile
    glance = None
    if path is not None:
        def glance(today):
            from compound.store.snapshot import read_sqlite_status

            return read_sqlite_status(path, profile, today)

    app = CompoundApp(ctx.store, settings, today=settings.today, glance=glance,
                      settings_file=locations.config_file())
    app.run()
    if app.failure is not None:
        raise app.failure
    return app.return_code or 0
