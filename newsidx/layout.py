"""What a page of search results and an article's page say, line by line,
laid out once for both outputs.

A line is a sequence of (text, style) parts; the style is a rich style name
or None. In a terminal :mod:`newsidx.render` prints the lines with rich; piped
into another program they are written as plain text
(:func:`print_plain`), so a ``search`` or ``show`` whose output goes to
``grep`` or a script never imports rich (``show``: about 60 ms of a 300 ms
command at 100,000 articles, import and drawing), and both outputs say the
same thing.

Every string taken from an article goes through :func:`newsidx.terminal.safe`
here, so neither output can print a control character from scraped text.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, NamedTuple

from newsidx.display import display_path
from newsidx.terminal import safe

if TYPE_CHECKING:
    from newsidx.models import ArticleView, Facets, SearchResults

HEADLINE = "bold"
MATCH = "bold yellow"
DIM = "dim"
LABEL = "cyan"
INDENT = "    "
FACETS_SHOWN = 8

_WHITESPACE = re.compile(r"\s+")

Part = tuple[str, "str | None"]


class StyledLine(NamedTuple):
    """One printed line; ``indented`` lines keep their indent when a terminal
    wraps them. A line with a ``label`` is a row of label and value (the
    parts): a run of them is a table of two columns. A ``rule`` line is a
    section heading drawn across the width."""

    parts: tuple[Part, ...] = ()
    indented: bool = False
    label: str | None = None
    rule: bool = False


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


LEAD_PARAGRAPHS = 3  # shown without --full, after the summary


def _day(date_text: str | None) -> str:
    return date_text[:10] if date_text else "undated"


def _dated(view: ArticleView) -> str | None:
    """``Monday 2008-09-08 21:16``: the weekday people think in, the date as stored."""
    date_text = view.article.date
    if not date_text:
        return None
    return " ".join(part for part in (view.weekday, date_text.replace("T", " ")) if part)


def _copies_note(count: int) -> str | None:
    if not count:
        return None
    return f"+{count} near-identical cop{'ies' if count != 1 else 'y'}"


def _heading(title: str) -> StyledLine:
    return StyledLine(((title, LABEL),), rule=True)


def article_lines(view: ArticleView, full: bool = False, lead_paragraphs: int = LEAD_PARAGRAPHS) -> list[StyledLine]:
    """The page of one article: header, summary, body (the first paragraphs
    unless ``full``), other copies and related coverage."""
    article = view.article
    lines = [StyledLine(((safe(article.headline) or "(no headline)", HEADLINE),))]
    minutes = f"{article.word_count} ({view.reading_minutes} min read)" if view.reading_minutes else "0"
    rows = [
        ("id", article.id), ("date", _dated(view)), ("source", article.source),
        ("byline", article.byline), ("dateline", article.dateline),
        ("words", minutes), ("story", _copies_note(len(view.copies))),
        ("file", display_path(article.path) if article.path else None),
    ]
    rows += [("", display_path(path)) for path in article.paths[1:]]
    if view.key_terms:
        rows.append(("key terms", ", ".join(view.key_terms)))
    lines += [StyledLine(((safe(value), None),), label=label) for label, value in rows if value]
    if view.summary:
        lines.append(_heading("Summary"))
        lines += [StyledLine((("• ", None), (safe(sentence), None))) for sentence in view.summary]
    lines.append(_heading("Article"))
    paragraphs = [p for p in article.body.split("\n") if p.strip()]
    shown = paragraphs if full else paragraphs[:lead_paragraphs]
    for paragraph in shown:
        lines += [StyledLine(((safe(paragraph), None),)), BLANK]
    if len(shown) < len(paragraphs):
        more = len(paragraphs) - len(shown)
        lines.append(StyledLine(((f"{more} more {plural(more, 'paragraph')} — --full", DIM),)))
    if view.copies:
        lines.append(_heading(f"Other copies of this story ({len(view.copies)})"))
        lines += [StyledLine(tuple(meta_parts(("", copy.id), ("", _day(copy.date)), ("", copy.headline),
                                              ("", display_path(copy.path)))))
                  for copy in view.copies]
    lines.append(_heading("Related coverage"))
    if not view.related:
        lines.append(StyledLine((("No related coverage in this archive", DIM),)))
    for other in view.related:
        related = other.article
        lines.append(StyledLine(tuple(meta_parts(("", related.id), ("", _day(related.date)), ("", related.source),
                                                 ("similarity", f"{other.score:.2f}"), ("", related.headline)))))
    return lines


def story_lines(view: ArticleView) -> list[StyledLine]:
    """The story's timeline: oldest first, this article marked, days between entries."""
    lines = []
    for entry in view.story:
        stored = entry.article
        marker = {"this": "▶ ", "copy": "= ", "related": "  "}[entry.kind]
        gap = f"+{entry.gap_days}d" if entry.gap_days is not None else ""
        parts = [(marker, "bold" if entry.kind == "this" else DIM), (f"{gap:>6}  ", DIM)]
        parts += meta_parts(
            ("", _day(stored.date)), ("", stored.id), ("", stored.source),
            ("similarity", f"{entry.score:.2f}" if entry.score is not None else None),
            ("", "this article" if entry.kind == "this" else "copy" if entry.kind == "copy" else None),
            ("", stored.headline))
        lines.append(StyledLine(tuple(parts)))
    if len(view.story) == 1:
        lines.append(StyledLine((("No related coverage in this archive", DIM),)))
    return lines


def print_plain(lines: list[StyledLine]) -> None:
    """The lines without styles, as rich prints them to a pipe: never
    wrapped; a run of rows as label and value, labels padded to the
    longest; headings as rules across the width rich would use."""
    width = None
    label_width = 0
    out = []
    for number, line in enumerate(lines):
        text = "".join(part for part, _ in line.parts)
        if line.label is not None:
            if number == 0 or lines[number - 1].label is None:  # a new run of rows
                label_width = max(len(row.label) for row in _run_of_rows(lines, number))
            out.append(f"{line.label.ljust(label_width)}  {text}")
        elif line.rule:
            width = _plain_width() if width is None else width
            out.append(_rule(text, width))
        else:
            out.append((INDENT if line.indented else "") + text)
    sys.stdout.write("".join(f"{line}\n" for line in out))


def _run_of_rows(lines: list[StyledLine], start: int) -> list[StyledLine]:
    end = start
    while end < len(lines) and lines[end].label is not None:
        end += 1
    return lines[start:end]


def _plain_width() -> int:
    """The width rich gives a console that is not a terminal: ``COLUMNS``,
    else the size of the first of stdin, stdout and stderr that is a
    terminal (``show | less`` from a shell: the screen's), else 80."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def _rule(title: str, width: int) -> str:
    """``Title ──────``, ``width`` long, the title cut with an ellipsis to leave room for the rule."""
    room = width - 2
    if room <= 0:
        return "─" * width
    if len(title) > room:
        title = title[:room - 1] + "…"
    return f"{title} ".ljust(width, "─")
