"""The team report as one self-contained HTML page, to post on a wiki or an intranet.

Everything is inline: the styles, and the chart as SVG drawn here (team pages in
each of the last twelve weeks). No scripts, fonts or images from anywhere, and a
Content-Security-Policy that forbids them, so the page shows the same offline.
Every piece of text from a person (member names, titles) is escaped, its controls and
bidi overrides first shown as visible marks (`words.safe`): a page must not reorder
what it says.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape as escape_html
from typing import TextIO

from compound.domain.days import format_duration
from compound.domain.team import MemberSummary, TeamReport
from compound.exchange.team_report import streak_sentence
from compound.words.numbers import rate
from compound.words.safe import shown

STYLE = """
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec;
        --accent: #2f6f5e; --accent-soft: #cfe8df; --warn: #b44d12; }
* { box-sizing: border-box; }
body { margin: 0; background: #f7f9fb; color: var(--ink);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; }
.meta { color: var(--muted); margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.card b { display: block; font-size: 26px; color: var(--accent); }
.card span { color: var(--muted); font-size: 13px; }
figure { background: #fff; border: 1px solid var(--line); border-radius: 10px;
         margin: 20px 0 0; padding: 12px 16px; }
figcaption { color: var(--muted); font-size: 13px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
th, td { padding: 7px 10px; border-bottom: 1px solid var(--line); text-align: left;
         white-space: nowrap; }
th { background: #eef2f6; font-size: 13px; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: 600; background: #f3f7f5; }
.risk { color: var(--warn); font-weight: 600; }
.bar { display: inline-block; height: 8px; background: var(--accent-soft);
       border-radius: 4px; vertical-align: middle; margin-right: 6px; }
ul.books li { margin: 2px 0; }
"""

HEADERS = (
    ("Member", ""),
    ("Streak", "n"),
    ("Longest", "n"),
    ("Pages 7d", "n"),
    ("Pages 30d", "n"),
    ("Pages a day", "n"),
    ("Pages this year", "n"),
    ("Books this year", "n"),
    ("Learning this year", "n"),
    ("Last check-in", ""),
)

WIDTH, HEIGHT = 960, 240
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 56, 30, 16


def escape(text: str) -> str:
    """`text` as HTML text: controls and bidi overrides shown, markup escaped."""
    return escape_html(shown(text))


def nice_top(value: int) -> int:
    """The chart's top: the least of 4, 8, 20, 40, 80, 200… at or above `value`, so
    the quarter lines fall on round numbers."""
    scale = 1
    while True:
        for step in (2, 4, 8):
            if step * scale >= max(value, 4):
                return step * scale
        scale *= 10


def chart(report: TeamReport) -> str:
    """An SVG bar chart of the team's pages in each of the last twelve weeks."""
    weeks = report.weekly_pages
    top = nice_top(max((pages for _first, pages in weeks), default=0))
    plot_w, plot_h = WIDTH - PAD_LEFT - 12, HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = plot_w / max(len(weeks), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="chart-title">',
        '<title id="chart-title">Team pages in each of the last twelve weeks</title>',
    ]
    for step in range(5):  # gridlines at 0, ¼, ½, ¾ and all of the top value
        value = round(top * step / 4)
        y = PAD_TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - 12}" y2="{y:.1f}" stroke="#d9e2ec"/>'
        )
        parts.append(f'<text x="{PAD_LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">{value:,}</text>')
    for index, (first, pages) in enumerate(weeks):
        height = plot_h * pages / top
        x = PAD_LEFT + index * slot + slot * 0.15
        y = PAD_TOP + plot_h - height
        label = escape(f"week from {first.isoformat()}: {pages:,} pages")
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}" rx="3" fill="#2f6f5e"><title>{label}</title></rect>'
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - 10}" '
            f'text-anchor="middle">{first.strftime("%d %b")}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _row(m: MemberSummary, top_30d: int, cell: str = "td") -> str:
    risk = (
        ' <span class="risk" title="today is due and not yet met">at risk</span>'
        if m.at_risk
        else ""
    )
    bar = (
        f'<span class="bar" style="width:{60 * m.pages_30d / top_30d:.0f}px"></span>'
        if top_30d and m.pages_30d
        else ""
    )
    learning = (
        format_duration(m.learning_minutes_this_year) if m.learning_minutes_this_year else "0m"
    )
    cells = [
        (escape(m.member), ""),
        (f"{m.current_streak:,}{risk}", "n"),
        (f"{m.longest_streak:,}", "n"),
        (f"{m.pages_7d:,}", "n"),
        (f"{bar}{m.pages_30d:,}", "n"),
        (rate(m.pace), "n"),
        (f"{m.pages_this_year:,}", "n"),
        (f"{m.books_finished_this_year:,}", "n"),
        (escape(learning), "n"),
        (m.last_check_in.isoformat() if m.last_check_in else "never", ""),
    ]
    return (
        "<tr>"
        + "".join(
            f'<{cell} class="{css}">{text}</{cell}>' if css else f"<{cell}>{text}</{cell}>"
            for text, css in cells
        )
        + "</tr>"
    )


def page(report: TeamReport) -> str:
    totals, streak = report.totals, report.team_streak
    today = report.today.isoformat()
    top_30d = max((m.pages_30d for m in report.members), default=0)
    cards = [
        (f"{streak.current:,}", f"team streak in days (longest {streak.longest:,})"),
        (f"{totals.pages_this_year:,}", "pages read this year"),
        (f"{totals.books_finished_this_year:,}", "books finished this year"),
        (f"{totals.learning_hours_this_year:,}", "learning hours this year"),
    ]
    head = "".join(
        f'<th class="{css}">{name}</th>' if css else f"<th>{name}</th>" for name, css in HEADERS
    )
    body = "\n".join(_row(m, top_30d) for m in report.members)
    team = replace(totals, member=f"Team ({len(report.members)})")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Team reading report, {today}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        "<h1>Team reading report</h1>",
        f'<p class="meta">As of {today} · {escape(streak_sentence(report))}.</p>',
        '<section class="cards">',
        *(
            f'<div class="card"><b>{value}</b><span>{escape(label)}</span></div>'
            for value, label in cards
        ),
        "</section>",
        f"<figure>{chart(report)}<figcaption>Pages the team read in each of the last "
        f"twelve weeks (weeks end on {today}).</figcaption></figure>",
        "<h2>Members</h2>",
        # A wide table scrolls inside its box rather than pushing the page sideways.
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead>',
        f"<tbody>\n{body}\n</tbody>",
        f"<tfoot>{_row(team, 0)}</tfoot></table></div>",
    ]
    if report.include_books:
        out.append("<h2>Books finished this year</h2>")
        listed = [m for m in report.members if m.books]
        out.append(
            '<ul class="books">'
            + "".join(
                f"<li><b>{escape(m.member)}</b>: "
                + "; ".join(f"<i>{escape(t)}</i>" for t in m.books)
                + "</li>"
                for m in listed
            )
            + "</ul>"
            if listed
            else "<p>None yet.</p>"
        )
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def write(report: TeamReport, out: TextIO) -> None:
    out.write(page(report))
