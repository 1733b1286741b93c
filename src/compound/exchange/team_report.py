"""The team report as CSV, JSON or Markdown (HTML is exchange/team_html.py).

One row per member, then the team: its totals and its streak (the days on which
at least K members had a learning day). Book titles appear only when the report
was built with them (`--include-books`); notes never do.

CSV: a `row` column says `member` or `team`; the team row's streak columns hold
the team streak. Cells are spreadsheet-safe (csvfiles.safe_cell), so a member
named "=1+1" stays text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import import_module
from typing import Any, TextIO

from compound.domain.days import format_duration
from compound.domain.errors import InputError
from compound.domain.team import MemberSummary, TeamReport
from compound.exchange.csvfiles import write_table
from compound.exchange.markdown import escape, table
from compound.words.numbers import plural, rate

FORMAT = "compound-team-report"
VERSION = 1

COLUMNS = (
    "member",
    "current_streak",
    "longest_streak",
    "at_risk",
    "pages_7d",
    "pages_30d",
    "pace",
    "pages_this_year",
    "books_finished_this_year",
    "learning_hours_this_year",
    "last_check_in",
)


def _cells(row: MemberSummary) -> list[Any]:
    return [
        row.member,
        row.current_streak,
        row.longest_streak,
        row.at_risk,
        row.pages_7d,
        row.pages_30d,
        round(row.pace, 1),
        row.pages_this_year,
        row.books_finished_this_year,
        row.learning_hours_this_year,
        row.last_check_in,
    ]


def team_label(report: TeamReport) -> str:
    """How the report names the team's row, e.g. "team (4 members, streak needs 2 a day)"."""
    count = len(report.members)
    return f"team ({plural(count, 'member')}, streak needs {report.at_least} a day)"


# -- CSV ---------------------------------------------------------------------------------


def write_csv(report: TeamReport, out: TextIO) -> None:
    header = ["row", *COLUMNS] + (["books_finished"] if report.include_books else [])
    books = (lambda m: ["; ".join(m.books)]) if report.include_books else (lambda m: [])
    rows = [["member", *_cells(m), *books(m)] for m in report.members]
    team = _cells(report.totals)
    team[0] = team_label(report)
    rows.append(["team", *team, *([""] if report.include_books else [])])
    write_table(out, header, rows)


# -- JSON --------------------------------------------------------------------------------


def _member_record(row: MemberSummary, include_books: bool) -> dict[str, Any]:
    record = dict(zip(COLUMNS, _cells(row)))
    record["last_check_in"] = row.last_check_in.isoformat() if row.last_check_in else None
    if include_books:
        record["books_finished"] = list(row.books)
    return record


def document(report: TeamReport) -> dict[str, Any]:
    totals = _member_record(report.totals, False)
    for streak_field in ("member", "current_streak", "longest_streak", "at_risk"):
        del totals[streak_field]
    totals["members"] = len(report.members)
    totals["members_at_risk"] = sum(m.at_risk for m in report.members)
    streak = report.team_streak
    return {
        "format": FORMAT,
        "version": VERSION,
        "today": report.today.isoformat(),
        "members": [_member_record(m, report.include_books) for m in report.members],
        "totals": totals,
        "team_streak": {
            "at_least": report.at_least,
            "current": streak.current,
            "longest": streak.longest,
            "at_risk": streak.at_risk,
        },
        "weekly_pages": [
            {"week_from": first.isoformat(), "pages": pages} for first, pages in report.weekly_pages
        ],
    }


def write_json(report: TeamReport, out: TextIO) -> None:
    json.dump(document(report), out, ensure_ascii=False, indent=2)
    out.write("\n")


# -- Markdown ----------------------------------------------------------------------------


def _days(n: int) -> str:
    return plural(n, "day")


def streak_sentence(report: TeamReport) -> str:
    """E.g. "Team streak: 12 days with at least 2 of 3 members learning (longest 40 days)"."""
    streak = report.team_streak
    risk = "; at risk: today is not done yet" if streak.at_risk else ""
    return (
        f"Team streak: {_days(streak.current)} with at least {report.at_least} of "
        f"{len(report.members)} members learning (longest {_days(streak.longest)}{risk})"
    )


def member_cells(row: MemberSummary, name: str) -> list[str]:
    """A member's (or the team's) figures as the report says them: name, streak (⚠ at
    risk), longest, pages 7d, 30d, a day, this year, books this year, learning this
    year, last check-in."""
    return [
        name,
        f"{row.current_streak:,}" + (" ⚠" if row.at_risk else ""),
        f"{row.longest_streak:,}",
        f"{row.pages_7d:,}",
        f"{row.pages_30d:,}",
        rate(row.pace),
        f"{row.pages_this_year:,}",
        f"{row.books_finished_this_year:,}",
        format_duration(row.learning_minutes_this_year) if row.learning_minutes_this_year else "0m",
        row.last_check_in.isoformat() if row.last_check_in else "never",
    ]


def write_md(report: TeamReport, out: TextIO) -> None:
    lines = [
        f"# Team report, {report.today.isoformat()}",
        "",
        streak_sentence(report) + ".",
        "",
        "⚠ marks a streak at risk: today is due and not yet met.",
        "",
    ]
    if not report.members:
        lines[2:2] = [
            "No members yet: each profile in the database is one (`compound profile add NAME`).",
            "",
        ]
    rows = [member_cells(m, escape(m.member)) for m in report.members]
    rows.append([f"**{cell}**" for cell in member_cells(report.totals, "Team")])
    lines += table(
        [
            "Member",
            "Streak",
            "Longest",
            "Pages 7d",
            "Pages 30d",
            "Pages a day",
            "Pages this year",
            "Books this year",
            "Learning this year",
            "Last check-in",
        ],
        rows,
        right=(1, 2, 3, 4, 5, 6, 7, 8),
    )
    if report.include_books:
        lines += ["", "## Books finished this year", ""]
        listed = [m for m in report.members if m.books]
        for m in listed:
            lines.append(f"- {escape(m.member)}: " + "; ".join(f"*{escape(t)}*" for t in m.books))
        if not listed:
            lines.append("None yet.")
    out.write("\n".join(lines) + "\n")


# -- by name -----------------------------------------------------------------------------

WRITERS: dict[str, Callable[[TeamReport, TextIO], None] | str] = {
    "csv": write_csv,
    "json": write_json,
    "md": write_md,
    "html": "compound.exchange.team_html:write",
}


def writer(name: str) -> Callable[[TeamReport, TextIO], None]:
    """The writer of team report format `name`."""
    try:
        found = WRITERS[name]
    except KeyError:
        raise InputError(
            f"unknown team report format {name!r}; choose from {', '.join(WRITERS)}"
        ) from None
    if isinstance(found, str):
        module, _, attribute = found.partition(":")
        found = getattr(import_module(module), attribute)
    return found
