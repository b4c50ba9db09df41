"""The timeline of a story: an article, its copies and related coverage by date.

Pure functions over :mod:`newsidx.models` records. Dated entries come first,
oldest first, each with the days since the dated entry before it; undated
entries follow (a gap to or from an unknown day means nothing), the article
shown first among them, then by similarity.
"""

from __future__ import annotations

from newsidx.display import day_of
from newsidx.models import RelatedArticle, StoredArticle, StoryEntry

__all__ = ["timeline"]

_KIND_ORDER = {"this": 0, "copy": 1, "related": 2}


def timeline(article: StoredArticle, related: tuple[RelatedArticle, ...] | list[RelatedArticle],
             copies: tuple[StoredArticle, ...] | list[StoredArticle]) -> list[StoryEntry]:
    entries = [(article, "this", None)]
    entries += [(copy, "copy", None) for copy in copies]
    entries += [(r.article, "related", r.score) for r in related]

    def order(entry):
        stored, kind, score = entry
        day = day_of(stored.date)
        # Same day: by time when known, then the article shown before the others.
        return (day is None, stored.date or "", _KIND_ORDER[kind], -(score or 0.0), stored.id)

    story, previous = [], None
    for stored, kind, score in sorted(entries, key=order):
        day = day_of(stored.date)
        gap = (day - previous).days if day is not None and previous is not None else None
        story.append(StoryEntry(stored, kind, score, gap))
        previous = day if day is not None else previous
    return story
