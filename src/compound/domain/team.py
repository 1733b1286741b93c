"""Team reports: each member's streaks and totals, and the team's own streak.

A member's record arrives as per-day totals (the same shape whether it was read
from a shared database or from the member's own file), one member at a time, so
a report over a thousand members' five years never holds everyone's days at once.

A member's streak is their learning-day streak, as `compound stats` shows it: the
met-day rule of domain/met.py counted by the one streak engine
(streaks.daily_runs); skip days, and days their goals' schedules do not require,
are excused.

The team streak counts consecutive days on which at least K members had a
learning day. A member's excused day counts as neither, as in their own streak
(even when they learned that day): that member is left out of the day, and the
day then asks for min(K, members not excused); a day on which every member is
excused neither breaks nor lengthens the team streak. Today, not yet met, leaves
the team streak at risk, as it does a member's. So a team of one has its
member's streak.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from compound.domain.errors import InputError
from compound.domain.goals import DAILY_KINDS, GoalChange, GoalTimeline
from compound.domain.met import DayTotals, met_days
from compound.domain.projection import PACE_WINDOW_DAYS, mean_per_day
from compound.domain.schedules import DueDays
from compound.domain.streaks import Streak, daily_streak

WEEKS_CHARTED = 12  # the report's chart: team pages in each of the last 12 weeks


@dataclass(frozen=True, slots=True)
class FinishedBook:
    day: date
    title: str | None  # None unless the report may show titles


@dataclass(frozen=True, slots=True)
class MemberHistory:
    """What a team report reads about one member: per-day totals, goals, skips, books."""

    name: str
    days: Sequence[DayTotals]  # oldest first, one per day
    goals: tuple[GoalChange, ...] = ()
    skips: frozenset[date] = frozenset()
    finished: tuple[FinishedBook, ...] = ()
    exported_at: datetime | None = None  # when the member wrote their file, if from one


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """One row of the report."""

    member: str
    current_streak: int
    longest_streak: int
    at_risk: bool
    pages_7d: int
    pages_30d: int
    pace: float  # pages a day over the last 30 days, as every surface counts it
    pages_this_year: int
    books_finished_this_year: int
    learning_minutes_this_year: int
    last_check_in: date | None
    books: tuple[str, ...] = ()  # titles finished this year, only when asked for

    @property
    def learning_hours_this_year(self) -> float:
        return round(self.learning_minutes_this_year / 60, 1)


@dataclass(frozen=True, slots=True)
class TeamReport:
    today: date
    at_least: int  # K: members who must have a learning day for a team day
    members: tuple[MemberSummary, ...]
    totals: MemberSummary  # sums; its streak fields are the team streak's
    team_streak: Streak
    weekly_pages: tuple[tuple[date, int], ...]  # (first day of the week, team pages)
    include_books: bool = False


def learning_days(
    member: MemberHistory, today: date, goals: GoalTimeline | None = None
) -> set[date]:
    """The member's learning days up to `today`, as `compound status` counts them."""
    days = [row for row in member.days if row[0] <= today]
    return set(met_days(days, goals or GoalTimeline(member.goals)).learning_days)


