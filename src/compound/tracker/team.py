"""Team reports: every member's streaks and pages from a shared database, or from
members' own files merged."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from compound.domain.errors import InputError, MemberTwice
from compound.domain.team import MemberHistory, TeamReport, build_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker


class Team:
    def __init__(self, tracker: Tracker):
        self._tracker = tracker

    def report(self, *, at_least: int | None = None, include_books: bool = False) -> TeamReport:
        """Every profile in the database as a member (see domain/team.py)."""
        _check_at_least(at_least)
        return self._tracker.store.team_report(
            self._tracker.today(), at_least=at_least, include_books=include_books
        )

    def member(self, *, include_books: bool = False) -> MemberHistory:
        """This profile's per-day totals, goals, skips and finished books."""
        return self._tracker.store.member_history(
            self._tracker.today(), include_books=include_books
        )

    def write_member_file(self, out: TextIO, *, include_books: bool = False) -> MemberHistory:
        """This profile's member file (JSON, no notes) for `compound team merge`."""
        from compound.exchange import team_member

        member = self.member(include_books=include_books)
        exported_at = datetime.now(UTC).replace(microsecond=0)
        team_member.write(member, self._tracker.today(), exported_at, out)
        return member


def merge(
    paths: Iterable[Path],
    today: date,
    *,
    latest: bool = False,
    at_least: int | None = None,
    include_books: bool = False,
) -> TeamReport:
    """The report over members' files; two files of one member are refused unless
    `latest` keeps the one written last."""
    from compound.exchange import team_member

    _check_at_least(at_least)
    chosen: dict[str, tuple[Path, MemberHistory]] = {}
    for path in paths:
        member = team_member.read(path)
        if member.name in chosen:
            earlier_path, earlier = chosen[member.name]
            if not latest:
                raise MemberTwice(member.name, earlier_path, path)
            if (
                member.exported_at is not None
                and earlier.exported_at is not None
                and member.exported_at <= earlier.exported_at
            ):
                continue
        chosen[member.name] = (path, member)
    return build_report(
        (member for _path, member in chosen.values()),
        today,
        at_least=at_least,
        include_books=include_books,
    )


def _check_at_least(value: int | None) -> None:
    if value is not None and value < 1:
        raise InputError(f"the team streak needs at least 1 member a day, not {value}")
