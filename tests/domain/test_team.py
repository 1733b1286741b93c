"""The team report's numbers, from per-day totals: members, windows, the team streak."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.errors import InputError
from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.habits import LEARNING_DAY, habits_of
from compound.domain.met import met_days
from compound.domain.records import GoalKind
from compound.domain.team import FinishedBook, MemberHistory, build_report, learning_days
from compound.domain.today import today_figures
from compound.domain.totals import DailyTotals, History

TODAY = date(2026, 11, 22)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def member(name: str, days=(), goals=(), skips=(), finished=()) -> MemberHistory:
    return MemberHistory(
        name=name,
        days=sorted(days),
        goals=tuple(goals),
        skips=frozenset(skips),
        finished=tuple(finished),
    )


def reading(*spans: tuple[int, int], pages: int = 20):
    """A day of `pages` for each day from spans' (first ago, last ago), inclusive."""
    return [(ago(n), pages, 0, 0) for first, last in spans for n in range(last, first - 1, -1)]


def test_windows_and_totals_count_the_right_days():
    ana = member(
        "ana",
        days=[
            (ago(0), 10, 0, 0),
            (ago(6), 7, 0, 0),
            (ago(7), 100, 0, 0),
            (ago(29), 5, 1, 90),
            (ago(30), 1000, 0, 0),
            (date(2025, 12, 31), 3, 1, 60),
            (ago(-1), 50, 0, 0),
        ],
        finished=[
            FinishedBook(date(2026, 3, 1), "A"),
            FinishedBook(date(2025, 12, 1), "B"),
            FinishedBook(ago(-2), "future"),
        ],
    )
    report = build_report([ana], TODAY)
    row = report.members[0]
    assert (row.pages_7d, row.pages_30d) == (17, 122)
    assert row.pages_this_year == 10 + 7 + 100 + 5 + 1000  # not last year's, not tomorrow's
    assert row.books_finished_this_year == 1
    assert row.learning_hours_this_year == 1.5
    assert row.last_check_in == TODAY  # tomorrow's entry does not count
    assert row.books == ()  # titles only when asked for
    assert build_report([ana], TODAY, include_books=True).members[0].books == ("A",)


@pytest.mark.parametrize(
    "goal, pages_today, expected",
    [
        (None, 1, (6, False)),  # no goal: one page is a learning day
        (30, 29, (5, True)),  # today short of the goal: at risk, not broken
        (30, 30, (6, False)),
    ],
)
def test_member_streaks_follow_the_goal_in_force(goal, pages_today, expected):
    goals = [GoalChange(GoalKind.DAILY_PAGES, goal, ago(3))] if goal else []
    days = reading((1, 5), pages=30) + [(ago(0), pages_today, 0, 0), (ago(8), 50, 0, 0)]
    row = build_report([member("ana", days, goals)], TODAY).members[0]
    assert (row.current_streak, row.at_risk) == expected


def test_a_goal_raised_later_does_not_break_earlier_days_and_sessions_count():
    goals = [
        GoalChange(GoalKind.DAILY_PAGES, 10, ago(20)),
        GoalChange(GoalKind.DAILY_PAGES, 40, ago(2)),
    ]
    days = reading((3, 6), pages=10) + [(ago(2), 0, 1, 30), (ago(1), 40, 0, 0), (ago(0), 39, 0, 0)]
    row = build_report([member("ana", days, goals)], TODAY).members[0]
    assert (row.current_streak, row.longest_streak, row.at_risk) == (6, 6, True)


def test_skip_days_neither_break_nor_lengthen_a_member_streak():
    days = reading((0, 2), (4, 5))
    row = build_report([member("ana", days, skips=[ago(3)])], TODAY).members[0]
    assert (row.current_streak, row.longest_streak) == (5, 5)


day_totals = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 40), st.integers(0, 2)), max_size=40
)


SCHEDULES = (None, "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=DAILY;INTERVAL=2")
goal_changes = st.lists(
    st.tuples(
        st.sampled_from([GoalKind.DAILY_PAGES, GoalKind.DAILY_MINUTES]),
        st.integers(0, 60),
        st.integers(1, 40),
        st.sampled_from(SCHEDULES),
    ),
    max_size=3,
)


