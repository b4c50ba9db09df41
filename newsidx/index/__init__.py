"""The index: the only package that imports Whoosh.

- :mod:`newsidx.index.schema` -- fields and analyzers,
- :mod:`newsidx.index.store` -- opening, the writer lock, batched commits, file records,
- :mod:`newsidx.index.query` -- query parsing, ranking, highlights, related articles.
"""

from newsidx.index.query import ArticleSearcher
from newsidx.index.schema import preanalyze
from newsidx.index.store import ArticleIndex, FileRecord, NewArticle

__all__ = ["ArticleIndex", "ArticleSearcher", "FileRecord", "NewArticle", "preanalyze"]
