"""BM25F ranking of word queries, a posting block at a time.

Whoosh scores through a tree of matchers, several Python calls per posting and
per ``skip_to``; a search that keeps one copy per story also passes every match
through a filter, which turns off Whoosh's skipping of low-scoring blocks. At
100,000 articles that was half of a one- or two-word search. Here the same
BM25F (Whoosh's formula, statistics and stored field lengths) is computed over
whole posting blocks for queries made of words and quoted phrases, combined
by AND, OR, AND NOT and AND MAYBE, which is what people type. Anything else
(proximity, wildcards, fuzzy terms, ranges) returns None and is left to Whoosh.
``tests/test_index_scoring.py`` holds both to the same scores. The ranking is
exact, where Whoosh's block skipping can miss a better document in a small top
(seen with ``(a OR b) c``), and AND NOT excludes what it should, where Whoosh's
AND NOT matcher let an excluded document through across segments.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left

from whoosh import query as wq
from whoosh.scoring import BM25F

from newsidx.index.columns import LENGTH_OF_BYTE, length_bytes
from newsidx.index.docsets import phrase_docs, posting_places, term_postings


def top_scored(query, searcher, allowed: set[int] | None, depth: int | None) -> list[tuple[int, float]] | None:
    """(docnum, score) of the best ``depth`` documents (all if None) among
    ``allowed`` (all if None), best first and by docnum among equals, as
    Whoosh ranks them; None if ``query`` is not made of words only."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B or not _words_only(query):
        return None
    scored: list[tuple[float, int]] = []
    for sub, offset in searcher.leaf_searchers():
        among = None
        if allowed is not None:
            end = offset + sub.reader().doc_count_all()
            among = sorted(docnum - offset for docnum in allowed if offset <= docnum < end)
        segment = _Segment(sub, searcher, weighting, among)
        for docnum, score in segment.scores(query).items():
            docnum += offset
            if allowed is None or docnum in allowed:
                scored.append((score, docnum))
    key = lambda item: (-item[0], item[1])  # noqa: E731
    best = sorted(scored, key=key) if depth is None else heapq.nsmallest(depth, scored, key=key)
    return [(docnum, score) for score, docnum in best]


def _words_only(query) -> bool:
    if type(query) is wq.Term or (type(query) is wq.Phrase and query.slop == 1):
        return True
    if type(query) is wq.And:  # NOT b inside an AND: "a NOT b"
        return query.boost == 1.0 and all(
            _words_only(child.query if type(child) is wq.Not else child) for child in query.subqueries)
    if type(query) is wq.Or:
        return query.boost == 1.0 and all(_words_only(child) for child in query.subqueries)
    if type(query) in (wq.AndNot, wq.AndMaybe):
        return query.boost == 1.0 and _words_only(query.a) and _words_only(query.b)
    return False


# Scoring only the documents asked for pays when they are fewer than this
# share of a term's postings: one result per story asks for a story's first
# copy, and a common word had dozens of copies of each story to score
# (at 100,000 articles: 428 first copies among some 20,000 postings).
_AMONG_SHARE = 4


def _postings_among(ids: list[int], weights, among: list[int]):
    """(docnum, weight) of the documents of ``among`` that are in ``ids`` (both sorted)."""
    count = len(ids)
    for docnum in among:
        place = bisect_left(ids, docnum)
        if place < count and ids[place] == docnum:
            yield docnum, weights[place]