def _fold(
    member: MemberHistory, today: date, weekly: list[int], first_week: date
) -> tuple[int, int, int, int, date | None]:
    """One pass over a member's days, oldest first: pages in the last 7 and 30 days
    and this year, learning minutes this year, the last check-in; pages per chart
    week are added to `weekly`."""
    week_ago, month_ago = today - timedelta(days=6), today - timedelta(days=29)
    new_year = date(today.year, 1, 1)
    pages_7d = pages_30d = pages_year = minutes_year = 0
    last = None
    for day, pages, _sessions, minutes, *_timed in member.days:
        if day > today:
            break
        last = day
        if day >= new_year:
            pages_year += pages
            minutes_year += minutes
        if day >= month_ago:
            pages_30d += pages
            if day >= week_ago:
                pages_7d += pages
        if day >= first_week:
            weekly[(day - first_week).days // 7] += pages
    return pages_7d, pages_30d, pages_year, minutes_year, last


def _excused(skips: set[date], due: DueDays | None, first: date, today: date) -> set[date]:
    """The member's days that count as neither for the team, as for their own streak:
    skip days, and from their first day on, days their schedules do not require,
    whether or not they learned on them."""
    if due is None:
        return set(skips)
    return skips | {day for day in due.not_due if first <= day <= today}


class TeamReportBuilder:
    """Folds members in one by one (see the module docstring), then `report()`."""

    def __init__(self, today: date, *, include_books: bool = False):
        self.today = today
        self.include_books = include_books
        self._members: list[MemberSummary] = []
        self._met: Counter[date] = Counter()  # day -> members with a learning day
        self._skipping: Counter[date] = Counter()  # day -> members excused (count as neither)
        self._first_week = today - timedelta(days=7 * WEEKS_CHARTED - 1)
        self._weekly = [0] * WEEKS_CHARTED

    def add(self, member: MemberHistory) -> MemberSummary:
        """Fold in one member (their days oldest first); returns their row."""
        today = self.today
        pages_7d, pages_30d, pages_year, minutes_year, last = _fold(
            member, today, self._weekly, self._first_week
        )
        goals = GoalTimeline(member.goals)  # once: the met days and the due days ask it
        met = learning_days(member, today, goals)
        skips = {day for day in member.skips if day <= today}
        first = member.days[0][0] if member.days else today
        due = goals.due(today, DAILY_KINDS)  # None: every day is due
        streak = daily_streak(met, skips, today, due)
        # The pace reads only the last days: the rows are oldest first.
        recent: dict[date, int] = {}
        horizon = today - timedelta(days=PACE_WINDOW_DAYS + 1)
        for day, pages, _sessions, _minutes, *_timed in reversed(member.days):
            if day < horizon:
                break
            if day <= today and pages:
                recent[day] = pages
        pace = mean_per_day(recent, today, PACE_WINDOW_DAYS, first if member.days else None)
        excused = _excused(skips, due, first, today)
        self._met.update(met - excused)
        self._skipping.update(excused)
        new_year = date(today.year, 1, 1)
        finished = [b for b in member.finished if new_year <= b.day <= today]
        titles = (
            tuple(b.title for b in sorted(finished, key=lambda b: b.day) if b.title is not None)
            if self.include_books
            else ()
        )
        summary = MemberSummary(
            member=member.name,
            current_streak=streak.current,
            longest_streak=streak.longest,
            at_risk=streak.at_risk,
            pages_7d=pages_7d,
            pages_30d=pages_30d,
            pace=pace,
            pages_this_year=pages_year,
            books_finished_this_year=len(finished),
            learning_minutes_this_year=minutes_year,
            last_check_in=last,
            books=titles,
        )
        self._members.append(summary)
        return summary

    def report(self, at_least: int | None = None) -> TeamReport:
        """The report; `at_least` is K (default: half the members, rounded up)."""
        members = tuple(sorted(self._members, key=lambda m: m.member))
        count = len(members)
        k = -(-count // 2) if at_least is None else at_least
        if at_least is not None and not 1 <= at_least <= max(count, 1):
            raise InputError(
                f"the team streak cannot ask for {at_least} members a day: "
                f"it must be from 1 to the team's size ({count})"
            )
        streak = team_streak(self._met, self._skipping, count, max(k, 1), self.today)
        totals = MemberSummary(
            member="team",
            current_streak=streak.current,
            longest_streak=streak.longest,
            at_risk=streak.at_risk,
            pages_7d=sum(m.pages_7d for m in members),
            pages_30d=sum(m.pages_30d for m in members),
            pace=sum(m.pace for m in members),
            pages_this_year=sum(m.pages_this_year for m in members),
            books_finished_this_year=sum(m.books_finished_this_year for m in members),
            learning_minutes_this_year=sum(m.learning_minutes_this_year for m in members),
            last_check_in=max((m.last_check_in for m in members if m.last_check_in), default=None),
        )
        weeks = tuple(
            (self._first_week + timedelta(days=7 * i), pages)
            for i, pages in enumerate(self._weekly)
        )
        return TeamReport(
            today=self.today,
            at_least=k,
            members=members,
            totals=totals,
            team_streak=streak,
            weekly_pages=weeks,
            include_books=self.include_books,
        )


def team_streak(
    met: Counter[date], skipping: Counter[date], members: int, at_least: int, today: date
) -> Streak:
    """The team's daily streak from per-day counts of members met and skipping."""
    team_met: set[date] = set()
    team_skip: set[date] = set()
    for day in {*met, *skipping}:
        if day > today:
            continue
        present = members - skipping[day]
        if present <= 0:
            team_skip.add(day)
        elif met[day] >= min(at_least, present):
            team_met.add(day)
    return daily_streak(team_met, team_skip, today)


def build_report(
    members: Iterable[MemberHistory],
    today: date,
    *,
    at_least: int | None = None,
    include_books: bool = False,
) -> TeamReport:
    """The team report over `members`, each named once."""
    builder = TeamReportBuilder(today, include_books=include_books)
    for member in members:
        builder.add(member)
    return builder.report(at_least)
