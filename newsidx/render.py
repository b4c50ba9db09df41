"""Terminal output: the only module that builds rich renderables.

Article text is scraped from the web, so nothing from an article is ever parsed
as rich markup (every string goes into a :class:`rich.text.Text`, never into a
markup template), and control characters -- terminal escape sequences, bidi
overrides -- are removed before anything is printed. When output is piped or
``NO_COLOR`` is set, rich prints plain text without colour codes. Search
results and an article's page are laid out by :mod:`newsidx.layout`, which
piped output prints without rich.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsidx.display import display_path, format_size
from newsidx.layout import DIM, INDENT, LABEL, StyledLine, plural
from newsidx.models import ArchiveStats, FileProblem, IngestReport, Timeline
from newsidx.terminal import is_terminal, safe


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 here, the code for "nothing found"; the command line
        # reports a reader that went away as Unix tools do.
        raise BrokenPipeError


def console(stderr: bool = False) -> Console:
    return _Console(stderr=stderr, highlight=False, markup=False, emoji=False,
                    no_color="NO_COLOR" in os.environ or None)


def _text(parts) -> Text:
    return Text.assemble(*parts)


def _line(out: Console, renderable) -> None:
    """One logical line: never broken when piped, so grep and cut see it whole."""
    out.print(renderable, soft_wrap=not out.is_terminal)


def _grid(rows: list[tuple[str, Text]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style=LABEL, no_wrap=True)
    table.add_column()
    for label, value in rows:
        table.add_row(label, value)
    return table


def _labelled(out: Console, rows: list[tuple[str, Text]]) -> None:
    """Label and value rows: a grid in a terminal; piped, one line a row
    (``grep '^file'`` finds it) with nothing after the value (a grid pads
    every cell to its column's width)."""
    if out.is_terminal:
        out.print(_grid(rows))
        return
    width = max((len(label) for label, _ in rows), default=0)
    for label, value in rows:
        _line(out, Text.assemble((label.ljust(width), LABEL), "  ", value))


def _indented(out: Console, text: Text) -> None:
    if out.is_terminal:  # wrapped lines keep the indent
        out.print(Padding(text, (0, 0, 0, len(INDENT))))
    else:
        _line(out, Text(INDENT) + text)


def styled_lines(lines: list[StyledLine], out: Console) -> None:
    """Lines laid out by :mod:`newsidx.layout`, with their styles."""
    rows: list[tuple[str, Text]] = []
    for line in lines:
        if line.label is not None:
            rows.append((line.label, _text(line.parts)))
            continue
        if rows:
            _labelled(out, rows)
            rows = []
        if line.rule:
            out.rule(_text(line.parts), align="left")
        elif not line.parts:
            out.print()
        elif line.indented:
            _indented(out, _text(line.parts))
        else:
            _line(out, _text(line.parts))
    if rows:
        _labelled(out, rows)


def timeline(chart: Timeline, out: Console, bar_width: int = 50) -> None:
    """One row per period: a bar as long as its count, the peak labelled."""
    _line(out, Text.assemble((f"{chart.total} {plural(chart.total, 'article')} for ", DIM),
                             (safe(chart.query), "bold"), (f" by {chart.by}", DIM)))
    peak = chart.peak
    width = min(bar_width, max(10, out.width - 30)) if out.is_terminal else bar_width
    for label, count in chart.counts:
        bar = "█" * round(count / peak[1] * width) if peak and peak[1] else ""
        row = Text.assemble((f"{label:>10} ", LABEL), (bar or ("▏" if count else ""), "green"),
                            (f" {count}", "bold" if peak and count == peak[1] else DIM))
        if peak and label == peak[0]:
            row.append("  ← peak", "yellow")
        _line(out, row)
    if chart.undated:
        _line(out, Text(f"{chart.undated} undated {plural(chart.undated, 'article')} not charted", DIM))


@contextmanager
def paged(out: Console, enabled: bool = True) -> Iterator[None]:
    """Print what is drawn inside through the pager when it is longer than the
    screen; straight out when ``enabled`` is false or stdout is not a terminal.

    Everything drawn is already safe text: the pager gets rich's own styles
    and nothing from the article that a terminal would act on.
    """
    if not enabled or not out.is_terminal:
        yield
        return
    with out.capture() as capture:
        yield
    drawn = capture.get()
    if drawn.count("\n") <= out.size.height:
        out.file.write(drawn)
        out.file.flush()
        return
    # As git does: a pager without options gets -R (show colours), -F (quit
    # when it all fits after all) and -X (leave the text on the screen).
    os.environ.setdefault("LESS", "FRX")
    import pydoc  # only when paging

    pydoc.pager(drawn)


def extracted(path: str, article, out: Console) -> None:
    if isinstance(article, FileProblem):
        _line(out, Text.assemble((display_path(path), "bold"), ": ", (safe(article.reason), "red")))
        return
    rows = [(label, Text(safe(value) if value else "—", "" if value else DIM))
            for label, value in (("headline", article.headline), ("date", article.date),
                                 ("date from", article.date_source), ("source", article.source),
                                 ("dateline", article.dateline), ("byline", article.byline))]
    rows += [("warning", Text(safe(note), "yellow")) for note in article.warnings]
    body = Text(safe(article.body) or "(no body found)")
    if out.is_terminal:
        out.print(Panel(Group(_grid(rows), Text(), body), title=Text(display_path(path)), title_align="left"))
    else:
        _line(out, Text(f"== {display_path(path)}", "bold"))
        _labelled(out, rows)
        out.print()
        _line(out, body)
        out.print()


def ingest_report(report: IngestReport, out: Console) -> None:
    for problem in report.failed:
        _line(out, Text.assemble(("failed ", "red"), display_path(problem.path), ": ", safe(problem.reason)))
    parts = [("added", report.added), ("updated", report.updated), ("unchanged", report.unchanged),
             ("removed", report.removed), ("duplicate", report.duplicate), ("failed", len(report.failed))]
    line = Text(", ".join(f"{n} {label}" for label, n in parts))
    if report.interrupted:
        line = Text("interrupted; kept what was done: ", "yellow") + line
    out.print(line)
    if report.missing:
        out.print(Text(f"{report.missing} indexed file{'s are' if report.missing != 1 else ' is'} "
                       "no longer on disk; run with --prune to remove them", DIM))


def stats(info: ArchiveStats, out: Console) -> None:
    rows = [("index", Text(safe(info.location))),
            ("size", Text(format_size(info.size_bytes, one_decimal=True))),
            ("articles", Text(f"{info.articles} ({info.story_groups} stories, {info.files} files)")),
            ("dates", Text(f"{info.earliest} to {info.latest}" if info.earliest else "none found"))]
    rows += [("top sources" if number == 0 else "", Text(f"{safe(source)} ({count})"))
             for number, (source, count) in enumerate(info.top_sources)]
    if info.extraction_current is not None:
        rows.append(("extraction", Text("this version's" if info.extraction_current else
                                        "another version's: `newsidx ingest --rebuild` extracts again")))
    _labelled(out, rows)


@contextmanager
def ingest_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr when it is a terminal; no output otherwise."""
    if not is_terminal(sys.stderr):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=console(stderr=True), transient=True)
    task = None
    with bar:
        def update(done: int, total: int) -> None:
            nonlocal task
            if task is None:
                task = bar.add_task("extract", total=total)
            bar.update(task, completed=done)
        yield update