@settings(max_examples=60, deadline=None)
@given(days=day_totals, goals=goal_changes, skips=st.sets(st.integers(0, 60), max_size=5))
def test_member_streaks_agree_with_compound_stats_and_status(days, goals, skips):
    """The same history gives the same streak in the team report as the learning-day
    habit of `compound stats` and the streak of `compound status`, schedules and all."""
    by_day = {}
    for offset, pages, sessions in days:
        by_day[ago(offset)] = (pages, sessions)
    totals = sorted((day, p, s, 15 * s) for day, (p, s) in by_day.items() if p or s)
    changes = list(
        {
            (kind, offset): GoalChange(kind, target, ago(offset), schedule)
            for kind, offset, target, schedule in goals
        }.values()
    )
    history = member("ana", totals, changes, {ago(n) for n in skips})
    pages = {d: p for d, p, _s, _m in totals if p}
    sessions = {d: s for d, _p, s, _m in totals if s}
    stats = habits_of(
        History(
            today=TODAY,
            totals=DailyTotals(
                pages=pages,
                sessions=sessions,
                session_minutes={d: m for d, _p, _s, m in totals if m},
            ),
            goals=GoalTimeline(changes),
            skips=history.skips,
        )
    )
    status = today_figures(
        History(
            today=TODAY,
            totals=DailyTotals(
                pages=pages,
                sessions=sessions,
                session_minutes={d: m for d, _p, s, m in totals if s},
            ),
            goals=GoalTimeline(changes),
            skips=history.skips,
        )
    )
    stats = stats[LEARNING_DAY]
    report = build_report([history], TODAY)
    row = report.members[0]
    assert (row.current_streak, row.longest_streak, row.at_risk) == (
        stats.current,
        stats.longest,
        stats.at_risk,
    )
    # A team of one has its member's streak.
    team = report.team_streak
    assert (team.current, team.longest, team.at_risk) == (
        row.current_streak,
        row.longest_streak,
        row.at_risk,
    )
    assert (row.current_streak, row.at_risk) == (status.streak.current, status.streak.at_risk)
    assert learning_days(history, TODAY) == set(
        met_days(totals, GoalTimeline(changes)).learning_days
    )


def test_days_a_schedule_does_not_require_count_as_neither_for_the_team():
    weekdays = GoalChange(GoalKind.DAILY_PAGES, 10, ago(30), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
    # 22 Nov 2026 is a Sunday: ana reads on weekdays only, bob every day.
    ana = member(
        "ana", [(d, p, s, m) for d, p, s, m in reading((2, 13)) if d.weekday() < 5], [weekdays]
    )
    bob = member("bob", reading((0, 13)))
    report = build_report([ana, bob], TODAY, at_least=2)
    assert report.members[0].current_streak == 10  # two weeks of weekdays, weekends excused
    assert report.team_streak.current == 14  # ana's weekends ask for bob alone


def test_team_streak_needs_k_members_and_k_defaults_to_half_rounded_up():
    ana = member("ana", reading((0, 9)))
    bob = member("bob", reading((0, 4)))
    cy = member("cy", reading((2, 6)))
    report = build_report([cy, ana, bob], TODAY)
    assert [m.member for m in report.members] == ["ana", "bob", "cy"]
    assert report.at_least == 2
    # Two of three on each of the last 7 days (ana + bob or cy); only ana before.
    assert (report.team_streak.current, report.team_streak.longest) == (7, 7)
    strict = build_report([ana, bob, cy], TODAY, at_least=3)
    assert (strict.team_streak.current, strict.team_streak.longest) == (0, 3)
    assert build_report([ana, bob, cy], TODAY, at_least=1).team_streak.current == 10
    assert build_report([ana, bob, cy, member("di")], TODAY).at_least == 2


def test_a_member_skipping_counts_as_neither_for_the_team():
    ana = member("ana", reading((0, 5)))
    bob = member("bob", reading((0, 1), (3, 5)), skips=[ago(2)])
    report = build_report([ana, bob], TODAY, at_least=2)
    # On bob's skip day only ana is present, and one of one is enough.
    assert report.team_streak.current == 6
    # A day on which everyone skips neither breaks nor lengthens the team streak...
    both = build_report(
        [member("ana", reading((0, 1), (3, 5)), skips=[ago(2)]), bob], TODAY, at_least=2
    )
    assert both.team_streak.current == 5
    # ...even when someone read on it anyway, as in their own streak.
    keen = member("ana", reading((0, 5)), skips=[ago(2)])
    assert build_report([keen, bob], TODAY, at_least=2).team_streak.current == 5
    assert build_report([keen], TODAY).members[0].current_streak == 5


def test_team_streak_is_at_risk_while_today_is_open_and_totals_add_up():
    ana = member("ana", reading((1, 3)), finished=[FinishedBook(ago(1), None)])
    bob = member("bob", reading((0, 3), pages=5) + [(ago(40), 0, 2, 120)])
    report = build_report([ana, bob], TODAY, at_least=2)
    assert (report.team_streak.current, report.team_streak.at_risk) == (3, True)
    totals = report.totals
    assert totals.pages_7d == 60 + 20 and totals.books_finished_this_year == 1
    assert totals.learning_minutes_this_year == 120 and totals.last_check_in == TODAY
    assert sum(pages for _week, pages in report.weekly_pages) == 80
    assert report.weekly_pages[-1][0] == ago(6) and len(report.weekly_pages) == 12


@pytest.mark.parametrize("k", [0, 3])
def test_at_least_must_be_within_the_team(k):
    with pytest.raises(InputError, match="team streak cannot ask for"):
        build_report([member("ana"), member("bob")], TODAY, at_least=k)


def test_windows_reach_back_across_new_year():
    january = date(2027, 1, 3)
    days = [(date(2026, 12, 5), 4, 0, 0), (date(2026, 12, 28), 2, 0, 30), (january, 1, 0, 30)]
    row = build_report([member("ana", days)], january).members[0]
    assert (row.pages_7d, row.pages_30d, row.pages_this_year) == (3, 7, 1)
    assert row.learning_minutes_this_year == 30


def test_an_empty_team_is_a_report_of_nobody():
    report = build_report([], TODAY)
    assert report.members == () and report.team_streak.current == 0
