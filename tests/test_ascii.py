"""newsidx.ascii: characters above ASCII replaced, each distinct one once."""

from __future__ import annotations

from newsidx.ascii import replace_beyond_ascii


def test_each_character_above_ascii_is_replaced_everywhere():
    asked = []

    def replacement(character):
        asked.append(character)
        return {"£": " ", "é": "e"}[character]

    assert replace_beyond_ascii("£5 café £6 é", replacement) == " 5 cafe  6 e"
    assert sorted(asked) == ["£", "é"]  # asked once each


def test_no_replacement_for_one_character_gives_none():
    assert replace_beyond_ascii("a £ 中", lambda c: None if c == "中" else " ") is None


def test_ascii_text_is_returned_as_it_is():
    assert replace_beyond_ascii("plain text.", lambda c: None) == "plain text."
