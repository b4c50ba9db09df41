"""Which documents of one segment match a query, fast.

Every search lists all its matches (to count, collapse, filter and facet).
Whoosh's ``Query.docs`` walks its matcher tree one document at a time, a few
Python calls per posting; for a common word that was a third of a search. The
documents of a term are its posting blocks' id arrays, read whole here; word
queries combine them as sets (OR a union, AND an intersection, AND NOT a
difference). Phrases, ranges and wildcards are left to Whoosh.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher


def matching_docs(query, searcher) -> list[int]:
    """The document numbers of ``searcher``'s (one segment) that match, in order."""
    found = _docs(query, searcher)
    return sorted(found) if isinstance(found, set) else found


def _docs(query, searcher):
    if type(query) is wq.Term:
        return _term_docs(query, searcher)
    if isinstance(query, wq.Or) and not isinstance(query, wq.DisjunctionMax):
        found: set[int] = set()
        for child in query.subqueries:
            found.update(_docs(child, searcher))
        return found
    if isinstance(query, wq.And):
        children = [_docs(child, searcher) for child in query.subqueries]
        if not children:
            return []
        children.sort(key=len)
        found = set(children[0])
        for child in children[1:]:
            found.intersection_update(child)
        return found
    if isinstance(query, wq.AndNot):
        return set(_docs(query.a, searcher)).difference(_docs(query.b, searcher))
    if isinstance(query, wq.AndMaybe):
        return _docs(query.a, searcher)
    return list(query.docs(searcher))


def _term_docs(term, searcher) -> list[int]:
    matcher = term.matcher(searcher)
    excluded = None
    if isinstance(matcher, FilterMatcher) and matcher._exclude:
        matcher, excluded = matcher.child, matcher._ids  # the segment's deleted documents
    if not isinstance(matcher, W3LeafMatcher):
        return list(term.docs(searcher))
    ids: list[int] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids[matcher._i:])
        matcher._next_block()
    if excluded:
        ids = [docnum for docnum in ids if docnum not in excluded]
    return ids
