"""`compound doctor`: how a database is, read without changing anything.

For a SQLite file: integrity, schema revision (and that every table and column
it needs is there), orphan rows, who may read the files, and the sizes of the
database and its backups. For PostgreSQL: the
schema revision, orphan rows and the database's size (integrity, permissions
and backups are the server's and pg_dump's business there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from compound.db import backup, revisions
from compound.domain.errors import StorageError
from compound.store.safekeeping import backup_folders, kept_copies


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


def size_text(size: int) -> str:
    """Bytes as people read them: 812 B, 76 KB, 1.4 MB."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"


def _schema(revision: str | None) -> Check:
    head = revisions.head_revision()
    if revision == head:
        return Check("schema", True, f"revision {revision}, the newest this compound knows")
    if revision is None:
        return Check("schema", True, "empty: the schema is created when it is next opened")
    if revisions.is_known(revision):
        return Check(
            "schema",
            True,
            f"revision {revision}; upgraded to {head} (after a backup copy) when it is next opened",
        )
    return Check(
        "schema",
        False,
        f"revision {revision}, written by a newer compound (this one "
        f"knows up to {head}): upgrade compound",
    )


@cache
def needed_columns(revision: str) -> dict[str, frozenset[str]]:
    """Every table and its columns that schema `revision` has, as its migrations build it.

    Built by running the migrations up to `revision` on an empty database in memory,
    so that it holds for every revision this compound knows, not only the newest.
    """
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from compound.db.migrate import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(revisions.VERSIONS_DIR))
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            found = inspect(connection)
            return {
                table: frozenset(column["name"] for column in found.get_columns(table))
                for table in found.get_table_names()
            }
    finally:
        engine.dispose()


def _missing(revision: str, columns: dict[str, frozenset[str]]) -> list[str]:
    """What schema `revision` needs that the database lacks: tables, then columns."""
    needed = needed_columns(revision)
    tables = [f"table {table}" for table in sorted(needed) if table not in columns]
    fields = [
        f"column {table}.{column}"
        for table in sorted(needed)
        if table in columns
        for column in sorted(needed[table] - columns[table])
    ]
    return tables + fields


def _complete(schema: Check, revision: str | None, columns: dict[str, frozenset[str]]) -> Check:
    """The schema check, failed when a table or column its revision needs is missing."""
    if revision is None or not revisions.is_known(revision):
        return schema
    missing = _missing(revision, columns)
    if not missing:
        return schema
    more = f" (and {len(missing) - 5} more)" if len(missing) > 5 else ""
    verb, them = ("is", "it") if len(missing) == 1 else ("are", "them")
    return Check(
        "schema",
        False,
        f"revision {revision}, but {', '.join(missing[:5])}{more} {verb} missing; "
        f"restoring a backup brings {them} back",
    )


def _orphans(counts: dict[str, int]) -> Check:
    if not counts:
        return Check("orphan rows", True, "none")
    listed = ", ".join(f"{n} in {table}" for table, n in sorted(counts.items()))
    return Check("orphan rows", False, f"{listed} point at rows that no longer exist")


def _permissions(database: Path) -> Check:
    """Every file that holds the data should be its owner's alone."""
    paths = [Path(f"{database}{suffix}") for suffix in ("", "-wal", "-shm")]
    paths += backup_folders(database) + [copy.path for copy in kept_copies(database)]
    exposed = []
    for path in paths:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            exposed.append(f"{path.name} is {mode:04o}")
    if exposed:
        which = "it" if len(exposed) == 1 else "them"
        return Check(
            "permissions",
            False,
            f"{'; '.join(exposed)}: other users can read {which}; chmod go-rwx fixes that",
        )
    return Check("permissions", True, "only you can read the database and its backups")


