"""Tests for newsidx.display: paths and sizes as people read and write them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsidx.display import display_path, format_size, parse_size, reading_minutes, weekday


def test_display_path_escapes_control_characters_and_surrogates():
    assert display_path("/tmp/evil\x1b[2Jname.txt") == "/tmp/evil\\x1b[2Jname.txt"
    assert display_path("a\nb\rc\td") == "a\\nb\\rc\\td"
    assert display_path("csi\x9b31m\x7f") == "csi\\x9b31m\\x7f"
    assert display_path(os.fsdecode(b"/x/caf\xe9.txt")) == "/x/caf\\xe9.txt"
    assert display_path("txt.exe\u202egnp.txt") == "txt.exe\\u202egnp.txt"
    assert display_path("/news/Köln — «été».txt") == "/news/Köln — «été».txt"
    assert all(ch.isprintable() for ch in display_path("".join(map(chr, range(0x00, 0xA0)))))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("123", 123),
        ("10k", 10 * 1024),
        ("10KB", 10 * 1024),
        ("10kib", 10 * 1024),
        ("8M", 8 * 1024**2),
        ("8mb", 8 * 1024**2),
        (" 8 MB ", 8 * 1024**2),
        ("1G", 1024**3),
        ("1.5MB", 1536 * 1024),
        ("1.3MB", 1363148),  # rounded down to whole bytes
        ("512B", 512),
    ],
)
def test_parse_size_accepts(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "invalid size ''"),
        ("MB", "invalid size 'MB'"),
        ("-1", "invalid size '-1'"),
        ("8XB", "invalid size '8XB'"),
        ("8 M B", "invalid size '8 M B'"),
        ("1e6", "invalid size '1e6'"),
        ("1.5", "not a whole number of bytes"),
        ("0", "must be greater than zero"),
        ("0.0001k", "must be greater than zero"),
    ],
)
def test_parse_size_rejects_with_clear_message(text, message):
    with pytest.raises(ValueError, match=message.replace("'", ".")):
        parse_size(text)


def test_display_path_escapes_line_separators_and_arabic_letter_mark():
    assert display_path("one\u2028two\u2029three") == "one\\u2028two\\u2029three"
    assert display_path("mark\u061c.txt") == "mark\\u061c.txt"


def test_display_path_accepts_bytes_and_path_objects():
    assert display_path(b"/x/caf\xe9\n.txt") == "/x/caf\\xe9\\n.txt"
    assert display_path(Path("/x/a\x1bb")) == "/x/a\\x1bb"


@pytest.mark.parametrize(
    "size, shown",
    [
        (0, "0 bytes"),
        (512, "512 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (3000, "2.9 KB"),
        (8 * 1024**2, "8 MB"),
        (int(12.3 * 1024**2), "12.3 MB"),
        (1024**3, "1 GB"),
        (5 * 1024**4, "5 TB"),
        (2048 * 1024**4, "2048 TB"),  # nothing above TB
    ],
)
def test_format_size(size, shown):
    assert format_size(size) == shown


@pytest.mark.parametrize(
    "size, shown",
    [(512, "512 B"), (1024, "1.0 KB"), (8 * 1024**2, "8.0 MB"), (int(12.3 * 1024**2), "12.3 MB")],
)
def test_format_size_with_one_decimal(size, shown):
    assert format_size(size, one_decimal=True) == shown


@pytest.mark.parametrize("size", [1, 1000, 1024, 1536, 8 * 1024**2, 3 * 1024**3])
def test_format_size_reads_back_with_parse_size(size):
    shown = format_size(size).replace(" bytes", "")
    assert parse_size(shown) == pytest.approx(size, rel=0.05)


# --- days and reading times ----------------------------------------------------------


@pytest.mark.parametrize("date_text, expected", [
    ("2008-09-08", "Monday"), ("2008-09-09T21:16", "Tuesday"), ("2004-02-29", "Sunday"),
    (None, None), ("", None), ("2008-13-40", None), ("2008", None),
])
def test_weekday(date_text, expected):
    assert weekday(date_text) == expected


@pytest.mark.parametrize("words, minutes", [(0, 0), (1, 1), (230, 1), (231, 2), (750, 4), (-5, 0)])
def test_reading_minutes_round_up(words, minutes):
    assert reading_minutes(words) == minutes
