"""Formats are found by name, loaded only when used, and more can be registered."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from compound.domain.errors import InputError
from compound.exchange.registry import (
    EXPORTERS,
    IMPORTERS,
    Exporter,
    Registry,
    exporter,
    importer,
)


def test_the_shipped_formats():
    assert EXPORTERS.names() == ["json", "csv", "md"]
    assert IMPORTERS.names() == [
        "goodreads",
        "storygraph",
        "koreader",
        "readest",
        "hardcover",
        "bookwyrm",
        "kindle",
        "openreads",
        "loop",
        "compound",
    ]
    assert [exporter(n).suffix for n in EXPORTERS.names()] == [".json", ".csv", ".md"]
    assert all(importer(n).name == n for n in IMPORTERS.names())


def test_an_unknown_name_is_refused_listing_the_known_ones():
    with pytest.raises(
        InputError,
        match="unknown import kind 'libib'; choose from "
        "goodreads, storygraph, koreader, readest, hardcover, bookwyrm, kindle, openreads, loop, "
        "compound",
    ):
        importer("libib")


def test_more_formats_can_be_registered_by_object_or_by_path():
    formats: Registry[Exporter] = Registry("report format")
    plain = Exporter("txt", ".txt", "plain text", lambda data, out: out.write(data.profile))
    formats.register("txt", plain)
    formats.register("dumps", "json:dumps")
    assert formats.get("txt") is plain
    assert formats.get("dumps") is json.dumps
    assert formats.names() == ["txt", "dumps"]


def test_naming_the_formats_loads_none_of_them():
    probe = (
        "import sys; from compound.exchange import registry; registry.EXPORTERS.names(); "
        "print(sorted(m for m in sys.modules if m.startswith('compound.exchange.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "['compound.exchange.registry']"
