"""Adding many rows at once, as imports do: a library of 1,000 books, years of logs.

On SQLite the rows go to the driver's executemany in one call, with the INSERT
written out once and each column's values converted once, column by column, outside
SQLAlchemy's per-row statement machinery: for 1,000 books SQLAlchemy's executemany
took about three times as long, and its INSERT … RETURNING (which SQLite gets one
row at a time) longer still; what is left is SQLite's own. New books get their ids
from us: the unit of work holds SQLite's write lock from BEGIN IMMEDIATE, so the ids
above the table's highest ever used are ours to give, and an import knows each
record's id without asking for it back.

Other databases (PostgreSQL) take SQLAlchemy's executemany, which sends rows in
batches there, and hand back new ids with RETURNING in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Connection, Table, bindparam, insert, text, update
from sqlalchemy.dialects.sqlite.base import DATE, DATETIME
from sqlalchemy.engine import Dialect
from sqlmodel import Session, col, select

from compound.db import tables as t

# The columns of the reading logs an import adds, in the order its rows give them.
LOG_COLUMNS = (
    "profile_id",
    "day",
    "pages",
    "book_id",
    "minutes",
    "note",
    "started_book",
    "import_key",
    "created_at",
)


def insert_rows(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    new_ids: bool = False,
) -> list[int]:
    """Insert `rows` (values in the order of `columns`) into `table`.

    With `new_ids`, returns the id each row was given, in the order of `rows`;
    otherwise an empty list.
    """
    if not rows:
        return []
    sqlite = connection.dialect.name == "sqlite"
    if not sqlite or (new_ids and not table.kwargs.get("sqlite_autoincrement")):
        return _insert_with_core(connection, table, columns, rows, new_ids)
    if any(c.default is not None and c.name not in columns for c in table.c):
        # A column left out has a default SQLAlchemy fills in row by row.
        return _insert_with_core(connection, table, columns, rows, new_ids)
    ids: list[int] = []
    # Column by column (zip(*rows) would make an iterator per row for the collector).
    values: list[Sequence[Any]] = [[row[i] for row in rows] for i in range(len(columns))]
    if new_ids:
        first = _next_sqlite_id(connection, table)
        ids = list(range(first, first + len(rows)))
        columns = ("id", *columns)
        values.insert(0, ids)
    dialect = connection.dialect
    for index, name in enumerate(columns):
        convert = _converter(table.c[name], dialect)
        if convert is not None:
            values[index] = convert(values[index])
    # SQLAlchemy writes the statement, its parameters in the table's order of columns
    # (not the caller's): the values are put in that order.
    statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
    by_name = dict(zip(columns, values, strict=True))
    ordered = [by_name[name] for name in statement.positiontup or ()]
    connection.exec_driver_sql(statement.string, list(zip(*ordered)))
    return ids


def _insert_with_core(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    new_ids: bool,
) -> list[int]:
    values = [dict(zip(columns, row)) for row in rows]
    if not new_ids:
        connection.execute(insert(table), values)
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, values).scalars())


def _next_sqlite_id(connection: Connection, table: Table) -> int:
    """One above the highest id the table has ever had, which an AUTOINCREMENT table
    keeps in sqlite_sequence: a removed row's id is never handed out again."""
    seq = connection.execute(_LAST_ID, {"name": table.name}).scalar()
    return (seq or 0) + 1


_LAST_ID = text("SELECT seq FROM sqlite_sequence WHERE name = :name")

Values = Sequence[Any]


def _converter(column: Column, dialect: Dialect) -> Callable[[Values], list[Any]] | None:
    """How a column's values become what this database stores (a date as
    "2024-03-15", a moment as "2024-03-15 07:30:00.000000"), as SQLAlchemy would
    turn them row by row; None when they go as they are."""
    impl = column.type.dialect_impl(dialect)
    convert = impl.bind_processor(dialect)
    if convert is None:
        return None
    # SQLite's own layouts, when left as they are, are what isoformat writes: the
    # same text without the work of a format per value.
    if isinstance(impl, DATETIME) and impl._storage_format == DATETIME._storage_format:
        return lambda values: _moments(values, convert)
    if isinstance(impl, DATE) and impl._storage_format == DATE._storage_format:
        return lambda values: _days(values, convert)
    return lambda values: _each_once(values, convert)


def _days(values: Values, convert: Callable[[Any], Any]) -> list[Any]:
    return [
        value.isoformat() if type(value) is date else None if value is None else convert(value)
        for value in values
    ]


def _moments(values: Values, convert: Callable[[Any], Any]) -> list[Any]:
    # SQLite's layout is the moment's own fields, whatever its zone: as isoformat
    # writes them once the zone is set aside.
    texts: list[Any] = []
    last: Any = None
    written: Any = None  # what None is written as
    for value in values:
        if value is not last:  # an import's rows mostly share one moment of creation
            last = value
            if type(value) is datetime:
                written = value.isoformat(" ", "microseconds")[:26]
            else:
                written = None if value is None else convert(value)
        texts.append(written)
    return texts


def _each_once(values: Values, convert: Callable[[Any], Any]) -> list[Any]:
    """`values` converted, each distinct value once: an import's rows share a few."""
    done: dict = {}
    texts: list[Any] = []
    last: Any = None
    written: Any = None  # what None is written as
    for value in values:
        if value is last:  # True, False: the same object row after row
            texts.append(written)
            continue
        last = value
        if value is not None:
            # Type and zone are part of the key: 1 and True are equal, and so are one
            # moment in two zones, yet each is written its own way.
            key = (type(value), value, getattr(value, "tzinfo", None))
            if key not in done:
                done[key] = convert(value)
            value = done[key]
        written = value
        texts.append(value)
    return texts


def keyed_logs(session: Session, profile_id: int) -> Iterator[tuple[int, str, int, int | None]]:
    """The profile's logs that imports keyed, as plain values: (id, import key, pages,
    minutes); no objects to load and track."""
    for id_, key, pages, minutes in session.exec(
        select(
            col(t.ReadingLog.id),
            col(t.ReadingLog.import_key),
            col(t.ReadingLog.pages),
            col(t.ReadingLog.minutes),
        ).where(t.ReadingLog.profile_id == profile_id, col(t.ReadingLog.import_key).is_not(None))
    ):
        if key is not None and id_ is not None:  # as the query asks
            yield id_, key, pages, minutes


def update_log_amounts(connection: Connection, changes: Sequence[dict[str, Any]]) -> None:
    """Set reading logs' pages and minutes by id, in one executemany: each change is
    {"row": id, "new_pages": pages, "new_minutes": minutes}."""
    if not changes:
        return
    reading_log = t.ReadingLog.__table__  # type: ignore[attr-defined]  # set by SQLModel
    connection.execute(
        update(reading_log)
        .where(reading_log.c.id == bindparam("row"))
        .values(pages=bindparam("new_pages"), minutes=bindparam("new_minutes")),
        changes,
    )
