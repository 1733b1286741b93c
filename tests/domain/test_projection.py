"""The projection's building blocks: the bootstrap fan, pace windows, book lengths."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.goals import GoalChange, GoalTimeline
from compound.domain.projection import (
    book_etas,
    book_length,
    books_range,
    fan,
    goal_pace,
    grow,
    mean_per_day,
    parse_growth,
    project,
    quantile,
    queue_days,
    window,
)
from compound.domain.records import Book, BookStatus, GoalKind
from compound.words.figures import goal_pace_sentence, range_method

TODAY = date(2026, 7, 2)


# -- the fan ------------------------------------------------------------------------


def test_a_steady_reader_has_no_spread():
    points = fan([25] * 90, 365, samples=200)
    assert len(points) == 365
    assert points[0] == (25, 25, 25)
    assert points[-1] == (9125, 9125, 9125)


def test_the_same_history_and_seed_give_the_same_fan():
    recent = [0, 10, 40, 25, 0, 60, 5]
    assert fan(recent, 30, samples=300, seed=7) == fan(recent, 30, samples=300, seed=7)
    assert fan(recent, 30, samples=300, seed=7) != fan(recent, 30, samples=300, seed=8)


def test_an_uneven_reader_gets_a_range_around_their_mean():
    recent = [0, 50] * 45  # a mean of 25 pages a day
    low, middle, high = fan(recent, 365, samples=400)[-1]
    assert low < middle < high
    assert low < 9125 < high
    assert middle == pytest.approx(9125, rel=0.03)
    # Good and bad days mostly even out: P90 − P10 ≈ 2 · 1.28 · 25 · √365 ≈ 1,220 pages.
    assert 1000 < high - low < 1450


def test_nothing_recent_means_a_flat_fan_and_no_horizon_means_none():
    assert fan([], 3) == [(0.0, 0.0, 0.0)] * 3
    assert fan([5], 0) == []
    with pytest.raises(ValueError):
        fan([5], 3, samples=0)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=60),
    st.integers(1, 40),
    st.integers(0, 2**32),
)
def test_the_fan_is_ordered_and_grows(recent, horizon, seed):
    points = fan(recent, horizon, samples=50, seed=seed)
    assert len(points) == horizon
    for low, middle, high in points:
        assert low <= middle <= high
    for before, after in zip(points, points[1:]):
        # Pages are never negative, so no quantile of the running total falls.
        assert all(b <= a for b, a in zip(before, after))
    assert points[-1][2] <= max(recent) * horizon
    assert points[-1][0] >= min(recent) * horizon


def test_quantile_interpolates():
    assert quantile([1, 2, 3, 4, 5], 0.5) == 3
    assert quantile([0, 10], 0.25) == 2.5
    assert quantile([7], 0.9) == 7


# -- pace windows -------------------------------------------------------------------


def days_ago(pages_by_offset: dict[int, int]) -> dict[date, int]:
    return {TODAY - timedelta(days=n): pages for n, pages in pages_by_offset.items()}


def test_days_without_reading_count_as_zero():
    pages = days_ago({0: 30, 1: 30, 2: 30})
    assert mean_per_day(pages, TODAY, 30) == 3.0  # 90 pages over 30 days


def test_an_unlogged_today_is_not_counted_as_a_zero_yet():
    pages = days_ago({n: 20 for n in range(1, 40)})
    assert mean_per_day(pages, TODAY, 30) == 20
    assert len(window(pages, TODAY, 7)) == 7
    assert window(pages, TODAY, 7)[-1] == 20


def test_a_newcomer_is_measured_from_their_first_day():
    pages = days_ago({0: 10, 1: 20, 2: 30})
    assert mean_per_day(pages, TODAY, 30, first_day=TODAY - timedelta(days=2)) == 20


# -- book length and counts ---------------------------------------------------------


def test_twenty_five_pages_a_day_is_thirty_to_forty_books():
    assert books_range(25 * 365, (225, 300)) == (30, 40)


def test_book_length_is_the_default_until_five_books_are_finished():
    assert book_length([]) == (225, 300)
    assert book_length([100, 200, 300, 400]) == (225, 300)


def test_book_length_is_the_middle_half_of_finished_books():
    assert book_length([100, 200, 300, 400, 500]) == (200, 400)
    assert book_length([0, 100, 200, 300, 400, 500]) == (200, 400)  # unknown lengths ignored


def test_books_are_whole_and_rounded_down():
    assert books_range(599, (200, 300)) == (1, 2)
    assert books_range(600, (200, 300)) == (2, 3)
    assert books_range(0, (200, 300)) == (0, 0)


# -- the year ahead, goal pace, ETAs ------------------------------------------------


def test_twenty_five_pages_a_day_projects_9125_pages_and_30_to_40_books():
    result = project(25)
    assert (result.pages_per_year, result.books_low, result.books_high) == (9125, 30, 40)
    assert (result.range_low, result.range_high) == (9125, 9125)  # nothing to resample
    assert range_method(result).startswith("No range")


def test_the_range_resamples_recent_days_and_says_so():
    result = project(25, recent=[0, 50] * 45, samples=300)
    assert result.range_low < 9125 < result.range_high
    method = range_method(result)
    assert "300 simulated years" in method and "last 90 days" in method
    assert project(25, recent=[0, 50] * 45, samples=300) == result  # seeded


def test_this_year_is_what_was_read_plus_the_pace_for_the_days_left():
    result = project(20, read_this_year=4000, days_left_this_year=100, recent=[20] * 30, samples=50)
    assert result.this_year_expected == 6000
    assert (result.this_year_low, result.this_year_high) == (6000, 6000)


def test_learning_hours_a_year_from_the_minutes_pace():
    assert project(0, minutes_per_day=30).learning_hours_per_year == pytest.approx(182.5)


def test_growth_compounds_the_pace_week_by_week():
    flat = grow(25, 0.0, (225, 300))
    assert flat.pages_per_year == 9125
    growing = grow(25, 0.01, (225, 300))
    # 1 % a week for 52 weeks: the pace ends ~68 % higher; the year holds ~30 % more.
    assert growing.pages_per_day_at_end == pytest.approx(25 * 1.01 ** (364 / 7))
    assert 11_500 < growing.pages_per_year < 12_200
    assert growing.books_low > 30
    assert project(25, growth=0.01).growth == growing


@pytest.mark.parametrize(
    ("text", "weekly"),
    [
        ("1%/week", 0.01),
        ("1%", 0.01),
        ("2.5 % per week", 0.025),
        ("-1%/week", -0.01),
        ("1% a day", 1.01**7 - 1),
        ("10%/year", 1.1 ** (7 / 365) - 1),
    ],
)
def test_growth_rates_as_people_write_them(text, weekly):
    assert parse_growth(text) == pytest.approx(weekly)


@pytest.mark.parametrize("text", ["1", "fast", "1%/fortnight", "-100%", "80%/week", ""])
def test_growth_rates_refused(text):
    with pytest.raises(ValueError):
        parse_growth(text)


def yearly(goal, finished, today, since=date(2026, 1, 1)):
    goals = GoalTimeline([GoalChange(GoalKind.YEARLY_BOOKS, goal, since)])
    return goal_pace(goals, [date(2026, 1, 10)] * finished, today)


def test_a_24_book_goal_with_2_finished_on_2_july_is_about_10_behind():
    result = yearly(24, 2, date(2026, 7, 2))
    assert result.expected == pytest.approx(12.03, abs=0.01)  # 24 · 183/365
    assert round(result.ahead) == -10
    assert result.buffer_days == 0
    # 22 books of 262.5 pages over the 183 days left, today included.
    assert result.pages_per_day_needed == pytest.approx(22 * 262.5 / 183)


def test_ahead_of_a_goal_leaves_a_buffer():
    result = yearly(12, 8, date(2026, 4, 1))  # expected 12 · 91/365 ≈ 3
    assert result.ahead == pytest.approx(8 - 12 * 91 / 365)
    assert result.buffer_days == 243 - 91  # on pace until day 8 · 365/12 = 243
    assert yearly(12, 12, date(2026, 4, 1)).pages_per_day_needed == 0


def test_a_goal_set_in_november_is_judged_from_that_day_prorated():
    # 24 books a year, set on 9 November: the rest of the year asks for 24 · 53/365.
    today = date(2026, 11, 22)
    result = yearly(24, 1, today, since=date(2026, 11, 9))
    assert result.prorated and result.since == date(2026, 11, 9)
    assert result.year_goal == pytest.approx(24 * 53 / 365)
    assert result.expected == pytest.approx(24 * 14 / 365)  # 9 to 22 November
    assert result.finished == 0  # the book finished in January came before the goal
    assert result.ahead == pytest.approx(-24 * 14 / 365)
    # 3.5 books of 262.5 pages over the 40 days left: about 23 pages a day, not 183.
    assert result.pages_per_day_needed == pytest.approx(24 * 53 / 365 * 262.5 / 40)
    words = goal_pace_sentence(result)
    assert "3.5 books (24 a year from 09 Nov)" in words and "0.9 books behind" in words


def test_a_goal_changed_mid_year_weighs_each_target_by_its_days():
    goals = GoalTimeline(
        [
            GoalChange(GoalKind.YEARLY_BOOKS, 10, date(2025, 6, 1)),
            GoalChange(GoalKind.YEARLY_BOOKS, 20, date(2026, 7, 1)),
        ]
    )
    result = goal_pace(goals, [], date(2026, 7, 1))
    assert not result.prorated
    assert result.expected == pytest.approx((10 * 181 + 20 * 1) / 365)
    assert result.year_goal == pytest.approx((10 * 181 + 20 * 184) / 365)


def book(pages_total, pages_read=0, book_id=1):
    return Book(
        id=book_id,
        title="B",
        author=None,
        total_pages=pages_total,
        isbn=None,
        status=BookStatus.READING,
        started_on=None,
        finished_on=None,
        source="manual",
        pages_read=pages_read,
    )


def test_book_etas_at_the_pace():
    tomorrow = TODAY + timedelta(days=1)
    etas = book_etas([book(300, 100), book(None, 40), book(200, 200)], 25, TODAY, tomorrow)
    assert (etas[0].pages_left, etas[0].days_left, etas[0].eta) == (
        200,
        8,
        TODAY + timedelta(days=8),
    )
    assert (etas[1].eta, etas[1].days_left) == (None, None)
    assert (etas[2].eta, etas[2].days_left) == (TODAY, 0)
    assert book_etas([book(300)], 0, TODAY, tomorrow)[0].eta is None


def test_the_queue_takes_its_known_pages_at_the_pace():
    assert queue_days([book(300), book(None), book(101)], 25) == 17
    assert queue_days([book(None)], 25) is None
    assert queue_days([book(300)], 0) is None
