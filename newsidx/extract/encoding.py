"""Text hygiene: bytes to clean text.

``decode`` turns a dump's bytes into text: a byte-order mark decides
(UTF-8, UTF-16, UTF-32); otherwise strict UTF-8; otherwise cp1252 with the
five bytes cp1252 leaves undefined read as Latin-1, which never fails. Decoding
problems are reported as warnings, never raised.

``clean`` normalises the text every other module sees: one line ending
(``\\n``), ordinary spaces for the exotic ones, no zero-width characters, no
terminal escape sequences and no other control characters.
"""

from __future__ import annotations

import codecs
import re

from newsidx.text import BIDI_CONTROLS, CONTROL_CHARS, SURROGATES

_BOMS = (
    # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# cp1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; Latin-1 maps them to
# C1 controls, which ``clean`` then removes.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def _decode_cp1252(data: bytes) -> str:
    if not any(b in _CP1252_HOLES for b in data):
        return data.decode("cp1252")
    return "".join(bytes([b]).decode("latin-1") if b in _CP1252_HOLES else bytes([b]).decode("cp1252")
                   for b in data)


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode a dump's bytes; return the text and any warnings. Never raises."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # UTF-32 LE is tried before UTF-16 LE; a UTF-16 text starting with
            # U+0000 is rare enough to ignore.
            text = data[len(bom):].decode(codec, errors="replace")
            if "\ufffd" in text:
                return text, (f"invalid {codec} after byte-order mark; bad bytes replaced",)
            return text, ()
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        return _decode_cp1252(data), ("not valid UTF-8; decoded as cp1252",)


# Terminal escape sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or
# ESC \), and two-character escapes. The C1 form of CSI (U+009B) too.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
)
# Spaces of every width become one ordinary space.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Removed outright: control characters except newline (tabs are spaces by
# then), bidi controls, lone surrogates, and the invisible: zero-width
# characters, soft hyphens, word joiners and invisible operators, deprecated
# format controls, byte-order marks and interlinear annotation marks. The
# Arabic letter mark stays, as it always has in extracted text: removing it now
# would change the stored text of articles already indexed.
_INVISIBLE = re.compile(
    f"[{CONTROL_CHARS}{BIDI_CONTROLS}{SURROGATES}"
    "\u00ad\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb]"
)
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# The two patterns above open with an alternation, which the regex engine
# tries at every character; most dumps hold none of their characters, and a
# single character class is found (or not) in one fast scan.
_ANY_LINE_BREAK = re.compile(r"[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_ANY_ESCAPE = re.compile(r"[\x1b\x9b]")


def clean(text: str) -> str:
    """Normalise line endings, spaces and invisible characters."""
    if _ANY_LINE_BREAK.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    if _ANY_ESCAPE.search(text):
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = _SPACES.sub(" ", text)
    return _INVISIBLE.sub("", text)
