"""The fields of the article index.

One Whoosh document per distinct article text (exact duplicates share one).
Whoosh holds what ranking, filtering and a result line need; the body's text,
file records and near-duplicate signatures live in the catalog
(:mod:`newsidx.index.catalog`). The body is indexed but not stored.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, NUMERIC, STORED, TEXT, Schema

from newsidx.index.analysis import NAME_ANALYZER, TEXT_ANALYZER

SEARCH_FIELDS = ("headline", "body")
# BM25F weights: a word in the headline says more about the article than one in the body.
FIELD_BOOSTS = {"headline": 2.5, "body": 1.0}


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        headline=TEXT(stored=True, analyzer=TEXT_ANALYZER),
        body=TEXT(stored=False, analyzer=TEXT_ANALYZER),
        date=DATETIME(sortable=True),
        date_text=STORED,
        date_source=STORED,
        source=TEXT(stored=True, analyzer=NAME_ANALYZER),
        dateline=TEXT(stored=True, analyzer=NAME_ANALYZER),
        byline=TEXT(stored=True, analyzer=NAME_ANALYZER),
        word_count=NUMERIC(stored=True),
        warnings=STORED,
        group=ID(stored=True, sortable=True),
    )
