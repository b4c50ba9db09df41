"""Exact and near-duplicate detection for article bodies (pure functions, no I/O).

Wire stories are republished by many outlets: the same text under another file
name and headline, with an agency dateline ("MOSCOW (Reuters) -") in front, the
last paragraph trimmed, a sentence reworded, curly quotes straightened. Two
mechanisms find them:

Exact copies -- :func:`body_hash`
    A short BLAKE2b digest of :func:`normalise_body`. Normalisation removes only
    what copying changes (case, accents, quote and dash styles, punctuation,
    whitespace, a leading dateline); every word and number is kept in order,
    so two bodies can only share a hash if they read the same word for word.

Near copies -- :func:`signature`, :func:`band_keys`, :func:`similarity`
    The body is cut into overlapping word shingles (:data:`SHINGLE_WORDS`
    consecutive normalised words). The resemblance of two bodies is the Jaccard
    similarity of their shingle sets, estimated with a MinHash signature.

    Classic MinHash applies k hash functions to every shingle (k x n hash
    evaluations: about 12 ms for a 600-word body in pure Python). We use
    *one-permutation hashing* instead: each shingle is hashed once to a stable
    64-bit value, whose top bits pick one of :data:`SIGNATURE_LENGTH` bins and
    whose remaining bits are the value; each bin keeps its minimum. Bins that
    receive no shingle (short bodies) are filled by *optimal densification*
    (Shrivastava 2017): an empty bin copies the value of the first non-empty
    bin along a fixed pseudo-random probe order that is the same for every
    document, which keeps "fraction of equal positions" an estimator of Jaccard
    similarity.

    A shingle's hash is *simple tabulation hashing* over its words: each word
    has :data:`SHINGLE_WORDS` random 64-bit values (BLAKE2b of the word, kept
    per process), and a shingle hashes to the XOR of its first word's first
    value, its second word's second, and so on. Pătraşcu and Thorup (2012)
    proved simple tabulation good enough for min-wise hashing, and on the BBC
    set (``benchmarks/dedup_threshold.py``) the grouping rates at every
    threshold are those of a BLAKE2b hash of each shingle's text, within the
    noise of the estimate (single light edits grouped at 0.6: 99.93 against
    99.91 %). It costs one dictionary lookup per word and two XORs per
    shingle, made in C: a signature takes about 0.34 ms on a first pass over
    the BBC set, against 0.50 ms with a BLAKE2b call per shingle.

    Values are truncated to 32 bits (b-bit MinHash); a chance collision of
    two different minima (p = 2**-32) changes nothing measurable.

    Candidates are found by locality-sensitive hashing: the signature is cut
    into :data:`BANDS` bands of :data:`ROWS_PER_BAND` rows and each band hashed
    to a key such as ``"b07:3fa2c19e0b5d7a41"``. Two bodies share at least one
    key with probability ``1 - (1 - s**ROWS_PER_BAND) ** BANDS`` for Jaccard
    similarity ``s``; the index stores the keys as keywords, looks candidates up
    with one query and confirms them with :func:`similarity` against
    :data:`NEAR_DUPLICATE_THRESHOLD`.

Short bodies (fewer than :data:`MIN_WORDS` words) carry too little evidence:
two 20-word briefs that share a stock sentence are not the same story. Their
:func:`signature` is the empty tuple, which has no band keys and a similarity of
0.0 to everything, so they are only ever matched exactly, by content hash.

Everything here is stable across processes, platforms and Python versions:
only BLAKE2b and integer arithmetic are used, never the salted built-in
``hash()`` nor :mod:`random`.
"""

from __future__ import annotations

import hashlib
import re
import struct
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter, xor
from typing import Sequence

from newsidx.ascii import replace_beyond_ascii
from newsidx.extract.bylines import dateline_prefix_end

__all__ = [
    "BANDS",
    "MIN_WORDS",
    "NEAR_DUPLICATE_THRESHOLD",
    "ROWS_PER_BAND",
    "SHINGLE_WORDS",
    "SIGNATURE_LENGTH",
    "band_keys",
    "candidate_probability",
    "body_hash",
    "normalise_body",
    "shares_a_band",
    "shingle_hashes",
    "signature",
    "similarity",
]

SHINGLE_WORDS = 3
"""Words per shingle. On the BBC set (benchmarks/dedup_threshold.py), going from
2 to 3 words cuts the similarity of the most alike *different* stories on one
topic (median 0.185 -> 0.126, p90 0.431 -> 0.380: shared stock phrases such as
"the company said") while edited copies lose little (p1 0.673 -> 0.652); 4 and 5
words gain less on the first and lose more on the second."""

