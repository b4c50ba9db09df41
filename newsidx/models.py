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
class ArticleView:
    """Everything `show` displays about one article."""

    article: StoredArticle
    summary: tuple[str, ...]
    key_terms: tuple[str, ...]
    related: tuple[StoredArticle, ...]
    copies: tuple[StoredArticle, ...]  # other articles in the same story group

    def to_dict(self) -> dict:
        data = self.article.to_dict()
        data["summary"] = list(self.summary)
        data["key_terms"] = list(self.key_terms)
        data["related"] = [{"id": r.id, "headline": r.headline, "date": r.date} for r in self.related]
        data["copies"] = [{"id": c.id, "headline": c.headline, "path": c.path} for c in self.copies]
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

    def to_dict(self) -> dict:
        data = asdict(self)
        data["top_sources"] = [{"source": s, "articles": n} for s, n in self.top_sources]
        return data
