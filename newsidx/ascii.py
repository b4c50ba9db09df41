"""Turning text with a few characters above ASCII into ASCII, for the fast
paths that split ASCII text by character tables (duplicate fingerprints,
indexing analysis, extraction's line words). Pure, no imports of the project.

Each of those paths knows what a character above ASCII becomes (a space, a
folding, or nothing it can handle); this finds the distinct ones, in C, and
replaces them, so that a page with a pound sign or curly quotes is split as
fast as one without.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


@lru_cache(maxsize=1)
def _beyond_ascii() -> re.Pattern:
    # compiled on first use: searches import this module and never call it
    return re.compile(r"[^\x00-\x7f]")


def replace_beyond_ascii(text: str, replacement: Callable[[str], str | None]) -> str | None:
    """``text`` with each character above ASCII replaced by ``replacement(character)``
    (which must be ASCII), or None as soon as a character has no replacement."""
    for character in set(_beyond_ascii().findall(text)):
        replaced = replacement(character)
        if replaced is None:
            return None
        text = text.replace(character, replaced)
    return text
