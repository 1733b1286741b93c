"""One truth for every figure: on each scenario database, the command line's text, its
--json, the app's Today and Stats screens, the Markdown export and the team report
agree on the streak, the pace, the year at that pace, the yearly goal's pace and the
books finished this year.

Each surface is read the way a person (or a script) reads it: the text as printed,
the app as drawn. `compound stats --json` is the reference; every other surface must
show the same value wherever it shows that figure at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from pathlib import Path

import pytest

from compound.cli import main
from compound.config import Settings
from compound.words.numbers import rate

from .scenarios import SCENARIOS, TODAY


@dataclass
class Seen:
    """The figures one surface shows; None where it does not show that figure."""

    surface: str
    current: int | None = None  # the learning-day streak
    longest: int | None = None
    pace: str | None = None  # pages a day, as shown (one decimal at most)
    pages_per_year: int | None = None
    books_a_year: str | None = None  # e.g. "26–35"
    goal: str | None = None  # "0.5 ahead", "10 behind", "on pace"
    finished_this_year: int | None = None
    # Minutes read this year where the pages are unknown (an audiobook); a surface that
    # says them only when there are any shows 0 by leaving them out.
    timed_this_year: int | None = None


def compound(*argv: str) -> str:
    from contextlib import redirect_stdout
    from io import StringIO

    out = StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    assert code == 0, (argv, out.getvalue())
    return out.getvalue()


def number(text: str) -> int:
    return int(text.replace(",", ""))


TIME_READ = r"((?:[\d,]+ h)?(?: ?\d+ min)?) by time"


def minutes_of(found: re.Match | None) -> int:
    """Minutes from a time read as said ("15 h 20 min by time"); none said is 0."""
    if found is None:
        return 0
    hours = re.search(r"([\d,]+) h", found[1])
    rest = re.search(r"(\d+) min", found[1])
    return 60 * (number(hours[1]) if hours else 0) + (int(rest[1]) if rest else 0)


def books(low: object, high: object) -> str:
    """A book range as compared: "26–35", or "0" when both ends are one."""
    return str(low) if high is None or str(low) == str(high) else f"{low}–{high}"


YEAR = r"about ([\d,]+) pages, ([\d,]+)(?:–([\d,]+))? books?"


def _goal_words(text: str | None) -> str | None:
    """The goal's standing as compared: "0.5 books ahead" and "goal 3.5 books: 0.5 ahead"
    are both "0.5 ahead"."""
    if text is None:
        return None
    if "on pace" in text:
        return "on pace"
    found = re.search(r"([\d.,]+) (?:books? )?(ahead|behind)", text)
    assert found, text
    return f"{found[1]} {found[2]}"


# -- the surfaces --------------------------------------------------------------------------


def from_json(db: str, profile: str) -> Seen:
    data = json.loads(compound("--db", db, "--profile", profile, "stats", "--json"))
    projection, goal = data["projection"], data["goal_pace"]
    ahead = None
    if goal is not None:
        shown = round(goal["ahead"], 1)
        ahead = (
            "on pace" if shown == 0 else f"{rate(abs(shown))} {'ahead' if shown > 0 else 'behind'}"
        )
    year = json.loads(
        compound("--db", db, "--profile", profile, "stats", "--json", "--period", "year")
    )
    return Seen(
        "stats --json",
        timed_this_year=year["period"]["minutes_read_by_time"],
        current=data["current_streak"],
        longest=data["longest_streak"],
        pace=rate(data["pace_pages_per_day"]),
        pages_per_year=projection["pages_per_year"],
        books_a_year=books(projection["books_low"], projection["books_high"]),
        goal=ahead,
        finished_this_year=data["books_finished_this_year"],
    )


def _streak(line: str) -> tuple[int, int]:
    """(current, longest) from a streak sentence."""
    best = re.search(r"\(best ([\d,]+) days?\)", line)
    current = re.search(r"(?:🔥 |Streak: |^)([\d,]+) days? \(best", line)
    return (number(current[1]) if current else 0, number(best[1]) if best else 0)


def from_stats_text(db: str, profile: str) -> Seen:
    text = compound("--db", db, "--profile", profile, "stats")
    streak = next(line for line in text.splitlines() if line.startswith("Streak: "))
    current, longest = _streak(streak)
    pace = re.search(r"^Pace: ([\d.,]+) pages? a day over the last 30 days", text, re.M)
    year = re.search(r"A year at this pace: " + YEAR, text)
    goal = re.search(r"^Goal: (.*)$", text, re.M)
    finished = re.search(r"^Books finished this year: (\d+)", text, re.M)
    assert pace and year and finished, text
    return Seen(
        "stats",
        current=current,
        longest=longest,
        pace=pace[1],
        pages_per_year=number(year[1]),
        books_a_year=books(year[2], year[3]),
        goal=_goal_words(goal[1] if goal else None),
        finished_this_year=int(finished[1]),
    )


def from_status(db: str, profile: str) -> Seen:
    text = compound("--db", db, "--profile", profile, "status")
    streak = next(line for line in text.splitlines() if line.startswith("  Streak"))
    current, longest = _streak(streak.replace("  Streak   ", ""))
    goal = next((line for line in text.splitlines() if line.startswith("  Books")), None)
    data = json.loads(compound("--db", db, "--profile", profile, "status", "--json"))
    assert (data["current_streak"], data["longest_streak"]) == (current, longest), text
    return Seen("status", current=current, longest=longest, goal=_goal_words(goal))


def from_project(db: str, profile: str) -> Seen:
    data = json.loads(compound("--db", db, "--profile", profile, "project", "--json"))
    text = compound("--db", db, "--profile", profile, "project")
    timed = data["minutes_read_by_time_this_year"]
    if data["source"] != "your last 30 days":
        # An example pace, not the person's: only the time read by time to compare.
        return Seen("project", timed_this_year=timed)
    first = re.match(r"At ([\d.,]+) pages? a day", text)
    assert first, text
    assert rate(data["pages_per_day"]) == first[1]
    return Seen(
        "project",
        pace=first[1],
        pages_per_year=data["pages_per_year"],
        books_a_year=books(data["books_low"], data["books_high"]),
        timed_this_year=timed,
    )


def from_markdown(db: str, profile: str) -> Seen:
    whole = compound("--db", db, "--profile", profile, "export", "--format", "md")
    year = compound(
        "--db", db, "--profile", profile, "export", "--format", "md", "--from", "2026-01-01"
    )
    current = re.search(r"^- Streak on [\d-]+: ([\d,]+) days?", whole, re.M)
    longest = re.search(r"^- Longest in the period: ([\d,]+) days?", whole, re.M)
    pace = re.search(
        r"^\| Pace on [\d-]+ \(pages a day, last 30 days\) \| ([\d.,]+) \|", whole, re.M
    )
    finished = re.search(r"^\| Books finished \| (\d+) \|", year, re.M)
    assert current and longest and pace and finished, whole
    return Seen(
        "export --format md",
        current=number(current[1]),
        longest=number(longest[1]),
        pace=pace[1],
        finished_this_year=int(finished[1]),
        timed_this_year=minutes_of(
            re.search(r"^\| Read where pages are unknown \| " + TIME_READ + r" \|", year, re.M)
        ),
    )


def from_team(db: str, profile: str) -> Seen:
    doc = json.loads(compound("--db", db, "team", "export", "--format", "json"))
    row = next(m for m in doc["members"] if m["member"] == profile)
    return Seen(
        "team export",
        current=row["current_streak"],
        longest=row["longest_streak"],
        pace=rate(row["pace"]),
        finished_this_year=row["books_finished_this_year"],
    )


async def from_app(db: str, profile: str, settings_file: Path) -> list[Seen]:
    """Today and Stats as drawn, on a 140×45 terminal."""
    from compound.store.repository import Store
    from compound.tracker.core import Tracker
    from compound.tui.app import CompoundApp

    tracker = Tracker(Store.open(db, profile), Settings(), lambda: TODAY)
    app = CompoundApp(tracker, Settings(), today=TODAY, settings_file=settings_file)
    async with app.run_test(size=(140, 45)) as pilot:
        await _settle(pilot)
        screen = app.screen
        streak = str(screen.query_one("#streak").render())
        year = str(screen.query_one("#projection").render())
        goal = str(screen.query_one("#goal-pace").render()) or None
        await pilot.press("4")
        await _settle(pilot)
        figures = str(app.screen.query_one("#figures").render())
    current, longest = _streak(streak)
    at = re.search(r"At ([\d.,]+) pages? a day: " + YEAR, year)
    assert at or "Log some reading" in year, year
    now = re.search(r"([\d,]+) days? now, best ([\d,]+) days?", figures)
    over = re.search(r"([\d.,]+) over 30", figures)
    per_year = re.search(r"([\d,]+) pages at 30-day pace", figures)
    book_range = re.search(r"([\d,]+)(?:–([\d,]+))? books? of", figures)
    read = re.search(r"pages, ([\d,]+) books? read", figures)
    goal_brief = re.search(r"goal .*$", figures, re.M)
    assert now and over and per_year and book_range and read, figures
    return [
        Seen(
            "app Today",
            current=current,
            longest=longest,
            pace=at[1] if at else None,
            pages_per_year=number(at[2]) if at else None,
            books_a_year=books(at[3], at[4]) if at else None,
            goal=_goal_words(goal),
        ),
        Seen(
            "app Stats",
            current=number(now[1]),
            longest=number(now[2]),
            pace=over[1],
            pages_per_year=number(per_year[1]),
            books_a_year=books(book_range[1], book_range[2]),
            goal=_goal_words(goal_brief[0] if goal_brief else None),
            finished_this_year=number(read[1]),
            timed_this_year=minutes_of(re.search(r"^  and " + TIME_READ + "$", figures, re.M)),
        ),
    ]


async def _settle(pilot) -> None:
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            break


# -- the test ------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("scenario", list(SCENARIOS))
async def test_every_surface_shows_the_same_figures(scenario, tmp_path):
    path = tmp_path / "compound.db"
    url = f"sqlite:///{path}"
    profiles = SCENARIOS[scenario](url, tmp_path)
    for profile in profiles:
        reference = from_json(str(path), profile)
        if scenario == "audiobook by time":
            assert reference.timed_this_year  # the figure compared is there to compare
        seen = [
            from_stats_text(str(path), profile),
            from_status(str(path), profile),
            from_project(str(path), profile),
            from_markdown(str(path), profile),
            from_team(str(path), profile),
            *await from_app(url, profile, tmp_path / "config.toml"),
        ]
        for surface in seen:
            for figure in fields(Seen)[1:]:
                shown = getattr(surface, figure.name)
                if shown is not None:
                    assert shown == getattr(reference, figure.name), (
                        f"{scenario}, {profile}: {surface.surface} shows {figure.name} = "
                        f"{shown!r}, stats --json {getattr(reference, figure.name)!r}"
                    )
        # Every figure is shown on at least one surface besides the reference.
        for figure in fields(Seen)[1:]:
            if getattr(reference, figure.name) is not None:
                assert any(getattr(s, figure.name) is not None for s in seen), figure.name
