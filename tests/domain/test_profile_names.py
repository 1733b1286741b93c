"""Profile names: the strict rule for new profiles, the lenient one for existing ones."""

from __future__ import annotations

import pytest

from compound.domain.errors import InputError
from compound.domain.profiles import check_new_profile_name, check_profile_name, profile_name_key

ONLY = "a profile name may hold only letters, digits, '-', '_' and '.': "


@pytest.mark.parametrize(
    "name",
    [
        "ana",
        "José",
        "ana_2",
        "work.2026",
        "A-team",
        "x",
        "3",
        "Zoë",
        "村上",
        "ana.",
        "a-",
        "_private",
        "é" * 64,
    ],
)
def test_new_names_a_shell_passes_unquoted(name):
    assert check_new_profile_name(name) == name


def test_new_names_are_trimmed_first():
    assert check_new_profile_name("  ana_2 \n") == "ana_2"


@pytest.mark.parametrize(
    "text, message",
    [
        ("bad name!", ONLY + "'bad name!'"),
        ("Zoë ✨", ONLY + "'Zoë ✨'"),
        ("a/b", ONLY + "'a/b'"),
        ("a*", ONLY + "'a*'"),
        ("$HOME", ONLY + "'$HOME'"),
        ("a;b", ONLY + "'a;b'"),
        ("a,b", ONLY + "'a,b'"),
        ("a+b", ONLY + "'a+b'"),
        ("ana📚", ONLY + "'ana📚'"),
        ("a\u00a0b", ONLY + "'a\\xa0b'"),
        (".hidden", "a profile name cannot start with '.': '.hidden'"),
        ("-x", "a profile name cannot start with '-': '-x'"),
        ("", "a profile name cannot be empty"),
        ("   ", "a profile name cannot be empty"),
        (None, "a profile name cannot be empty"),
        ("a" * 65, "a profile name is 65 characters long; the limit is 64"),
        ("a\tb", "a profile name contains control characters"),
    ],
)
def test_new_names_are_refused_in_one_line(text, message):
    with pytest.raises(InputError) as refused:
        check_new_profile_name(text)
    assert str(refused.value) == message
    assert "\n" not in str(refused.value) and "`" not in str(refused.value)


@pytest.mark.parametrize("name", ["Zoë ✨", "Ana María 📚", "bad name!", ".hidden"])
def test_existing_names_are_still_accepted_when_naming_a_profile(name):
    assert check_profile_name(name) == name


def test_names_are_compared_whatever_their_case():
    assert profile_name_key("Ana") == profile_name_key("ana") == profile_name_key("ANA")
    assert profile_name_key("Straße") == profile_name_key("STRASSE")
    assert profile_name_key("ana") != profile_name_key("ana_")
