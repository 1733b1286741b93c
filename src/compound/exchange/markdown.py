"""Markdown: a report to read, or to paste into notes or a wiki.

Period totals, the pace and the streak at the period's end, the books finished,
and a table month by month. The streak is the learning-day streak `compound
stats` shows (domain/met.py's rule, the one streak engine), under the goals'
schedules and the skip days, over the days the export holds: for a period, a
streak running into it from before is counted from the period's first day. The
pace is the one every surface shows (domain/projection.py), at the period's end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from compound.domain.days import format_duration
from compound.domain.exports import ExportData
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.habits import LEARNING_DAY, HabitReport, habits_of
from compound.domain.projection import pace_of
from compound.domain.records import Book, BookStatus
from compound.domain.totals import DailyTotals, History
from compound.exchange.registry import Exporter
from compound.words.figures import by_time
from compound.words.numbers import plural, rate
from compound.words.safe import shown

_SPECIAL = "\\`*_[]<>|#"


def escape(text: str | None) -> str:
    """Text shown as itself in Markdown: one line, its markup characters escaped, its
    controls and bidi overrides shown as visible marks (`words.safe`)."""
    flat = shown(" ".join((text or "").split()))
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in flat)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()
) -> list[str]:
    """A Markdown table's lines; columns in `right` are right-aligned (numbers).
    Cells are used as given: escape any text that comes from a person."""
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    return ["| " + " | ".join(row) + " |" for row in [list(headers), rule, *rows]]


def history_of(data: ExportData) -> History:
    """The History the figures read, from the records the export holds, as of the
    period's end."""
    pages: dict[date, int] = defaultdict(int)
    timed: dict[date, int] = defaultdict(int)  # read by time: minutes, no pages
    for log in data.reading_logs:
        pages[log.day] += log.pages
        if log.by_time:
            timed[log.day] += log.minutes or 0
    sessions: dict[date, int] = defaultdict(int)
    minutes: dict[date, int] = defaultdict(int)
    for s in data.sessions:
        sessions[s.day] += 1
        minutes[s.day] += s.minutes
    last = data.last_day
    return History(
        today=last,
        totals=DailyTotals(
            pages={d: p for d, p in pages.items() if d <= last and p},
            sessions={d: n for d, n in sessions.items() if d <= last},
            session_minutes={d: m for d, m in minutes.items() if d <= last},
            timed_minutes={d: m for d, m in timed.items() if d <= last},
        ),
        goals=GoalTimeline(GoalChange(g.kind, g.target, g.since, g.schedule) for g in data.goals),
        skips=frozenset(s.day for s in data.skips),
    )


def streak_of(data: ExportData) -> HabitReport:
    """The learning-day streak at the period's end, from the days the export holds."""
    return habits_of(history_of(data))[LEARNING_DAY]


def _first_day(data: ExportData) -> date | None:
    if data.since is not None:
        return data.since
    days = [log.day for log in data.reading_logs] + [s.day for s in data.sessions]
    return min(days) if days else None


def lines(data: ExportData) -> list[str]:
    """The report, line by line."""
    last = data.last_day
    first = _first_day(data)
    period = f"{first.isoformat()} to {last.isoformat()}" if first else f"up to {last.isoformat()}"
    pages = sum(log.pages for log in data.reading_logs)
    reading_days = len({log.day for log in data.reading_logs if log.day <= last})
    span = (last - first).days + 1 if first and first <= last else 0
    minutes = sum(s.minutes for s in data.sessions)
    finished = sorted(
        (
            (b.finished_on, b)
            for b in data.books
            if b.status == BookStatus.FINISHED
            and b.finished_on
            and (first is None or b.finished_on >= first)
            and b.finished_on <= last
        ),
        key=lambda pair: (pair[0], pair[1].id),
    )
    out = [
        f"# Reading and learning, {period}",
        "",
        f"Profile {escape(data.profile)}, exported "
        f"{data.exported_at.strftime('%Y-%m-%d %H:%M')} UTC.",
        "",
        "## Totals",
        "",
    ]
    history = history_of(data)
    pace = pace_of(
        history.totals.pages, history.totals.session_minutes, last, history.totals.first_day
    )
    # Minutes read where the pages are unknown (an audiobook): said beside the pages,
    # as `compound stats` says them, only when there are any.
    timed = sum(history.totals.timed_minutes.values())
    out += table(
        ["", "Total"],
        [
            ["Pages read", f"{pages:,}"],
            *([["Read where pages are unknown", by_time(timed)]] if timed else []),
            ["Days with reading", f"{reading_days:,} of {span:,}"],
            ["Pace on " + last.isoformat() + " (pages a day, last 30 days)", rate(pace.d30)],
            [
                "Learning",
                f"{format_duration(minutes) if minutes else '0m'} in "
                f"{plural(len(data.sessions), 'session')}",
            ],
            ["Books finished", f"{len(finished):,}"],
            ["Skip days", f"{sum(1 for s in data.skips if s.day <= last):,}"],
        ],
        right=(1,),
    )
    streak = streak_of(data)
    state = (
        " (at risk: today is not done yet)"
        if streak.at_risk
        else " (today is done)"
        if streak.met_today and last == data.today
        else ""
    )
    out += [
        "",
        "## Streaks",
        "",
        f"- Streak on {last.isoformat()}: {plural(streak.current, 'day')}{state}",
        f"- Longest in the period: {plural(streak.longest, 'day')}",
        "",
        "## Books finished",
        "",
    ]
    if finished:
        for day, book in finished:
            by = f" by {escape(book.author)}" if book.author else ""
            length = f", {book.total_pages:,} pages" if book.total_pages else ""
            out.append(f"- {day.isoformat()}: *{escape(book.title)}*{by}{length}")
    else:
        out.append("None in this period.")
    out += ["", "## Month by month", ""]
    out += table(
        ["Month", "Pages", "Reading days", "Learning", "Sessions", "Books finished"],
        _months(data, finished),
        right=(1, 2, 3, 4, 5),
    )
    return out


def _months(data: ExportData, finished: list[tuple[date, Book]]) -> list[list[str]]:
    pages: dict[str, int] = defaultdict(int)
    days: dict[str, set] = defaultdict(set)
    minutes: dict[str, int] = defaultdict(int)
    sessions: dict[str, int] = defaultdict(int)
    books: dict[str, int] = defaultdict(int)
    for log in data.reading_logs:
        month = log.day.strftime("%Y-%m")
        pages[month] += log.pages
        days[month].add(log.day)
    for s in data.sessions:
        minutes[s.day.strftime("%Y-%m")] += s.minutes
        sessions[s.day.strftime("%Y-%m")] += 1
    for day, _book in finished:
        books[day.strftime("%Y-%m")] += 1
    months = sorted({*pages, *sessions, *books})
    return [
        [
            m,
            f"{pages[m]:,}",
            f"{len(days[m]):,}",
            format_duration(minutes[m]) if minutes[m] else "0m",
            f"{sessions[m]:,}",
            f"{books[m]:,}",
        ]
        for m in months
    ]


def write(data: ExportData, out: TextIO) -> None:
    out.write("\n".join(lines(data)) + "\n")


EXPORTER = Exporter("md", ".md", "a readable Markdown report of the period", write)
