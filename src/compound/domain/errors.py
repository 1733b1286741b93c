"""Errors that are the person's to fix, each carrying one printable line."""


class CompoundError(Exception):
    """A refusal the command line prints as one line on stderr with exit status 2."""


class InputError(CompoundError, ValueError):
    """Something typed on the command line (or in a dialog) cannot be used."""


class NotFoundError(InputError):
    """A book, entry, goal or profile that was named does not exist."""


class StorageError(CompoundError):
    """The database cannot be opened or used safely; nothing was changed."""
