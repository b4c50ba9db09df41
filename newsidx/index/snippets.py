"""Snippets: the passages of a body around the words a query matched.

Whoosh's highlighter picks the passages, for any article (whatever the sort
order, no scored Whoosh hit is needed); :class:`SegmentFormatter` hands them
back as ``(text, matched)`` segments (a :class:`~newsidx.models.Snippet`), so
no renderer ever parses article text for markup.
"""

from __future__ import annotations

from whoosh import highlight

from newsidx.index.analysis import HIGHLIGHT_ANALYZER
from newsidx.models import Snippet

SNIPPET_CHARS = 220
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


def body_snippet(body: str, terms: frozenset[str], analyzer=HIGHLIGHT_ANALYZER) -> Snippet:
    """The best two passages of ``body`` with every word that stems to one of
    ``terms`` marked (so "ceasefires" for ceasefire, and a fuzzy or wildcard
    query's matches), else the body's opening: a match in the headline alone
    is shown by the headline already."""
    segments = None
    if terms:
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        segments = highlight.highlight(body, terms, analyzer, fragmenter, SegmentFormatter(),
                                       top=2, mode="index")
    return Snippet(tuple(segments or [(opening(body), False)]))


def opening(body: str) -> str:
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body.rfind(" ", 0, SNIPPET_CHARS)
    return body[: cut if cut > 0 else SNIPPET_CHARS] + " …"
