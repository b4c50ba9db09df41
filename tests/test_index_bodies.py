"""Body compression: read back exactly with the same preset, refused with
another, and a near copy costs little beside its base."""

from __future__ import annotations

import zlib

import pytest

from newsidx.index import bodies

TEXT = ("The harbour council voted on Tuesday to keep the night ferry running through the winter, "
        "after a petition signed by 3,000 islanders. Crews had warned that storms in January left the "
        "old pier unsafe; engineers now say repairs will cost about 2.4 million and take until spring. "
        "The mayor, who opposed the cuts, called the vote a relief for families on the outer islands, "
        "while two members abstained, saying the budget for school transport was still unsettled. "
        "A second ferry, idle since October, could return to service once its engine is replaced.").encode()
COPY = TEXT.replace(b"Tuesday", b"Wednesday") + " Updated at noon.".encode()
LONG_BASE = b"unrelated filler words " * 4000 + TEXT  # past deflate's window: only its end is used


@pytest.mark.parametrize("preset", [None, TEXT, LONG_BASE, bodies.archive_dictionary([TEXT, COPY])])
def test_a_body_reads_back_with_its_preset(preset):
    assert bodies.decompress(bodies.compress(COPY, preset), preset) == COPY


def test_a_near_copy_costs_a_fraction_of_itself_beside_its_base():
    assert len(bodies.compress(COPY, TEXT)) * 3 < len(bodies.compress(COPY))


def test_another_preset_is_refused_not_misread():
    with pytest.raises(zlib.error):
        bodies.decompress(bodies.compress(COPY, TEXT), COPY)


def test_the_archive_dictionary_keeps_the_end_of_its_samples():
    made = bodies.archive_dictionary([LONG_BASE, TEXT])
    assert len(made) == bodies.DICTIONARY_BYTES and made.endswith(TEXT)
