"""Fields and analyzers of the article index.

One Whoosh index holds two kinds of document, told apart by ``kind``:

- ``article``: one per distinct article text (exact duplicates share one), with
  the searchable fields and the story group (near-duplicate candidates are
  found through :mod:`newsidx.index.stories`);
- ``file``: one per file on disk (path, size, mtime, content hash, article id).
  Keeping file records in the same index as the articles means both are
  committed together: a crash can never leave one without the other.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import CharsetFilter, SimpleAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

ARTICLE = "article"
FILE = "file"

# Stemmed so "ceasefires" finds "ceasefire"; accent-folded so "cafe" finds "café".
TEXT_ANALYZER = StemmingAnalyzer() | CharsetFilter(accent_map)
NAME_ANALYZER = SimpleAnalyzer() | CharsetFilter(accent_map)

class PreAnalyzed(tuple):
    """A field's postings computed ahead of time: ``(term bytes, freq, weight, value bytes)``."""


class AnalyzableText(TEXT):
    """A TEXT field that also accepts :class:`PreAnalyzed` postings.

    Ingest runs the analyzer (tokenizing, stemming) in the extraction worker
    processes, so the single process that writes the index only adds postings:
    analysis was a fifth of its time, and the one part that parallelises.
    """

    def index(self, value, **kwargs):
        if isinstance(value, PreAnalyzed):
            return iter(value)
        return super().index(value, **kwargs)


SEARCH_FIELDS = ("headline", "body")
# BM25F weights: a word in the headline says more about the article than one in the body.
FIELD_BOOSTS = {"headline": 2.5, "body": 1.0}


def build_schema() -> Schema:
    return Schema(
        kind=ID(stored=True),
        # article fields
        id=ID(stored=True, unique=True),
        headline=AnalyzableText(stored=True, analyzer=TEXT_ANALYZER),
        body=AnalyzableText(stored=True, analyzer=TEXT_ANALYZER),
        date=DATETIME(sortable=True),
        date_text=STORED,
        date_source=STORED,
        source=TEXT(stored=True, analyzer=NAME_ANALYZER),
        dateline=TEXT(stored=True, analyzer=NAME_ANALYZER),
        byline=TEXT(stored=True, analyzer=NAME_ANALYZER),
        word_count=NUMERIC(stored=True),
        warnings=STORED,
        content_hash=ID(stored=True),
        group=ID(stored=True, sortable=True),
        # file fields
        file_path=ID(stored=True, unique=True),
        file_size=STORED,
        file_mtime_ns=STORED,
        file_hash=STORED,
        article_id=ID(stored=True),
    )


@lru_cache(maxsize=1)
def _current_schema() -> Schema:
    return build_schema()


def preanalyze(headline: str, body: str) -> dict[str, PreAnalyzed]:
    """The postings of the searchable fields, computed outside the writer."""
    fields = _current_schema()
    return {name: PreAnalyzed(fields[name].index(text))
            for name, text in (("headline", headline), ("body", body))}
