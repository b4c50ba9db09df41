"""The index: the only package that imports Whoosh.

- :mod:`newsidx.index.analysis` -- analyzers, and the fast indexing analysis,
- :mod:`newsidx.index.schema` -- the fields of the article index,
- :mod:`newsidx.index.writing` -- the segment writer, writer processes and the merge policy,
- :mod:`newsidx.index.catalog` -- bodies, file records and story signatures, in SQLite,
- :mod:`newsidx.index.store` -- opening, the writer lock, batched commits,
- :mod:`newsidx.index.parsing` -- the query language, with its checks for broken input,
- :mod:`newsidx.index.snippets` -- snippets: highlighted passages as segments,
- :mod:`newsidx.index.related` -- related coverage: the candidates query and cosine similarity,
- :mod:`newsidx.index.query` -- :class:`ArticleSearcher`: ranking, one result per story, lookups,
- :mod:`newsidx.index.whoosh_import` -- importing Whoosh without two modules it never needs here.
"""

from newsidx.index.whoosh_import import import_whoosh

import_whoosh()  # before any module below imports Whoosh

from newsidx.index.catalog import FileRecord, band_numbers  # noqa: E402
from newsidx.index.query import ArticleSearcher  # noqa: E402
from newsidx.index.store import ArticleIndex, NewArticle  # noqa: E402

__all__ = ["ArticleIndex", "ArticleSearcher", "FileRecord", "NewArticle", "band_numbers"]
