"""The format tests read the sample files in tests/fixtures/exchange (and its helpers)."""

from __future__ import annotations

import sys
from pathlib import Path

SAMPLES = Path(__file__).parent.parent / "fixtures" / "exchange"
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
