"""The fast indexing analysis gives exactly the postings of Whoosh's own analyzer,
so phrases, highlights and ranking are unchanged by it."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whoosh import highlight

from newsidx.index import exact
from newsidx.index.analysis import TEXT_ANALYZER, CompactPositions, index_postings, term_spans, text_field
from newsidx.index.snippets import (
    SNIPPET_CHARS, SURROUND_CHARS, SegmentFormatter, body_snippet, context_fragments, opening,
)
from newsidx.models import Snippet

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
    "...lead.in U.S.. a..b .start end. mid.dle. *wild.card_ under_score 3.5.6",
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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZq9_*.. ,'-\t\n", max_size=120))
def test_plain_ascii_with_dots_and_stars_matches_the_stock_analyzer(text):
    # ASCII text is split by a character table, not the token pattern: a dot
    # joins two word characters ("u.s.a", "3.5") and breaks everywhere else.
    assert sorted(index_postings(text)[0]) == stock_postings(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ9_*. ,'-£’“—…é\u0301İ中", max_size=80))
def test_text_with_a_few_characters_beyond_ascii_matches_the_stock_analyzer(text):
    # Pound signs, curly quotes and dashes are made spaces and the text split
    # as ASCII; a character that can be in a word sends it the stock way.
    assert sorted(index_postings(text)[0]) == stock_postings(text)


def test_postings_do_not_depend_on_the_terms_remembered(monkeypatch):
    from newsidx.index import analysis

    text = " ".join(SAMPLES)
    first = index_postings(text)
    monkeypatch.setattr(analysis, "_indexed_terms", {})
    monkeypatch.setattr(analysis, "_term_cache", {})
    monkeypatch.setattr(analysis, "_encoded_once", {})
    monkeypatch.setattr(analysis, "_STEM_CACHE_LIMIT", 3)  # forgotten before each text
    assert index_postings(text) == first
    assert index_postings(text) == first
    assert sorted(first[0]) == stock_postings(text)


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
def test_highlight_spans_carry_the_stock_terms_and_spans(text):
    ours = {(term, start, end) for start, end, term in term_spans(text)}
    stock = _indexed_spans(TEXT_ANALYZER, text)
    # Every indexed term of the stock chain at the same characters (stop words may differ in form).
    indexed = {term for term, _, _ in stock_postings_terms(text)}
    assert {span for span in stock if span[0] in indexed} <= ours
    assert len(ours) == len(stock)


def _whoosh_snippet(text: str, terms: frozenset[str], analyzer=TEXT_ANALYZER) -> Snippet:
    """What Whoosh's own highlighter makes of ``text``: the reference for ``body_snippet``."""
    fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND_CHARS)
    segments = highlight.highlight(text, terms, analyzer, fragmenter, SegmentFormatter(), top=2, mode="index")
    return Snippet(tuple(segments or [(opening(text), False)]))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_snippets_of_any_text_equal_whoosh_highlighter(text):
    terms = frozenset(term for term, _, _ in stock_postings_terms(text)[:3])
    assert body_snippet(text, terms) == _whoosh_snippet(text, terms)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüßæ", min_size=1, max_size=14)
       | st.sampled_from(["ies", "sses", "yelling", "ying", "eed", "ing", "ed", "yes", "ally", "ization", "ful"]))
def test_stemming_keeps_the_first_letter(word):
    """What ``term_spans(initials=...)`` relies on to leave words unstemmed."""
    from whoosh.lang.porter import stem

    assert stem(word)[:1] == word[:1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), st.data())
def test_spans_for_initials_give_the_same_snippets(text, data):
    from functools import partial

    from newsidx.index import analysis

    indexed = [term for term, _, _ in stock_postings_terms(text)]
    terms = frozenset(data.draw(st.lists(st.sampled_from(indexed), max_size=3)) if indexed else ())
    expected = body_snippet(text, terms)
    analysis._term_cache.clear()  # every word new: the initials decide which are stemmed
    spans = partial(term_spans, initials=frozenset(term[:1] for term in terms))
    assert body_snippet(text, terms, spans) == expected
    matched = {term for _, _, term in spans(text)} & terms
    assert matched == {term for _, _, term in term_spans(text)} & terms


# Words of every length that matters to passages: short, longer than their
# context (70 characters), longer than a passage (220).
_WORDS = ["ceasefire", "talks", "the", "of", "peace", "border", "minister", "x" * 75, "y" * 230, "said", "a"]
_SEPARATORS = [" ", " ", " ", ", ", ". ", "\n\n", " - "]


@st.composite
def long_bodies(draw):
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=400))
    gaps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(words), max_size=len(words)))
    return "".join(word + gap for word, gap in zip(words, gaps))


@settings(max_examples=300, deadline=None)
@given(long_bodies(), st.sets(st.sampled_from(["ceasefir", "talk", "peac", "border", "x" * 75, "y" * 230]), min_size=1))
def test_snippets_of_long_bodies_equal_whoosh_highlighter(body, terms):
    assert body_snippet(body, frozenset(terms)) == _whoosh_snippet(body, frozenset(terms))


@settings(max_examples=300, deadline=None)
@given(long_bodies(), st.sets(st.sampled_from(["ceasefir", "talk", "peac", "x" * 75]), min_size=1),
       st.integers(20, 300), st.integers(0, 120), st.sampled_from([0, 50, 400, 2000]))
def test_passages_equal_whoosh_context_fragmenter(body, terms, maxchars, surround, charlimit):
    """Passage by passage, for any sizes (charlimit 0: no limit)."""
    def described(fragments):
        return [(f.startchar, f.endchar, [(m.startchar, m.endchar, m.text) for m in f.matches]) for f in fragments]
    tokens = ((t.startchar, t.endchar, t.text) for t in TEXT_ANALYZER(body, chars=True, mode="index", removestops=False))
    ours = context_fragments(body, list(tokens), frozenset(terms), maxchars, surround, charlimit or len(body) + 1)
    fragmenter = highlight.ContextFragmenter(maxchars=maxchars, surround=surround, charlimit=charlimit or None)
    stock = fragmenter.fragment_tokens(body, highlight.set_matched_filter(
        TEXT_ANALYZER(body, chars=True, mode="index", removestops=False), frozenset(terms)))
    assert described(ours) == described(stock)


@settings(max_examples=100, deadline=None)
@given(long_bodies(), st.sets(st.sampled_from(["ceasefire", "talks", "peace", "said"]), min_size=1))
def test_exact_snippets_equal_whoosh_highlighter(body, words):
    assert body_snippet(body, frozenset(words), exact.word_spans) == \
        _whoosh_snippet(body, frozenset(words), exact.EXACT_ANALYZER)


def stock_postings_terms(text: str) -> list:
    return [(term.decode(), freq, weight) for term, freq, weight, _ in stock_postings(text)]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.sampled_from(SAMPLES), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)))
def test_terms_are_the_stock_analyzers_terms(text):
    from newsidx.index.analysis import terms

    assert terms(text) == [token.text for token in TEXT_ANALYZER(text)]
