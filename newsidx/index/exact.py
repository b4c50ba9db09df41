"""``--exact``: a query whose words match only as typed (no stemming).

The index holds stems only, so "ceasefires" and "ceasefire" are one term in
it. An exact query runs in two steps: the usual (stemmed) query finds the
candidates, then each candidate's headline and body are tokenised without
stemming (lower-cased and accent-folded, nothing else) and the query is
evaluated again on those words. Reading the text of every candidate makes an
exact search of a very common word slower than a normal one; keeping a second,
unstemmed copy of every posting would make every index larger instead.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Callable

from whoosh import query as wq
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.support.charset import accent_map

from newsidx.index.schema import SEARCH_FIELDS
from newsidx.index.spelling import distance

EXACT_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of ``text`` as (start, end, word as typed, lower case and
    unaccented), for highlighting an exact search."""
    return [(token.startchar, token.endchar, token.text) for token in EXACT_ANALYZER(text, chars=True)]


class ExactText:
    """The unstemmed words of one article's headline and body, with positions."""

    def __init__(self, headline: str, body: str):
        self.positions: dict[str, dict[str, list[int]]] = {}
        for field, text in (("headline", headline), ("body", body)):
            positions: dict[str, list[int]] = {}
            for position, word in enumerate(token.text for token in EXACT_ANALYZER(text)):
                positions.setdefault(word, []).append(position)
            self.positions[field] = positions

    def words(self, field: str):
        return self.positions[field].keys()


def body_words(query) -> frozenset[str]:
    """The words ``query`` looks for in bodies (to highlight them)."""
    words = set()
    for leaf in query.leaves():
        if getattr(leaf, "fieldname", None) == "body":
            words.update(leaf.words if isinstance(leaf, wq.Phrase) else [getattr(leaf, "text", "")])
    return frozenset(word for word in words if word)


def candidates_query(query):
    """The parts of ``query`` that a match must satisfy, negations dropped:
    stemmed, they would also exclude articles that only use another form of
    the word (``NOT growth`` must keep an article that says "growths")."""
    if isinstance(query, wq.Not):
        return wq.Every()
    if isinstance(query, (wq.AndNot, wq.AndMaybe)):
        return candidates_query(query.a)
    if isinstance(query, wq.compound.CompoundQuery):
        return query.__class__([candidates_query(child) for child in query.subqueries], boost=query.boost)
    return query


def matches(query, text: ExactText, in_other_field: Callable[[object], bool]) -> bool:
    """Whether ``query`` (parsed with :data:`EXACT_ANALYZER`) matches ``text``.
    ``in_other_field(leaf)`` answers for leaves on other fields (dates, source)."""
    if isinstance(query, wq.And):
        return all(matches(child, text, in_other_field) for child in query.subqueries)
    if isinstance(query, wq.Or):
        return any(matches(child, text, in_other_field) for child in query.subqueries)
    if isinstance(query, wq.AndNot):
        return matches(query.a, text, in_other_field) and not matches(query.b, text, in_other_field)
    if isinstance(query, wq.AndMaybe):
        return matches(query.a, text, in_other_field)
    if isinstance(query, wq.Not):
        return not matches(query.query, text, in_other_field)
    if isinstance(query, wq.Every):
        return True
    field = getattr(query, "fieldname", None)
    if field not in SEARCH_FIELDS:
        return in_other_field(query)
    words = text.words(field)
    if isinstance(query, wq.Phrase):
        return _phrase(text.positions[field], query.words, query.slop)
    if isinstance(query, wq.FuzzyTerm):
        start = query.text[:query.prefixlength]
        return any(word.startswith(start) and distance(word, query.text) <= query.maxdist for word in words)
    if isinstance(query, wq.Prefix):
        return any(word.startswith(query.text) for word in words)
    if isinstance(query, wq.Wildcard):
        return any(fnmatchcase(word, query.text) for word in words)
    if isinstance(query, wq.Term):
        return query.text in words
    return in_other_field(query)


def _phrase(positions: dict[str, list[int]], words: list[str], slop: int) -> bool:
    """Whether ``words`` occur in order, each at most ``slop`` positions after the one before."""
    if not words or any(word not in positions for word in words):
        return False
    for start in positions[words[0]]:
        reached = {start}
        for word in words[1:]:
            reached = {p for p in positions[word] if any(r < p <= r + slop for r in reached)}
            if not reached:
                break
        else:
            return True
    return False
