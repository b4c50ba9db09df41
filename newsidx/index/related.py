"""Related coverage: which other articles are about what an article is about.

Two steps, so the work is bounded whatever the size of the archive:

1. **Candidates.** A query for the key terms ``show`` already has (names as
   phrases) and the headline's words costs a fraction of Whoosh's
   ``more_like``, which re-analyses the whole body. Key terms favour words rare
   in the archive, which in a small archive may be words no other article
   uses: the headline's words name the topic. A word that many articles use
   says little about which are related and makes the query match a large
   part of the archive, all of it scored (at 100,000 articles ``show`` took
   0.57 s): single words in more than :data:`COMMON_WORD_SHARE` of the
   articles are left out (phrases are rare by nature), unless nothing else is
   left. The top :data:`CANDIDATES` BM25 hits, copies of the story masked out,
   go on to step 2.

2. **Similarity.** A BM25 score cannot say "related": it grows with the
   length of the query and with the article, so 12.0 means different things
   for different articles. Each candidate is instead scored by the cosine of
   TF-IDF vectors over headline and body (:func:`term_vector`: sublinear term
   frequency times smoothed IDF, unit length): 0 for no shared word, 1 for
   the same words in the same proportions, the same number whichever of the
   two articles is shown, and comparable from one article to the next.

The threshold, :data:`RELATED_MIN_SCORE` = 0.15, was chosen on the 2,060
distinct BBC articles of ``../shared/data/bbc`` (business, entertainment,
politics, sport, tech) with ``benchmarks/related_threshold.py``: every
article's top 10 candidates (20,030 hits), labelled by whether they come from
the article's own section. Cosines of same-section hits: median 0.166 (p25
0.111, p75 0.243); of other-section hits: median 0.069, p95 0.161.

==========  ======  ==========================  ========================
threshold   kept    from the same section       articles with none
==========  ======  ==========================  ========================
0.10        13,293  0.923                       5 %
0.12        11,494  0.947                       9 %
**0.15**    8,997   **0.965**                   16 %
0.20        5,782   0.983                       29 %
0.25        3,621   0.990                       42 %
==========  ======  ==========================  ========================

Section is a coarse stand-in for topic, and from 0.15 up what crosses
sections is mostly the same story seen from two desks (the Glazer bid for
Manchester United in business and sport, video-game ratings in tech and
politics, the Budget in business and politics), so real precision is higher
than the column says; below 0.12 hand-checked hits turn into "two football
stories" or "two economies". Above 0.15 the share hardly improves (0.965 to
0.990) while the articles left with nothing grow fast. Near 0.15 the odd
loose neighbour remains ("Game warnings 'must be clearer'" gets "Labour plans
maternity pay rise" at 0.151).

BM25 divided by the article's own score (the other normalisation tried) did
worse on the same hits: 0.966 from the same section only at a threshold of
0.40, which kept 22 % of same-section candidates (cosine at 0.15: 56.5 %) and
left half the articles with nothing, because one shared rare name carries a
pair.
"""

from __future__ import annotations

import math
from typing import Callable

from whoosh.query import Or, Phrase, Term

from newsidx.index.analysis import terms

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
        words = terms(term)
        if len(words) > 1:
            clauses.append(Phrase("body", words))
        elif words:
            clause = Term("body", words[0])
            too_common = body_frequency(words[0]) > max(COMMON_WORD_SHARE * articles, 10)
            (common if too_common else clauses).append(clause)
    chosen = clauses or common
    return Or(chosen) if chosen else None
