"""Fields and analyzers of the article index.

One Whoosh index holds two kinds of document, told apart by ``kind``:

- ``article``: one per distinct article text (exact duplicates share one), with
  the searchable fields, the story group and the near-duplicate band keys;
- ``file``: one per file on disk (path, size, mtime, content hash, article id).
  Keeping file records in the same index as the articles means both are
  committed together: a crash can never leave one without the other.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, SimpleAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

ARTICLE = "article"
FILE = "file"

# Stemmed so "ceasefires" finds "ceasefire"; accent-folded so "cafe" finds "café".
TEXT_ANALYZER = StemmingAnalyzer() | CharsetFilter(accent_map)
NAME_ANALYZER = SimpleAnalyzer() | CharsetFilter(accent_map)

SEARCH_FIELDS = ("headline", "body")
# BM25F weights: a word in the headline says more about the article than one in the body.
FIELD_BOOSTS = {"headline": 2.5, "body": 1.0}


def build_schema() -> Schema:
    return Schema(
        kind=ID(stored=True),
        # article fields
        id=ID(stored=True, unique=True),
        headline=TEXT(stored=True, analyzer=TEXT_ANALYZER),
        body=TEXT(stored=True, analyzer=TEXT_ANALYZER),
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
        bands=KEYWORD,
        signature=STORED,
        # file fields
        file_path=ID(stored=True, unique=True),
        file_size=STORED,
        file_mtime_ns=STORED,
        file_hash=STORED,
        article_id=ID(stored=True),
    )
