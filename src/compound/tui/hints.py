"""What the app adds to a refusal: where in the app to put it right.

The reasons themselves come from the domain and the Tracker and name no flag and no
key (domain/errors.py); the command line adds its flags, the app its fields, screens
and keys, chosen here by the error's type.
"""

from __future__ import annotations

from compound.domain.errors import (
    BookClosed,
    BookNotFound,
    CompoundError,
    EntryNotFound,
    NeedsBook,
    NoRoomInBook,
    ProfileNotFound,
    WhichBook,
)

_HINTS: dict[type[CompoundError], str] = {
    WhichBook: "Choose the book in the Book field.",
    NeedsBook: "Add the book on the Books screen (a), or give the pages read instead.",
    NoRoomInBook: "To log more, correct its length on the Books screen (e).",
    BookNotFound: "The Books screen (3) lists every book with its id.",
    EntryNotFound: "It may have been deleted elsewhere: r reads the records again.",
    ProfileNotFound: "The profiles in this database are listed under the field.",
}


def hint(error: CompoundError) -> str | None:
    """Where in the app to put `error` right, if anywhere."""
    if isinstance(error, BookClosed):
        if error.status == "finished":
            return "To read it again, add it again on the Books screen (a)."
        return "Start it again on the Books screen (s)."
    return next((said for kind, said in _HINTS.items() if isinstance(error, kind)), None)


def refusal(error: CompoundError) -> str:
    """The reason for a refusal, then the app's hint: what a dialog or a notification shows."""
    reason = str(error)
    found = hint(error)
    if found is None:
        return reason
    return f"{reason}{'' if reason.endswith(('.', '!', '?')) else '.'} {found}"
