"""Tests for newsidx.terminal: safe text, JSON lines and one-line messages."""

from __future__ import annotations

import io
import json
import os

from newsidx.terminal import error, is_terminal, note, print_json, safe


# Spelled out rather than taken from newsidx.text, so any change to that table shows here.
UNSAFE = {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
          *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xD800, 0xE000)}


def test_safe_removes_exactly_the_unsafe_characters():
    removed = {code for code in range(0x10000) if safe(f"a{chr(code)}b") == "ab"}
    assert removed == UNSAFE


def test_safe_keeps_tab_newline_and_ordinary_text_and_formats_any_value():
    text = "col\tone\nKöln — «été» 東京 [bold]x[/bold]"
    assert safe(text) == text
    assert (safe(None), safe(42)) == ("", "42")


def test_safe_leaves_an_escape_sequence_without_its_escape():
    # Only ESC itself can make a terminal act; what follows it prints as text.
    assert safe("\x1b[2Jwiped \x1b]0;title\x07") == "[2Jwiped ]0;title"


def test_print_json_writes_one_line_with_controls_escaped(capsys):
    print_json({"headline": "Storm\x1b[2J in Köln", "n": 3})
    out = capsys.readouterr().out
    assert out == '{"headline": "Storm\\u001b[2J in Köln", "n": 3}\n'
    assert json.loads(out) == {"headline": "Storm\x1b[2J in Köln", "n": 3}


def test_print_json_keeps_undecodable_file_names_exact(capsys):
    path = os.fsdecode(b"/news/caf\xe9.txt")
    print_json({"path": path, "city": "Köln"})
    out = capsys.readouterr().out
    assert out == '{"path": "/news/caf\\udce9.txt", "city": "K\\u00f6ln"}\n'
    assert os.fsencode(json.loads(out)["path"]) == b"/news/caf\xe9.txt"


def test_error_and_note_are_one_safe_line_on_stderr(capsys):
    error("cannot open \x1b[31mred\x1b[0m")
    note("no articles match 'x\u202ey'")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "newsidx: error: cannot open [31mred[0m\nnewsidx: no articles match 'xy'\n"


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_is_terminal():
    assert is_terminal(_FakeTerminal())
    assert not is_terminal(io.StringIO())
    assert not is_terminal(object())  # a stream without isatty, e.g. replaced by a test runner
