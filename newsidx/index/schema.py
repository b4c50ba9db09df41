"""The fields of the article index.

One Whoosh document per distinct article text (exact duplicates share one).
Whoosh holds what ranking, filtering and a result line need; the body's text,
file records and near-duplicate signatures live in the catalog
(:mod:`newsidx.index.catalog`). The body is indexed but not stored.
"""

from __future__ import annotations

from whoosh.columns import RefBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, STORED, Schema

from newsidx.index.analysis import NAME_ANALYZER, TEXT_ANALYZER, text_field

SEARCH_FIELDS = ("headline", "body")
# The fields a query may name (``headline:georgia``); the rest are internal.
QUERY_FIELDS = ("headline", "body", "source", "dateline", "byline", "date")
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
        # Shown, never searched: indexing it made eight tiered terms a document.
        word_count=STORED,
        warnings=STORED,
        group=ID(stored=True, sortable=True),
        # The source's name as written (UTF-8), for ``--source`` and facets:
        # a column is read per matching article far faster than stored
        # fields. Few distinct values, so each document keeps a reference.
        outlet=COLUMN(RefBytesColumn()),
    )
