"""Profiles: listing them with what they hold, adding one, removing one with everything in it."""

from __future__ import annotations

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from compound.db import tables as t
from compound.domain.errors import InputError, ProfileNotFound
from compound.domain.profiles import (
    DEFAULT_PROFILE,
    ProfileContents,
    check_new_profile_name,
    profile_name_key,
)
from compound.domain.records import Profile

# Every table whose rows belong to a profile, children before the books they point at.
_OWNED = (
    ("reading_logs", t.ReadingLog),
    ("sessions", t.LearningSession),
    ("goals", t.Goal),
    ("skips", t.Skip),
    ("books", t.Book),
)


def _counts(session: Session, profile_ids: list[int] | None = None) -> dict[int, dict[str, int]]:
    """{profile id: {"books": n, ...}} for every profile (or the ones given)."""
    found: dict[int, dict[str, int]] = {}
    for name, table in _OWNED:
        owner = col(table.profile_id)
        query = select(owner, func.count()).group_by(owner)
        if profile_ids is not None:
            query = query.where(owner.in_(profile_ids))
        for profile_id, count in session.exec(query):
            found.setdefault(profile_id, {})[name] = int(count)
    return found


def lookup(session: Session, name: str) -> t.Profile | None:
    """The profile `name` names: the one of exactly that name, else the one whose name
    looks the same (profile_name_key: case, width, accents typed either way); None
    when there is none.

    A database made before names were compared so may hold two that look the same
    ("ana" and "Ana"): a name matching both, and neither exactly, is refused with both.
    """
    row = session.exec(select(t.Profile).where(t.Profile.name == name)).first()
    if row is not None:
        return row
    key = profile_name_key(name)
    # Compared here rather than in SQL: SQLite's lower() folds ASCII letters only.
    matches = [
        row
        for row in session.exec(select(t.Profile).order_by(t.Profile.name))
        if profile_name_key(row.name) == key
    ]
    if len(matches) > 1:
        listed = ", ".join(repr(row.name) for row in matches[:5])
        raise InputError(f"{name!r} matches {len(matches)} profiles: {listed}; name one exactly")
    return matches[0] if matches else None


def _find(session: Session, name: str) -> t.Profile:
    row = lookup(session, name)
    if row is None:
        raise ProfileNotFound(name)
    return row


def listing(session: Session) -> list[ProfileContents]:
    """Every profile with how much it holds, by name."""
    rows = session.exec(select(t.Profile).order_by(t.Profile.name)).all()
    counts = _counts(session)
    return [ProfileContents(row.name, **counts.get(t.saved_id(row), {})) for row in rows]


def contents(session: Session, name: str) -> ProfileContents:
    row = _find(session, name)
    profile_id = t.saved_id(row)
    return ProfileContents(row.name, **_counts(session, [profile_id]).get(profile_id, {}))


def add(session: Session, name: str) -> Profile:
    """Add an empty profile; its name must suit a new one and look different from every
    existing name (profile_name_key: not only in case, width or how accents were typed)."""
    name = check_new_profile_name(name)
    key = profile_name_key(name)
    # Compared here rather than in SQL: SQLite's lower() folds ASCII letters only, and
    # no index could say that "ａｎａ" is "ana".
    for existing in session.exec(select(t.Profile.name).order_by(t.Profile.name)):
        if profile_name_key(existing) == key:
            raise InputError(f"there is already a profile named {existing!r}")
    row = t.Profile(name=name)
    session.add(row)
    session.flush()
    return Profile(id=t.saved_id(row), name=row.name)


def remove(session: Session, name: str) -> ProfileContents:
    """Remove a profile and every record in it; returns what it held."""
    row = _find(session, name)
    if row.name == DEFAULT_PROFILE:
        # Every database has it: compound opens it when no profile is chosen.
        raise InputError(f"the {DEFAULT_PROFILE!r} profile cannot be removed")
    profile_id = t.saved_id(row)
    held = ProfileContents(row.name, **_counts(session, [profile_id]).get(profile_id, {}))
    # Explicit deletes rather than ON DELETE CASCADE: foreign keys may be off in
    # another SQLite client that opened this file.
    for _name, table in _OWNED:
        session.exec(delete(table).where(col(table.profile_id) == profile_id))
    session.delete(row)
    session.flush()
    return held