SIGNATURE_LENGTH = 128
"""Number of one-permutation bins. The estimate of a similarity s has standard
deviation sqrt(s(1-s)/128), at most 0.044; 64 bins would double the variance for
almost no saving in time (the cost is dominated by hashing the shingles)."""

# LSH banding, 32 bands x 4 rows = 128. P(candidate) = 1 - (1 - s**4)**32 is
# 0.988 at s = 0.6, 0.9998 at s = 0.7, 0.05 at s = 0.2 (stories on one topic) and
# 0.0003 at s = 0.05 (unrelated stories). On the BBC set 45 of 449,814
# same-section pairs share a key, almost all of them copies or versions of one
# story, and 1 of 20,000 random pairs. See candidate_probability().
BANDS = 32
ROWS_PER_BAND = 4

MIN_WORDS = 30
"""Bodies with fewer normalised words get no signature (see module docstring)."""

NEAR_DUPLICATE_THRESHOLD = 0.6
"""Estimated Jaccard similarity at or above which two bodies are one story.

Measured by ``python benchmarks/dedup_threshold.py`` on the 2,095 BBC articles
(3-word shingles, 128-value signatures):

* Edited copies of every article. Each single light edit (another headline
  line kept in the body, an agency dateline, a byline, the final one or two
  sentences trimmed, a sentence reworded, quotes/dashes/whitespace changed):
  p1 >= 0.63, median >= 0.91; 99.9 % are grouped at 0.6. All of these edits on
  one copy at once: min 0.31, p1 0.52, p5 0.64, median 0.84; 97.0 % are grouped
  at 0.6 (98.5 % at 0.55, 94.3 % at 0.65); the misses are short stories, where
  two trimmed sentences are a large share of the text.
* Different files of one section, the 30 most alike pairs per section (150):
  35 have the same normalised body under two headlines (the set's own
  republished copies; body_hash groups them). Of the other 115, six score
  0.66-0.99 (exact Jaccard): the same event story revised within the day
  ("Hewitt falls to Dent in Adelaide" / "Hewitt falls to Dent", two Man Utd
  offer versions), which should be one group. Below them is a gap, then
  genuine follow-ups written on another day: "Goldsmith denies war advice
  claim" / "Goldsmith: 'I was not leant on'" at 0.52, then Band Aid, oil price
  and auction follow-ups at 0.38-0.43; median of the 115 is 0.13.

The threshold sits above the highest follow-up (0.52 + 1.8 standard deviations
of the estimate) and below the bulk of heavily edited copies. What Jaccard
similarity cannot group: a copy cut to its first half scores about 0.5 (1 % of
such copies grouped), since Jaccard also counts what one copy lacks.
"""

# A 64-bit shingle hash is split into a bin index (top bits) and a value.
_BIN_BITS = SIGNATURE_LENGTH.bit_length() - 1  # 7 bits choose one of 128 bins
_VALUE_BITS = 64 - _BIN_BITS
_VALUE_MASK = (1 << _VALUE_BITS) - 1
_STORED_VALUE_MASK = (1 << 32) - 1  # b-bit MinHash: signatures keep 32 bits
_EMPTY = 1 << 64  # larger than any value: marks a bin no shingle fell into
# Shingle hashing: a word's values come from BLAKE2b personalised with this,
# and the values of this many distinct words are kept per process.
_TABLE_PERSON = b"newsidx-shingle"
_KNOWN_WORDS_LIMIT = 200_000
_known_tables: dict[bytes, tuple[int, ...]] = {}
_PLACE_VALUE = [itemgetter(place) for place in range(8)]  # shingles of up to 8 words

if SIGNATURE_LENGTH != 1 << _BIN_BITS:
    raise ValueError("SIGNATURE_LENGTH must be a power of two")
if BANDS * ROWS_PER_BAND != SIGNATURE_LENGTH:
    raise ValueError("BANDS * ROWS_PER_BAND must equal SIGNATURE_LENGTH")

# Typographic variants copies differ by, mapped before punctuation is dropped.
# Apostrophes are deleted (so "Boynton's" and "Boynton’s" both read "boyntons");
# every other punctuation mark and symbol becomes a word break.
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
_ASCII_APOSTROPHES = b"'`"
# Combining marks left over by NFKD decomposition ("é" -> "e" + U+0301).
_COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_WORD = re.compile(r"[\W_]+")
# The same folding for ASCII: letters lower-cased, digits kept, every other byte a break.
_ASCII_FOLDED = bytes(code | 0x20 if chr(code).isalpha() else code if chr(code).isdigit() else 0x20
                      for code in range(128)) + b" " * 128
# What _fold makes of characters above ASCII (if ASCII), remembered.
_ascii_folds: dict[str, str | None] = {}
_ASCII_FOLDS_LIMIT = 10_000
_UNFOLDED = object()

