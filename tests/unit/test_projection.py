"""The projection's building blocks: the bootstrap fan, pace windows, book lengths."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.projection import (
    book_length,
    books_range,
    fan,
    mean_per_day,
    quantile,
    window,
)

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
@given(st.lists(st.integers(0, 500), min_size=1, max_size=60), st.integers(1, 40),
       st.integers(0, 2**32))
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
