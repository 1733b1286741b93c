"""The schema revisions this code knows, read from the migration file names.

Revision ids are zero-padded numbers ("0001") and each file in migrations/versions
is named after its id, so the head is known without importing Alembic (~100 ms),
which keeps opening an up-to-date database cheap. A test checks Alembic agrees.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


@cache
def known_revisions() -> tuple[str, ...]:
    """Every revision id shipped with this code, oldest first."""
    ids = (_REVISION_FILE.match(p.name) for p in VERSIONS_DIR.iterdir())
    return tuple(sorted(m[1] for m in ids if m))


def head_revision() -> str:
    """The newest schema revision this code can write."""
    return known_revisions()[-1]


def is_known(revision: str) -> bool:
    return revision in known_revisions()
