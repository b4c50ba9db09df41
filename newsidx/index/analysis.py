"""Text analysis: the analyzers of the schema, and a fast path for indexing.

Queries and highlights use Whoosh's analyzer chain (``TEXT_ANALYZER``):
tokenise, lowercase, drop stop words, Porter-stem, fold accents. Run on every
article at ingest, that chain builds a Token object per word and passes it
through five generators: it was the largest single cost of analysis.
:func:`index_postings` computes exactly the same terms and positions with
plain strings, lookups done in C and a stem cache, and encodes them
the way Whoosh's ``Positions`` format does, ready for the segment writer.
``tests/test_index_analysis.py`` holds the two to the same output; the
segment writer (:mod:`newsidx.index.writing`) uses it for every field whose
analyzer is ``TEXT_ANALYZER``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import is_, itemgetter, sub
from typing import Iterator, NamedTuple

from whoosh.analysis import CharsetFilter, SimpleAnalyzer, StemmingAnalyzer
from whoosh.formats import Positions
from whoosh.analysis.tokenizers import default_pattern
from whoosh.fields import TEXT
from whoosh.lang.porter import stem
from whoosh.analysis.filters import STOP_WORDS
from whoosh.support.charset import accent_map

from newsidx.ascii import replace_beyond_ascii
from newsidx.index.varints import read_varints, varints

# Stemmed so "ceasefires" finds "ceasefire"; accent-folded so "cafe" finds "café".
TEXT_ANALYZER = StemmingAnalyzer() | CharsetFilter(accent_map)
NAME_ANALYZER = SimpleAnalyzer() | CharsetFilter(accent_map)



class Analyzed(NamedTuple):
    """A text field analysed ahead of time (by :func:`index_postings`), for the segment writer."""

    postings: list[tuple[bytes, int, float, bytes]]
    length: int


class CompactPositions(Positions):
    """Whoosh's ``Positions`` format with positions as varints: the count, then
    the gaps between positions.

    Whoosh's own encoding is a 4-byte count and a pickled list of gaps: 14
    bytes for a word that occurs once, against 2 here (on 20,000 generated
    pages the segments went from 101 MB to 93 MB: most of the rest is Whoosh's
    per-term overhead, repeated in every segment).
    """

    def encode(self, poslist) -> bytes:
        gaps = [b - a for a, b in zip([0, *poslist], poslist)]
        return varints([len(gaps), *gaps])

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(self.iter_positions(valuestring))

    @staticmethod
    def iter_positions(valuestring: bytes) -> Iterator[int]:
        """The positions, lazily: phrase matching consumes them in C (set operations)."""
        # Gaps under 128 take one byte each, the usual case: then the bytes
        # are the numbers (no continuation bits), read in C.
        if valuestring.isascii():
            return accumulate(valuestring[1:])
        return accumulate(read_varints(valuestring)[1:])

    def decode_frequency(self, valuestring: bytes) -> int:
        return read_varints(valuestring[:5])[0] if valuestring[0] & 0x80 else valuestring[0]

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def frequencies(self, values: bytes, starts: list[int]) -> list[int]:
        """The frequency of each of the values laid end to end in ``values``,
        starting at ``starts``: its first varint, the count. The posting codec
        keeps no weights where they are these (times the field boost)."""
        firsts = [values[starts[0]]] if len(starts) == 1 else list(itemgetter(*starts)(values))
        if max(firsts) < 0x80:  # a term seen under 128 times in the field: one byte
            return firsts
        return [read_varints(values[start:start + 5])[0] for start in starts]


def text_field(analyzer, stored: bool):
    """A TEXT field storing positions (for phrases) as :class:`CompactPositions`."""
    field = TEXT(stored=stored, analyzer=analyzer)
    field.format = CompactPositions(field_boost=field.format.field_boost)
    return field


# The stock StopFilter drops words shorter than this as well as stop words.
_MIN_WORD_LENGTH = 2
# Words seen once per archive are most of a vocabulary; past this many the
# cache is dropped rather than grown without bound.
_STEM_CACHE_LIMIT = 200_000

# Whoosh's default token pattern, without the capturing group, so findall
# returns whole words.
_word_pattern = re.compile(default_pattern.pattern.replace("(\\.?", "(?:\\.?"), re.UNICODE)
_find_words = _word_pattern.findall
_NOT_INDEXED = ""  # cached for stop words and one-letter words
_term_cache: dict[str, str] = {}  # per process: each extraction worker keeps its own
_indexed_terms: dict[str, bytes] = {}  # the same terms UTF-8 encoded, as postings hold them
_encoded_once: dict[int, bytes] = {}  # the encoding of a term seen once, by its position
_ENCODED_ONCE_LIMIT = 65_536


def _term_of(word: str, cache: dict[str, str]) -> str:
    """The indexed term of a lowercased word (stemmed, then accent-folded), or
    ``_NOT_INDEXED``; remembered, as an archive repeats its words endlessly."""
    if len(cache) >= _STEM_CACHE_LIMIT:
        cache.clear()
    if len(word) < _MIN_WORD_LENGTH or word in STOP_WORDS:
        term = _NOT_INDEXED
    else:
        term = stem(word).translate(accent_map)
    cache[word] = term
    return term


@lru_cache(maxsize=1)
def _ascii_splitting() -> tuple[dict[int, str], re.Pattern]:
    """The same words in ASCII text, found in C without the regular-expression
    engine walking every character (it was half of analysing a body): a table
    lower-cases letters and turns every character that no word holds into a
    space; a dot stays a word's when it joins two word characters ("u.s.a").
    Made on first use: a search never needs them, and starts sooner."""
    in_words = {character for character in map(chr, range(128)) if _word_pattern.fullmatch(character)}
    table = str.maketrans({character: character.lower() if character in in_words or character == "." else " "
                           for character in map(chr, range(128))})
    word_character = r"[\w*]"
    return table, re.compile(rf"\.(?:(?<!{word_character}\.)|(?!{word_character}))")


def _words(text: str) -> list[str]:
    ascii_text = text if text.isascii() else replace_beyond_ascii(text, _break_unless_in_words)
    if ascii_text is not None:  # lowercasing first is the same there, and one call
        table, loose_dot = _ascii_splitting()
        return loose_dot.sub(" ", ascii_text.translate(table)).split()
    # Elsewhere lowercasing can change a word's letters ("İ" becomes two code
    # points), so words are found first, as the stock tokenizer does.
    return [word.lower() for word in _find_words(text)]


def _break_unless_in_words(character: str) -> str | None:
    # A character that no word can hold (a pound sign, a curly quote, a dash)
    # becomes a space: it breaks words as it did, and joins no dot to a word.
    return None if _word_pattern.match(character) else " "


def _encoded_terms(words: list[str]) -> list[bytes]:
    """Each word's indexed term as UTF-8 (empty where not indexed), by
    lookups done in C; only words new to this process are analysed."""
    known = _indexed_terms
    if len(known) >= _STEM_CACHE_LIMIT:
        known.clear()
    terms = list(map(known.get, words))
    if None in terms:
        for word in set(compress(words, map(is_, terms, repeat(None)))):
            term = _term_cache.get(word)
            known[word] = (_term_of(word, _term_cache) if term is None else term).encode("utf-8")
        terms = list(map(known.get, words))
    return terms


def index_postings(text: str) -> tuple[list[tuple[bytes, int, float, bytes]], int]:
    """The postings of one text field and its length (terms counted, as BM25 wants).

    Each posting is ``(term as UTF-8, frequency, weight, encoded positions)``,
    what ``CompactPositions.word_values`` yields for ``TEXT_ANALYZER``.
    """
    terms = _encoded_terms(_words(text))
    indexed = list(filter(None, terms))
    if not indexed:
        return [], 0
    # Like the stock StopFilter: the first kept word keeps its place among all
    # words, later ones are numbered on from it, so a dropped word takes no position.
    first_place = next(compress(count(), terms))
    positions: dict[bytes, list[int]] = {}
    for position, term in enumerate(indexed, first_place):
        found = positions.get(term)
        if found is None:
            positions[term] = [position]
        else:
            found.append(position)
    postings = []
    append = postings.append
    encoded_once = _encoded_once
    for term, places in positions.items():
        if len(places) == 1:  # most terms of an article
            position = places[0]
            encoded = encoded_once.get(position)
            if encoded is None:
                encoded = varints((1, position))
                if position < _ENCODED_ONCE_LIMIT:  # a huge text must not grow it without bound
                    encoded_once[position] = encoded
            append((term, 1, 1.0, encoded))
            continue
        frequency = len(places)
        gaps = list(map(sub, places[1:], places))
        if max(gaps) < 0x80:  # the usual case: each gap is its own one-byte varint
            encoded = _count_and_first(frequency, places[0]) + bytes(gaps)
        else:
            encoded = varints([frequency, places[0], *gaps])
        append((term, frequency, float(frequency), encoded))
    return postings, len(indexed)


@lru_cache(maxsize=65536)
def _count_and_first(count: int, position: int) -> bytes:
    # Terms that occur a few times in an article: the start of their
    # encoding, count and first position, repeats endlessly.
    return varints((count, position))



def terms(text: str) -> list[str]:
    """The indexed terms of ``text`` in order, as ``TEXT_ANALYZER`` makes them
    (the stem cache instead of its chain of Token objects: ``show`` asks for
    hundreds of single words)."""
    found = []
    for word in _words(text):
        term = _term_cache.get(word)
        if term is None:
            term = _term_of(word, _term_cache)
        if term:
            found.append(term)
    return found


def term_counts(text: str) -> dict[str, int]:
    """How often each indexed term (as ``TEXT_ANALYZER`` makes them) occurs in ``text``."""
    counts: dict[str, int] = {}
    for term in terms(text):
        counts[term] = counts.get(term, 0) + 1
    return counts


def term_spans(text: str, initials: frozenset[str] | None = None) -> list[tuple[int, int, str]]:
    """Each word of ``text`` as (start, end, term), the term as
    ``TEXT_ANALYZER`` indexes it, for highlighting. A word never indexed (a
    stop word) stays, as its lower-case self: passages start and end where
    the stock chain's do.

    With ``initials``, a word new to this process whose first letter (accents
    folded) is none of them stays as its lower-case self too, unstemmed: it
    cannot be a term that starts with one of them, as stemming keeps a word's
    first letter (the Porter stemmer only ever replaces a suffix after a
    stem of at least one letter). A snippet wants a query's few terms, and
    stemming each new word of ten bodies was most of a search's snippets."""
    cache = _term_cache
    spans = []
    for match in _word_pattern.finditer(text):
        word = match.group().lower()
        term = cache.get(word)
        if term is None:
            if initials is not None and word[0].translate(accent_map) not in initials:
                term = ""
            else:
                term = _term_of(word, cache)
        spans.append((match.start(), match.end(), term or word))
    return spans
