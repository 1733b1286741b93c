"""The command line's layout: aligned tables, progress bars, and JSON for scripts.

What is said (days, amounts, progress, the figures' sentences) comes from the
wording layer, compound.words, which the app shares.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from compound.domain.records import Book, Entry, ReadingLog
from compound.words.safe import shown

# `typing`, `json` and `shutil` are imported where used: together ~5 ms that
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


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[int] = (),
    free: Sequence[int] | None = None,
) -> str:
    """Columns aligned to their widest cell, each row one line that fits the terminal.

    `free` columns (titles, notes: free text) give way, clipped with an ellipsis,
    widest first; the others (ids, amounts, dates, progress) are never cut. Without
    `free`, the last column gives way.
    """
    import shutil

    columns = shutil.get_terminal_size((100, 24)).columns
    # A note may hold newlines and tabs; in a table each row must stay one line. Cells
    # are shown safely here, before they are measured, so that a title's escaped
    # controls keep their columns aligned.
    rows = [[shown(c.replace("\n", " ").replace("\t", " ")) for c in r] for r in rows]
    widths = [max([width_of(h)] + [width_of(r[i]) for r in rows]) for i, h in enumerate(headers)]
    giving = list(free) if free is not None else [len(headers) - 1]
    over = sum(widths) + 2 * (len(widths) - 1) - columns
    while over > 0:
        widest = max(giving, key=lambda i: widths[i])
        floor = max(width_of(headers[widest]), 8)
        if widths[widest] <= floor:
            break
        cut = min(over, widths[widest] - floor)
        widths[widest] -= cut
        over -= cut

    def line(cells: Sequence[str]) -> str:
        cells = [clip(c, w) for c, w in zip(cells, widths)]
        return "  ".join(
            pad(c, w, i in right) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(headers)] + [line(r) for r in rows])


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
