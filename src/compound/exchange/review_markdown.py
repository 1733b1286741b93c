"""The year in review as a Markdown report, to keep in notes or post on a wiki.

Every title and author is escaped (`exchange.markdown.escape`: markup characters, and
controls and bidi overrides shown as visible marks).
"""

from __future__ import annotations

from typing import TextIO

from compound.domain.review import YearReview
from compound.exchange.markdown import escape, table
from compound.words.review import (
    book_figures,
    extremes,
    finished_day,
    heading,
    length,
    month_name,
    nothing,
    summary_lines,
)


def lines(review: YearReview) -> list[str]:
    out = [f"# {heading(review)}", ""]
    if review.empty:
        return [*out, nothing(review)]
    out += [f"- **{label}:** {escape(figures)}" for label, figures in summary_lines(review)]
    books = extremes(review)
    if books:
        out.append("")
        for label, book in books:
            by = f" by {escape(book.author)}" if book.author else ""
            out.append(f"- **{label}:** *{escape(book.title)}*{by}{book_figures(book)}")
    if review.authors:
        out += ["", "## Most-read authors", ""]
        out += table(
            ["Author", "Books"],
            [[escape(name), f"{count:,}"] for name, count in review.authors],
            right=(1,),
        )
    out += ["", "## Each month", ""]
    out += table(
        ["Month", "Books", "Pages", "Reading days"],
        [
            [month_name(m.month), f"{m.books:,}", f"{m.pages:,}", f"{m.reading_days:,}"]
            for m in review.months
        ],
        right=(1, 2, 3),
    )
    if review.books:
        out += ["", "## Books finished", ""]
        out += table(
            ["Finished", "Title", "Author", "Length"],
            [[finished_day(b), escape(b.title), escape(b.author), length(b)] for b in review.books],
        )
    return out


def write(review: YearReview, out: TextIO) -> None:
    out.write("\n".join(lines(review)) + "\n")
