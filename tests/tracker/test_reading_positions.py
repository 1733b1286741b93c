"""The positions and audiobook lengths the tracker reads from what is typed."""

from __future__ import annotations

import pytest

from compound.domain.errors import InputError
from compound.domain.records import Position
from compound.tracker import checks


@pytest.mark.parametrize(
    ("typed", "position"),
    [
        ("45%", Position(share=0.45)),
        ("12.5%", Position(share=0.125)),
        ("3:20", Position(minute=200)),
        ("3h20m", Position(minute=200)),
        ("148", Position(page=148)),
    ],
)
def test_positions(typed, position):
    assert checks.position(typed) == position


@pytest.mark.parametrize("typed", ["101%", "0%", "3:75", "3:5", "-3", "1e3%", "", "soon"])
def test_nonsense_positions_are_refused_in_one_line(typed):
    with pytest.raises(InputError) as refused:
        checks.position(typed)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "minutes"), [("11:30", 690), ("11h30m", 690), ("11", 660), ("45m", 45)]
)
def test_audiobook_lengths(typed, minutes):
    assert checks.book_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["0:00", "501", "eleven", "11:3"])
def test_nonsense_lengths_are_refused(typed):
    with pytest.raises(InputError):
        checks.book_minutes(typed)