# A leading dateline or agency credit ("MOSCOW (Reuters) - ") is what copies
# of one wire story differ by most often; its pattern lives with the other
# dateline pattern (newsidx.extract.bylines).


def normalise_body(text: str) -> str:
    """Return ``text`` as lower-case words separated by single spaces.

    Drops a leading dateline/agency credit, accents, apostrophes, punctuation,
    symbols and whitespace differences; keeps every word and digit in order.
    """
    return b" ".join(_normalised_words(text)).decode("utf-8")


def _normalised_words(text: str) -> list[bytes]:
    """The words of :func:`normalise_body`, UTF-8 encoded: what the body hash
    and the shingles are made of."""
    text = text.lstrip()
    text = text[dateline_prefix_end(text):]
    if not text.isascii():
        as_ascii = replace_beyond_ascii(text, _ascii_fold)
        if as_ascii is None:
            # A word's UTF-8 bytes are all above 127, so only the spaces put here split.
            return _fold(text).encode("utf-8").split()
        text = as_ascii
    # Nearly every page, once its pound signs, curly quotes and dashes are
    # replaced: folded by a byte table, one pass in C (the regular
    # expressions of _fold were a third of a fingerprint).
    return text.encode("ascii").translate(_ASCII_FOLDED, _ASCII_APOSTROPHES).split()


def _fold(text: str) -> str:
    """Accents, case, apostrophes and every other non-word character folded away."""
    text = _COMBINING_MARKS.sub("", unicodedata.normalize("NFKD", text))
    return _NON_WORD.sub(" ", _APOSTROPHES.sub("", text.casefold()))


def _ascii_fold(character: str) -> str | None:
    """A character's :func:`_fold`, or None if that is not ASCII ("中", "ø");
    remembered. Folding one character at a time is folding the whole text:
    decomposition, case folding and the patterns of _fold look at one
    character, and where decomposition reorders combining marks, each of them
    becomes a break or nothing."""
    folds = _ascii_folds
    folded = folds.get(character, _UNFOLDED)
    if folded is _UNFOLDED:
        if len(folds) >= _ASCII_FOLDS_LIMIT:
            folds.clear()
        folded = _fold(character)
        folded = folds[character] = folded if folded.isascii() else None
    return folded


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def body_hash(body: str) -> str:
    """16 hex digits identifying ``body`` up to :func:`normalise_body`."""
    return _hash_of_words(_normalised_words(body))


def _hash_of_words(words: list[bytes]) -> str:
    return hashlib.blake2b(b" ".join(words), digest_size=8).hexdigest()


def _word_tables(word: bytes, size: int) -> tuple[int, ...]:
    """The word's ``size`` random 64-bit values, one per place in a shingle."""
    digest = hashlib.blake2b(word, digest_size=8 * size, person=_TABLE_PERSON).digest()
    return tuple(int.from_bytes(digest[place:place + 8], "little") for place in range(0, 8 * size, 8))


def _shingle_hashes_of_words(words: list[bytes], size: int) -> set[int]:
    # Simple tabulation hashing (see the module docstring): a word's values are
    # remembered, as an archive repeats its words endlessly, and a shingle's
    # hash is the XOR of one value of each of its words, computed in C by map().
    if size == SHINGLE_WORDS:
        known = _known_tables
        if len(known) >= _KNOWN_WORDS_LIMIT:
            known.clear()
        tables = [known.get(word) or known.setdefault(word, _word_tables(word, size)) for word in words]
    else:
        tables = [_word_tables(word, size) for word in words]
    windows = max(len(tables) - size + 1, 1)  # a body shorter than a shingle is one short shingle
    hashes = map(_PLACE_VALUE[0], tables[:windows])
    for place in range(1, min(size, len(tables))):
        hashes = map(xor, hashes, map(_PLACE_VALUE[place], tables[place:place + windows]))
    return set(hashes)


