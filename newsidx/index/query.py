"""Searching the index: ranking, one result per story, lookups, related articles.

:class:`ArticleSearcher` is the one view of the index the library uses; the
query language is :mod:`newsidx.index.parsing`, snippets
:mod:`newsidx.index.snippets`, the related-articles query
:mod:`newsidx.index.related`.
"""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import replace
from functools import partial, wraps
from datetime import datetime
from itertools import islice
from typing import Iterator, NamedTuple

from whoosh.query import Prefix, Term
from whoosh.util.times import datetime_to_long, long_to_datetime

from newsidx.errors import AmbiguousIdError, ArticleNotFoundError, DamagedIndexError, NewsidxError, QuerySyntaxError
from newsidx.index import exact, spelling
from newsidx.index.analysis import term_counts, term_spans, terms
from newsidx.index.catalog import EXTRACTION_SETTING, CatalogReader
from newsidx.index.columns import column_values
from newsidx.index.docsets import matching_docs
from newsidx.index.exact import EXACT_ANALYZER
from newsidx.index.parsing import ArticleQueryParser, check_expansions, split_dates
from newsidx.index.related import CANDIDATES, RELATED_MIN_SCORE, cosine, related_query, term_vector
from newsidx.index.scoring import top_scored
from newsidx.index.snippets import body_snippet
from newsidx.models import Facets, Filters, Hit, RelatedArticle, SearchResults, StoredArticle, Timeline
from newsidx.periods import fill_periods, period_label

FEW_HITS = 2  # a query finding no more than this is checked for misspellings
# Whoosh stores dates as longs; larger values are its column default: no date.
_LATEST = datetime_to_long(datetime.max)
_UNDATED = _LATEST + 1


class _Query(NamedTuple):
    ranking: object  # Whoosh's query, as parsed (stemmed), top-level date ranges taken out
    candidates: object  # what a match must satisfy in the index (= ranking, unless --exact)
    as_typed: object | None  # --exact: the query with unstemmed words, checked on each candidate
    earliest: int | None = None  # the date ranges taken out, as inclusive bounds on date longs
    latest: int | None = None


class _Match(NamedTuple):
    docnum: int
    story: bytes
    when: int  # the date as Whoosh's long, > _LATEST when undated
    source: str


# Exceptions that mean a bug in newsidx, never damage: they keep their traceback.
_BUGS = (TypeError, AttributeError, NameError, AssertionError, NotImplementedError, RecursionError,
         BrokenPipeError)


def _reading(method):
    """Report what reading a damaged index raises (Whoosh: a bare ``Exception``
    for a bad block tag, ``struct.error``, ``zlib.error``, ``EOFError``...) as
    :class:`DamagedIndexError`, with the way to rebuild. The file checks made
    on opening catch files cut short or missing; this catches the rest, such
    as garbage of the right size."""
    def reported(searcher, exc: Exception) -> DamagedIndexError:
        return DamagedIndexError(searcher._location, f"a segment cannot be read ({type(exc).__name__}: {exc})")

    if inspect.isgeneratorfunction(method):
        @wraps(method)
        def generator(self, *args, **kwargs):
            try:
                yield from method(self, *args, **kwargs)
            except (NewsidxError, *_BUGS):
                raise
            except Exception as exc:
                raise reported(self, exc) from exc
        return generator

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (NewsidxError, *_BUGS):
            raise
        except Exception as exc:
            raise reported(self, exc) from exc
    return wrapper


