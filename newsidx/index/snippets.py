"""Snippets: the passages of a body around the words a query matched.

Whoosh's highlighter picks the passages; :class:`SegmentFormatter` hands them
back as ``(text, matched)`` segments (a :class:`~newsidx.models.Snippet`), so
no renderer ever parses article text for markup.
"""

from __future__ import annotations

from whoosh import highlight

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
            if shown:
                joined.append((self.between, False))
            shown.append(words)
            joined.extend(self.format_fragment(fragment, replace))
        return joined


def highlight_as_segments(results) -> None:
    """Make ``results`` (Whoosh's) highlight passages of snippet size as segments."""
    results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
    results.formatter = SegmentFormatter()


def body_snippet(hit, body: str) -> Snippet:
    """The best two passages of ``body`` for ``hit``, else the body's opening."""
    # A match in the headline alone: the headline is shown already.
    segments = hit.highlights("body", text=body, top=2) or [(opening(body), False)]
    return Snippet(tuple(segments))


def opening(body: str) -> str:
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body.rfind(" ", 0, SNIPPET_CHARS)
    return body[: cut if cut > 0 else SNIPPET_CHARS] + " …"
