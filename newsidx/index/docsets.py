"""Which documents of one segment match a query, fast.

Every search lists all its matches (to count, collapse, filter and facet).
Whoosh's ``Query.docs`` walks its matcher tree one document at a time, a few
Python calls per posting; for a common word that was a third of a search. The
documents of a term are its posting list's id arrays, read whole here; word
queries combine them as sets (OR a union, AND an intersection, AND NOT a
difference), and a quoted phrase is the documents of all its words with
the words at consecutive positions, and a wildcard or fuzzy word the union
of the words it expands to. Proximity (``"a b"~3``) and ranges are left to
Whoosh.
"""

from __future__ import annotations

from array import array
from weakref import WeakKeyDictionary

from whoosh import query as wq

from newsidx.index.postings import CompactTermsReader, read_postings


def matching_docs(query, searcher) -> list[int]:
    """The document numbers of ``searcher``'s (one segment) that match, in order."""
    found = _docs(query, searcher)
    return sorted(found) if isinstance(found, set) else found


def _docs(query, searcher):
    if type(query) is wq.Term:
        return _term_docs(query, searcher)
    if type(query) is wq.Phrase:
        found = phrase_docs(query, searcher)
        return list(query.docs(searcher)) if found is None else found
    if isinstance(query, wq.Or) and not isinstance(query, wq.DisjunctionMax):
        found: set[int] = set()
        for child in query.subqueries:
            found.update(_docs(child, searcher))
        return found
    if isinstance(query, wq.And):
        # "labour NOT tory" is And([labour, Not(tory)]): the documents of the
        # NOT's query are taken away, not every other document of the segment
        # listed (Whoosh's Not walks them all, a tenth of a second at 100,000).
        children = [_docs(child, searcher) for child in query.subqueries if type(child) is not wq.Not]
        if not children:
            return list(query.docs(searcher))
        children.sort(key=len)
        found = set(children[0])
        for child in children[1:]:
            found.intersection_update(child)
        for child in query.subqueries:
            if type(child) is wq.Not and found:
                found.difference_update(_docs(child.query, searcher))
        return found
    if isinstance(query, wq.MultiTerm):
        # A wildcard, a prefix or a fuzzy word: the documents of the words it
        # expands to in this segment, a union, not Whoosh's walk over them all.
        found = set()
        for fieldname, text in query.expanded_terms(searcher.reader()):
            # a fuzzy word's expansions come as text, a pattern's as bytes
            btext = text if isinstance(text, bytes) else searcher.schema[fieldname].to_bytes(text)
            postings = term_postings(searcher, fieldname, btext)
            if postings is None:
                return list(query.docs(searcher))
            found.update(postings[0])
        return found
    if isinstance(query, wq.AndNot):
        return set(_docs(query.a, searcher)).difference(_docs(query.b, searcher))
    if isinstance(query, wq.AndMaybe):
        return _docs(query.a, searcher)
    return list(query.docs(searcher))


def _term_docs(term, searcher) -> list[int]:
    field = searcher.schema[term.fieldname] if term.fieldname in searcher.schema else None
    if field is None:
        return []
    found = term_postings(searcher, term.fieldname, field.to_bytes(term.text))
    return list(term.docs(searcher)) if found is None else found[0]


# Per segment reader, the postings read during the current search: listing
# the matches and ranking them read the same terms.
_read: "WeakKeyDictionary" = WeakKeyDictionary()
_KEPT_PER_SEGMENT = 64


def term_postings(searcher, fieldname: str, btext: bytes,
                  with_values: bool = False) -> tuple[list[int], array, list | None] | None:
    """(document numbers, weights, encoded positions) of a term in one
    segment, deleted documents left out, positions None unless
    ``with_values`` (only phrases need them); None if the segment's postings
    are not in newsidx's layout (:mod:`newsidx.index.postings`)."""
    reader = searcher.reader()
    kept = _read.setdefault(reader, {})
    key = (fieldname, btext)
    if key in kept and (kept[key][2] is not None or not with_values):
        return kept[key]
    terms = getattr(reader, "_terms", None)
    if terms is None:  # Whoosh's EmptyReader: an index with no segment yet
        return [], array("f"), []
    if not isinstance(terms, CompactTermsReader):
        return None
    found = read_postings(terms, fieldname, btext, searcher.schema[fieldname].format, with_values)
    if found is None:
        return [], array("f"), []
    ids, weights, values = found
    excluded = reader.deleted_docs_set
    if excluded:
        kept_ids = [i for i, docnum in enumerate(ids) if docnum not in excluded]
        ids = [ids[i] for i in kept_ids]
        weights = array("f", (weights[i] for i in kept_ids))
        if values is not None:
            values = [values[i] for i in kept_ids]
    if len(kept) >= _KEPT_PER_SEGMENT:
        kept.clear()
    kept[key] = (ids, weights, values)
    return ids, weights, values


def phrase_docs(phrase, searcher) -> list[int] | None:
    """The documents of one segment holding ``phrase``'s words at
    consecutive positions (slop 1, what a quoted phrase means), or None
    for what Whoosh should decide (other slops)."""
    if phrase.slop != 1 or phrase.fieldname not in searcher.schema:
        return None
    # Listing the matches and ranking them both ask: the answer is kept with the postings.
    kept = _read.setdefault(searcher.reader(), {})
    key = ("phrase", phrase.fieldname, tuple(phrase.words))
    if key not in kept:
        kept[key] = _phrase_docs(phrase, searcher)
    return kept[key]


def _phrase_docs(phrase, searcher) -> list[int]:
    field = searcher.schema[phrase.fieldname]
    postings = [term_postings(searcher, phrase.fieldname, field.to_bytes(word), with_values=True)
                for word in phrase.words]
    if not postings or any(found is None for found in postings):
        return None
    if any(not found[0] for found in postings):
        return []
    places = [posting_places(searcher, phrase.fieldname, field.to_bytes(word)) for word in phrase.words]
    values = [found[2] for found in postings]
    positions = getattr(field.format, "iter_positions", field.format.decode_positions)
    first_values, first_places = values[0], places[0]
    # Word i of the phrase at start + i: its positions shifted back by i, in C.
    later = [(values[i], places[i], (-i).__add__) for i in range(1, len(values))]
    if not later:  # one word left (the others stop words): every document that has it
        return list(postings[0][0])
    middle, (last_values, last_places, last_shift_back) = later[:-1], later[-1]
    found = []
    for docnum in sorted(set(postings[0][0]).intersection(*(found[0] for found in postings[1:]))):
        starts = set(positions(first_values[first_places[docnum]]))
        for word_values, word_places, shift_back in middle:
            starts.intersection_update(map(shift_back, positions(word_values[word_places[docnum]])))
            if not starts:
                break
        else:  # the last word only has to meet one start: isdisjoint stops there
            if not starts.isdisjoint(map(last_shift_back, positions(last_values[last_places[docnum]]))):
                found.append(docnum)
    return found


def posting_places(searcher, fieldname: str, btext: bytes) -> dict[int, int]:
    """Where each document's posting is in :func:`term_postings`' lists."""
    kept = _read.setdefault(searcher.reader(), {})
    key = ("places", fieldname, btext)
    if key not in kept:
        kept[key] = {docnum: place for place, docnum in enumerate(term_postings(searcher, fieldname, btext)[0])}
    return kept[key]
