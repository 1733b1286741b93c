"""The command line's layout: widths, progress bars, and JSON for scripts (its tables
are drawn by `cli.tables`).

What is said (days, amounts, progress, the figures' sentences) comes from the
wording layer, compound.words, which the app shares.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

from compound.domain.records import Book, Entry, ReadingLog

# `typing` and `json` are imported where used: together a few ms that
# `status --short`, which may run on every shell prompt, does not need.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def width_of(text: str) -> int:
    """Columns `text` takes in a terminal: CJK and emoji count double."""
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
        for ch in text
    )


def clip(text: str, limit: int) -> str:
    if width_of(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        w = width_of(ch)
        if used + w > limit - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(width - width_of(text), 0)
    return space + text if right else text + space


def bar(fraction: float, width: int = 20) -> str:
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    import json

    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2)


def entry_json(entry: Entry) -> dict[str, Any]:
    common = {"id": entry.ref, "day": entry.day, "note": entry.note, "created_at": entry.created_at}
    if isinstance(entry, ReadingLog):
        return {
            "type": "reading",
            **common,
            "pages": entry.pages,
            "book_id": entry.book_id,
            "book": entry.book_title,
            "minutes": entry.minutes,
        }
    return {
        "type": "session",
        **common,
        "minutes": entry.minutes,
        "kind": entry.kind.value,
        "topic": entry.topic,
    }


def book_json(book: Book) -> dict[str, Any]:
    return {
        "id": book.id,
        "title": book.title,
        "author": book.author,
        "total_pages": book.total_pages,
        "isbn": book.isbn,
        "status": book.status.value,
        "started_on": book.started_on,
        "finished_on": book.finished_on,
        "source": book.source,
        "pages_read": book.pages_read,
        "progress": round(book.progress, 4) if book.progress is not None else None,
    }
