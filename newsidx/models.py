"""Plain records handed between layers: what the index returns and render shows.

They carry no behaviour beyond small derived properties, so render and the CLI
can use them without importing the index (and so Whoosh).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
class Hit:
    rank: int
    score: float
    article: StoredArticle
    snippet: Snippet
    similar: int = 0  # other copies of the same story not listed

    def to_dict(self) -> dict:
        a = self.article
        return {
            "id": a.id, "headline": a.headline, "date": a.date, "source": a.source,
            "path": a.path, "score": round(self.score, 4), "snippet": self.snippet.text,
            "matches": self.snippet.matches, "group": a.group, "similar": self.similar,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[Hit, ...]

    def to_dict(self) -> dict:
        return {"query": self.query, "total": self.total, "hits": [h.to_dict() for h in self.hits]}


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

    def to_dict(self) -> dict:
        data = asdict(self)
        data["top_sources"] = [{"source": s, "articles": n} for s, n in self.top_sources]
        return data
