"""The command line's own hints on refusals: the flag or command that helps.

The store and the tracker refuse in words that name no flag (the app shows the
same refusals); here each kind of refusal gets the command-line way forward.
"""

from __future__ import annotations

from compound.domain import errors


def with_hint(error: BaseException) -> str:
    """The refusal's message, with the command line's hint when it has one."""
    message = str(error)
    hint = _hint(error)
    return f"{message}; {hint}" if hint else message


def _hint(error: BaseException) -> str | None:
    if isinstance(error, errors.WhichBook):
        return "say which with --book"
    if isinstance(error, errors.NeedsBook):
        return "add one with `compound book add`, or pass --book"
    if isinstance(error, errors.BookClosed):
        if error.status == "finished":
            return "to read it again, add it again with `compound book add`"
        return f"`compound book start {error.book_id}` picks it up again"
    if isinstance(error, errors.NoRoomInBook):
        return f"or fix its length with `compound book edit {error.book_id} --pages N`"
    if isinstance(error, errors.BookNotFound):
        return "see `compound book list`"
    if isinstance(error, errors.EntryNotFound):
        return "see `compound history`"
    if isinstance(error, errors.ProfileNotFound):
        return f"`compound profile add {error.name}` makes it"
    if isinstance(error, errors.SkipsNotFound):
        return "see `compound skip list`"
    if isinstance(error, errors.MemberTwice):
        return "pass one, or --latest to keep the newer"
    if isinstance(error, errors.TargetExists):
        return "or add --replace"
    if isinstance(error, errors.DamagedDatabase):
        return "`compound doctor` says more, and `compound restore` brings back a backup"
    looks_like = getattr(error, "looks_like", None)  # safekeeping's NotABackupError
    if looks_like == "compound-json":
        return f"`compound import compound {getattr(error, 'path', 'FILE')}` reads it"

    return None
