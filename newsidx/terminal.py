"""Plain output for scripts and errors: JSON lines, one-line messages, safe text.

Kept apart from :mod:`newsidx.render` so that ``--json`` output and error
messages never pay for importing rich (about 40 ms on every start).
"""

from __future__ import annotations

import json
import re
import sys

# C0 and C1 controls except tab and newline, DEL, the Unicode bidi controls that
# can make text display differently from what it is ("Trojan source"), and lone
# surrogates (from file names that are not UTF-8), which cannot be printed at all.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def safe(text: object) -> str:
    """Any value as printable text with no control characters."""
    return _UNSAFE_CHARS.sub("", "" if text is None else str(text))


def print_json(obj) -> None:
    """One JSON document per line; json escapes control characters itself (\\u001b)."""
    line = json.dumps(obj, ensure_ascii=False)
    if _SURROGATES.search(line):  # a path that is not UTF-8: keep it exact as \\udcXX escapes
        line = json.dumps(obj)
    sys.stdout.write(line + "\n")


def error(message: str) -> None:
    sys.stderr.write(f"newsidx: error: {safe(message)}\n")


def note(message: str) -> None:
    sys.stderr.write(f"newsidx: {safe(message)}\n")
