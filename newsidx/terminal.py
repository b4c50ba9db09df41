"""Plain output for scripts and errors: JSON lines, one-line messages, safe text.

Kept apart from :mod:`newsidx.render` so that ``--json`` output and error
messages never pay for importing rich (about 40 ms on every start).
"""

from __future__ import annotations

import json
import os
import re
import sys

from newsidx.text import SURROGATES, UNSAFE_CHARS

# Patterns, not compiled ones: re compiles each on first use (and keeps it),
# and these large character classes took a millisecond to compile at every
# start, for commands that print no article text (--json).
_UNSAFE_CHARS = f"[{UNSAFE_CHARS}]"
_SURROGATES = f"[{SURROGATES}]"


def safe(text: object) -> str:
    """Any value as printable text with no control characters."""
    return re.sub(_UNSAFE_CHARS, "", "" if text is None else str(text))


def is_terminal(stream) -> bool:
    """Whether ``stream`` is an interactive terminal (not a pipe, a file or a test's buffer)."""
    return hasattr(stream, "isatty") and stream.isatty()


def wants_styles(stream) -> bool:
    """Whether output to ``stream`` is for rich: a terminal, or ``FORCE_COLOR``
    set (rich's own override, for a pager that shows colours)."""
    return is_terminal(stream) or bool(os.environ.get("FORCE_COLOR"))


def print_json(obj) -> None:
    """One JSON document per line; json escapes control characters itself (\\u001b)."""
    line = json.dumps(obj, ensure_ascii=False)
    if re.search(_SURROGATES, line):  # a path that is not UTF-8: keep it exact as \\udcXX escapes
        line = json.dumps(obj)
    sys.stdout.write(line + "\n")


def error(message: str) -> None:
    sys.stderr.write(f"newsidx: error: {safe(message)}\n")


def note(message: str) -> None:
    sys.stderr.write(f"newsidx: {safe(message)}\n")
