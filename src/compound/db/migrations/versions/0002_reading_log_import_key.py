"""Reading logs remember which import made them, so importing again updates them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

A KOReader statistics file grows as a person keeps reading: importing it again must
update the day's log of a book rather than add a second one. `import_key` names the
log's origin (e.g. koreader:<book md5>:2026-11-20); it is unique per profile and
NULL for everything logged by hand.

Plain ADD COLUMN and CREATE INDEX, not batch mode: both work in place on SQLite, and
recreating the table would drop its AUTOINCREMENT (ids must never be reused).
Written out in full (not imported from db/tables.py), like 0001.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("reading_log", sa.Column("import_key", sa.String(), nullable=True))
    op.create_index(
        op.f("ix_reading_log_profile_id_import_key"),
        "reading_log",
        ["profile_id", "import_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_reading_log_profile_id_import_key"), table_name="reading_log")
    with op.batch_alter_table("reading_log", schema=None) as batch_op:
        batch_op.drop_column("import_key")
