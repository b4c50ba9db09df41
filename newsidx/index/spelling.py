"""Did you mean: corrections from the archive's own vocabulary.

A query word that few articles use is compared with the words one edit away
from it as typed (a letter dropped, added, changed, or two swapped, the first
letter kept): each is stemmed as the index stems, and the one whose stem the
most article bodies use wins if it is clearly more common. Stemming a few
hundred candidates and looking them up costs milliseconds; Whoosh's own
corrector measures the distance to every word of the vocabulary.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from whoosh import query as wq

from newsidx.index.analysis import terms
from newsidx.index.schema import SEARCH_FIELDS

RARE = 2  # a word used by no more articles than this may be misspelt
MORE_COMMON = 5  # ... and a correction must be used by this many times more
_LETTERS = string.ascii_lowercase
_WORD = re.compile(r"[^\W_]+")


def suggest(text: str, query, reader) -> str | None:
    """``text`` with its rare words replaced by common words one edit away,
    or None when no word needs it. Only words the parsed ``query`` searches
    for in headlines and bodies are considered (not operators or dates)."""
    searched = set(_query_words(query))
    changed = False

    def fix(match: re.Match) -> str:
        nonlocal changed
        word = match.group(0)
        stem = _stem(word.lower())
        if stem is None or stem not in searched or len(word) < 3:
            return word
        better = _correction(word.lower(), stem, reader)
        if better is None:
            return word
        changed = True
        return better.capitalize() if word[0].isupper() else better

    corrected = _WORD.sub(fix, text)
    return corrected if changed else None


def _correction(word: str, stem: str, reader) -> str | None:
    frequency = _frequency(reader, stem)
    if frequency > RARE:
        return None
    best, best_key = None, (max(frequency * MORE_COMMON, 1), 0)
    frequencies: dict[str, int] = {}
    for candidate, likelihood in _one_edit_away(word):
        if candidate[0] != word[0]:  # people rarely mistype the first letter
            continue
        candidate_stem = _stem(candidate)
        if candidate_stem == "":  # a stop word: "teh" for "the"
            return candidate
        if candidate_stem is None:
            continue
        if candidate_stem not in frequencies:
            frequencies[candidate_stem] = reader.doc_frequency("body", candidate_stem)
        key = (frequencies[candidate_stem], likelihood)
        if key > best_key:
            best, best_key = candidate, key
    return best


@lru_cache(maxsize=4096)
def _stem(word: str) -> str | None:
    """The indexed form of ``word``; "" for a stop word, None if it is not one word."""
    stems = terms(word)
    return stems[0] if len(stems) == 1 else "" if not stems else None


def distance(a: str, b: str) -> int:
    """Levenshtein distance (edits to turn ``a`` into ``b``)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _query_words(query) -> list[str]:
    words = []
    for leaf in query.leaves():
        if getattr(leaf, "fieldname", None) not in SEARCH_FIELDS:
            continue
        if type(leaf) is wq.Term:
            words.append(leaf.text)
        elif isinstance(leaf, wq.Phrase):
            words.extend(leaf.words)
    return words


def _frequency(reader, word: str) -> int:
    return sum(reader.doc_frequency(field, word) for field in SEARCH_FIELDS if field in reader.schema)


def _one_edit_away(word: str) -> list[tuple[str, int]]:
    """Every word one edit from ``word``, with how likely that kind of typo
    is (higher is likelier): swapped letters, then a letter left out, then an
    extra letter, then a wrong one. Sorted, so equal choices stay stable."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {}
    for likelihood, candidates in enumerate((
        (left + letter + right[1:] for left, right in splits if right for letter in _LETTERS),
        (left + right[1:] for left, right in splits if right),
        (left + letter + right for left, right in splits for letter in _LETTERS),
        (left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1),
    )):
        for candidate in candidates:
            edits[candidate] = likelihood
    edits.pop(word, None)
    return sorted(edits.items())
