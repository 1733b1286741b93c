"""The schema: SQLModel table classes, the one source of truth for every column.

Rules the data must keep live in the database too (CHECK and FOREIGN KEY), so a
second client, a hand-written query or a future bug cannot store a negative page
count. Enumerations are plain strings under a CHECK rather than database ENUM
types, which keeps migrations identical on SQLite and PostgreSQL.

PostgreSQL, where members of a shared database write with their own SQL, also keeps
controls out of every free-text column (`_printable`), and its ids are 64-bit
identity columns, which draw from their sequence without anyone holding a privilege on
it (see postgres_rls.sql).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel

from compound.domain.records import BookStatus, GoalKind, SessionKind

# Deterministic constraint names: Alembic's batch mode on SQLite recreates tables
# and can only drop or alter a constraint it can name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def _one_of(column: str, values: type[StrEnum]) -> str:
    listed = ", ".join(f"'{member.value}'" for member in values)
    return f"{column} IN ({listed})"


def _created_at() -> datetime:
    return Field(default_factory=utcnow, sa_type=DateTime(timezone=True), nullable=False)


# Ids, and the columns naming them: SQLite's INTEGER is 64-bit already (and an
# AUTOINCREMENT key must be declared INTEGER); on PostgreSQL, BIGINT, so that no one
# drawing ids by inserting rows could ever use them up.
ID_TYPE = BigInteger().with_variant(Integer(), "sqlite")


def _id() -> int | None:
    """The primary key: AUTOINCREMENT on SQLite (with the table's sqlite_autoincrement),
    an identity column on PostgreSQL. Either way an id is never handed out twice."""
    return Field(default=None, sa_column=Column("id", ID_TYPE, Identity(), primary_key=True))


# What no free text may hold on PostgreSQL: C0 controls, DEL and C1 controls (the 8-bit
# CSI among them), and the bidi embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069) that reorder what a terminal shows. Notes may keep tabs and line breaks.
# PostgreSQL's own regular expression escapes, so the DDL stays ASCII.
CONTROLS = r"[\x01-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
CONTROLS_IN_NOTES = r"[\x01-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def _printable(column: str, *, lines: bool = False) -> CheckConstraint:
    """A CHECK that `column` holds no controls, on PostgreSQL only: there members write
    with their own SQL; a SQLite file is written by compound, which checks text itself."""
    refused = CONTROLS_IN_NOTES if lines else CONTROLS
    return CheckConstraint(f"{column} !~ '{refused}'", name=f"{column}_printable").ddl_if(
        dialect="postgresql"
    )


class Profile(SQLModel, table=True):
    """A person whose check-ins are kept apart from everyone else's."""

    __tablename__ = "profile"
    __table_args__ = (
        UniqueConstraint("name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        _printable("name"),
    )

    id: int | None = _id()
    name: str
    created_at: datetime = _created_at()


class Book(SQLModel, table=True):
    __tablename__ = "book"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("total_pages IS NULL OR total_pages > 0", name="total_pages_positive"),
        CheckConstraint(
            "total_minutes IS NULL OR total_minutes > 0", name="total_minutes_positive"
        ).ddl_if(dialect="postgresql"),
        CheckConstraint(_one_of("status", BookStatus), name="status_known"),
        _printable("title"),
        _printable("author"),
        _printable("isbn"),
        _printable("source"),
        Index(None, "profile_id", "status"),
        # Never reuse an id: "#12" or "r12" seen in yesterday's output must not come
        # to mean a different row after a delete.
        {"sqlite_autoincrement": True},
    )

    id: int | None = _id()
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", sa_type=ID_TYPE)
    title: str
    author: str | None = None
    total_pages: int | None = None
    # An audiobook's length (or a book's, read by time): positions in it are times.
    total_minutes: int | None = None
    isbn: str | None = None
    status: str = BookStatus.TO_READ.value
    started_on: date | None = None
    finished_on: date | None = None
    source: str = "manual"
    created_at: datetime = _created_at()


class ReadingLog(SQLModel, table=True):
    """Pages read on one logical day, optionally in one book; or, for reading measured
    by time (an audiobook, an e-reader that counts no pages), minutes with 0 pages."""

    __tablename__ = "reading_log"
    __table_args__ = (
        CheckConstraint("pages >= 0", name="pages_not_negative"),
        CheckConstraint("pages > 0 OR minutes IS NOT NULL", name="pages_or_minutes"),
        CheckConstraint("minutes IS NULL OR minutes > 0", name="minutes_positive"),
        _printable("note", lines=True),
        _printable("import_key"),
        Index(None, "profile_id", "day"),
        Index(None, "book_id"),
        Index(None, "profile_id", "import_key", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: int | None = _id()
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", sa_type=ID_TYPE)
    day: date
    pages: int
    # Removing a book keeps the pages that were read in it.
    book_id: int | None = Field(
        default=None, foreign_key="book.id", ondelete="SET NULL", sa_type=ID_TYPE
    )
    minutes: int | None = None
    note: str | None = None
    # True when this log moved its book off the to-read shelf, so that undoing the
    # log can put it back.
    started_book: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Where an import found this log (e.g. koreader:<book md5>:2026-11-20), so that
    # importing the same source again updates it instead of adding another; NULL for
    # logs made by hand. Unique per profile (NULLs never collide).
    import_key: str | None = None
    created_at: datetime = _created_at()


class LearningSession(SQLModel, table=True):
    """A course, workshop, talk, podcast, article or practice session on one day."""

    __tablename__ = "learning_session"
    __table_args__ = (
        CheckConstraint("minutes > 0", name="minutes_positive"),
        CheckConstraint(_one_of("kind", SessionKind), name="kind_known"),
        _printable("topic"),
        _printable("note", lines=True),
        Index(None, "profile_id", "day"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = _id()
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", sa_type=ID_TYPE)
    day: date
    minutes: int
    kind: str = SessionKind.OTHER.value
    topic: str | None = None
    note: str | None = None
    created_at: datetime = _created_at()


class Goal(SQLModel, table=True):
    """A target from a day on; a newer goal of the same kind supersedes it."""

    __tablename__ = "goal"
    __table_args__ = (
        CheckConstraint("target > 0", name="target_positive"),
        CheckConstraint(_one_of("kind", GoalKind), name="kind_known"),
        _printable("schedule"),
        UniqueConstraint("profile_id", "kind", "since"),
    )

    id: int | None = _id()
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", sa_type=ID_TYPE)
    kind: str
    target: int
    schedule: str | None = None  # an RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
    since: date


class Skip(SQLModel, table=True):
    """A planned rest day: it neither breaks nor lengthens a streak."""

    __tablename__ = "skip"
    __table_args__ = (UniqueConstraint("profile_id", "day"), _printable("reason"))

    id: int | None = _id()
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", sa_type=ID_TYPE)
    day: date
    reason: str | None = None


def saved_id(row: Profile | Book | ReadingLog | LearningSession | Goal | Skip) -> int:
    """The id of a row in the database (the column is `int | None` for a row not yet saved)."""
    if row.id is None:
        raise ValueError(f"a {type(row).__name__} row has no id until it is flushed")
    return row.id


class PageReads(SQLModel, table=True):
    """Every page read an e-reader's statistics held for one book, packed (see
    domain/page_reads.py): a second device's file adds its page reads to the
    first's, and the book's days are counted again from all of them."""

    __tablename__ = "page_reads"
    __table_args__ = (
        _printable("link_key"),
        Index(None, "profile_id", "link_key", unique=True),
        {"sqlite_autoincrement": True},
    )

    id: int | None = _id()
    profile_id: int = Field(foreign_key="profile.id", ondelete="CASCADE", sa_type=ID_TYPE)
    # The book as the source names it, as its logs' import keys begin: koreader:<md5>.
    link_key: str
    reads: bytes = Field(sa_type=LargeBinary)
    updated_at: datetime = _created_at()
