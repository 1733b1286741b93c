"""Adding many rows at once, as imports do: a library of 1,000 books, years of logs.

On SQLite the rows go to the driver's executemany in one call, with the INSERT
compiled once by SQLAlchemy and each column's values converted by its own type
once, outside SQLAlchemy's per-row statement machinery: for 1,000 books that took
about three quarters of the time of SQLAlchemy's executemany, and half that of its
INSERT … RETURNING (which SQLite gets one row at a time); the rest is SQLite's own.
New books get their ids from us: the unit of work holds SQLite's write lock from
BEGIN IMMEDIATE, so the ids above the table's highest ever used are ours to give,
and an import knows each record's id without asking for it back.

Other databases (PostgreSQL) take SQLAlchemy's executemany, which sends rows in
batches there, and hand back new ids with RETURNING in the order given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert, text


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
    ids: list[int] = []
    if new_ids:
        first = _next_sqlite_id(connection, table)
        ids = list(range(first, first + len(rows)))
        columns = ("id", *columns)
        rows = [(id_, *row) for id_, row in zip(ids, rows)]
    _insert_into_sqlite(connection, table, columns, rows)
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


def _insert_into_sqlite(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    dialect = connection.dialect
    statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if list(statement.positiontup or ()) != list(columns):
        # A column left out has a default SQLAlchemy fills in row by row.
        _insert_with_core(connection, table, columns, rows, new_ids=False)
        return
    # Each column's own conversion on this database (a date to "2024-03-15", a
    # moment to "2024-03-15 07:30:00.000000"), as SQLAlchemy applies it row by row.
    converters = [
        (index, convert)
        for index, name in enumerate(columns)
        if (convert := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    ]
    if converters:
        rows = _converted(rows, converters)
    connection.exec_driver_sql(statement.string, rows)


def _converted(rows: Sequence[Sequence[Any]], converters: list) -> list[tuple[Any, ...]]:
    """`rows` with each converter applied to its column, each distinct value converted
    once: an import's rows share a few dates and one moment of creation."""
    columns = list(zip(*rows))
    for index, convert in converters:
        done: dict = {}
        column = []
        for value in columns[index]:
            if value is not None:
                # The zone is part of the key: equal moments in two zones are two texts.
                key = (value, getattr(value, "tzinfo", None))
                if key not in done:
                    done[key] = convert(value)
                value = done[key]
            column.append(value)
        columns[index] = column
    return list(zip(*columns))
