"""Alembic environment: the schema is SQLModel's metadata from db/tables.py.

compound runs migrations from code (db/migrate.py) and hands in its own
connection, already inside a locked transaction. Developers can also run
`alembic -c src/compound/db/migrations/alembic.ini revision --autogenerate`
against a scratch database named by COMPOUND_DATABASE_URL.
"""

import os

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import compound.db.tables  # noqa: F401  (registers the tables on the metadata)


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = os.environ.get("COMPOUND_DATABASE_URL", "sqlite:///scratch.db")
    with create_engine(url).begin() as scratch:
        run_migrations(scratch)
