"""Text for people: aligned tables, progress bars, dates and JSON for scripts."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

from compound.domain.days import format_duration
from compound.domain.records import Book, BookStatus, Entry, ReadingLog

# `typing`, `json` and `shutil` are imported where used: together ~5 ms that
# `status --short`, which may run on every shell prompt, does not need.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def width_of(text: str) -> int:
    """Columns `text` takes in a terminal: CJK and emoji count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else
               0 if unicodedata.combining(ch) else 1 for ch in text)


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


def table(headers: Sequence[str], rows: Sequence[Sequence[str]],
          right: Sequence[int] = ()) -> str:
    """Columns aligned to their widest cell; the last column is clipped to the terminal."""
    import shutil

    columns = shutil.get_terminal_size((100, 24)).columns
    # A note may hold newlines and tabs; in a table each row must stay one line.
    rows = [[c.replace("\n", " ").replace("\t", " ") for c in r] for r in rows]
    widths = [max([width_of(h)] + [width_of(r[i]) for r in rows]) for i, h in enumerate(headers)]
    room = columns - sum(widths[:-1]) - 2 * (len(widths) - 1)
    widths[-1] = max(min(widths[-1], room), 8)

    def line(cells: Sequence[str]) -> str:
        cells = [clip(c, w) for c, w in zip(cells, widths)]
        return "  ".join(pad(c, w, i in right) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    return "\n".join([line(headers)] + [line(r) for r in rows])


def bar(fraction: float, width: int = 20) -> str:
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


def day_label(day: date, today: date) -> str:
    if day == today:
        return "today"
    if (today - day).days == 1:
        return "yesterday"
    return day.strftime("%a %Y-%m-%d")


def progress(book: Book) -> str:
    # A finished book is done whatever was logged: imported and back-filled books
    # often have no reading logs at all, and "0/296 0%" would misstate them.
    if book.status == BookStatus.FINISHED:
        done = f"done {book.finished_on.isoformat()}" if book.finished_on else "done"
        return f"{book.total_pages} p, {done}" if book.total_pages else done
    if book.status == BookStatus.TO_READ and not book.pages_read:
        return f"{book.total_pages} p" if book.total_pages else ""
    if book.total_pages:
        return f"{book.pages_read}/{book.total_pages} {round(100 * book.progress)}%"
    return f"{book.pages_read} p" if book.pages_read else ""


def describe(entry: Entry, today: date) -> str:
    """One phrase for an entry, as undo, delete and edit report it."""
    when = day_label(entry.day, today)
    if isinstance(entry, ReadingLog):
        what = f"{entry.pages} page{'s' if entry.pages != 1 else ''}"
        if entry.book_title:
            what += f" of {entry.book_title}"
        return f"{entry.ref}: {what}, {when}"
    topic = f" · {entry.topic}" if entry.topic else ""
    return f"{entry.ref}: {format_duration(entry.minutes)} {entry.kind}{topic}, {when}"


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    import json

    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2)


def entry_json(entry: Entry) -> dict[str, Any]:
    common = {"id": entry.ref, "day": entry.day, "note": entry.note,
              "created_at": entry.created_at}
    if isinstance(entry, ReadingLog):
        return {"type": "reading", **common, "pages": entry.pages, "book_id": entry.book_id,
                "book": entry.book_title, "minutes": entry.minutes}
    return {"type": "session", **common, "minutes": entry.minutes, "kind": entry.kind.value,
            "topic": entry.topic}


def book_json(book: Book) -> dict[str, Any]:
    return {"id": book.id, "title": book.title, "author": book.author,
            "total_pages": book.total_pages, "isbn": book.isbn, "status": book.status.value,
            "started_on": book.started_on, "finished_on": book.finished_on,
            "source": book.source, "pages_read": book.pages_read,
            "progress": round(book.progress, 4) if book.progress is not None else None}
