"""Reading by time, audiobook lengths, and the page reads of e-readers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- A reading log may hold minutes without pages (an audiobook, a Kindle session):
  `pages` may be 0 when `minutes` is given, never both missing.
- A book may have a length in minutes (an audiobook) besides or instead of pages.
- `page_reads` keeps, per book an e-reader names (KOReader's md5), every page read
  imported so far, packed: importing a second device's statistics adds its page
  reads to the first's (merged by book, page and start time), and the days are
  counted again from all of them, in the day start and time zone of the moment.

SQLite cannot change a CHECK constraint in place: reading_log is rebuilt in the
steps SQLite documents, keeping AUTOINCREMENT and the highest id ever handed out
(an id seen yesterday never comes to mean another row). Written out in full (not
imported from db/tables.py), like 0001.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
LINE = r"[\x01-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"

READING_LOG = """
CREATE TABLE reading_log_rebuilt (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	profile_id INTEGER NOT NULL,
	day DATE NOT NULL,
	pages INTEGER NOT NULL,
	book_id INTEGER,
	minutes INTEGER,
	note VARCHAR,
	started_book BOOLEAN DEFAULT 0 NOT NULL,
	created_at DATETIME NOT NULL,
	import_key VARCHAR,
	CONSTRAINT ck_reading_log_minutes_positive CHECK (minutes IS NULL OR minutes > 0),
	CONSTRAINT ck_reading_log_pages_not_negative CHECK (pages >= 0),
	CONSTRAINT ck_reading_log_pages_or_minutes CHECK (pages > 0 OR minutes IS NOT NULL),
	CONSTRAINT fk_reading_log_book_id_book FOREIGN KEY(book_id)
		REFERENCES book (id) ON DELETE SET NULL,
	CONSTRAINT fk_reading_log_profile_id_profile FOREIGN KEY(profile_id)
		REFERENCES profile (id) ON DELETE CASCADE
)
"""
COPY_ROWS = """
INSERT INTO reading_log_rebuilt
    (id, profile_id, day, pages, book_id, minutes, note, started_book, created_at, import_key)
SELECT id, profile_id, day, pages, book_id, minutes, note, started_book, created_at, import_key
FROM reading_log
"""
INDEXES = (
    "CREATE INDEX ix_reading_log_book_id ON reading_log (book_id)",
    "CREATE INDEX ix_reading_log_profile_id_day ON reading_log (profile_id, day)",
    "CREATE UNIQUE INDEX ix_reading_log_profile_id_import_key "
    "ON reading_log (profile_id, import_key)",
)


def _rebuild_reading_log_on_sqlite() -> None:
    # Nothing refers to reading_log, so it can be dropped with foreign keys on.
    highest = op.get_bind().scalar(
        sa.text("SELECT seq FROM sqlite_sequence WHERE name = 'reading_log'")
    )
    op.execute(READING_LOG)
    op.execute(COPY_ROWS)
    op.execute("DROP TABLE reading_log")
    op.execute("ALTER TABLE reading_log_rebuilt RENAME TO reading_log")
    for index in INDEXES:
        op.execute(index)
    if highest is not None:
        op.execute(
            sa.text("UPDATE sqlite_sequence SET seq = :seq WHERE name = 'reading_log'").bindparams(
                seq=highest
            )
        )


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_reading_log_on_sqlite()
    else:
        op.drop_constraint(op.f("ck_reading_log_pages_positive"), "reading_log", type_="check")
        op.create_check_constraint(
            op.f("ck_reading_log_pages_not_negative"), "reading_log", "pages >= 0"
        )
        op.create_check_constraint(
            op.f("ck_reading_log_pages_or_minutes"),
            "reading_log",
            "pages > 0 OR minutes IS NOT NULL",
        )
    op.add_column("book", sa.Column("total_minutes", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        op.create_check_constraint(
            op.f("ck_book_total_minutes_positive"),
            "book",
            "total_minutes IS NULL OR total_minutes > 0",
        )
    printable = []
    if op.get_bind().dialect.name == "postgresql":
        printable = [
            sa.CheckConstraint(
                f"link_key !~ '{LINE}'", name=op.f("ck_page_reads_link_key_printable")
            )
        ]
    op.create_table(
        "page_reads",
        sa.Column("id", ID_TYPE, sa.Identity(), nullable=False),
        sa.Column("profile_id", ID_TYPE, nullable=False),
        sa.Column("link_key", sa.String(), nullable=False),
        sa.Column("reads", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        *printable,
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_page_reads_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_reads")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_page_reads_profile_id_link_key"),
        "page_reads",
        ["profile_id", "link_key"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ix_page_reads_profile_id_link_key", table_name="page_reads")
    op.drop_table("page_reads")
    with op.batch_alter_table("book", schema=None) as batch_op:
        batch_op.drop_column("total_minutes")