class ArticleSearcher:
    """A read-only view of the last committed state of the index."""

    def __init__(self, searcher, catalog: CatalogReader, location: str = ""):
        self._searcher = searcher  # Whoosh's default weighting is BM25F
        self._location = location
        self._catalog = catalog  # bodies and file paths, as of the searcher's generation
        self._body_frequencies: dict[str, int] = {}  # see _body_frequency
        self._parser = ArticleQueryParser(searcher.schema)
        self._exact_parser = None  # made for the first --exact query

    def close(self) -> None:
        self._searcher.close()
        self._catalog.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- search ------------------------------------------------------------
    @_reading
    def search(self, text: str, filters: Filters = Filters(), *, limit: int = 10, page: int = 1,
               sort: str = "relevance", facets: bool = True, suggest: bool = True) -> SearchResults:
        """One page of hits for ``text`` (``limit`` 0: every hit), with the
        total and facets over every hit, and a spelling suggestion when the
        query finds little. With no hits at all and a suggestion that finds
        some, the suggestion's hits are returned (``corrected``)."""
        query = self._parse(text, filters)
        matches, undated_excluded, complete = self._scan(query, filters, with_sources=facets)
        suggestion = None
        if suggest and len(matches) <= FEW_HITS:
            suggestion = self._suggestion(text, query, filters, len(matches))
            if suggestion is not None and not matches:
                corrected = self.search(suggestion, filters, limit=limit, page=page, sort=sort,
                                        facets=facets, suggest=False)
                return replace(corrected, query=text, suggestion=suggestion, corrected=True)
        hits = tuple(self._hits(query, matches, complete, filters.one_per_story, sort, limit, page))
        return SearchResults(text, len(matches), hits, page=page, limit=limit,
                             facets=_facets(matches) if facets else None,
                             undated_excluded=undated_excluded, suggestion=suggestion)

    @_reading
    def iter_hits(self, text: str, filters: Filters = Filters(), *, sort: str = "relevance") -> Iterator[Hit]:
        """Every hit, best first, built one at a time (for exports of any size)."""
        query = self._parse(text, filters)
        matches, _, complete = self._scan(query, filters, with_sources=False)
        yield from self._hits(query, matches, complete, filters.one_per_story, sort, 0, 1)

    @_reading
    def timeline(self, text: str, filters: Filters = Filters(), by: str = "month") -> Timeline:
        """How many articles (stories) match per period, from the first to the last."""
        matches, _, _ = self._scan(self._parse(text, filters), filters, with_sources=False)
        counts = Counter(period_label(long_to_datetime(m.when), by) for m in matches if m.when <= _LATEST)
        undated = sum(1 for m in matches if m.when > _LATEST)
        return Timeline(text, by, tuple(fill_periods(counts, by)), undated)

    def _parse(self, text: str, filters: Filters) -> _Query:
        query = self._parser.parse(text)
        check_expansions(query, self._searcher.reader())
        query, earliest, latest = split_dates(query)
        if not filters.exact:
            return _Query(query, query, None, earliest, latest)
        if self._exact_parser is None:
            self._exact_parser = ArticleQueryParser(self._searcher.schema, analyzer=EXACT_ANALYZER)
        as_typed = self._exact_parser.parse(text)
        return _Query(query, exact.candidates_query(query), as_typed, earliest, latest)

    def _exact_test(self, query: _Query):
        """Whether a document matches ``query`` with its words as typed (see :mod:`newsidx.index.exact`)."""
        other_fields: dict[int, set] = {}

        def in_other_field(leaf) -> bool:
            if id(leaf) not in other_fields:
                other_fields[id(leaf)] = set(self._searcher.docs_for_query(leaf))
            return docnum in other_fields[id(leaf)]

        def test(global_docnum: int) -> bool:
            nonlocal docnum
            docnum = global_docnum
            fields = self._searcher.stored_fields(docnum)
            text = exact.ExactText(fields.get("headline", ""), self._catalog.body(fields["id"]))
            return exact.matches(query.as_typed, text, in_other_field)

        docnum = -1
        return test

    def _scan(self, query: _Query, filters: Filters,
              with_sources: bool = True) -> tuple[list[_Match], int, bool]:
        """Every match that passes ``filters``, in index order (the first copy
        of each story only, if asked: the copy that stands for the story in
        the list, the counts and the facets), read from columns with nothing
        scored; how many the date filter left out for having no date; and
        whether every article the query matched is among them."""
        keep = self._exact_test(query) if query.as_typed is not None else None
        since = _tighter(max, datetime_to_long(filters.since) if filters.since else None, query.earliest)
        until = _tighter(min, datetime_to_long(filters.until) if filters.until else None, query.latest)
        wanted = {name.strip().lower() for name in filters.sources}
        matches, stories, undated_stories, undated, scanned = [], set(), set(), 0, 0
        dated_only = since is not None or until is not None
        for sub, offset in self._searcher.leaf_searchers():
            reader = sub.reader()
            docnums = matching_docs(query.candidates, sub)
            scanned += len(docnums)
            if not docnums:
                continue
            groups = column_values(reader, "group", docnums)
            if filters.one_per_story and not (dated_only or wanted or keep):
                matches += _first_copies(reader, docnums, groups, stories, offset, with_sources)
                continue
            dates = column_values(reader, "date", docnums, default=_UNDATED)
            sources = _sources(reader, docnums) if with_sources or wanted else [""] * len(docnums)
            for docnum, story, when, source in zip(docnums, groups, dates, sources):
                if dated_only:
                    if when > _LATEST:
                        # Counted once per story, like the stories shown; a set of
                        # its own, so a dated copy of the story may still be listed.
                        if not (filters.one_per_story and story in undated_stories):
                            undated += 1
                            undated_stories.add(story)
                        continue
                    if (since is not None and when < since) or (until is not None and when > until):
                        continue
                if wanted and source.lower() not in wanted:
                    continue
                if filters.one_per_story and story in stories:
                    continue  # before the --exact test, which reads the article's text
                if keep is not None and not keep(docnum + offset):
                    continue
                if filters.one_per_story:
                    stories.add(story)
                matches.append(_Match(docnum + offset, story, when, source))
        return matches, undated, len(matches) == scanned

    def _hits(self, query: _Query, matches: list[_Match], complete: bool, one_per_story: bool,
              sort: str, limit: int, page: int) -> Iterator[Hit]:
        first = (page - 1) * limit
        if sort == "relevance":
            ranked = self._ranked(query.candidates, matches, complete, first + limit if limit else None)
        else:
            undated_last = (lambda m: (m.when > _LATEST, -m.when)) if sort == "newest" else \
                (lambda m: (m.when > _LATEST, m.when))
            ranked = ((m.docnum, None) for m in sorted(matches, key=undated_last))
        chosen = islice(ranked, first, first + limit if limit else None)
        if query.as_typed is None:
            terms = _body_terms(query.candidates, self._searcher.reader())
            word_spans = partial(term_spans, initials=frozenset(term[:1] for term in terms))
        else:
            terms, word_spans = exact.body_words(query.as_typed), exact.word_spans
        for rank, (docnum, score) in enumerate(chosen, start=first + 1):
            fields = self._searcher.stored_fields(docnum)
            article = self._stored_article(fields, with_paths=True, with_body=True)
            similar = self._group_size(article.group) - 1 if one_per_story else 0
            yield Hit(rank, score, article, body_snippet(article.body, terms, word_spans), similar)

    def _ranked(self, query, matches: list[_Match], complete: bool, depth: int | None):
        """(docnum, score) of ``matches``, best first, at least ``depth`` deep
        (every match when None).

        Only the matches kept are scored: one copy per story, so no
        collapsing is needed afterwards (Whoosh's ``collapse=`` scores every
        copy and disables its skipping of low-scoring blocks). When the scan
        kept every match, nothing needs filtering at all."""
        if not matches:
            return iter(())
        allowed = None if complete else {m.docnum for m in matches}
        best = top_scored(query, self._searcher, allowed, depth)
        if best is not None:
            return iter(best)
        results = self._searcher.search(query, limit=depth, filter=allowed)
        return ((hit.docnum, hit.score) for hit in results)

    def _suggestion(self, text: str, query: _Query, filters: Filters, found: int) -> str | None:
        """A corrected query, if it finds clearly more than ``found`` hits."""
        corrected_text = spelling.suggest(text, query.candidates, self._searcher.reader())
        if corrected_text is None:
            return None
        try:
            corrected = self._parse(corrected_text, filters)
        except QuerySyntaxError:
            return None
        better, _, _ = self._scan(corrected, filters, with_sources=False)
        return corrected_text if len(better) >= max(found * 3, found + 1) else None

    # -- lookups -----------------------------------------------------------
    @_reading
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

    @_reading
    def copies(self, article: StoredArticle) -> list[StoredArticle]:
        """Other articles of the same story group (near-duplicates)."""
        found = []
        for docnum in self._searcher.docs_for_query(Term("group", article.group)):
            fields = self._searcher.stored_fields(docnum)
            if fields["id"] != article.id:
                found.append(self._stored_article(fields, with_paths=True))
        return sorted(found, key=lambda a: a.id)

    @_reading
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
        wanted = max(CANDIDATES, limit)
        ranked = top_scored(query, self._searcher, None, wanted + len(story))
        if ranked is None:  # not a word query: Whoosh ranks it, the story masked
            candidates = [hit.docnum for hit in self._searcher.search(query, limit=wanted, mask=story)]
        else:
            candidates = [docnum for docnum, _ in ranked if docnum not in story][:wanted]
        if not candidates:
            return []

        def vector(headline: str, body: str) -> dict[str, float]:
            return term_vector(term_counts(f"{headline}\n{body}"), self._body_frequency, articles)

        own = vector(article.headline, article.body or self._catalog.body(article.id))
        related = []
        for docnum in candidates:
            fields = self._searcher.stored_fields(docnum)
            score = cosine(own, vector(fields.get("headline", ""), self._catalog.body(fields["id"])))
            if score >= min_score:
                related.append(RelatedArticle(self._stored_article(fields, with_paths=False), score))
        related.sort(key=lambda r: (-r.score, r.article.id))
        return related[:limit]

    @_reading
    def document_frequency(self, word: str) -> int:
        """How many articles use ``word`` in their body (after stemming)."""
        stems = terms(word)
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

    @_reading
    def all_articles(self, with_body: bool = False):
        reader = self._searcher.reader()
        for _, fields in reader.iter_docs():
            yield self._stored_article(fields, with_paths=False, with_body=with_body)

    def file_count(self) -> int:
        return self._catalog.file_count()

    def extraction(self) -> str | None:
        """The fingerprint of the extraction the articles were made with (see IndexUpdate.set_extraction)."""
        return self._catalog.setting(EXTRACTION_SETTING)

    # -- helpers -----------------------------------------------------------
    def _group_size(self, group: str) -> int:
        # the group's posting blocks read whole, not its matcher walked a document at a time
        story = Term("group", group)
        return sum(len(matching_docs(story, sub)) for sub, _ in self._searcher.leaf_searchers())

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


