"""Refusals: errors that are the person's to fix, each carrying one printable line.

The store and the application layer raise them; their messages name no
command-line flag and no key, because both front ends show them. A front end adds
its own hint by the error's type (compound.cli.hints, compound.tui.hints): "say
which with --book" on the command line, "choose it in the Book field" in the app.
"""

from __future__ import annotations


class CompoundError(Exception):
    """A refusal the command line prints as one line on stderr with exit status 2."""


class InputError(CompoundError, ValueError):
    """Something typed (on the command line or in a dialog) cannot be used."""


class NotFoundError(InputError):
    """A book, entry, goal or profile that was named does not exist."""


class StorageError(CompoundError):
    """The database cannot be opened or used safely; nothing was changed."""


class DamagedDatabase(StorageError):
    """The database file is damaged (SQLite reports it corrupt, or not a database)."""


class DatabaseBusy(StorageError):
    """Another connection held a lock longer than compound waits (or a statement ran
    longer than it may); the transaction was rolled back."""


class TargetExists(InputError):
    """A file would be overwritten that the person did not say may be."""

    def __init__(self, path: object):
        super().__init__(f"{path} already exists; name another file")
        self.path = path


class BookNotFound(NotFoundError):
    def __init__(self, named: str):
        super().__init__(f"no book matches {named!r}")
        self.named = named


class EntryNotFound(NotFoundError):
    def __init__(self, ref: str):
        super().__init__(f"there is no entry {ref}")
        self.ref = ref


class ProfileNotFound(NotFoundError):
    def __init__(self, name: str):
        super().__init__(f"there is no profile named {name!r}")
        self.name = name


class SkipsNotFound(NotFoundError):
    def __init__(self, span: str):
        super().__init__(f"no skip days on {span}")
        self.span = span


class NothingToUndo(NotFoundError):
    def __init__(self) -> None:
        super().__init__("there is nothing to undo")


class WhichBook(InputError):
    """Pages without a book named, while several books are being read."""

    def __init__(self, listed: list[tuple[int, str]]):
        names = ", ".join(f"{title} (#{book_id})" for book_id, title in listed[:4])
        super().__init__(f"{len(listed)} books are being read ({names})")
        self.listed = listed


class NeedsBook(InputError):
    """A page reached, with no book to reach it in."""

    def __init__(self) -> None:
        super().__init__("a page reached needs a book, and none is being read")


class BookClosed(InputError):
    """Pages logged to a book that is finished or abandoned."""

    def __init__(self, book_id: int, title: str, status: str):
        super().__init__(f"{title} is {status}")
        self.book_id, self.title, self.status = book_id, title, status


class NoRoomInBook(InputError):
    """More pages than the book has left."""

    def __init__(self, book_id: int, title: str, left: int, total: int):
        super().__init__(f"{title} has {left} pages left of {total}; log at most {left}")
        self.book_id, self.title, self.left, self.total = book_id, title, left, total


class MemberTwice(InputError):
    """Two member files of one member, given to one team report."""

    def __init__(self, name: str, first: object, second: object):
        super().__init__(f"{first} and {second} are both {name}'s")
        self.name = name
