"""The year in review as one self-contained HTML page.

Everything is inline: the styles, and the two charts (books and pages each month) as
SVG bars drawn here. No scripts, fonts or images from anywhere, and a
Content-Security-Policy that forbids them, so the page shows the same offline. Every
piece of stored text (titles, authors) is escaped, its controls and bidi overrides
first shown as visible marks (`team_html.escape`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from compound.domain.review import FinishedBook, YearReview
from compound.exchange.team_html import STYLE, escape, nice_top
from compound.words.review import (
    book_figures,
    byline,
    extremes,
    finished_day,
    heading,
    length,
    month_name,
    nothing,
    summary_lines,
)

WIDTH, HEIGHT = 960, 220
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 56, 30, 16
# The colours of the two charts' bars: the test in a browser looks for them.
BOOKS_COLOUR, PAGES_COLOUR = "#2f6f5e", "#3b6ea5"

EXTRA_STYLE = """
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px;
             background: #fff; border: 1px solid var(--line); border-radius: 10px;
             padding: 12px 16px; margin: 0; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; }
"""


def chart(values: Sequence[int], labels: Sequence[str], title: str, colour: str, key: str) -> str:
    """An SVG bar chart, one bar per value; a bar's <title> names its value."""
    top = nice_top(max(values, default=0))
    plot_w, plot_h = WIDTH - PAD_LEFT - 12, HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = plot_w / 12  # a year's months, so a part-year keeps January's width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{key}-title" class="chart" id="{key}">',
        f'<title id="{key}-title">{escape(title)}</title>',
    ]
    for step in range(5):  # gridlines at 0, ¼, ½, ¾ and all of the top value
        value = round(top * step / 4)
        y = PAD_TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - 12}" y2="{y:.1f}" stroke="#d9e2ec"/>'
        )
        parts.append(f'<text x="{PAD_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{value:,}</text>')
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        height = plot_h * value / top
        x = PAD_LEFT + index * slot + slot * 0.15
        y = PAD_TOP + plot_h - height
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}" rx="3" fill="{colour}">'
            f"<title>{escape(f'{label}: {value:,}')}</title></rect>"
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - 10}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _book_item(label: str, book: FinishedBook) -> str:
    return (
        f"<li><b>{escape(label)}:</b> <i>{escape(byline(book))}</i>"
        f"{escape(book_figures(book))}</li>"
    )


def page(review: YearReview) -> str:
    title = heading(review)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}{EXTRA_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(title)}</h1>",
    ]
    if review.empty:
        out += [f'<p class="meta">{escape(nothing(review))}</p>', "</main>", "</body>", "</html>"]
        return "\n".join(out) + "\n"
    cards = [
        (f"{len(review.books):,}", "books finished"),
        (f"{review.pages:,}", "pages read"),
        (f"{review.reading_days:,}", "reading days"),
        (f"{(review.reading_minutes + review.learning_minutes) / 60:,.0f}", "hours by time"),
    ]
    out.append('<section class="cards">')
    out += [
        f'<div class="card"><b>{value}</b><span>{escape(label)}</span></div>'
        for value, label in cards
    ]
    out.append("</section>")
    names = [month_name(m.month) for m in review.months]
    out += [
        "<h2>Each month</h2>",
        "<figure>"
        + chart(
            [m.books for m in review.months],
            names,
            "Books finished each month",
            BOOKS_COLOUR,
            "books-chart",
        )
        + "<figcaption>Books finished each month.</figcaption></figure>",
        "<figure>"
        + chart(
            [m.pages for m in review.months],
            names,
            "Pages read each month",
            PAGES_COLOUR,
            "pages-chart",
        )
        + "<figcaption>Pages read each month.</figcaption></figure>",
    ]
    out += ["<h2>The year</h2>", '<dl class="summary">']
    out += [
        f"<dt>{escape(label)}</dt><dd>{escape(figures)}</dd>"
        for label, figures in summary_lines(review)
    ]
    out.append("</dl>")
    books = extremes(review)
    if books:
        out.append('<ul class="books">' + "".join(_book_item(*item) for item in books) + "</ul>")
    if review.authors:
        out += [
            "<h2>Most-read authors</h2>",
            '<div class="scroll"><table><thead><tr><th>Author</th><th class="n">Books</th>'
            "</tr></thead><tbody>"
            + "".join(
                f'<tr><td>{escape(name)}</td><td class="n">{count:,}</td></tr>'
                for name, count in review.authors
            )
            + "</tbody></table></div>",
        ]
    if review.books:
        out += [
            "<h2>Books finished</h2>",
            '<div class="scroll"><table><thead><tr><th>Finished</th><th>Title</th>'
            '<th>Author</th><th class="n">Length</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td>{finished_day(b)}</td><td>{escape(b.title)}</td>"
                f'<td>{escape(b.author or "")}</td><td class="n">{escape(length(b))}</td></tr>'
                for b in review.books
            )
            + "</tbody></table></div>",
        ]
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def write(review: YearReview, out: TextIO) -> None:
    out.write(page(review))
