"""Text hygiene: decoding bytes and cleaning text."""

from __future__ import annotations

from newsidx.extract import extract_bytes
from newsidx.extract.encoding import clean, decode


def test_utf8_with_and_without_bom():
    assert decode("Café – ok".encode("utf-8")) == ("Café – ok", ())
    assert decode(b"\xef\xbb\xbf" + "Café".encode("utf-8")) == ("Café", ())


def test_utf16_with_bom_both_byte_orders():
    assert decode("Zürich news".encode("utf-16"))[0] == "Zürich news"
    assert decode(b"\xfe\xff" + "Zürich".encode("utf-16-be"))[0] == "Zürich"


def test_cp1252_fallback_warns_and_keeps_curly_quotes():
    text, warnings = decode("“Quoted” – café".encode("cp1252"))
    assert text == "“Quoted” – café"
    assert warnings and "cp1252" in warnings[0]


def test_cp1252_undefined_bytes_do_not_fail():
    text, warnings = decode(b"abc\x81\x8d\x8f\x90\x9ddef")
    assert text.startswith("abc") and text.endswith("def")
    assert warnings


def test_clean_line_endings_and_spaces():
    assert clean("one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"
    assert clean("a\u00a0b\u2009c\td") == "a b c d"


def test_clean_removes_invisible_and_control_characters():
    assert clean("zero\u200bwidth\ufeff soft\u00adhyphen") == "zerowidth softhyphen"
    assert clean("bell\x07 null\x00 del\x7f") == "bell null del"


def test_clean_removes_bidi_controls_and_lone_surrogates():
    assert clean("invoice\u202eftp.exe \u2066isolated\u2069 \u200eleft\u200f") == "invoiceftp.exe isolated left"
    assert clean("caf\udce9 au lait") == "caf au lait"


def test_clean_keeps_the_arabic_letter_mark():
    # Unlike terminal output, which strips it: see the comment on encoding._INVISIBLE.
    assert clean("\u0627\u061c\u0628") == "\u0627\u061c\u0628"


def test_clean_removes_terminal_escape_sequences():
    assert clean("\x1b[2Jclear \x1b[1;31mred\x1b[0m") == "clear red"
    assert clean("title\x1b]0;evil\x07 after") == "title after"


def test_escape_sequences_never_reach_fields():
    page = ("Storm hits the coast\x1b[2J\n\n"
            + "The storm reached the coast on Monday and the \x1b[31mwind\x1b[0m was strong. " * 3 + "\n")
    article = extract_bytes(page.encode("utf-8"))
    for value in (article.headline, article.body):
        assert "\x1b" not in value and "[2J" not in value
    assert "wind was strong" in article.body
