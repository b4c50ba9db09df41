"""The fast indexing analysis gives exactly the postings of Whoosh's own analyzer,
so phrases, highlights and ranking are unchanged by it."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsidx.index.analysis import (
    HIGHLIGHT_ANALYZER, TEXT_ANALYZER, CompactPositions, index_postings, text_field,
)
from newsidx.index.snippets import body_snippet

STOCK_FIELD = text_field(TEXT_ANALYZER, stored=False)  # the stock analysis path of the same field

SAMPLES = [
    "The council voted on Tuesday to close the old bridge for repairs.",
    "Of the three bridges, the oldest was closed: the council's engineers said so.",
    "A café in Zürich served naïve résumés; the façade was repainted.",
    "U.S. growth hit 3.5% in Q3, the Commerce Dept. said at 08:30 a.m.",
    "İstanbul and ISTANBUL and istanbul; ΑΘΗΝΑ and Αθήνα; straße and STRASSE.",
    "x y z a I 1 22 333 *star wild*card a.b.c e-mail co-operate",
    "   ",
    "",
    "the of and to a in",  # nothing but stop words
    "Running runners ran; ceasefires, ceasefire; talks talked talking.",
]


def stock_postings(text: str) -> list:
    return sorted(STOCK_FIELD.index(text))


@pytest.mark.parametrize("text", SAMPLES)
def test_same_postings_as_the_stock_analyzer(text):
    postings, length = index_postings(text)
    assert sorted(postings) == stock_postings(text)
    assert length == sum(freq for _, freq, _, _ in postings)


def test_a_leading_stop_word_keeps_the_first_position_as_whoosh_numbers_it():
    postings, _ = index_postings("The bridge and the bridge")
    (term, freq, _, value), = postings
    assert term == b"bridg" and freq == 2
    assert STOCK_FIELD.format.decode_positions(value) == [1, 2]


def test_a_long_mixed_text_matches_the_stock_analyzer():
    rng = random.Random(7)
    words = [w for sample in SAMPLES for w in sample.split()] * 20
    rng.shuffle(words)
    text = " ".join(words)
    assert sorted(index_postings(text)[0]) == stock_postings(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_matches_the_stock_analyzer(text):
    assert sorted(index_postings(text)[0]) == stock_postings(text)


@pytest.mark.parametrize("positions", [[0], [5], [0, 1, 2], [3, 130, 131, 20000], list(range(0, 5000, 7))])
def test_compact_positions_read_back_as_written(positions):
    compact = CompactPositions()
    value = compact.encode(positions)
    assert compact.decode_positions(value) == positions
    assert compact.decode_frequency(value) == len(positions)
    if max(positions) < 128 and len(positions) < 128:
        assert len(value) == 1 + len(positions)  # one byte a number: the point of the format


def _indexed_spans(analyzer, text: str) -> list:
    return [(token.text, token.startchar, token.endchar)
            for token in analyzer(text, chars=True, mode="index", removestops=False)]


@pytest.mark.parametrize("text", SAMPLES)
def test_highlight_tokens_carry_the_stock_terms_and_spans(text):
    ours = {span for span in _indexed_spans(HIGHLIGHT_ANALYZER, text)}
    stock = _indexed_spans(TEXT_ANALYZER, text)
    # Every indexed term of the stock chain at the same characters (stop words may differ in form).
    indexed = {term for term, _, _ in stock_postings_terms(text)}
    assert {span for span in stock if span[0] in indexed} <= ours


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_snippets_with_the_fast_tokens_equal_the_stock_ones(text):
    terms = frozenset(term for term, _, _ in stock_postings_terms(text)[:3])
    assert body_snippet(text, terms, HIGHLIGHT_ANALYZER) == body_snippet(text, terms, TEXT_ANALYZER)


def stock_postings_terms(text: str) -> list:
    return [(term.decode(), freq, weight) for term, freq, weight, _ in stock_postings(text)]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.sampled_from(SAMPLES), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)))
def test_terms_are_the_stock_analyzers_terms(text):
    from newsidx.index.analysis import terms

    assert terms(text) == [token.text for token in TEXT_ANALYZER(text)]
