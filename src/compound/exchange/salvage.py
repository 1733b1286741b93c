"""What an importer does with a row it cannot take as it is: salvage it, and say so.

Real exports carry malformed ISBNs, reversed dates and empty cells. A problem confined
to one row or one cell does not refuse the file: the row is kept with what can be
trusted, and the import's summary lists it by its place ("row 7") with what was done.
With `--strict` the first such problem refuses the whole file instead, as one line.
A file that is not of its kind at all is refused whole either way; that is not a
row's problem.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from compound.domain.errors import InputError

T = TypeVar("T")

# The most row problems one file may have before it is plainly not of its kind (a
# different export under the right header): past this, the file is refused.
MAX_PROBLEMS = 100_000


class Salvage:
    """The repairs and leavings-out of one file's reading, or the first refusal (strict)."""

    def __init__(self, source: str, *, strict: bool = False):
        self.source = source
        self.strict = strict
        self.repaired: list[tuple[str, str]] = []  # (where, what was wrong and what was done)
        self.skipped: list[tuple[str, str]] = []  # (where, why it was left out)

    def _problem(self, where: str, problem: str) -> None:
        if self.strict:
            raise InputError(f"{self.source}, {where}: {problem}")
        if len(self.repaired) + len(self.skipped) >= MAX_PROBLEMS:
            self._too_many()

    def _too_many(self) -> None:
        raise InputError(
            f"{self.source}: more than {MAX_PROBLEMS:,} rows with problems; "
            "is it the export it is named as?"
        )

    def repair(self, where: str, problem: str, done: str) -> None:
        """`where` had `problem`; the row is kept, having `done` (e.g. "imported without
        it"). With strict, refuses the file instead."""
        self._problem(where, problem)
        self.repaired.append((where, f"{problem}; {done}"))

    def skip(self, where: str, problem: str) -> None:
        """`where` cannot be kept at all (no title, nothing read): it is left out and
        listed. With strict, refuses the file instead."""
        self._problem(where, problem)
        self.skipped.append((where, problem))

    def leave_out(self, where: str, why: str) -> None:
        """`where` is left out, not for a problem (a row repeating an earlier one, one
        the reader marked as not theirs): listed, and not refused under strict, but
        counted toward the bound all the same."""
        if len(self.repaired) + len(self.skipped) >= MAX_PROBLEMS:
            self._too_many()
        self.skipped.append((where, why))

    def cell(
        self,
        where: str,
        read: Callable[[], T],
        fallback: T,
        done: str = "left empty",
    ) -> T:
        """`read()`, or `fallback` when it refuses the cell (the refusal is the problem)."""
        try:
            return read()
        except InputError as exc:
            self.repair(where, str(exc), done)
            return fallback