class _Segment:
    """Scores within one segment, with the collection's statistics; of the
    documents ``among`` (sorted) only, where that saves work, else of all."""

    def __init__(self, sub, top, weighting: BM25F, among: list[int] | None = None):
        self._sub, self._top, self._weighting = sub, top, weighting
        self._among = among
        self._lengths: dict[str, list[int]] = {}
        self._parts: dict[str, list[float]] = {}

    def scores(self, query) -> dict[int, float]:
        if type(query) is wq.Term:
            return self._term(query)
        if type(query) is wq.Phrase:
            return self._phrase(query)
        if type(query) is wq.Or:
            total: dict[int, float] = {}
            for child in query.subqueries:
                for docnum, score in self.scores(child).items():
                    total[docnum] = total.get(docnum, 0.0) + score
            return total
        if type(query) is wq.And:
            children = [self.scores(child) for child in query.subqueries if type(child) is not wq.Not]
            common = set(children[0]).intersection(*children[1:]) if children else set()
            # Whoosh scores a NOT clause as its boost for every document it lets through.
            constant = 0.0
            for child in query.subqueries:
                if type(child) is wq.Not:
                    common.difference_update(self.scores(child.query))
                    constant += child.boost
            return {docnum: sum(child[docnum] for child in children) + constant for docnum in common}
        if type(query) is wq.AndNot:
            excluded = self.scores(query.b)
            return {d: s for d, s in self.scores(query.a).items() if d not in excluded}
        if type(query) is wq.AndMaybe:
            optional = self.scores(query.b)
            return {d: s + optional[d] if d in optional else s for d, s in self.scores(query.a).items()}
        raise TypeError(f"not a word query: {query!r}")

    def _term(self, term, only: list[int] | None = None) -> dict[int, float]:
        """BM25F of ``term`` in each document that has it (of ``only``, if given)."""
        if term.fieldname not in self._sub.schema:
            return {}
        text = self._sub.schema[term.fieldname].to_bytes(term.text)
        found = term_postings(self._sub, term.fieldname, text)
        if found is None:
            raise TypeError("postings not in newsidx's layout")  # not reached for this schema
        ids, weights, _ = found
        if not ids:
            return {}
        idf = self._top.idf(term.fieldname, text)
        avgfl = self._top.avg_field_length(term.fieldname) or 1
        k1_plus_1, boost = self._weighting.K1 + 1, term.boost
        lengths = self._field_lengths(term.fieldname)
        length_part = self._length_parts(term.fieldname, avgfl)
        scores: dict[int, float] = {}
        pairs = zip(ids, weights)
        if only is not None:
            places = posting_places(self._sub, term.fieldname, text)
            pairs = ((docnum, weights[places[docnum]]) for docnum in only)
        elif self._among is not None and len(self._among) * _AMONG_SHARE < len(ids):
            pairs = _postings_among(ids, weights, self._among)
        for docnum, weight in pairs:
            # bm25() of whoosh.scoring, then the term's boost, as Whoosh multiplies them.
            score = idf * ((weight * k1_plus_1) / (weight + length_part[lengths[docnum]]))
            scores[docnum] = score * boost if boost != 1.0 else score
        return scores

    def _phrase(self, phrase) -> dict[int, float]:
        """Whoosh scores a phrase as the sum of its words' scores, times its boost."""
        found = phrase_docs(phrase, self._sub)
        if found is None:
            raise TypeError("not a phrase of consecutive words")  # excluded by _words_only
        # The words' scores of the phrase's documents only: common words of a
        # phrase ("said it would") have postings in half the archive.
        words = [self._term(wq.Term(phrase.fieldname, word), only=found) for word in phrase.words]
        total = {}
        for docnum in found:
            score = words[0][docnum]
            for other in words[1:]:
                score += other[docnum]
            total[docnum] = score * phrase.boost if phrase.boost != 1.0 else score
        return total

    def _length_parts(self, fieldname: str, avgfl: float) -> list[float]:
        """BM25's length normalisation for each length byte: it depends on
        nothing else, so it is computed 256 times per field, not once per
        posting (the same operations as Whoosh's bm25(), so the same numbers)."""
        if fieldname not in self._parts:
            b, k1 = self._weighting.B, self._weighting.K1
            self._parts[fieldname] = [k1 * ((1 - b) + b * length / avgfl) for length in LENGTH_OF_BYTE]
        return self._parts[fieldname]

    def _field_lengths(self, fieldname: str):
        """The segment's length bytes of ``fieldname`` (as Whoosh stores them), by document."""
        if fieldname not in self._lengths:
            reader = self._sub.reader()
            self._lengths[fieldname] = length_bytes(reader._perdoc, fieldname, reader.doc_count_all())
        return self._lengths[fieldname]
