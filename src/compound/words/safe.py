"""Stored text made safe to show: nothing a record holds may drive the reader's terminal.

Input checks refuse control characters, but a database can be written without them
(another program, a shared PostgreSQL member's own rows, a restored file), so every
surface shows free text through `shown`. What a terminal would act on is drawn as a
visible mark instead:

- C0 controls as their control pictures: ESC as "␛", BEL as "␇", a newline as "␊";
- DEL, C1 controls (the 8-bit CSI, U+009B, among them), bidi embeddings, overrides,
  isolates and marks, line and paragraph separators, and lone surrogates (bytes that
  were not UTF-8) as a JSON-style escape: "\\u009b", "\\u202e", "\\udc80".

The escapes are those JSON itself uses, so JSON shown this way still reads back as the
same data; the pictures take one cell each, so tables stay aligned.
"""

from __future__ import annotations

import re

# Every character a terminal or a bidi algorithm acts on rather than draws: C0, DEL and
# C1; ALM (U+061C), LRM and RLM (U+200E, U+200F); the line and paragraph separators
# (U+2028, U+2029), which break a row as a newline would; LRE, RLE, PDF, LRO and RLO
# (U+202A-U+202E); LRI, RLI, FSI and PDI (U+2066-U+2069); lone surrogates.
_FORMAT = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = f"[\x00-\x1f\x7f-\x9f{_FORMAT}]"
# The same, but a layout's line breaks and tabs stay, and so does a carriage return
# that ends a line (CSV's CRLF): only a bare one moves the cursor back over a line.
_UNSAFE_IN_LINES = f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_FORMAT}]|\r(?!\n)"
# Compiled on first need: most text never needs them, and `status --short` runs on
# every shell prompt.
_compiled: dict[bool, re.Pattern[str]] = {}


def _mark(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures block follows C0's order
    return f"\\u{code:04x}"


def shown(text: str, *, lines: bool = False) -> str:
    """`text` with every control and bidi control made visible (see above).

    `lines`: keep newlines, tabs and line-ending carriage returns, for text laid out
    in lines (a report, a note shown whole); otherwise the result is one line.
    """
    # Printable text (no control, format character, separator but the space, or
    # surrogate) has nothing to show otherwise: answered without a pattern.
    if text.isprintable() or (lines and text.replace("\n", "").replace("\t", "").isprintable()):
        return text
    pattern = _compiled.get(lines)
    if pattern is None:
        pattern = _compiled[lines] = re.compile(_UNSAFE_IN_LINES if lines else _UNSAFE)
    return pattern.sub(_mark, text)
