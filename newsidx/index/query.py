"""Query parsing, BM25F ranking, highlighted snippets, lookups and related articles.

The query language is Whoosh's: words (all must match), ``OR``, ``NOT``,
``"phrases"``, ``field:word`` for headline, body, source, dateline and byline,
and ``date:2008``, ``date:2008-09``, ``date:[2008-09-01 TO 2008-09-30]``,
``date:>2008-09-01``. Whoosh quietly reinterprets some broken input (an
unclosed quote or parenthesis); newsidx reports those as errors instead, so a
user never gets results for a query they did not mean.
"""

from __future__ import annotations

from datetime import datetime

from whoosh import highlight
from whoosh.qparser import GtLtPlugin, MultifieldParser
from whoosh.qparser.common import QueryParserError
from whoosh.query import And, ConstantScoreQuery, DateRange, Or, Phrase, Prefix, Term

from newsidx.errors import AmbiguousIdError, ArticleNotFoundError, QuerySyntaxError
from newsidx.index.analysis import TEXT_ANALYZER
from newsidx.index.catalog import CatalogReader
from newsidx.index.schema import FIELD_BOOSTS, SEARCH_FIELDS
from newsidx.models import Hit, SearchResults, Snippet, StoredArticle

SNIPPET_CHARS = 220
OVERFETCH = 4  # hits fetched per hit shown, when one story may have several copies
REPEAT_SHARE = 0.6  # a snippet passage sharing more of its words than this with an earlier one is a repeat


class _SegmentFormatter(highlight.Formatter):
    """Returns highlights as (text, matched) segments instead of marked-up text."""

    between = " … "

    def format_fragment(self, fragment, replace=False):
        segments, index, text = [], fragment.startchar, fragment.text
        for token in sorted(fragment.matches, key=lambda t: (t.startchar, -(t.endchar - t.startchar))):
            if token.startchar is None or token.startchar < index:
                continue
            if token.startchar > index:
                segments.append((text[index:token.startchar], False))
            segments.append((text[token.startchar:token.endchar], True))
            index = token.endchar
        segments.append((text[index:fragment.endchar], False))
        return segments

    def format(self, fragments, replace=False):
        joined: list[tuple[str, bool]] = []
        shown: list[set[str]] = []
        for fragment in fragments:
            words = set(fragment.text[fragment.startchar:fragment.endchar].lower().split())
            # Pages often print a paragraph twice: show a passage once.
            if any(len(words & other) > REPEAT_SHARE * min(len(words), len(other)) for other in shown):
                continue
            if shown:
                joined.append((self.between, False))
            shown.append(words)
            joined.extend(self.format_fragment(fragment, replace))
        return joined


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QuerySyntaxError(f"unclosed quote in query {text!r}")
    depth = 0
    in_phrase = False
    for char in text:
        if char == '"':
            in_phrase = not in_phrase
        elif not in_phrase and char == "(":
            depth += 1
        elif not in_phrase and char == ")":
            depth -= 1
            if depth < 0:
                raise QuerySyntaxError(f"unmatched ')' in query {text!r}")
    if depth:
        raise QuerySyntaxError(f"unclosed '(' in query {text!r}")


def _parse_errors(query) -> list[str]:
    errors = []
    error = getattr(query, "error", None)
    if error:
        errors.append(str(error))
    for child in query.children():
        errors.extend(_parse_errors(child))
    return errors


def _date_text(fields: dict) -> str | None:
    return fields.get("date_text") or None


