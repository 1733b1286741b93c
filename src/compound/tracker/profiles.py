"""Profiles: the names people keep their records apart under, in one database."""

from __future__ import annotations

from compound.domain.errors import InputError
from compound.domain.profiles import (
    DEFAULT_PROFILE,
    ProfileContents,
    check_new_profile_name,
    check_profile_name,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker


class Profiles:
    """Managed from any profile's tracker: listing and removing work on the database."""

    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def listing(self) -> list[ProfileContents]:
        """Every profile in the database, by name, with how much each holds."""
        return self._tracker.store.profiles()

    def contents(self, name: str) -> ProfileContents:
        """What a profile holds (refused when there is none of that name)."""
        checked = check_profile_name(name)
        return self._tracker.store.profile_contents(checked)

    def add(self, name: str) -> str:
        """Add a profile: a name a shell passes unquoted, unlike every other however it
        is written (case, letter width, accents: domain.profiles.profile_name_key)."""
        checked = check_new_profile_name(name)  # before the database is opened
        return self._tracker.store.add_profile(checked).name

    def remove(self, name: str) -> ProfileContents:
        """Remove a profile and everything in it; returns what it held."""
        name = check_profile_name(name)
        if name == DEFAULT_PROFILE:
            raise InputError(f"the {DEFAULT_PROFILE!r} profile cannot be removed")
        return self._tracker.store.remove_profile(name)

    def switch(self, name: str) -> Tracker:
        """A tracker on the same database as the profile `name` (which must exist)."""
        return self._tracker.as_profile(check_profile_name(name))
