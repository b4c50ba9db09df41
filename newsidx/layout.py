"""What a page of search results says, line by line, laid out once for both outputs.

A line is a sequence of (text, style) parts; the style is a rich style name
or None. In a terminal :mod:`newsidx.render` prints the lines with rich; piped
into another program they are written as plain text
(:func:`print_plain`), so a search whose output goes to ``grep`` or a
script never imports rich (about 25 ms of a 200 ms command), and both
outputs say the same thing.

Every string taken from an article goes through :func:`newsidx.terminal.safe`
here, so neither output can print a control character from scraped text.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, NamedTuple

from newsidx.terminal import safe

if TYPE_CHECKING:
    from newsidx.models import Facets, SearchResults

HEADLINE = "bold"
MATCH = "bold yellow"
DIM = "dim"
LABEL = "cyan"
INDENT = "    "
FACETS_SHOWN = 8

_WHITESPACE = re.compile(r"\s+")

Part = tuple[str, "str | None"]


class StyledLine(NamedTuple):
    """One printed line; ``indented`` lines keep their indent when a terminal wraps them."""

    parts: tuple[Part, ...] = ()
    indented: bool = False


BLANK = StyledLine()


def plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def meta_parts(*fields: tuple[str, str | None]) -> list[Part]:
    """``label value · label value``, skipping empty values; values made safe."""
    parts: list[Part] = []
    for label, value in fields:
        if not value:
            continue
        if parts:
            parts.append(("  ·  ", DIM))
        if label:
            parts.append((f"{label} ", DIM))
        parts.append((safe(value), None))
    return parts


def search_lines(results: SearchResults) -> list[StyledLine]:
    lines = []
    if results.corrected:
        lines.append(StyledLine((("No results for ", DIM), (safe(results.query), "bold"),
                                 ("; showing results for ", DIM), (safe(results.suggestion), "bold"))))
    header = [(f"{results.total} {plural(results.total, 'result')} for ", DIM),
              (safe(results.suggestion if results.corrected else results.query), "bold")]
    last = results.first + len(results.hits) - 1
    if results.first > 1 or last < results.total:
        header.append((f" · showing {results.first}–{last} of {results.total}", DIM))
    lines.append(StyledLine(tuple(header)))
    if results.suggestion and not results.corrected:
        lines.append(StyledLine((("Did you mean: ", "yellow"), (safe(results.suggestion), "bold yellow"),
                                 ("?", None))))
    if results.undated_excluded:
        lines.append(StyledLine(((f"{results.undated_excluded} undated "
                                  f"{plural(results.undated_excluded, 'article')} left out by the date filter",
                                  DIM),)))
    for hit in results.hits:
        article = hit.article
        lines += [
            BLANK,
            StyledLine(((f"{hit.rank:>2}. ", DIM), (safe(article.headline) or "(no headline)", HEADLINE))),
            StyledLine(tuple(meta_parts(("", article.date[:10] if article.date else "undated"),
                                        ("", article.source), ("id", article.id),
                                        ("", f"+{hit.similar} similar" if hit.similar else None))), True),
            StyledLine(tuple((_WHITESPACE.sub(" ", safe(part)), MATCH if matched else None)
                             for part, matched in hit.snippet.segments), True),
        ]
    if results.facets and results.total > 1:
        lines += facet_lines(results.facets)
    if last < results.total and results.limit:
        pages = -(-results.total // results.limit)
        lines += [BLANK, StyledLine(((f"page {results.page} of {pages} · next: --page {results.page + 1}", DIM),))]
    return lines


def facet_lines(facets: Facets) -> list[StyledLine]:
    lines = [BLANK]
    for label, counts in (("sources", facets.sources), (f"by {facets.period}", facets.dates)):
        if not counts:
            continue
        parts: list[Part] = [(f"{label}: ", LABEL)]
        for number, (value, count) in enumerate(counts[:FACETS_SHOWN]):
            if number:
                parts.append((" · ", DIM))
            parts += [(safe(value), None), (f" {count}", DIM)]
        if len(counts) > FACETS_SHOWN:
            parts.append((f" · {len(counts) - FACETS_SHOWN} more", DIM))
        lines.append(StyledLine(tuple(parts)))
    if facets.undated and facets.dates:
        lines.append(StyledLine(((f"undated: {facets.undated}", DIM),)))
    return lines


def print_plain(lines: list[StyledLine]) -> None:
    """The lines without styles, as rich prints them to a pipe (never wrapped)."""
    sys.stdout.write("".join((INDENT if line.indented else "") + "".join(text for text, _ in line.parts) + "\n"
                             for line in lines))