def _tighter(pick, bound: int | None, other: int | None) -> int | None:
    return bound if other is None else other if bound is None else pick(bound, other)


def _first_copies(reader, docnums: list[int], groups: list, stories: set, offset: int,
                  with_sources: bool) -> list[_Match]:
    """The matches of one segment that are the first copy of a story not met
    in an earlier segment (``stories``, which gains theirs), in document order.

    What the general loop of ``_scan`` keeps when nothing else filters, found
    with dict and set operations in C, and the dates and sources read for the
    copies kept only: a story has dozens of copies in some archives, and a
    common word matched tens of thousands of documents, each once round the
    loop."""
    # Built from the end, so each story keeps the index of its first copy.
    first = dict(zip(reversed(groups), range(len(groups) - 1, -1, -1)))
    for story in stories.intersection(first):
        del first[story]
    stories.update(first)
    kept = sorted(first.values())
    kept_docnums = [docnums[i] for i in kept]
    dates = column_values(reader, "date", kept_docnums, default=_UNDATED)
    sources = _sources(reader, kept_docnums) if with_sources else [""] * len(kept)
    return list(map(_Match, [docnum + offset for docnum in kept_docnums], [groups[i] for i in kept],
                    dates, sources))


def _sources(reader, docnums: list[int]) -> list[str]:
    if "outlet" in reader.schema and reader.has_column("outlet"):
        names = {}
        return [names.get(raw) or names.setdefault(raw, raw.decode("utf-8", "replace"))
                for raw in column_values(reader, "outlet", docnums)]
    # Indexes from before the column: the stored field, slower.
    return [reader.stored_fields(docnum).get("source") or "" for docnum in docnums]


def _body_terms(query, reader) -> frozenset[str]:
    """The body words the query matches, expansions of wildcards and fuzzy terms included."""
    # fieldname= is needed: without it Whoosh's loop reuses the name for the
    # first leaf's field and skips every leaf of another field.
    return frozenset(text.decode("utf-8")
                     for _, text in query.existing_terms(reader, phrases=True, expand=True, fieldname="body"))


def _facets(matches: list[_Match]) -> Facets:
    sources = Counter(m.source for m in matches if m.source)
    dated = [long_to_datetime(m.when) for m in matches if m.when <= _LATEST]
    by = "month" if dated and (max(dated) - min(dated)).days < 730 else "year"
    periods = Counter(period_label(moment, by) for moment in dated)
    return Facets(sources=tuple(sorted(sources.items(), key=lambda item: (-item[1], item[0].lower()))), period=by,
                  dates=tuple(sorted(periods.items())), undated=len(matches) - len(dated))
