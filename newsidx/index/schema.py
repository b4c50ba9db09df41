"""The fields of the article index.

One Whoosh document per distinct article text (exact duplicates share one).
Whoosh holds what ranking, filtering and a result line need; the body's text,
file records and near-duplicate signatures live in the catalog
(:mod:`newsidx.index.catalog`). The body is indexed but not stored.
"""

from __future__ import annotations

from whoosh.fields import DATETIME, ID, NUMERIC, STORED, Schema

from newsidx.index.analysis import NAME_ANALYZER, TEXT_ANALYZER, text_field

SEARCH_FIELDS = ("headline", "body")
# BM25F weights: a word in the headline says more about the article than one in the body.
FIELD_BOOSTS = {"headline": 2.5, "body": 1.0}


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        headline=text_field(TEXT_ANALYZER, stored=True),
        body=text_field(TEXT_ANALYZER, stored=False),
        date=DATETIME(sortable=True),
        date_text=STORED,
        date_source=STORED,
        source=text_field(NAME_ANALYZER, stored=True),
        dateline=text_field(NAME_ANALYZER, stored=True),
        byline=text_field(NAME_ANALYZER, stored=True),
        word_count=NUMERIC(stored=True),
        warnings=STORED,
        group=ID(stored=True, sortable=True),
    )
