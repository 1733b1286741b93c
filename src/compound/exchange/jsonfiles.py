"""Reading compound's JSON files strictly: each key of an object given once."""

from __future__ import annotations

from typing import Any


class DuplicateKey(ValueError):
    """One object of a JSON file names a key twice."""


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are each given once (json.loads' object_pairs_hook).

    Of a key given twice the decoder would keep the last silently, and which one the
    writer meant cannot be told: such a file is refused, the key named.
    """
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise DuplicateKey(f"the key {key!r:.60} appears twice in one object")
            seen.add(key)
    return found
