"""Whole-number amounts: pages read in one entry, a book's length, goal targets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.errors import InputError
from compound.domain.quantities import (
    MAX_BOOK_PAGES,
    MAX_PAGES_PER_LOG,
    parse_book_pages,
    parse_pages,
    parse_whole,
)

PROPERTY = settings(max_examples=200, deadline=None)

NOT_WHOLE_NUMBERS = [
    "-5",
    "0",
    "-0",
    "00",
    "abc",
    "",
    "   ",
    "five",
    "12abc",
    "1 000",
    "1,000",
    "1e309",
    "1e3",
    "inf",
    "nan",
    "1.5",
    "1.0",
    ".5",
    "0x10",
    "1_000",
    "1" * 20,
    "9" * 400,
    "５",
    "１２",
    "٣",
    "²",
    "๓",  # non-ASCII digits
    "+",
    "-",
    "--5",
    "+-5",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", 1),
        ("12", 12),
        (" 30 ", 30),
        ("+7", 7),
        ("007", 7),
        (str(MAX_PAGES_PER_LOG), MAX_PAGES_PER_LOG),
        (25, 25),
    ],
)
def test_parse_pages_accepts_whole_numbers(text, expected):
    assert parse_pages(text) == expected


@pytest.mark.parametrize("text", NOT_WHOLE_NUMBERS + [str(MAX_PAGES_PER_LOG + 1), "50000"])
def test_parse_pages_refuses_with_one_line(text):
    with pytest.raises(InputError) as caught:
        parse_pages(text)
    message = str(caught.value)
    assert message and "\n" not in message
    assert message.startswith("pages")


@pytest.mark.parametrize("text", NOT_WHOLE_NUMBERS + [str(MAX_BOOK_PAGES + 1)])
def test_parse_book_pages_refuses_with_one_line(text):
    with pytest.raises(InputError) as caught:
        parse_book_pages(text)
    message = str(caught.value)
    assert message and "\n" not in message
    assert "page count" in message


def test_book_pages_allow_more_than_one_entry_may_log():
    assert parse_book_pages(str(MAX_BOOK_PAGES)) == MAX_BOOK_PAGES
    assert parse_book_pages("1200") == 1200
    with pytest.raises(InputError):
        parse_pages("12000")  # 12,000 pages in one sitting is a typo


def test_messages_say_what_is_wrong():
    with pytest.raises(InputError, match="at least 1"):
        parse_pages("0")
    with pytest.raises(InputError, match="at least 1"):
        parse_pages("-5")
    with pytest.raises(InputError, match="whole number"):
        parse_pages("1.5")
    with pytest.raises(InputError, match="typo"):
        parse_pages("5001")
    with pytest.raises(InputError, match="far too large"):
        parse_pages("1" * 20)


def test_parse_whole_honours_a_custom_low_bound_and_names_the_thing():
    assert parse_whole("0", "weekly sessions", low=0, high=50) == 0
    with pytest.raises(InputError, match="weekly sessions must be at least 2"):
        parse_whole("1", "weekly sessions", low=2, high=50)
    with pytest.raises(InputError, match="weekly sessions 51 is more than 50"):
        parse_whole("51", "weekly sessions", high=50)


@given(
    st.one_of(
        st.text(max_size=30),
        st.integers().map(str),
        st.text(alphabet="0123456789+-._e ", max_size=25),
    )
)
@PROPERTY
def test_any_text_is_pages_in_range_or_an_input_error(text):
    for parse, high in ((parse_pages, MAX_PAGES_PER_LOG), (parse_book_pages, MAX_BOOK_PAGES)):
        try:
            value = parse(text)
        except InputError as exc:
            assert "\n" not in str(exc)
        else:
            assert type(value) is int
            assert 1 <= value <= high


@given(st.integers(min_value=1, max_value=MAX_PAGES_PER_LOG))
@PROPERTY
def test_every_number_in_range_is_accepted(pages):
    assert parse_pages(str(pages)) == pages
    assert parse_pages(pages) == pages
    assert parse_book_pages(f"  {pages}\n") == pages


@given(st.integers(max_value=0))
@PROPERTY
def test_zero_and_negative_numbers_are_refused(pages):
    with pytest.raises(InputError):
        parse_pages(str(pages))
