"""The query for related articles: the words an article is about.

Searching for the key terms ``show`` already has (names as phrases) costs a
fraction of Whoosh's ``more_like``, which re-analyses the whole body. Key terms
favour words rare in the archive, which in a small archive may be words no
other article uses: the headline's words name the topic.

A word that many articles use says little about which are related and makes
the query match a large part of the archive, all of it scored: at 100,000
articles ``show`` took 0.57 s. Single words in more than
:data:`COMMON_WORD_SHARE` of the articles are left out (phrases are rare by
nature), unless nothing else is left.
"""

from __future__ import annotations

import math
from typing import Callable

from whoosh.query import Or, Phrase, Term

from newsidx.index.analysis import TEXT_ANALYZER

COMMON_WORD_SHARE = 0.02


CANDIDATES = 10
"""BM25 hits of the related query re-scored by cosine: a bounded amount of work
whatever the size of the archive."""

RELATED_MIN_SCORE = 0.15
"""Cosine below which another article is not related coverage (see module docstring)."""


def term_vector(counts: dict[str, int], document_frequency: Callable[[str], int],
                articles: int) -> dict[str, float]:
    """A unit TF-IDF vector: (1 + log tf) * log(1 + N / (1 + df)) per term."""
    weights = {}
    for term, count in counts.items():
        idf = math.log(1.0 + articles / (1.0 + document_frequency(term)))
        weights[term] = (1.0 + math.log(count)) * idf
    norm = math.sqrt(sum(weight * weight for weight in weights.values()))
    return {term: weight / norm for term, weight in weights.items()} if norm else {}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors: 1.0 the same words in the same proportions, 0.0 none shared."""
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def related_query(key_terms: list[str], headline: str,
                  body_frequency: Callable[[str], int], articles: int):
    """Any of ``key_terms`` or the headline's words in a body, or None when
    none of them is indexed (all stop words).

    ``body_frequency(term)`` is how many articles use an indexed term in their
    body; ``articles`` how many the archive holds."""
    clauses, common = [], []
    for term in [*key_terms, *headline.split()]:
        words = [token.text for token in TEXT_ANALYZER(term)]
        if len(words) > 1:
            clauses.append(Phrase("body", words))
        elif words:
            clause = Term("body", words[0])
            too_common = body_frequency(words[0]) > max(COMMON_WORD_SHARE * articles, 10)
            (common if too_common else clauses).append(clause)
    chosen = clauses or common
    return Or(chosen) if chosen else None