def shingle_hashes(body: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Stable 64-bit hashes of the ``size``-word shingles of the normalised body.

    The exact Jaccard similarity of two such sets is what :func:`similarity`
    estimates; measurement code uses it as ground truth.
    """
    return _shingle_hashes_of_words(_normalised_words(body), size)


@lru_cache(maxsize=SIGNATURE_LENGTH)
def _probe_order(empty_bin: int) -> tuple[int, ...]:
    """The other bins in a fixed pseudo-random order, where ``empty_bin`` looks
    for a value to copy. Derived from BLAKE2b, so identical in every process."""
    others = (b for b in range(SIGNATURE_LENGTH) if b != empty_bin)
    return tuple(sorted(others, key=lambda b: _hash64(f"probe {empty_bin} {b}".encode())))


def signature(body: str) -> tuple[int, ...]:
    """MinHash signature: :data:`SIGNATURE_LENGTH` 32-bit integers.

    The empty tuple when the body has fewer than :data:`MIN_WORDS` words.
    """
    return _signature_of_words(_normalised_words(body))


def _signature_of_words(words: list[bytes]) -> tuple[int, ...]:
    if len(words) < MIN_WORDS:
        return ()
    minima = [_EMPTY] * SIGNATURE_LENGTH
    for shingle_hash in _shingle_hashes_of_words(words, SHINGLE_WORDS):
        bin_index = shingle_hash >> _VALUE_BITS
        value = shingle_hash & _VALUE_MASK
        if value < minima[bin_index]:
            minima[bin_index] = value
    # Densification: donors are bins that received shingles, never filled ones.
    densified = [
        value if value != _EMPTY
        else minima[next(b for b in _probe_order(bin_index) if minima[b] != _EMPTY)]
        for bin_index, value in enumerate(minima)
    ]
    return tuple(value & _STORED_VALUE_MASK for value in densified)


def band_keys(sig: tuple[int, ...]) -> list[str]:
    """LSH keys of a signature, one per band: ``"b07:3fa2c19e0b5d7a41"``.

    The index's catalog (``newsidx.index.catalog``) stores them as integers
    (band number and hash) in an indexed SQLite table. Two signatures share the key of band *i* exactly when they agree on all
    rows of band *i*. An empty signature (short body) has no keys.
    """
    if not sig:
        return []
    if len(sig) != SIGNATURE_LENGTH:
        raise ValueError(f"expected a signature of {SIGNATURE_LENGTH} values, got {len(sig)}")
    packed = _PACKED_SIGNATURE.pack(*sig)  # each value as 4 little-endian bytes
    width = 4 * ROWS_PER_BAND
    blake2b = hashlib.blake2b
    return [f"b{band:02d}:{blake2b(packed[start:start + width], digest_size=8).hexdigest()}"
            for band, start in enumerate(range(0, len(packed), width))]


def shares_a_band(sig_a: Sequence[int], sig_b: Sequence[int]) -> bool:
    """Whether two signatures agree on every row of some band: what sharing
    a band key means, checked on the values (an index may keep band keys
    shorter than the hashes of :func:`band_keys`, so that two bands can share one)."""
    if not sig_a or len(sig_a) != len(sig_b):
        return False
    sig_a, sig_b = list(sig_a), list(sig_b)  # a tuple and an array never compare equal
    return any(sig_a[start:start + ROWS_PER_BAND] == sig_b[start:start + ROWS_PER_BAND]
               for start in range(0, len(sig_a), ROWS_PER_BAND))


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures.

    0.0 when either signature is empty (short body) or they differ in length.
    """
    if not sig_a or len(sig_a) != len(sig_b):
        return 0.0
    if len(sig_a) == SIGNATURE_LENGTH and _LANE_BYTES == 4:
        # Ingest compares each new body with every earlier copy of its story
        # (about 50 each at 100,000 generated pages): the values are compared
        # as the 32-bit lanes of two big integers, in C, not one pair at a time.
        try:
            differ = _lanes(sig_a) ^ _lanes(sig_b)
        except OverflowError:  # values that are not 32-bit: not signatures of this module
            pass
        else:
            for shift in (16, 8, 4, 2, 1):  # each lane's bits ORed down into its lowest bit
                differ |= differ >> shift
            return (SIGNATURE_LENGTH - (differ & _LANE_LOW_BITS).bit_count()) / SIGNATURE_LENGTH
    return sum(a == b for a, b in zip(sig_a, sig_b)) / len(sig_a)


_PACKED_SIGNATURE = struct.Struct(f"<{SIGNATURE_LENGTH}I")
_LANE_TYPE = "I"
_LANE_BYTES = array(_LANE_TYPE).itemsize
_LANE_LOW_BITS = sum(1 << (32 * lane) for lane in range(SIGNATURE_LENGTH))


def _lanes(sig: Sequence[int]) -> int:
    """A signature's values as the 32-bit lanes of one integer."""
    return int.from_bytes(array(_LANE_TYPE, sig).tobytes(), sys.byteorder)


def candidate_probability(jaccard: float) -> float:
    """Probability that two bodies of Jaccard similarity ``jaccard`` share a band key."""
    return 1.0 - (1.0 - jaccard**ROWS_PER_BAND) ** BANDS


@dataclass(frozen=True)
class Fingerprint:
    """Everything duplicate detection needs to know about one body (its band
    keys are :func:`band_keys` of the signature, worked out where they are used)."""

    body_hash: str
    signature: tuple[int, ...]


def fingerprint(body: str) -> Fingerprint:
    words = _normalised_words(body)  # once, for the hash and the shingles
    return Fingerprint(_hash_of_words(words), _signature_of_words(words))
