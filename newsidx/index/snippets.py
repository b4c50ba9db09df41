"""Snippets: the passages of a body around the words a query matched.

Passages are cut as Whoosh's ``ContextFragmenter`` cuts them and chosen as
its highlighter chooses (the best two by ``BasicFragmentScorer``, in page
order), for any article (whatever the sort order, no scored Whoosh hit is
needed). The cutting is done here over plain word spans: Whoosh's
fragmenter walks every word of the body as a Token through three
generators, most of a search's time at 100,000 articles, while the words
that matter are the few near a match. A test checks the passages equal
Whoosh's own. :class:`SegmentFormatter` hands them back as ``(text,
matched)`` segments (a :class:`~newsidx.models.Snippet`), so no renderer
ever parses article text for markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from whoosh import highlight

from newsidx.index.analysis import term_spans
from newsidx.models import Snippet

SNIPPET_CHARS = 220
SURROUND_CHARS = 70  # context before the first and after the last matched word of a passage
REPEAT_SHARE = 0.6  # a snippet passage sharing more of its words than this with an earlier one is a repeat


class SegmentFormatter(highlight.Formatter):
    """Returns highlights as (text, matched) segments instead of marked-up text."""

    between = " … "

    def format_fragment(self, fragment, replace=False):
        segments, index, text = [], fragment.startchar, fragment.text
        for token in sorted(fragment.matches, key=lambda t: (t.startchar, -(t.endchar - t.startchar))):
            if token.startchar is None or token.startchar < index:
                continue
            if token.startchar > index:
                segments.append((text[index:token.startchar], False))
            segments.append((text[token.startchar:token.endchar], True))
            index = token.endchar
        segments.append((text[index:fragment.endchar], False))
        return segments

    def format(self, fragments, replace=False):
        joined: list[tuple[str, bool]] = []
        shown: list[set[str]] = []
        for fragment in fragments:
            words = set(fragment.text[fragment.startchar:fragment.endchar].lower().split())
            # Pages often print a paragraph twice: show a passage once.
            if any(len(words & other) > REPEAT_SHARE * min(len(words), len(other)) for other in shown):
                continue
            joined.append((self.between if shown else ("… " if fragment.startchar > 0 else ""), False))
            shown.append(words)
            joined.extend(self.format_fragment(fragment, replace))
            last = fragment
        if shown and last.endchar < len(last.text.rstrip()):
            joined.append((" …", False))
        return [segment for segment in joined if segment[0]]


def body_snippet(body: str, terms: frozenset[str],
                 word_spans: Callable[[str], Sequence[tuple[int, int, str]]] = term_spans) -> Snippet:
    """The best two passages of ``body`` with every word that stems to one of
    ``terms`` marked (so "ceasefires" for ceasefire, and a fuzzy or wildcard
    query's matches), else the body's opening: a match in the headline alone
    is shown by the headline already. ``word_spans`` says what the words of
    the body are: (start, end, term) each."""
    segments = None
    if terms:
        passages = context_fragments(body, word_spans(body), frozenset(terms), SNIPPET_CHARS, SURROUND_CHARS)
        best = highlight.top_fragments(passages, 2, highlight.BasicFragmentScorer(), highlight.FIRST)
        segments = SegmentFormatter().format(best)
    return Snippet(tuple(segments or [(opening(body), False)]))


class _Matched:
    """A matched word, as Whoosh's fragment scorer and our formatter read it."""

    __slots__ = ("text", "startchar", "endchar", "boost")

    def __init__(self, text: str, startchar: int, endchar: int):
        self.text, self.startchar, self.endchar, self.boost = text, startchar, endchar, 1.0


def context_fragments(text: str, spans: Sequence[tuple[int, int, str]], terms: frozenset[str],
                      maxchars: int, surround: int,
                      charlimit: int = highlight.DEFAULT_CHARLIMIT) -> Iterator[highlight.Fragment]:
    """The passages ``highlight.ContextFragmenter(maxchars, surround)`` makes
    of ``text``, whose words are ``spans`` (start, end, term): each opens up
    to ``surround`` characters of words before a matched word and closes
    ``surround`` characters after the last, at most ``maxchars`` long.

    Outside a passage only the words just before the next match matter (the
    context it opens with), so the walk jumps from one passage's end to the
    next matched word."""
    matched_at = [i for i, span in enumerate(spans) if span[2] in terms]
    count = len(spans)
    walked = 0  # the words before this one are behind us
    for match in matched_at:
        if match < walked:
            continue  # taken into the passage just made
        if spans[match][1] > charlimit:
            return
        start, end, term = spans[match]
        # The context: the words since the last passage that start at most
        # ``surround`` characters before the end of the word before the match.
        reach = spans[match - 1][1] - surround if match > walked else end
        first = next((spans[j][0] for j in range(walked, match) if spans[j][0] >= reach), None)
        if end - start > maxchars:
            # a single word longer than a passage closes an empty one (no score: never shown)
            yield highlight.mkfrag(text, [], endchar=end)
            walked = match + 1
            continue
        countdown = surround
        if first is None:
            first = start
            countdown += surround  # no context before: more after
        matches = [_Matched(term, start, end)]
        length = end - start
        countdown -= length
        j = match + 1
        while countdown > 0 and j < count:
            start, end, term = spans[j]
            if end > charlimit:
                yield highlight.mkfrag(text, matches, startchar=first, endchar=end)
                return
            if length + end - start > maxchars:
                countdown = 0
            elif term in terms:
                countdown = surround
                matches.append(_Matched(term, start, end))
            length += end - start
            countdown -= end - start
            j += 1
        yield highlight.mkfrag(text, matches, startchar=first, endchar=spans[j - 1][1])
        walked = j
        if countdown == 0 and j < count:
            # Whoosh's countdown, stopped at exactly zero, swallows the next
            # word: a match there opens a passage with no context before it,
            # any other word closes an empty passage and is no context.
            if spans[j][2] in terms:
                continue  # the loop reaches it next, with no words since: no context
            if spans[j][1] > charlimit:
                return
            yield highlight.mkfrag(text, [], endchar=spans[j][1])
            walked = j + 1


def opening(body: str) -> str:
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body.rfind(" ", 0, SNIPPET_CHARS)
    return body[: cut if cut > 0 else SNIPPET_CHARS] + " …"
