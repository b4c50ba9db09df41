"""Plain records handed between layers: what the index returns and render shows.

They carry no behaviour beyond small derived properties, so render and the CLI
can use them without importing the index (and so Whoosh).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class StoredArticle:
    id: str
    headline: str
    body: str
    date: str | None
    date_source: str | None
    source: str | None
    dateline: str | None
    byline: str | None
    group: str
    word_count: int
    paths: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return self.paths[0] if self.paths else ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["paths"] = list(self.paths)
        data["warnings"] = list(self.warnings)
        data["path"] = self.path
        return data


@dataclass(frozen=True)
class Snippet:
    """Text with the stretches that matched the query marked.

    Kept as segments rather than markup so no renderer ever has to parse
    article text for formatting codes.
    """

    segments: tuple[tuple[str, bool], ...] = ()

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.segments)

    @property
    def matches(self) -> list[tuple[int, int]]:
        spans, offset = [], 0
        for part, matched in self.segments:
            if matched:
                spans.append((offset, offset + len(part)))
            offset += len(part)
        return spans


@dataclass(frozen=True)
class Filters:
    """Which matches count, for search and timeline alike."""

    since: datetime | None = None  # both ends included
    until: datetime | None = None
    sources: tuple[str, ...] = ()  # whole source names, any case; empty: every source
    one_per_story: bool = True  # near-identical copies count once
    exact: bool = False  # words match only as typed, not stemmed


@dataclass(frozen=True)
class Hit:
    rank: int
    score: float | None  # None when sorted by date: nothing was scored
    article: StoredArticle
    snippet: Snippet
    similar: int = 0  # other copies of the same story not listed

    # The fields of a hit in --format csv and jsonl, in order.
    EXPORT_FIELDS = ("rank", "id", "date", "headline", "source", "dateline", "byline",
                     "words", "path", "score", "similar", "group")

    def to_dict(self) -> dict:
        """The export record with the snippet and its matched spans: a hit in ``--json``."""
        return {**self.to_record(), "snippet": self.snippet.text, "matches": self.snippet.matches}

    def to_record(self) -> dict:
        """A flat record of :data:`EXPORT_FIELDS`: a CSV row or a JSON line."""
        a = self.article
        return {
            "rank": self.rank, "id": a.id, "date": a.date, "headline": a.headline,
            "source": a.source, "dateline": a.dateline, "byline": a.byline,
            "words": a.word_count, "path": a.path,
            "score": None if self.score is None else round(self.score, 4),
            "similar": self.similar, "group": a.group,
        }


@dataclass(frozen=True)
class Facets:
    """Counts over every hit (not only the page shown): by source, and by year,
    or by month when the hits span under two years."""

    sources: tuple[tuple[str, int], ...] = ()
    period: str = "year"  # what ``dates`` counts by: year or month
    dates: tuple[tuple[str, int], ...] = ()
    undated: int = 0

    def to_dict(self) -> dict:
        return {
            "source": [{"value": name, "count": n} for name, n in self.sources],
            self.period: [{"value": label, "count": n} for label, n in self.dates],
            "undated": self.undated,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # stories, or articles with --all
    hits: tuple[Hit, ...]
    page: int = 1
    limit: int = 10
    facets: Facets | None = None
    undated_excluded: int = 0  # left out by a date filter because they carry no date
    suggestion: str | None = None  # "did you mean": a query that finds much more
    corrected: bool = False  # the hits are the suggestion's: the query found nothing

    @property
    def first(self) -> int:
        """The rank of the first hit shown (1-based); 0 when none is."""
        return self.hits[0].rank if self.hits else 0

    def to_dict(self) -> dict:
        return {
            "query": self.query, "total": self.total, "page": self.page, "limit": self.limit,
            "hits": [h.to_dict() for h in self.hits],
            "facets": self.facets.to_dict() if self.facets else None,
            "undated_excluded": self.undated_excluded,
            "suggestion": self.suggestion, "corrected": self.corrected,
        }


@dataclass(frozen=True)
class Timeline:
    """How many articles match per period (month, year, week or day)."""

    query: str
    by: str
    counts: tuple[tuple[str, int], ...]  # every period from the first to the last, zeros included
    undated: int = 0

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def peak(self) -> tuple[str, int] | None:
        return max(self.counts, key=lambda item: item[1]) if self.counts else None

    def to_dict(self) -> dict:
        return {"query": self.query, "by": self.by, "total": self.total, "undated": self.undated,
                "counts": [{"period": label, "count": n} for label, n in self.counts]}


@dataclass(frozen=True)
class RelatedArticle:
    """Another article on the same topic, with how close it is.

    ``score`` is comparable across articles: 1.0 would be an article that
    matches the related query as well as the article it was asked for
    (see :mod:`newsidx.index.related`).
    """

    article: StoredArticle
    score: float

    def to_dict(self) -> dict:
        a = self.article
        return {"id": a.id, "headline": a.headline, "date": a.date, "source": a.source,
                "score": round(self.score, 3)}


@dataclass(frozen=True)
class StoryEntry:
    """One article on the timeline of a story: the article shown, a copy of it
    or related coverage, with the days since the entry before it."""

    article: StoredArticle
    kind: str  # "this", "copy" or "related"
    score: float | None = None  # similarity, for related coverage
    gap_days: int | None = None  # since the previous dated entry; None when either is undated

    def to_dict(self) -> dict:
        a = self.article
        return {"id": a.id, "headline": a.headline, "date": a.date, "source": a.source, "kind": self.kind,
                "score": None if self.score is None else round(self.score, 3), "gap_days": self.gap_days}


@dataclass(frozen=True)
class ArticleView:
    """Everything `show` displays about one article."""

    article: StoredArticle
    summary: tuple[str, ...]
    key_terms: tuple[str, ...]
    related: tuple[RelatedArticle, ...]
    copies: tuple[StoredArticle, ...]  # other articles in the same story group
    story: tuple[StoryEntry, ...] = ()  # the article, its copies and related coverage, by date
    weekday: str | None = None  # of the article's date
    reading_minutes: int = 0
    citation: dict = field(default_factory=dict)  # format name -> citation (see newsidx.cite)

    def to_dict(self) -> dict:
        data = self.article.to_dict()
        data["weekday"] = self.weekday
        data["reading_minutes"] = self.reading_minutes
        data["summary"] = list(self.summary)
        data["key_terms"] = list(self.key_terms)
        data["related"] = [r.to_dict() for r in self.related]
        data["copies"] = [{"id": c.id, "headline": c.headline, "date": c.date, "source": c.source,
                           "path": c.path} for c in self.copies]
        data["story"] = [entry.to_dict() for entry in self.story]
        data["citation"] = dict(self.citation)
        return data


@dataclass(frozen=True)
class FileProblem:
    """A file or folder that could not be used, with a short lower-case reason.

    Met while finding files (:func:`newsidx.sources.discover`), reading or
    extracting them; ``IngestReport.failed`` lists them.
    """

    path: str
    reason: str


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    duplicate: int = 0
    missing: int = 0
    failed: list[FileProblem] = field(default_factory=list)
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)  # what the reader should know about the run

    def to_dict(self) -> dict:
        data = asdict(self)
        data["failed"] = [asdict(p) for p in self.failed]
        return data


@dataclass(frozen=True)
class ArchiveStats:
    location: str
    size_bytes: int
    articles: int
    files: int
    story_groups: int
    earliest: str | None
    latest: str | None
    top_sources: tuple[tuple[str, int], ...]
    # whether this newsidx's extraction made the indexed articles (None: no files indexed)
    extraction_current: bool | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["top_sources"] = [{"source": s, "articles": n} for s, n in self.top_sources]
        return data
