"""The library API: an archive of news articles backed by a Whoosh index.

Everything the command line does is available here, so scripts and notebooks
get the same power::

    from newsidx.archive import Archive
    archive = Archive("/tmp/my-index")
    archive.ingest(["corpus"])
    for hit in archive.search("ceasefire").hits:
        print(hit.article.headline)
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from newsidx import sources
from newsidx.models import (
    ArchiveStats, ArticleView, FileProblem, Filters, Hit, IngestReport, SearchResults, StoredArticle,
    Timeline,
)

if TYPE_CHECKING:
    from newsidx.extract import Article
    from newsidx.index import ArticleIndex

INDEX_ENV = "NEWSIDX_INDEX"


def default_index_location() -> str:
    """``$NEWSIDX_INDEX``, else ``$XDG_DATA_HOME/newsidx/index`` (``~/.local/share/newsidx/index``)."""
    if os.environ.get(INDEX_ENV):
        return os.path.abspath(os.path.expanduser(os.environ[INDEX_ENV]))
    data_home = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data_home, "newsidx", "index")


# The index (Whoosh), extraction, ingest and summaries are imported where they
# are used: `search` needs only some of them, `--version` and `--help` none,
# and every import is paid on each start of the CLI.


def extract_files(paths: Iterable[str], pattern: str = "*.txt",
                  max_bytes: int = sources.DEFAULT_MAX_BYTES) -> Iterator[tuple[str, "Article | FileProblem"]]:
    """Extract each file without touching any index: ``(path, Article or FileProblem)``."""
    from newsidx.extract import extract_bytes

    for found in sources.discover(paths, pattern):
        if isinstance(found, FileProblem):
            yield found.path, found
            continue
        try:
            data = sources.read_source(found, max_bytes)
        except sources.SourceError as exc:
            yield found.path, FileProblem(found.path, exc.reason)
            continue
        yield found.path, extract_bytes(data, found.path, found.mtime_ns / 1e9)


# The last moment of a day (periods end on their last microsecond too).
_END_OF_DAY = time.max


def _at(day: date | datetime | None, time_of_day: time) -> datetime | None:
    """A day at ``time_of_day``; a datetime (already a moment) or None as it is."""
    if day is None or isinstance(day, datetime):
        return day
    return datetime.combine(day, time_of_day)


def _filters(all_copies: bool, since, until, sources: Iterable[str], exact: bool) -> Filters:
    return Filters(since=_at(since, time.min), until=_at(until, _END_OF_DAY),
                   sources=tuple(sources), one_per_story=not all_copies, exact=exact)


class Archive:
    def __init__(self, location: str | None = None):
        self.location = os.path.abspath(os.path.expanduser(location)) if location else default_index_location()

    def _open(self) -> "ArticleIndex":
        from newsidx.index import ArticleIndex

        return ArticleIndex.open(self.location)

    def ingest(self, paths: Iterable[str], *, pattern: str = "*.txt",
               max_bytes: int = sources.DEFAULT_MAX_BYTES, jobs: int | None = None,
               prune: bool = False, strict: bool = False, wait: bool = False,
               batch_size: int | None = None, rebuild: bool = False,
               progress: Callable[[int, int], None] | None = None) -> IngestReport:
        """Sync files and folders into the index; only what changed is read.

        ``pattern``: file names to take in folders. ``max_bytes``: larger files
        are refused. ``jobs``: extraction processes (default: every core).
        ``prune``: remove articles whose files are gone (else they are counted
        as missing). ``strict``: stop at the first bad file, keeping what was
        done. ``wait``: wait for another ingest instead of raising
        ``IndexBusyError``. ``batch_size``: index writes per commit (what a
        killed run can lose). ``progress(done, total)`` is called per file.
        ``rebuild``: see :meth:`rebuild`.
        """
        from newsidx.index import ArticleIndex
        from newsidx.ingest import ingest

        options = dict(pattern=pattern, max_bytes=max_bytes, jobs=jobs, strict=strict,
                       batch_size=batch_size, progress=progress)
        if rebuild:
            return self.rebuild(paths, wait=wait, **options)
        index = ArticleIndex.open_or_create(self.location)
        return ingest(index, paths, prune=prune, wait=wait, **options)

    def rebuild(self, paths: Iterable[str] = (), *, wait: bool = False, **options) -> IngestReport:
        """Index every file the index knows (its catalog lists them) and ``paths``
        again, from scratch, into a new index beside the old one, which replaces
        it once complete: the way out of a damaged index. If the catalog cannot
        be read, only ``paths`` are indexed (the report's ``notes`` say so).
        Interrupted or stopped by ``strict``, the old index stays as it was.
        ``options``: as :meth:`ingest`.
        """
        from newsidx.errors import DamagedIndexError, NoIndexError
        from newsidx.index.store import rebuild_beside
        from newsidx.ingest import ingest

        paths = list(paths)
        with rebuild_beside(self.location, wait=wait) as build:
            if build.known_paths is None and not paths:
                if build.catalog_problem:
                    raise DamagedIndexError(self.location, build.catalog_problem, lost_paths=True)
                raise NoIndexError(self.location)
            report = ingest(build.index, [*(build.known_paths or ()), *paths], wait=wait, **options)
            if build.catalog_problem:
                report.notes.append(f"{build.catalog_problem}: rebuilt from the PATHS given only")
            if report.interrupted:
                report.notes.append("the rebuild was interrupted: the index is as it was before")
            else:
                build.swap()
            return report

    def search(self, query: str, *, limit: int = 10, page: int = 1, sort: str = "relevance",
               all_copies: bool = False, since: date | datetime | None = None,
               until: date | datetime | None = None, sources: Iterable[str] = (),
               exact: bool = False, facets: bool = True) -> SearchResults:
        """Page ``page`` of the hits for ``query`` (syntax as ``newsidx search
        --help``), ``limit`` per page, with the total and facets over every hit.

        ``sort``: relevance (BM25F), newest or oldest (undated last).
        ``all_copies``: every copy of a story rather than one per story group.
        ``since`` and ``until`` keep articles dated within them, both ends
        included: a day (a ``date``) means all of it, so
        ``until=date(2010, 3, 20)`` keeps an article dated 2010-03-20 15:00; a
        ``datetime`` means that moment; undated articles are left out (and
        counted). ``sources``: whole source names, any case. ``exact``: words
        match only as typed, not stemmed (slower: see :mod:`newsidx.index.exact`).
        """
        filters = _filters(all_copies, since, until, sources, exact)
        with self._open().searcher() as searcher:
            return searcher.search(query, filters, limit=limit, page=page, sort=sort, facets=facets)

    def iter_hits(self, query: str, *, sort: str = "relevance", all_copies: bool = False,
                  since: date | datetime | None = None, until: date | datetime | None = None,
                  sources: Iterable[str] = (), exact: bool = False) -> Iterator[Hit]:
        """Every hit for ``query``, built one at a time: exports of any size
        hold one article in memory, not all of them."""
        filters = _filters(all_copies, since, until, sources, exact)
        with self._open().searcher() as searcher:
            yield from searcher.iter_hits(query, filters, sort=sort)

    def timeline(self, query: str, *, by: str = "month", all_copies: bool = False,
                 since: date | datetime | None = None, until: date | datetime | None = None,
                 sources: Iterable[str] = (), exact: bool = False) -> Timeline:
        """How many articles match ``query`` per ``by`` (year, month, week, day)."""
        filters = _filters(all_copies, since, until, sources, exact)
        with self._open().searcher() as searcher:
            return searcher.timeline(query, filters, by=by)

    def article(self, id_or_prefix: str) -> StoredArticle:
        with self._open().searcher() as searcher:
            return searcher.get(id_or_prefix)

    def view(self, id_or_prefix: str, related: int = 5, sentences: int = 3) -> ArticleView:
        """One article with its summary (``sentences`` long), key terms, up to
        ``related`` articles on the same topic, other copies, the story's
        timeline and citations."""
        from newsidx import cite, display, story, summary

        with self._open().searcher() as searcher:
            article = searcher.get(id_or_prefix)
            key_terms = summary.key_terms(article.body, searcher.document_frequency,
                                          searcher.article_count())
            related_articles = tuple(searcher.related(article, key_terms, limit=related))
            copies = tuple(searcher.copies(article))
        return ArticleView(
            article=article,
            summary=tuple(summary.summarize(article.body, max_sentences=sentences)),
            key_terms=tuple(key_terms),
            related=related_articles,
            copies=copies,
            story=tuple(story.timeline(article, related_articles, copies)),
            weekday=display.weekday(article.date),
            reading_minutes=display.reading_minutes(article.word_count),
            citation=cite.every_format(article),
        )

    def stats(self, top_sources: int = 5) -> ArchiveStats:
        index = self._open()
        with index.searcher() as searcher:
            dates, source_counts, groups, articles = [], Counter(), set(), 0
            for article in searcher.all_articles():
                articles += 1
                groups.add(article.group)
                if article.date:
                    dates.append(article.date[:10])
                if article.source:
                    source_counts[article.source] += 1
            files = searcher.file_count()
            extraction_current = None
            if files:
                from newsidx.provenance import extraction_fingerprint

                current = extraction_fingerprint()
                extraction_current = None if current is None else searcher.extraction() == current
            return ArchiveStats(
                location=self.location, size_bytes=index.size_bytes(), articles=articles,
                files=files, story_groups=len(groups),
                earliest=min(dates) if dates else None, latest=max(dates) if dates else None,
                top_sources=tuple(source_counts.most_common(top_sources)),
                extraction_current=extraction_current,
            )
