"""Formats by name: the exporters and importers, each loaded only when asked for.

A format module defines EXPORTER (an Exporter) or IMPORTER (an Importer), or both;
the registry maps a name to "module:ATTRIBUTE" and imports the module on first use,
so listing the names costs nothing. Another part of compound (or a test) can
register more: `EXPORTERS.register("html", "compound.team.html:EXPORTER")`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Generic, TextIO, TypeVar

from compound.domain.errors import InputError
from compound.domain.exports import ExportData
from compound.domain.imports import ImportBatch, ReadOptions

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str
    suffix: str  # the usual file name ending, e.g. ".json"
    description: str
    write: Callable[[ExportData, TextIO], None]  # writes the whole export to a text stream


@dataclass(frozen=True, slots=True)
class Importer:
    name: str
    description: str
    # Reads a file into a checked batch; a file it cannot use raises InputError naming
    # the file and the row.
    read: Callable[[Path, ReadOptions], ImportBatch]
    # What the file holds to choose from (`--list`: Loop's habits), as lines; None
    # when the kind has nothing to choose.
    listing: Callable[[Path], list[str]] | None = None
    # Whether a folder is a file of this kind too (Loop's unzipped export).
    folders: bool = False


class Registry(Generic[T]):
    """Named things of one kind, given as objects or as "module:attribute" to load later."""

    def __init__(self, what: str):
        self.what = what
        self._entries: dict[str, str | T] = {}

    def register(self, name: str, target: str | T) -> None:
        """Add (or replace) `name`; `target` is the object or "package.module:ATTRIBUTE"."""
        self._entries[name] = target

    def names(self) -> list[str]:
        """The registered names, in the order they were registered."""
        return list(self._entries)

    def get(self, name: str) -> T:
        """The entry called `name`, loading its module if need be."""
        try:
            target = self._entries[name]
        except KeyError:
            raise InputError(
                f"unknown {self.what} {name!r}; choose from {', '.join(self._entries)}"
            ) from None
        if isinstance(target, str):
            module, _, attribute = target.partition(":")
            target = self._entries[name] = getattr(import_module(module), attribute)
        return target


EXPORTERS: Registry[Exporter] = Registry("export format")
EXPORTERS.register("json", "compound.exchange.compound_json:EXPORTER")
EXPORTERS.register("csv", "compound.exchange.csv_export:EXPORTER")
EXPORTERS.register("md", "compound.exchange.markdown:EXPORTER")

IMPORTERS: Registry[Importer] = Registry("import kind")
IMPORTERS.register("goodreads", "compound.exchange.goodreads:IMPORTER")
IMPORTERS.register("storygraph", "compound.exchange.storygraph:IMPORTER")
IMPORTERS.register("koreader", "compound.exchange.koreader:IMPORTER")
IMPORTERS.register("readest", "compound.exchange.koreader:READEST")
IMPORTERS.register("hardcover", "compound.exchange.hardcover:IMPORTER")
IMPORTERS.register("bookwyrm", "compound.exchange.bookwyrm:IMPORTER")
IMPORTERS.register("kindle", "compound.exchange.kindle:IMPORTER")
IMPORTERS.register("openreads", "compound.exchange.openreads:IMPORTER")
IMPORTERS.register("loop", "compound.exchange.loop:IMPORTER")
IMPORTERS.register("compound", "compound.exchange.compound_json:IMPORTER")


def exporter(name: str) -> Exporter:
    return EXPORTERS.get(name)


def importer(name: str) -> Importer:
    return IMPORTERS.get(name)
