"""Free text people type: titles, notes, ISBNs, and how titles are matched."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compound.domain.errors import InputError
from compound.domain.text import MAX_NOTE, MAX_TITLE, clean_text, normalise_isbn, title_key

PROPERTY = settings(max_examples=200, deadline=None)


# -- clean_text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Dune", "Dune"),
        ("  Dune  ", "Dune"),
        ("\tThe Left Hand of Darkness\n", "The Left Hand of Darkness"),
        ("Gödel, Escher, Bach", "Gödel, Escher, Bach"),
        ("三体", "三体"),
    ],
)
def test_clean_text_trims_and_keeps_the_rest(value, expected):
    assert clean_text(value, "title") == expected


@pytest.mark.parametrize("value", ["line one\nline two", "a\tb"])
def test_only_multiline_text_keeps_line_breaks_and_tabs(value):
    assert clean_text(value, "note", multiline=True) == value
    # A title with a line break would split every one-line message that shows it.
    with pytest.raises(InputError, match="control characters"):
        clean_text(value, "title")


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_blank_is_none_when_optional(value):
    assert clean_text(value, "note") is None


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_blank_is_refused_when_required(value):
    with pytest.raises(InputError, match="title cannot be empty"):
        clean_text(value, "title", required=True)


def test_length_limit_applies_after_trimming():
    assert clean_text("x" * MAX_TITLE, "title") == "x" * MAX_TITLE
    assert clean_text("  " + "x" * MAX_TITLE + "  ", "title") == "x" * MAX_TITLE
    with pytest.raises(InputError, match="limit is 500"):
        clean_text("x" * (MAX_TITLE + 1), "title")


def test_custom_limit_for_notes():
    assert clean_text("n" * MAX_NOTE, "note", limit=MAX_NOTE) == "n" * MAX_NOTE
    with pytest.raises(InputError, match="note is 2,001 characters long"):
        clean_text("n" * (MAX_NOTE + 1), "note", limit=MAX_NOTE)


@pytest.mark.parametrize(
    "value",
    [
        "a\x00b",
        "bell\x07",
        "esc\x1b[31mred",
        "back\x08space",
        "car\rriage",
        "del\x7f",
        "csi\x9b31m",
        "n\x85el",
        "\x80start",  # C1 control characters are control characters too
    ],
)
def test_control_characters_are_refused(value):
    with pytest.raises(InputError, match="control characters") as caught:
        clean_text(value, "title")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("multiline", [False, True])
@pytest.mark.parametrize("override", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2069"])
def test_bidi_overrides_are_refused_as_a_shared_database_refuses_them(override, multiline):
    """ "invoice\u202efdp.exe" draws as "invoiceexe.pdf": what a title says must be what
    it shows, and a SQLite file must hold what a shared PostgreSQL one would accept."""
    with pytest.raises(InputError, match="bidirectional override") as caught:
        clean_text(f"invoice{override}fdp.exe", "title", multiline=multiline)
    assert f"U+{ord(override):04X}" in str(caught.value)


def test_right_to_left_text_and_its_marks_are_kept():
    # Hebrew and Arabic need no override; the marks LRM/RLM only nudge neutral characters
    assert (
        clean_text("\u05e9\u05dc\u05d5\u05dd \u200fDune", "title")
        == "\u05e9\u05dc\u05d5\u05dd \u200fDune"
    )


@given(st.text(max_size=60))
@PROPERTY
def test_clean_text_result_is_trimmed_bounded_and_free_of_control_characters(value):
    try:
        result = clean_text(value, "note", limit=40)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        if result is None:
            assert not value.strip()
        else:
            assert result == unicodedata.normalize("NFC", value.strip())
            assert 0 < len(result) <= 40
            assert all(unicodedata.category(ch) != "Cc" or ch in "\t\n" for ch in result)


# -- normalise_isbn ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0-306-40615-2", "0306406152"),
        ("0306406152", "0306406152"),
        ("0 306 40615 2", "0306406152"),
        ("978-0-306-40615-7", "9780306406157"),
        ("978 0 306 40615 7", "9780306406157"),
        ("9780306406157", "9780306406157"),
        ("080442957X", "080442957X"),
        ("080442957x", "080442957X"),
        ("0-8044-2957-X", "080442957X"),
        ("  978-0-306-40615-7  ", "9780306406157"),
    ],
)
def test_valid_isbns_are_normalised(value, expected):
    assert normalise_isbn(value) == expected


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_isbn_is_none(value):
    assert normalise_isbn(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "0-306-40615-3",
        "0306406151",
        "0804429570",  # ISBN-10, wrong check digit
        "978-0-306-40615-8",
        "9780306406150",  # ISBN-13, wrong check digit
    ],
)
def test_wrong_check_digit_is_refused(value):
    with pytest.raises(InputError, match="check digit"):
        normalise_isbn(value)


@pytest.mark.parametrize(
    "value",
    [
        "030640615",
        "03064061522",
        "978030640615",
        "97803064061577",  # wrong length
        "abc",
        "X306406152",
        "03064X6152",
        "978030640615X",  # X out of place
        "０３０６４０６１５２",  # non-ASCII digits
        "0306406152.",
        "0306_406152",
    ],
)
def test_wrong_shape_is_refused(value):
    with pytest.raises(InputError) as caught:
        normalise_isbn(value)
    assert "\n" not in str(caught.value)


def _isbn13_check(first12: str) -> str:
    total = sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def _isbn10_check(first9: str) -> str:
    total = sum((10 - i) * int(d) for i, d in enumerate(first9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
@PROPERTY
def test_any_isbn13_with_its_check_digit_is_accepted_and_a_typo_is_not(first12):
    isbn = first12 + _isbn13_check(first12)
    assert normalise_isbn(isbn) == isbn
    assert normalise_isbn(f"{isbn[:3]}-{isbn[3:5]} {isbn[5:]}") == isbn
    wrong = isbn[:12] + str((int(isbn[12]) + 1) % 10)
    with pytest.raises(InputError):
        normalise_isbn(wrong)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
@PROPERTY
def test_any_isbn10_with_its_check_digit_is_accepted_and_a_typo_is_not(first9):
    isbn = first9 + _isbn10_check(first9)
    assert normalise_isbn(isbn.lower()) == isbn
    changed = str((int(first9[0]) + 1) % 10) + first9[1:] + isbn[9]
    with pytest.raises(InputError):
        normalise_isbn(changed)


@given(st.text(max_size=20))
@PROPERTY
def test_any_text_is_an_isbn_none_or_an_input_error(value):
    try:
        result = normalise_isbn(value)
    except InputError:
        pass
    else:
        if result is None:
            assert not value.strip()
        else:
            assert len(result) in (10, 13)
            assert result.isascii() and (result.isdigit() or result[:-1].isdigit())


# -- title_key --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dune", "dune"),
        ("The  Left Hand   of Darkness", "the left hand of darkness"),
        ("  Dune\t", "DUNE"),
        ("Straße", "STRASSE"),
    ],
)
def test_title_key_ignores_case_and_spacing(a, b):
    assert title_key(a) == title_key(b)


def test_title_key_keeps_words_apart():
    assert title_key("Dune") != title_key("Dune Messiah")
    assert title_key("ab c") != title_key("a bc")
    assert title_key("  The   Hobbit ") == "the hobbit"


@given(st.text(max_size=40))
@PROPERTY
def test_title_key_is_idempotent_and_ignores_surrounding_space(title):
    key = title_key(title)
    assert title_key(key) == key
    assert title_key(f" \t{title}\n ") == key
    assert key == key.strip()
    assert "  " not in key


@given(
    st.text(
        alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t", max_size=40
    )
)
@PROPERTY
def test_title_key_is_case_blind_for_ascii_titles(title):
    assert title_key(title.upper()) == title_key(title.lower()) == title_key(title)
