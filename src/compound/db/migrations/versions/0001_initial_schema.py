"""Initial schema: profiles, books, reading logs, learning sessions, goals, skips.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Written out in full (not imported from db/tables.py) so this revision keeps
building the same schema however the tables change later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_profile_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
        sa.UniqueConstraint("name", name=op.f("uq_profile_name")),
    )
    op.create_table(
        "book",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=True),
        sa.Column("total_pages", sa.Integer(), nullable=True),
        sa.Column("isbn", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('to-read', 'reading', 'finished', 'abandoned')",
            name=op.f("ck_book_status_known"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_book_title_not_blank")),
        sa.CheckConstraint(
            "total_pages IS NULL OR total_pages > 0", name=op.f("ck_book_total_pages_positive")
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_book_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_book")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("book", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_book_profile_id_status"), ["profile_id", "status"], unique=False
        )

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("schedule", sa.String(), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('daily-pages', 'weekly-pages', 'yearly-books', 'daily-minutes', "
            "'weekly-sessions')",
            name=op.f("ck_goal_kind_known"),
        ),
        sa.CheckConstraint("target > 0", name=op.f("ck_goal_target_positive")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_goal_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal")),
        sa.UniqueConstraint(
            "profile_id", "kind", "since", name=op.f("uq_goal_profile_id_kind_since")
        ),
    )
    op.create_table(
        "learning_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("topic", sa.String(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('course', 'workshop', 'talk', 'podcast', 'article', 'practice', 'other')",
            name=op.f("ck_learning_session_kind_known"),
        ),
        sa.CheckConstraint("minutes > 0", name=op.f("ck_learning_session_minutes_positive")),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_learning_session_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_session")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("learning_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_session_profile_id_day"), ["profile_id", "day"], unique=False
        )

    op.create_table(
        "skip",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_skip_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skip")),
        sa.UniqueConstraint("profile_id", "day", name=op.f("uq_skip_profile_id_day")),
    )
    op.create_table(
        "reading_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("book_id", sa.Integer(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("started_book", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "minutes IS NULL OR minutes > 0", name=op.f("ck_reading_log_minutes_positive")
        ),
        sa.CheckConstraint("pages > 0", name=op.f("ck_reading_log_pages_positive")),
        sa.ForeignKeyConstraint(
            ["book_id"], ["book.id"], name=op.f("fk_reading_log_book_id_book"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_reading_log_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reading_log")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("reading_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reading_log_book_id"), ["book_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_reading_log_profile_id_day"), ["profile_id", "day"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reading_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reading_log_profile_id_day"))
        batch_op.drop_index(batch_op.f("ix_reading_log_book_id"))

    op.drop_table("reading_log")
    op.drop_table("skip")
    with op.batch_alter_table("learning_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_session_profile_id_day"))

    op.drop_table("learning_session")
    op.drop_table("goal")
    with op.batch_alter_table("book", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_book_profile_id_status"))

    op.drop_table("book")
    op.drop_table("profile")
