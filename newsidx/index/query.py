"""Searching the index: ranking, one result per story, lookups, related articles.

:class:`ArticleSearcher` is the one view of the index the library uses; the
query language is :mod:`newsidx.index.parsing`, snippets
:mod:`newsidx.index.snippets`, the related-articles query
:mod:`newsidx.index.related`.
"""

from __future__ import annotations

from datetime import datetime

from whoosh.query import And, ConstantScoreQuery, DateRange, Prefix, Term

from newsidx.errors import AmbiguousIdError, ArticleNotFoundError
from newsidx.index.analysis import TEXT_ANALYZER, term_counts
from newsidx.index.catalog import CatalogReader
from newsidx.index.parsing import ArticleQueryParser
from newsidx.index.related import CANDIDATES, RELATED_MIN_SCORE, cosine, related_query, term_vector
from newsidx.index.snippets import body_snippet, highlight_as_segments
from newsidx.models import Hit, RelatedArticle, SearchResults, StoredArticle

OVERFETCH = 4  # hits fetched per hit shown, when one story may have several copies


class ArticleSearcher:
    """A read-only view of the last committed state of the index."""

    def __init__(self, searcher, catalog: CatalogReader):
        self._searcher = searcher  # Whoosh's default weighting is BM25F
        self._catalog = catalog  # bodies and file paths, as of the searcher's generation
        self._body_frequencies: dict[str, int] = {}  # see _body_frequency
        self._parser = ArticleQueryParser(searcher.schema)

    def close(self) -> None:
        self._searcher.close()
        self._catalog.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- search ------------------------------------------------------------
    def search(self, text: str, limit: int = 10, by_date: bool = False,
               one_per_story: bool = True, since: datetime | None = None,
               until: datetime | None = None) -> SearchResults:
        query = self._parser.parse(text)
        if since or until:
            query = And([query, ConstantScoreQuery(DateRange("date", since, until), 0.0)])
        sorting = dict(sortedby="date", reverse=True) if by_date else {}
        results, chosen = self._top_hits(query, limit, one_per_story, sorting)
        highlight_as_segments(results)
        hits = []
        for rank, hit in enumerate(chosen, start=1):
            article = self._stored_article(hit.fields(), with_paths=True, with_body=True)
            similar = self._group_size(article.group) - 1 if one_per_story else 0
            hits.append(Hit(rank, float(hit.score or 0.0), article, body_snippet(hit, article.body), similar))
        return SearchResults(text, max(self._count(query), len(hits)), tuple(hits))

    def _top_hits(self, query, limit: int, one_per_story: bool, sorting: dict):
        """The best ``limit`` hits, the first of each story only if asked.

        Whoosh's own ``collapse=`` (and ``terms=``) score every match, which
        disables its skipping of low-scoring blocks: on a common word that was
        most of a search. Highlights need no recorded terms: they take the
        query's. Instead the top few times ``limit`` are fetched the fast way and
        stories collapsed here; only when copies crowd those does Whoosh collapse.
        """
        if not one_per_story:
            results = self._searcher.search(query, limit=limit, **sorting)
            return results, list(results)
        fetch = max(limit * OVERFETCH, limit + 1)
        results = self._searcher.search(query, limit=fetch, **sorting)
        chosen, stories = [], set()
        for hit in results:
            story = hit["group"]
            if story not in stories:
                stories.add(story)
                chosen.append(hit)
                if len(chosen) == limit:
                    return results, chosen
        if results.scored_length() < fetch:  # every match seen
            return results, chosen
        # Copies crowd the page: one pass that collapses every match (growing
        # the fetch instead cost up to three full passes on a common word).
        results = self._searcher.search(query, limit=limit, collapse="group", collapse_limit=1, **sorting)
        return results, list(results)

    def _count(self, query) -> int:
        """How many articles match: their numbers only, none scored (Whoosh's own
        count is an estimate for an optimised search, and wrong for a collapsed one)."""
        return sum(1 for _ in self._searcher.docs_for_query(query))

    # -- lookups -----------------------------------------------------------
    def get(self, id_or_prefix: str) -> StoredArticle:
        id_or_prefix = id_or_prefix.strip().lower()
        if not id_or_prefix:
            raise ArticleNotFoundError("no article id given")
        docnum = self._searcher.document_number(id=id_or_prefix)
        if docnum is None:
            matches = list(self._searcher.docs_for_query(Prefix("id", id_or_prefix)))
            if not matches:
                raise ArticleNotFoundError(f"no article with id {id_or_prefix!r} (see `newsidx search`)")
            if len(matches) > 1:
                ids = sorted(self._searcher.stored_fields(d)["id"] for d in matches)
                raise AmbiguousIdError(id_or_prefix, ids)
            docnum = matches[0]
        return self._stored_article(self._searcher.stored_fields(docnum), with_paths=True, with_body=True)

    def copies(self, article: StoredArticle) -> list[StoredArticle]:
        """Other articles of the same story group (near-duplicates)."""
        found = []
        for docnum in self._searcher.docs_for_query(Term("group", article.group)):
            fields = self._searcher.stored_fields(docnum)
            if fields["id"] != article.id:
                found.append(self._stored_article(fields, with_paths=True))
        return sorted(found, key=lambda a: a.id)

    def related(self, article: StoredArticle, key_terms: list[str], limit: int = 5,
                min_score: float = RELATED_MIN_SCORE) -> list[RelatedArticle]:
        """Up to ``limit`` articles on the same topic, most similar first, each
        with its cosine similarity (``min_score`` and up); other copies of the
        story excluded (see :mod:`newsidx.index.related`)."""
        articles = self._searcher.doc_count()
        query = related_query(key_terms, article.headline, self._body_frequency, articles)
        if query is None:
            return []
        story = set(self._searcher.docs_for_query(Term("group", article.group)))
        # Masked, so only the top candidates are scored and fetched, whatever
        # the size of the archive or of the story.
        hits = self._searcher.search(query, limit=max(CANDIDATES, limit), mask=story)
        if hits.scored_length() == 0:
            return []

        def vector(headline: str, body: str) -> dict[str, float]:
            return term_vector(term_counts(f"{headline}\n{body}"), self._body_frequency, articles)

        own = vector(article.headline, article.body or self._catalog.body(article.id))
        related = []
        for hit in hits:
            fields = hit.fields()
            score = cosine(own, vector(fields.get("headline", ""), self._catalog.body(fields["id"])))
            if score >= min_score:
                related.append(RelatedArticle(self._stored_article(fields, with_paths=False), score))
        related.sort(key=lambda r: (-r.score, r.article.id))
        return related[:limit]

    def document_frequency(self, word: str) -> int:
        """How many articles use ``word`` in their body (after stemming)."""
        stems = [token.text for token in TEXT_ANALYZER(word)]
        if not stems:
            return 0
        return self._body_frequency(stems[0])

    def _body_frequency(self, term: str) -> int:
        """Remembered: key terms and related coverage ask about the same words,
        and each look-up reads every segment's term table."""
        if term not in self._body_frequencies:
            self._body_frequencies[term] = self._searcher.doc_frequency("body", term)
        return self._body_frequencies[term]

    def article_count(self) -> int:
        return self._searcher.doc_count()

    def all_articles(self, with_body: bool = False):
        reader = self._searcher.reader()
        for docnum, fields in reader.iter_docs():
            yield self._stored_article(fields, with_paths=False, with_body=with_body)

    def file_count(self) -> int:
        return self._catalog.file_count()

    # -- helpers -----------------------------------------------------------
    def _group_size(self, group: str) -> int:
        return sum(1 for _ in self._searcher.docs_for_query(Term("group", group)))

    def _stored_article(self, fields: dict, with_paths: bool, with_body: bool = False) -> StoredArticle:
        article_id = fields["id"]
        return StoredArticle(
            id=article_id, headline=fields.get("headline", ""),
            body=self._catalog.body(article_id) if with_body else "",
            date=fields.get("date_text") or None, date_source=fields.get("date_source"),
            source=fields.get("source") or None, dateline=fields.get("dateline") or None,
            byline=fields.get("byline") or None, group=fields.get("group", fields["id"]),
            word_count=fields.get("word_count", 0),
            paths=self._catalog.paths(article_id) if with_paths else (),
            warnings=tuple(fields.get("warnings") or ()),
        )