def _backups(database: Path, daily_backups: int) -> Check:
    copies = kept_copies(database)
    off = "; automatic daily backups are off (daily_backups = 0)" if daily_backups <= 0 else ""
    if not copies:
        later = "" if off else ": one is taken after the next command that opens it"
        return Check("backups", True, f"none yet{later}{off}")
    kinds: dict[str, list] = {}
    for copy in copies:
        kinds.setdefault(copy.kind, []).append(copy)
    parts = []
    for kind, found in kinds.items():
        part = f"{len(found)} {kind}"
        if kind == "daily":
            part += (
                # Across folders (an older compound's one too): the latest day by name.
                f" (newest {max(c.path.stem for c in found).removeprefix('daily-')}, "
                f"keeping {daily_backups})"
            )
        parts.append(part)
    total = size_text(sum(copy.size for copy in copies))
    folder = (
        f"; daily and manual ones are in {' and '.join(map(str, backup_folders(database)))}"
        if {"daily", "manual"} & kinds.keys()
        else ""
    )
    return Check("backups", True, f"{', '.join(parts)}: {total} in all{folder}{off}")


def check_sqlite(database: Path, daily_backups: int) -> list[Check]:
    """The doctor's findings for a SQLite file; reads only."""
    if database.is_dir():
        return [Check("database", False, f"{database} is a directory, not a compound database")]
    if not database.exists():
        return [
            Check("database", True, f"{database} does not exist yet; the first check-in creates it")
        ]
    wal = Path(f"{database}-wal")
    size = f"{database}: {size_text(database.stat().st_size)}"
    if wal.is_file() and wal.stat().st_size:
        size += f" + {size_text(wal.stat().st_size)} of recent writes not yet merged (-wal)"
    checks = [Check("database", True, size)]
    try:
        verdict = backup.examine(database)
    except StorageError as exc:
        checks.append(Check("integrity", False, str(exc)))
    else:
        if verdict.sound:
            checks.append(Check("integrity", True, "ok (PRAGMA integrity_check)"))
        else:
            shown = "; ".join(verdict.integrity[:3])
            more = f" (and {len(verdict.integrity) - 3} more)" if len(verdict.integrity) > 3 else ""
            checks.append(
                Check("integrity", False, f"{shown}{more}; restoring a backup brings it back")
            )
        schema = _complete(_schema(verdict.revision), verdict.revision, verdict.columns)
        checks += [schema, _orphans(verdict.orphans)]
    checks += [_permissions(database), _backups(database, daily_backups)]
    return checks


def check_server(url: str) -> list[Check]:
    """The doctor's findings for a PostgreSQL (or other server) database; reads only."""
    from sqlalchemy import func, select, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import SQLModel

    import compound.db.tables  # noqa: F401  (registers the tables on the metadata)
    from compound.db.engine import make_engine
    from compound.db.migrate import current_revision

    where = make_url(url).render_as_string(hide_password=True)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
            checks = [Check("database", True, where)]
            if connection.dialect.name == "postgresql":
                version = connection.execute(text("SHOW server_version")).scalar()
                size = connection.execute(
                    text("SELECT pg_database_size(current_database())")
                ).scalar_one()
                checks[0] = Check(
                    "database", True, f"{where}: PostgreSQL {version}, {size_text(int(size))}"
                )
            checks.append(_schema(revision))
            if revision == revisions.head_revision():
                counts: dict[str, int] = {}
                for table in SQLModel.metadata.sorted_tables:
                    for key in table.foreign_keys:
                        child, parent = key.parent, key.column
                        dangling = (
                            select(func.count())
                            .select_from(table)
                            .where(
                                child.is_not(None), ~select(parent).where(parent == child).exists()
                            )
                        )
                        found = connection.execute(dangling).scalar()
                        if found:
                            counts[table.name] = counts.get(table.name, 0) + found
                checks.append(_orphans(counts))
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "database error"
        raise StorageError(f"cannot open {where}: {reason}") from None
    finally:
        engine.dispose()
    checks.append(
        Check(
            "backups",
            True,
            "the server's: take them with pg_dump (compound backup works on SQLite files)",
        )
    )
    return checks
