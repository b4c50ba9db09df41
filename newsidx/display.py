"""How paths, sizes, days and reading times are written for people, and read back.

Plain functions with no rich and no file system access, so the file walker,
error messages, the command line and rich output all share one form:
:func:`display_path` (any path, safe to print), :func:`format_size` (``12.3 MB``),
:func:`parse_size` (``--max-size 8MB``), :func:`weekday` and :func:`reading_minutes`.
"""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from newsidx.text import UNSAFE_CHARS

__all__ = ["display_path", "format_size", "parse_size", "day_of", "reading_minutes", "weekday"]

_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Line and paragraph separators are not unsafe to print, but would break a
# one-line message in two.
_ESCAPED_IN_PATHS = f"[\t\n{UNSAFE_CHARS}\u2028\u2029]"  # compiled by re on first use (see terminal.py)


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def display_path(path: str) -> str:
    """A printable form of ``path`` for messages, safe to write to a terminal.

    Undecodable bytes (surrogate escapes from ``os.fsdecode``) become ``\\xNN``;
    control characters (C0, DEL, C1 - which includes the 8-bit CSI), line
    separators and bidi controls become ``\\n``/``\\xNN``/``\\uNNNN`` escapes, so a
    hostile file name cannot move the cursor, recolour or clear the terminal.
    """
    if isinstance(path, (bytes, os.PathLike)):
        path = os.fsdecode(path)
    return re.sub(_ESCAPED_IN_PATHS, _escape, path)


def format_size(n: int, *, one_decimal: bool = False) -> str:
    """Human size with binary multiples, labelled as users write them: 12.3 MB, 8 MB, 512 bytes.

    ``one_decimal``: always one decimal place, and "B" for bytes (8.0 MB, 512 B),
    the form ``newsidx stats`` has always shown the index size in.
    """
    if n < 1024:
        return f"{n} B" if one_decimal else f"{n} bytes"
    value = float(n)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            break
    text = f"{value:.1f}"
    if text.endswith(".0") and not one_decimal:
        text = text[:-2]
    return f"{text} {unit}"


_SIZE_RE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*(?:([kmgt])(?:i?b)?|(b))?\s*", re.IGNORECASE)
_MULTIPLIERS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def parse_size(text: str) -> int:
    """Parse a size such as ``123``, ``10k``, ``10KB``, ``8M``, ``8MB``, ``1.5MB``, ``1G``.

    Units are case-insensitive binary multiples (``1K`` = 1024 bytes), matching how
    sizes are shown. Raises ValueError with a readable message otherwise.
    """
    hint = "expected a number with an optional unit K, M or G, e.g. 8MB, 512k, 1.5G"
    match = _SIZE_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"invalid size {text!r}: {hint}")
    number, unit, _bytes_suffix = match.groups()
    try:
        value = Decimal(number) * _MULTIPLIERS[(unit or "").lower()]
    except InvalidOperation:  # pragma: no cover - the regex only admits valid decimals
        raise ValueError(f"invalid size {text!r}: {hint}") from None
    if not unit and value != value.to_integral_value():
        raise ValueError(f"invalid size {text!r}: not a whole number of bytes")
    size = int(value)  # 1.3MB is not a whole number of bytes either: round down
    if size <= 0:
        raise ValueError(f"invalid size {text!r}: must be greater than zero")
    return size


READING_WORDS_PER_MINUTE = 230
"""An adult's silent reading speed for non-fiction (Brysbaert 2019: 238)."""


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` words, rounded up; 0 for no words."""
    return -(-max(words, 0) // READING_WORDS_PER_MINUTE)


def day_of(date_text: str | None) -> date | None:
    """The day of a stored date (``2008-09-08`` or ``2008-09-08T21:16``), or None."""
    if not date_text:
        return None
    try:
        return date.fromisoformat(date_text[:10])
    except ValueError:
        return None


def weekday(date_text: str | None) -> str | None:
    """The English weekday name of a stored date, or None."""
    day = day_of(date_text)
    return _WEEKDAYS[day.weekday()] if day else None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
