"""Entry ids people type (r12, s7), and the small behaviour of the plain records."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.errors import InputError
from compound.domain.records import (
    Book,
    BookStatus,
    LearningSession,
    ReadingLog,
    SessionKind,
    parse_ref,
)

PROPERTY = settings(max_examples=200, deadline=None)


# -- parse_ref --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("r12", ReadingLog, 12),
        ("R12", ReadingLog, 12),
        ("s7", LearningSession, 7),
        ("S7", LearningSession, 7),
        ("  r3  ", ReadingLog, 3),
        ("r007", ReadingLog, 7),
        ("s1234567890", LearningSession, 1234567890),
    ],
)
def test_parse_ref(text, kind, number):
    assert parse_ref(text) == (kind, number)


@pytest.mark.parametrize("text", ["12", "7", " 12 "])
def test_a_bare_number_is_refused_with_a_hint(text):
    with pytest.raises(InputError, match=r"start with r \(reading\) or s \(session\)"):
        parse_ref(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "r",
        "s",
        "x12",
        "rr12",
        "r-1",
        "r+1",
        "r 12",
        "r1.5",
        "12r",
        "r12x",
        "abc",
        "r１２",
        "s٣",
        "r" + "9" * 400,
    ],
)
def test_junk_is_refused(text):
    with pytest.raises(InputError) as caught:
        parse_ref(text)
    assert "\n" not in str(caught.value)


def test_none_is_refused():
    with pytest.raises(InputError):
        parse_ref(None)  # type: ignore[arg-type]


@given(st.text(max_size=20))
@PROPERTY
def test_any_text_is_a_ref_or_an_input_error(text):
    try:
        kind, number = parse_ref(text)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert kind in (ReadingLog, LearningSession)
        assert type(number) is int and number >= 0


@given(st.integers(min_value=1, max_value=10**9))
@PROPERTY
def test_the_refs_shown_in_history_read_back(entry_id):
    log = ReadingLog(
        id=entry_id,
        day=date(2026, 11, 22),
        pages=10,
        book_id=None,
        book_title=None,
        minutes=None,
        note=None,
        created_at=datetime(2026, 11, 22, 20, 0),
    )
    session = LearningSession(
        id=entry_id,
        day=date(2026, 11, 22),
        minutes=30,
        kind=SessionKind.COURSE,
        topic=None,
        note=None,
        created_at=datetime(2026, 11, 22, 21, 0),
    )
    assert log.ref == f"r{entry_id}"
    assert session.ref == f"s{entry_id}"
    assert parse_ref(log.ref) == (ReadingLog, entry_id)
    assert parse_ref(session.ref) == (LearningSession, entry_id)


# -- Book -------------------------------------------------------------------------------


def book(total_pages: int | None, pages_read: int = 0, author: str | None = None) -> Book:
    return Book(
        id=1,
        title="Dune",
        author=author,
        total_pages=total_pages,
        isbn=None,
        status=BookStatus.READING,
        started_on=None,
        finished_on=None,
        source="manual",
        pages_read=pages_read,
    )


def test_pages_left_and_progress():
    halfway = book(400, pages_read=100)
    assert halfway.pages_left == 300
    assert halfway.progress == 0.25


def test_reading_past_the_last_page_is_clamped():
    over = book(100, pages_read=130)
    assert over.pages_left == 0
    assert over.progress == 1.0


def test_unknown_length_has_no_progress():
    assert book(None, pages_read=50).pages_left is None
    assert book(None, pages_read=50).progress is None
    assert book(0).progress is None


def test_label_names_the_author_when_known():
    assert book(100, author="Frank Herbert").label() == "Dune (Frank Herbert)"
    assert book(100).label() == "Dune"


def test_enums_use_the_words_people_type():
    assert BookStatus("to-read") is BookStatus.TO_READ
    assert SessionKind("podcast") is SessionKind.PODCAST
    assert str(BookStatus.READING) == "reading"
