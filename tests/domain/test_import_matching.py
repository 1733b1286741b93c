"""Recognising a book that is already there: by identity, then by which read it is."""

from __future__ import annotations

from datetime import date

import pytest

from compound.domain.errors import InputError
from compound.domain.imports import (
    ImportedBook,
    changes_for,
    choose_match,
    isbn_key,
    name_key,
    same_author,
)
from compound.domain.profiles import ProfileContents, check_profile_name
from compound.domain.records import Book, BookStatus
from compound.words.records import profile_contents

F, R, T, A = BookStatus.FINISHED, BookStatus.READING, BookStatus.TO_READ, BookStatus.ABANDONED


def book(
    id_: int,
    status: BookStatus,
    started=None,
    finished=None,
    pages=None,
    read=0,
    author="Frank Herbert",
    isbn=None,
) -> Book:
    return Book(
        id=id_,
        title="Dune",
        author=author,
        total_pages=pages,
        isbn=isbn,
        status=status,
        started_on=started,
        finished_on=finished,
        source="manual",
        pages_read=read,
    )


def record(status: BookStatus, started=None, finished=None, pages=None, **more) -> ImportedBook:
    return ImportedBook(
        ref="row 2",
        where="row 2",
        title="Dune",
        author="Frank Herbert",
        total_pages=pages,
        status=status,
        started_on=started,
        finished_on=finished,
        **more,
    )


@pytest.mark.parametrize(
    "one, other",
    [
        ("The Fellowship of the Ring (The Lord of the Rings, #1)", "the fellowship of the ring"),
        (
            "A Natural History of Dragons (The Memoirs of Lady Trent, #1)",
            "A Natural History of Dragons",
        ),
        ("Surely You're Joking, Mr. Feynman!", "surely you re joking mr feynman"),
        ("ﾉﾙｳｪｲの森", "ノルウェイの森"),  # half-width katakana fold to full width
        ("  Deep   Work ", "deep work"),
    ],
)
def test_titles_compare_without_case_punctuation_or_series(one, other):
    assert name_key(one) == name_key(other)


def test_different_titles_stay_different():
    assert name_key("Dune Messiah") != name_key("Dune")
    assert name_key("三体") != name_key("三体 II")


def test_an_isbn_10_is_the_isbn_13_it_stands_for():
    assert isbn_key("0375704027") == "9780375704024"
    assert isbn_key("080442957X") == "9780804429573"
    assert isbn_key("9780441013593") == "9780441013593"
    assert isbn_key(None) is None


def test_authors_agree_when_either_side_does_not_say():
    assert same_author("Frank Herbert", "frank  herbert")
    assert same_author(None, "Frank Herbert")
    assert not same_author("Brian Herbert", "Frank Herbert")


def test_a_read_finished_on_the_same_day_is_the_same_book():
    rows = [book(1, F, finished=date(2020, 5, 1)), book(2, F, finished=date(2024, 3, 15))]
    assert choose_match(record(F, finished=date(2024, 3, 15)), rows).id == 2


def test_a_read_finished_on_another_day_is_a_reread():
    assert (
        choose_match(record(F, finished=date(2024, 3, 15)), [book(1, F, finished=date(2020, 5, 1))])
        is None
    )


def test_a_book_being_read_here_and_finished_there_is_the_same_read():
    assert (
        choose_match(
            record(F, finished=date(2024, 3, 15)), [book(1, R, started=date(2024, 3, 1))]
        ).id
        == 1
    )
    # ... unless it was started here after it was finished there: a later read.
    assert (
        choose_match(record(F, finished=date(2024, 3, 15)), [book(1, R, started=date(2024, 6, 1))])
        is None
    )


def test_an_unfinished_record_matches_an_unfinished_book_only():
    assert choose_match(record(T), [book(1, F, finished=date(2020, 5, 1))]) is None
    assert choose_match(record(T), [book(1, F, finished=date(2020, 5, 1)), book(2, R)]).id == 2
    # A read started the same day, finished here since: the same read, further along.
    assert (
        choose_match(
            record(R, started=date(2026, 1, 2)),
            [book(1, F, started=date(2026, 1, 2), finished=date(2026, 2, 1))],
        ).id
        == 1
    )


def test_an_identical_book_is_preferred():
    rows = [book(1, T), book(2, R, started=date(2026, 1, 2))]
    assert choose_match(record(R, started=date(2026, 1, 2)), rows).id == 2


def test_changes_move_a_book_forward_and_fill_what_it_lacks():
    changes = changes_for(
        book(1, T),
        record(
            F, started=date(2024, 3, 1), finished=date(2024, 3, 15), pages=412, isbn="9780441013593"
        ),
    )
    assert changes == {
        "status": F,
        "started_on": date(2024, 3, 1),
        "finished_on": date(2024, 3, 15),
        "total_pages": 412,
        "isbn": "9780441013593",
    }


def test_changes_never_move_a_book_back_or_overwrite():
    finished = book(
        1, F, started=date(2024, 3, 1), finished=date(2024, 3, 15), pages=400, isbn="9780441013593"
    )
    assert changes_for(finished, record(T, pages=412, isbn="0441013597")) == {}
    assert changes_for(book(1, R), record(T, started=date(2024, 3, 1))) == {
        "started_on": date(2024, 3, 1)
    }


def test_a_page_count_shorter_than_what_was_logged_is_not_taken():
    assert changes_for(book(1, R, read=300), record(R, pages=250)) == {}
    assert changes_for(book(1, R, read=300), record(R, pages=412)) == {"total_pages": 412}


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "a profile name cannot be empty"),
        ("a\tb", "contains control characters"),
        ("x" * 65, "is 65 characters long; the limit is 64"),
        ("--yes", "cannot start with '-'"),
    ],
)
def test_profile_names_are_checked(text, message):
    with pytest.raises(InputError, match=message):
        check_profile_name(text)


def test_profile_contents_are_described():
    assert check_profile_name("  Zoë ✨ ") == "Zoë ✨"
    held = ProfileContents("ana", books=1, reading_logs=60, sessions=0, goals=2, skips=1)
    assert profile_contents(held) == (
        "1 book, 60 reading logs, 0 learning sessions, 2 goals and 1 skip day"
    )
    assert ProfileContents("empty").empty and not held.empty
