"""The command line: click commands and their help. Logic lives in the library.

rich (:mod:`newsidx.render`) is imported only by the branches that draw with it,
so ``--json`` and errors start faster.

Exit codes: 0 success; 1 nothing found (no search hits, unknown id) or, for
``ingest``, some files could not be ingested; 2 usage or input errors (bad
options, a query that cannot be parsed, an ambiguous id, no index, a damaged
index, an index folder ingest cannot write); 75 the index is being updated by
another newsidx; 130 interrupted by Ctrl-C.
"""

from __future__ import annotations

import errno
import os
import sys
from contextlib import nullcontext
from datetime import date, datetime

import click

from newsidx import __version__, sources, terminal
from newsidx.archive import INDEX_ENV, Archive, default_index_location, extract_files
from newsidx.display import parse_size
from newsidx.errors import NewsidxError
from newsidx.models import FileProblem

EXIT_NOTHING_FOUND = 1
EXIT_SOME_FAILED = 1
EXIT_INTERRUPTED = 130


class _Size(click.ParamType):
    name = "size"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _Day(click.ParamType):
    """A day as people write it: 2008-09-30, 30 Sep 2008, Sep 30, 2008.

    Converts to a ``date`` (the whole day, see ``Archive.search``), or to a
    ``datetime`` when a time of day other than midnight is given.
    """

    name = "day"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        from dateutil import parser  # only when a date option is given

        try:
            moment = parser.parse(value, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError):
            self.fail(f"{value!r} is not a date like 2008-09-30 or 'Sep 30 2008'", param, ctx)
        return moment.date() if moment.time() == datetime.min.time() else moment


class _NamedPath(click.Path):
    """A file or folder named on the command line: it must exist (exit 2 if
    not), but one that cannot be read is reported like any bad file and the
    others are processed (click's readability check made it a usage error)."""

    def __init__(self):
        super().__init__(exists=True, readable=False)

    def convert(self, value, param, ctx):
        try:
            os.stat(value)
        except OSError as exc:
            if exc.errno not in (errno.ENOENT, errno.ENOTDIR):  # there, but not ours to see
                return value
        except ValueError:
            pass
        return super().convert(value, param, ctx)


def _archive(ctx: click.Context) -> Archive:
    return Archive(ctx.obj["index"])


