"""`compound backup`, `compound restore` and `compound doctor`: keeping the history safe."""

from __future__ import annotations

from pathlib import Path

from compound.cli.context import Context
from compound.domain.errors import InputError
from compound.words.numbers import plural

EXIT_UNWELL = 1  # doctor found a problem


def _sqlite_file(ctx: Context, command: str) -> Path:
    """The SQLite file in use; a one-line refusal for a server database."""
    path = ctx.database.path
    if path is None:
        raise InputError(
            f"{command} works on SQLite files and {ctx.database.display} is a "
            "database server: use pg_dump and pg_restore for PostgreSQL"
        )
    return path


def _argument_path(text: str, what: str) -> Path:
    if not text.strip():
        raise InputError(f"the {what} path is empty")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"the {what} path {text!r} is not valid UTF-8; rename it") from None
    return Path(text).expanduser().absolute()


def backup(ctx: Context, args) -> int:
    from compound.tracker import safekeeping

    database = _sqlite_file(ctx, "backup")
    target = _argument_path(args.path, "backup") if args.path is not None else None
    made = safekeeping.backup(database, target, replace=args.replace)
    size_text = safekeeping.size_text
    ctx.print(f"Backed up {database} to {made} ({size_text(made.stat().st_size)}).")
    return 0


def restore(ctx: Context, args) -> int:
    from compound.tracker import safekeeping

    database = _sqlite_file(ctx, "restore")
    source = _argument_path(args.path, "backup")
    revision, kept = safekeeping.restore(source, database)
    ctx.print(f"Restored {database} from {source} (schema {revision}).")
    if kept is not None:
        ctx.print(f"The database it replaced is kept as {kept}.")
    # An older schema is upgraded when the database is next opened, with its own copy first.
    return 0


def doctor(ctx: Context, args) -> int:
    from compound.cli.tables import Table, show
    from compound.tracker import safekeeping

    database = ctx.database
    checks = safekeeping.check(database.path, database.url, ctx.settings.daily_backups)
    # A finding is a sentence that says what is wrong and where: it wraps within its
    # column rather than being cut.
    rows = [[f"{'ok' if check.ok else '!!'} {check.name}", check.detail] for check in checks]
    show(ctx.out, Table(["CHECK", "FINDING"], rows, sentences=(1,), header=False))
    problems = sum(not check.ok for check in checks)
    if problems:
        ctx.print(f"{plural(problems, 'problem')} found.")
        return EXIT_UNWELL
    return 0


def register(commands) -> None:
    p = commands.add(
        "backup",
        backup,
        "copy the database, consistently, even while it is in use",
        description="Copy the SQLite database with SQLite's online backup: the copy "
        "is consistent even while another compound writes. Without "
        "PATH it goes in the backups folder beside the database.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="file or folder to write the copy to")
    p.add_argument("--replace", action="store_true", help="replace PATH if it exists")

    p = commands.add(
        "restore",
        restore,
        "replace the database with a backup, keeping it aside",
        description="Check a backup (a compound database that passes SQLite's "
        "integrity check, at a schema this compound knows), keep the "
        "current database aside, then put the backup in its place.",
    )
    p.add_argument("path", metavar="PATH", help="the backup to restore")

    commands.add(
        "doctor",
        doctor,
        "check the database: integrity, schema, orphans, files, backups",
        description="Report the database's integrity, schema revision, orphan rows, "
        "file permissions and the sizes of it and its backups, changing "
        "nothing. Exit status 1 when something is wrong.",
    )
