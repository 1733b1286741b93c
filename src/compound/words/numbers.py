"""Counts, amounts and rates as people read them: "1 day", "1,250 pages", "21.9 pages a day"."""

from __future__ import annotations

from compound.domain.days import format_duration


def plural(count: float, one: str, many: str | None = None) -> str:
    """`count` and the noun that agrees with it: 1 day, 2 days, 1,250 pages, 0.5 books."""
    shown = f"{count:,}" if isinstance(count, int) else f"{count:,.1f}".removesuffix(".0")
    return f"{shown} {one if count == 1 else (many or one + 's')}"


def pages(count: int) -> str:
    return plural(count, "page")


def duration(minutes: int) -> str:
    """Minutes the way people say them: 45m, 1h, 1h30m."""
    return format_duration(minutes)


def rate(value: float) -> str:
    """A per-day figure with the one decimal the projection uses: 21.9, 25, 0.3."""
    return f"{value:,.1f}".removesuffix(".0")


def pages_a_day(value: float) -> str:
    """The pace, as every surface shows it: "21.9 pages a day"."""
    return f"{rate(value)} pages a day" if value != 1 else "1 page a day"


def percent(share: float | None) -> str:
    """A share 0.0-1.0 as a whole percentage; "–" for none."""
    return "–" if share is None else f"{round(100 * share)}%"


def books_range(low: int, high: int) -> str:
    """E.g. "30–40 books", "1 book", "0–1 books"."""
    return plural(low, "book") if low == high else f"{low:,}–{high:,} books"


def listing(parts: list[str]) -> str:
    """Parts listed as people do: "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