class ArticleSearcher:
    """A read-only view of the last committed state of the index."""

    def __init__(self, searcher, catalog: CatalogReader):
        self._searcher = searcher  # Whoosh's default weighting is BM25F
        self._catalog = catalog  # bodies and file paths, as of the searcher's generation
        self._parser = MultifieldParser(list(SEARCH_FIELDS), searcher.schema, fieldboosts=FIELD_BOOSTS)
        self._parser.add_plugin(GtLtPlugin())

    def close(self) -> None:
        self._searcher.close()
        self._catalog.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- parsing -----------------------------------------------------------
    def parse(self, text: str):
        if not text.strip():
            raise QuerySyntaxError("the query is empty")
        _check_balanced(text)
        try:
            query = self._parser.parse(text)
        except QueryParserError as exc:
            raise QuerySyntaxError(f"cannot parse query {text!r}: {exc}") from exc
        errors = _parse_errors(query)
        if errors:
            raise QuerySyntaxError(f"cannot parse query {text!r}: {errors[0]}")
        return query

    # -- search ------------------------------------------------------------
    def search(self, text: str, limit: int = 10, by_date: bool = False,
               one_per_story: bool = True, since: datetime | None = None,
               until: datetime | None = None) -> SearchResults:
        query = self.parse(text)
        if since or until:
            query = And([query, ConstantScoreQuery(DateRange("date", since, until), 0.0)])
        sorting = dict(sortedby="date", reverse=True) if by_date else {}
        results, chosen = self._top_hits(query, limit, one_per_story, sorting)
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
        results.formatter = _SegmentFormatter()
        hits = []
        for rank, hit in enumerate(chosen, start=1):
            article = self._stored_article(hit.fields(), with_paths=True, with_body=True)
            # A match in the headline alone: the headline is shown already.
            segments = (hit.highlights("body", text=article.body, top=2)
                        or [(_opening(article.body), False)])
            similar = self._group_size(article.group) - 1 if one_per_story else 0
            hits.append(Hit(rank, float(hit.score or 0.0), article,
                            Snippet(tuple(segments)), similar))
        return SearchResults(text, max(self._count(query), len(hits)), tuple(hits))

    def _top_hits(self, query, limit: int, one_per_story: bool, sorting: dict):
        """The best ``limit`` hits, the first of each story only if asked.

        Whoosh's own ``collapse=`` (and ``terms=``) score every match, which
        disables its skipping of low-scoring blocks: on a common word that was
        most of a search. Highlights need no recorded terms: they take the
        query's. Instead the top few times ``limit`` are fetched the fast way and
        stories collapsed here, fetching more only when copies crowd the page.
        """
        if not one_per_story:
            results = self._searcher.search(query, limit=limit, **sorting)
            return results, list(results)
        fetch = max(limit * OVERFETCH, limit + 1)
        while True:
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
            fetch *= OVERFETCH

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

    def related(self, article: StoredArticle, key_terms: list[str], limit: int = 5) -> list[StoredArticle]:
        """Articles that use the article's key terms or headline words, other
        copies of the story excluded.

        Searching for the key terms `show` already has (names as phrases) costs
        a fraction of Whoosh's more_like, which re-analyses the whole body. Key
        terms favour words rare in the archive, which in a small archive may be
        words no other article uses: the headline's words name the topic.
        """
        exclude = set(self._searcher.docs_for_query(Term("group", article.group)))
        related = []
        for hit in self._search_terms([*key_terms, *article.headline.split()], limit + len(exclude)):
            if hit.docnum not in exclude:
                related.append(self._stored_article(hit.fields(), with_paths=False))
        return related[:limit]

    def _search_terms(self, key_terms: list[str], limit: int) -> list:
        clauses = []
        for term in key_terms:
            words = [token.text for token in TEXT_ANALYZER(term)]
            if len(words) == 1:
                clauses.append(Term("body", words[0]))
            elif words:
                clauses.append(Phrase("body", words))
        if not clauses:
            return []
        # Not list(results): its len() would count every match in the archive.
        return [hit for hit in self._searcher.search(Or(clauses), limit=limit)]

    def document_frequency(self, word: str) -> int:
        """How many articles use ``word`` in their body (after stemming)."""
        stems = [token.text for token in TEXT_ANALYZER(word)]
        if not stems:
            return 0
        return self._searcher.doc_frequency("body", stems[0])

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
            date=_date_text(fields), date_source=fields.get("date_source"),
            source=fields.get("source") or None, dateline=fields.get("dateline") or None,
            byline=fields.get("byline") or None, group=fields.get("group", fields["id"]),
            word_count=fields.get("word_count", 0),
            paths=self._catalog.paths(article_id) if with_paths else (),
            warnings=tuple(fields.get("warnings") or ()),
        )


def _opening(body: str) -> str:
    if len(body) <= SNIPPET_CHARS:
        return body
    cut = body.rfind(" ", 0, SNIPPET_CHARS)
    return body[: cut if cut > 0 else SNIPPET_CHARS] + " …"
