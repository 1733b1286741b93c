"""Undo in the app: the changes made in this session, newest last, taken back in turn.

A deleted entry comes back as it was (its own id); a book moved between shelves
goes back to the shelf and days it had. With nothing of this session left to take
back, undo removes the entry made last, as `compound undo` does.
"""

from __future__ import annotations

from compound.tracker.outcomes import BookMoved, BookPutBack, EntryRemoved, EntryRestored

TYPE_CHECKING = False
if TYPE_CHECKING:
    from compound.tracker.core import Tracker

Undoable = EntryRemoved | BookMoved
Undone = EntryRestored | BookPutBack | EntryRemoved


class UndoStack:
    def __init__(self) -> None:
        self._changes: list[Undoable] = []

    def __len__(self) -> int:
        return len(self._changes)

    def push(self, change: Undoable) -> None:
        self._changes.append(change)

    def clear(self) -> None:
        """A new entry was made: undo now takes that back first."""
        self._changes.clear()

    def undo(self, tracker: Tracker) -> Undone:
        """Take back the newest change of this session, else the entry made last.
        The change leaves the stack only once it has been taken back."""
        if not self._changes:
            return tracker.entries.undo_last()
        change = self._changes[-1]
        done: Undone
        if isinstance(change, EntryRemoved):
            done = tracker.entries.restore(change.entry)
        else:
            done = tracker.books.put_back(change)
        self._changes.pop()
        return done
