"""Characters that must not reach a terminal, as regex character-class pieces.

One table for the three places that keep them out: extraction removes them
from article text (:mod:`newsidx.extract.encoding`), output strips them
(:mod:`newsidx.terminal`) and file names escape them (:mod:`newsidx.display`).
Pure data with no imports, so extraction can use it and stay free of output code.
Each piece is the inside of a ``[...]`` class: join the ones you need.
"""

# C0 controls except tab and newline, DEL, and the C1 controls (which include
# the 8-bit CSI, U+009B): each can start a terminal escape sequence or move the cursor.
CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"

# Direction marks, embeddings, overrides and isolates: they can make text
# display differently from what it is ("Trojan Source").
BIDI_CONTROLS = "\u200e\u200f\u202a-\u202e\u2066-\u2069"

# A direction mark as well; separate because extracted article text keeps it.
ARABIC_LETTER_MARK = "\u061c"

# Lone surrogates (from file names that are not UTF-8) cannot be printed at all.
SURROGATES = "\ud800-\udfff"

# Everything above: what output strips and what file names show escaped.
UNSAFE_CHARS = CONTROL_CHARS + ARABIC_LETTER_MARK + BIDI_CONTROLS + SURROGATES