def _fail(error: NewsidxError):
    terminal.error(str(error))
    sys.exit(error.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newsidx")
@click.option("--index", "index", metavar="DIR", envvar=INDEX_ENV, show_envvar=True,
              help=f"Index directory. Default: {default_index_location()}")
@click.pass_context
def main(ctx: click.Context, index: str | None) -> None:
    """Index, search and read folders of scraped news articles.

    \b
    Examples:
      newsidx ingest ~/news                 index every *.txt under ~/news
      newsidx search "ceasefire russia"     ranked results with snippets
      newsidx search 'headline:georgia date:2008-09' --sort date
      newsidx show 3fa9c2                   one article, by id or id prefix
      newsidx stats                         what the index holds
    """
    ctx.ensure_object(dict)
    ctx.obj["index"] = index


@main.command()
@click.argument("paths", nargs=-1, type=_NamedPath())
@click.option("--glob", "pattern", default="*.txt", show_default=True,
              help="Which files to take from folders (files named on the command line are always taken).")
@click.option("--max-size", type=_Size(), default=sources.DEFAULT_MAX_BYTES,
              help="Skip files larger than this (e.g. 500KB, 8MB).  [default: 8MB]")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Extraction processes.  [default: number of cores]")
@click.option("--prune", is_flag=True, help="Remove articles whose files are gone.")
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be ingested.")
@click.option("--wait", is_flag=True, help="If another ingest is running, wait for it instead of exiting.")
@click.option("--rebuild", is_flag=True,
              help="Index every known file (and PATHS) again into a new index that replaces this one "
                   "once complete: the way out of a damaged index.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as a JSON object.")
# Commit every N documents; hidden because only tests of crash safety need it.
@click.option("--batch-size", type=click.IntRange(min=1), default=None, hidden=True)
@click.pass_context
def ingest(ctx, paths, pattern, max_size, jobs, prune, strict, wait, rebuild, as_json, batch_size):
    """Add new and changed files to the index; skip unchanged ones.

    PATHS are files or folders (searched recursively); the default is ./corpus.
    Re-running only reads files whose size or modification time changed.

    --rebuild re-indexes from scratch every file the index lists, plus PATHS,
    into a new index beside it that replaces it once complete (until then the
    old one is kept). If the index's catalog is unreadable, it knows no files:
    name the folders to re-index.

    Exit status: 0 all good, 1 some files could not be ingested (listed with
    the reason; the rest were), 2 usage error or damaged index, 75 another
    ingest is running.

    \b
    Examples:
      newsidx ingest                        ingest ./corpus
      newsidx ingest ~/news --prune         sync, forgetting deleted files
      newsidx ingest dump/ --glob '*.md' --max-size 2MB
      newsidx ingest --rebuild              rebuild a damaged index from its files
      newsidx ingest --rebuild ~/news       the same, when its catalog is lost too
    """
    if not paths and not rebuild:
        if not os.path.isdir("corpus"):
            raise click.UsageError("no PATHS given and there is no ./corpus folder to ingest")
        paths = ("corpus",)
    if as_json and not terminal.is_terminal(sys.stderr):
        progress_bar = nullcontext(None)  # nothing to draw: don't import rich
    else:
        from newsidx import render

        progress_bar = render.ingest_progress()

    archive = _archive(ctx)
    try:
        with progress_bar as progress:
            report = archive.ingest(paths, pattern=pattern, max_bytes=max_size, jobs=jobs,
                                    prune=prune, strict=strict, wait=wait, rebuild=rebuild,
                                    batch_size=batch_size, progress=progress)
    except NewsidxError as exc:
        _fail(exc)
    except KeyboardInterrupt:  # before any work began, e.g. while --wait waited for the lock
        terminal.error("interrupted; the index was not changed")
        sys.exit(EXIT_INTERRUPTED)
    for note in report.notes:
        terminal.note(note)
    if as_json:
        terminal.print_json(report.to_dict())
    else:
        from newsidx import render

        render.ingest_report(report, render.console())
    if report.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    if report.failed:
        sys.exit(EXIT_SOME_FAILED)


@main.command()
@click.argument("files", nargs=-1, required=True, type=_NamedPath())
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per file: path, headline, date, body, source, dateline, ...")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Which files to take from folders.")
def extract(files, as_json, pattern):
    """Show what extraction finds in files, without indexing them.

    \b
    Examples:
      newsidx extract page.txt
      newsidx extract dumps/ --json | jq .headline
    """
    if not as_json:
        from newsidx import render

        out = render.console()
    failed = 0
    for path, article in extract_files(files, pattern):
        failed += isinstance(article, FileProblem)
        if not as_json:
            render.extracted(path, article, out)
        elif isinstance(article, FileProblem):
            terminal.print_json({"path": path, "error": article.reason})
        else:
            terminal.print_json({"path": path, **article.to_dict()})
    if failed:
        sys.exit(EXIT_SOME_FAILED)


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="date: newest first.")
@click.option("--since", type=_Day(), help="Only articles dated on or after this day (2008-09-01, '1 Sep 2008').")
@click.option("--until", type=_Day(), help="Only articles dated on or before this day.")
@click.option("--all", "all_copies", is_flag=True, help="List every copy of a story, not one per story.")
@click.option("--json", "as_json", is_flag=True, help="Print {query, total, hits: [...]} as JSON.")
@click.pass_context
def search(ctx, query, limit, sort, since, until, all_copies, as_json):
    """Rank articles by relevance (BM25F, headline boosted) to QUERY.

    Words must all match; OR, NOT, "exact phrases", field:word (headline, body,
    source, dateline, byline) and dates (date:2008-09, date:[2008-09-01 TO
    2008-09-30], date:>2008-09-01) work too. Exit status 1 when nothing matches.

    \b
    Examples:
      newsidx search ceasefire
      newsidx search '"peace plan" OR truce' --limit 5
      newsidx search 'source:xinhua russia' --sort date --json
    """
    text = " ".join(query)
    try:
        results = _archive(ctx).search(text, limit=limit, by_date=sort == "date",
                                       all_copies=all_copies, since=since, until=until)
    except NewsidxError as exc:
        _fail(exc)
    if as_json:
        terminal.print_json(results.to_dict())
    elif results.hits:
        from newsidx import render

        render.search_results(results, render.console())
    else:
        terminal.note(f"no articles match {text!r}")
    if not results.hits:
        sys.exit(EXIT_NOTHING_FOUND)


@main.command()
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print every stored field as JSON.")
@click.pass_context
def show(ctx, article_id, as_json):
    """Show one article: metadata, summary, body, related articles.

    ID may be any unique prefix of an article id, as printed by `search`.

    \b
    Examples:
      newsidx show 3fa9c2d1e0
      newsidx show 3fa9 --json
    """
    try:
        view = _archive(ctx).view(article_id)
    except NewsidxError as exc:
        _fail(exc)
    if as_json:
        terminal.print_json(view.to_dict())
    else:
        from newsidx import render

        render.article_view(view, render.console())


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def stats(ctx, as_json):
    """Summarise the index: articles, dates, sources, location, size.

    \b
    Example:
      newsidx stats
    """
    try:
        info = _archive(ctx).stats()
    except NewsidxError as exc:
        _fail(exc)
    if as_json:
        terminal.print_json(info.to_dict())
    else:
        from newsidx import render

        render.stats(info, render.console())
