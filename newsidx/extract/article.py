"""The Article record: what extraction finds in one page dump."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Article:
    """One extracted article. Every field may be empty: extraction never fails.

    ``date`` is ISO 8601: ``YYYY-MM-DD``, or a full timestamp
    (``YYYY-MM-DDTHH:MM[:SS][+HH:MM]``) when the page gives a time.
    ``date_source`` says how the date was found (for example ``"label:published"``,
    ``"near-headline"``, ``"path"``), ``None`` when there is no date.
    """

    headline: str = ""
    body: str = ""
    date: str | None = None
    date_source: str | None = None
    source: str | None = None  # agency or publisher credited, e.g. "Xinhua", "Reuters"
    dateline: str | None = None  # place the story was filed from, e.g. "MOSCOW"
    byline: str | None = None  # author as printed, e.g. "John Doe"
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["warnings"] = list(self.warnings)
        return data
