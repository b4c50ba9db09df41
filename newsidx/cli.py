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
import gc
import os
import sys
from contextlib import nullcontext
from functools import partial

import click

from newsidx import __version__, sources, terminal
from newsidx.archive import INDEX_ENV, Archive, default_index_location, extract_files
from newsidx.display import parse_size
from newsidx.errors import IndexBusyError, NewsidxError
from newsidx.models import FileProblem, IngestReport

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


class _Period(click.ParamType):
    """A year, month, day or moment (:mod:`newsidx.periods`): 2008, 'Sep 2008', 2008-09-30."""

    name = "date"

    def convert(self, value, param, ctx):
        from newsidx.periods import parse_period

        try:
            return parse_period(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def _filter_options(command):
    """The options that choose which matches count, shared by search and timeline."""
    for option in reversed((
        click.option("--since", type=_Period(), metavar="DATE",
                     help="Only articles dated in or after this period: 2008, 'Sep 2008', 2008-09-30."),
        click.option("--until", type=_Period(), metavar="DATE",
                     help="Only articles dated in or before this period (a year or month: all of it)."),
        click.option("--source", "sources", multiple=True, metavar="NAME",
                     help="Only articles from this source (whole name, any case; repeatable)."),
        click.option("--all", "all_copies", is_flag=True,
                     help="Count every copy of a story, not one per story."),
        click.option("--exact", is_flag=True,
                     help="Match words only as typed: no stemming (ceasefire will not find ceasefires)."),
    )):
        command = option(command)
    return command


def _filters(since, until, sources, all_copies, exact) -> dict:
    if since and until and since.start > until.end:
        raise click.UsageError("--since is after --until")
    return dict(since=since.start if since else None, until=until.end if until else None,
                sources=sources, all_copies=all_copies, exact=exact)


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


EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away


class _Commands(click.Group):
    """The command group, with the two ways a command can stop early handled
    as Unix tools do: click turns Ctrl-C into "Aborted!" and exit 1 (the code
    for "nothing found"), and a reader that stops reading (``| head``) would
    otherwise end in a BrokenPipeError traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            terminal.error("interrupted")
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            # Nothing more can be written; keep Python's exit flush from failing too.
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError):  # stdout without a file descriptor
                pass
            sys.exit(EXIT_BROKEN_PIPE)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
      newsidx search 'headline:georgia date:2008-09' --sort newest
      newsidx timeline ceasefire            matches per month, as a chart
      newsidx show 3fa9c2                   one article, by id or id prefix
      newsidx stats                         what the index holds
    """
    ctx.ensure_object(dict)
    ctx.obj["index"] = index


def run() -> None:
    """The ``newsidx`` console script: :func:`main` with Python's cyclic
    collector off. A command makes few reference cycles and soon exits, but
    the collector walked every object its imports made (Whoosh's, rich's)
    again and again: 6-10 ms of a search at 100,000 articles. Ingest still
    collects once per batch (newsidx.ingest), its workers as usual."""
    gc.disable()
    main()


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
        progress_bar = partial(nullcontext, None)  # nothing to draw: don't import rich
    else:
        from newsidx import render

        progress_bar = render.ingest_progress

    archive = _archive(ctx)

    def run(wait_for_lock: bool) -> IngestReport:
        with progress_bar() as progress:
            return archive.ingest(paths, pattern=pattern, max_bytes=max_size, jobs=jobs,
                                  prune=prune, strict=strict, wait=wait_for_lock, rebuild=rebuild,
                                  batch_size=batch_size, progress=progress)

    try:
        try:
            report = run(wait_for_lock=False)
        except IndexBusyError as busy:
            if not wait:
                raise
            # A silent wait looks like a hang; say what it waits for.
            terminal.note(f"another newsidx ({busy.holder}) is updating the index; waiting for it to finish "
                          "(Ctrl-C to stop)")
            report = run(wait_for_lock=True)
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
@click.option("--limit", "-n", type=click.IntRange(min=0), default=10, show_default=True,
              help="Hits per page; 0 for every hit (streamed with --format jsonl or csv).")
@click.option("--page", "-p", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which page of --limit hits to show.")
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest", "date"]), default="relevance",
              show_default=True, help="newest/oldest put undated articles last; date means newest.")
@_filter_options
@click.option("--format", "output", type=click.Choice(["text", "json", "jsonl", "csv"]), default="text",
              show_default=True, help="jsonl and csv: one record per hit, for scripts and spreadsheets.")
@click.option("--json", "as_json", is_flag=True, help="Short for --format json.")
@click.pass_context
def search(ctx, query, limit, page, sort, since, until, sources, all_copies, exact, output, as_json):
    """Rank articles by relevance (BM25F, headline boosted) to QUERY.

    \b
    Query language (words are stemmed and accents folded, so ceasefires
    finds ceasefire and Tbílisi finds Tbilisi):
      word1 word2          both words (AND is implied)
      a OR b, a NOT b, -b  either; a without b
      (a OR b) c           grouping
      "south ossetia"      exact phrase;  "south ossetia"~3  words <= 3 apart
      osset*               words starting with osset (2+ letters before *)
      ceasfire~            one typo allowed (ceasfire~2: two)
      headline:georgia     a field: headline, body, source, dateline, byline
      date:2008-09         a year, month or day; date:>2008-09-01,
                           date:[2008-08-07 TO 2008-08-20], date:'Sep 2008'

    One result per story (near-identical copies are folded; --all lists
    them). Under the results: counts by source and by year or month, over
    every hit. A misspelt word gets "Did you mean"; when the query finds
    nothing, the suggestion is searched instead (and says so).

    Exit status: 0 hits found, 1 nothing found, 2 a malformed query or option.

    \b
    Examples:
      newsidx search ceasefire
      newsidx search '"peace plan" OR truce' --sort newest --since 2008-08
      newsidx search russia --source xinhua --source 'China Daily' --page 2
      newsidx search ceasefire --since 2008-09 --sort newest --format csv > hits.csv
      newsidx search market --limit 0 --format jsonl | wc -l
    """
    text = " ".join(query)
    output = "json" if as_json else output
    sort = "newest" if sort == "date" else sort
    options = dict(sort=sort, **_filters(since, until, sources, all_copies, exact))
    archive = _archive(ctx)
    try:
        if limit == 0 and output in ("jsonl", "csv"):
            from newsidx.exports import write_records  # only exports need csv

            found = write_records(archive.iter_hits(text, **options), output, sys.stdout)
        else:
            results = archive.search(text, limit=limit, page=page, **options)
            found = bool(results.hits)
            _show_results(results, output)
    except NewsidxError as exc:
        _fail(exc)
    if not found:
        sys.exit(EXIT_NOTHING_FOUND)


def _show_results(results, output: str) -> None:
    if output == "json":
        terminal.print_json(results.to_dict())
    elif output in ("jsonl", "csv"):
        from newsidx.exports import write_records

        write_records(iter(results.hits), output, sys.stdout)
    elif results.hits:
        from newsidx import layout

        lines = layout.search_lines(results)
        if terminal.wants_styles(sys.stdout):
            from newsidx import render

            render.styled_lines(lines, render.console())
        else:
            layout.print_plain(lines)
    elif results.total:
        pages = -(-results.total // results.limit)
        terminal.note(f"page {results.page} is past the last page ({pages} of {results.limit} hits)")
    else:
        terminal.note(f"no articles match {results.query!r}"
                      + (f"; {results.undated_excluded} undated articles were left out by the date filter"
                         if results.undated_excluded else ""))


@main.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--by", type=click.Choice(["month", "year", "week", "day"]), default="month", show_default=True,
              help="The period each bar counts.")
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print {query, by, total, counts: [...]} as JSON.")
@click.pass_context
def timeline(ctx, query, by, since, until, sources, all_copies, exact, as_json):
    """Chart how many articles match QUERY per month (or year, week, day).

    The same query language and filters as `search`; every period from the
    first match to the last is shown, quiet ones too, and the peak is
    labelled. Exit status 1 when nothing matches.

    \b
    Examples:
      newsidx timeline ceasefire
      newsidx timeline 'georgia russia' --by week --since 2008-08 --until 2008-10
      newsidx timeline election --by year --json
    """
    text = " ".join(query)
    try:
        chart = _archive(ctx).timeline(text, by=by, **_filters(since, until, sources, all_copies, exact))
    except NewsidxError as exc:
        _fail(exc)
    if as_json:
        terminal.print_json(chart.to_dict())
    elif chart.counts or chart.undated:
        from newsidx import render

        render.timeline(chart, render.console())
    else:
        terminal.note(f"no articles match {text!r}")
    if not chart.counts and not chart.undated:
        sys.exit(EXIT_NOTHING_FOUND)


@main.command()
@click.argument("article_id", metavar="ID")
@click.option("--full", is_flag=True, help="The whole body (default: the summary and the first paragraphs).")
@click.option("--story", is_flag=True, help="The story as a timeline: this article, its copies and "
              "related coverage by date, with the days between them.")
@click.option("--cite", type=click.Choice(["text", "bibtex", "csl-json"]), is_flag=False, flag_value="text",
              default=None, help="Print only a citation: one line (text, the default), BibTeX or CSL-JSON.")
@click.option("--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              help="Sentences in the summary.")
@click.option("--no-pager", is_flag=True, help="Never page (a pager is used only on a terminal, "
              "for a page longer than the screen).")
@click.option("--json", "as_json", is_flag=True,
              help="Print every field as JSON (with --story: the timeline only).")
@click.pass_context
def show(ctx, article_id, full, story, cite, sentences, no_pager, as_json):
    """Show one article: header, summary, body, copies, related coverage.

    ID may be any unique prefix of an article id, as printed by `search`.
    Related coverage is up to five other articles on the same topic, each
    with its similarity (cosine, 0 to 1); only those from 0.15 up are listed.

    \b
    Examples:
      newsidx show 3fa9c2d1e0
      newsidx show 3fa9 --full --no-pager   the whole body, never paged
      newsidx show 3fa9 --sentences 5       a longer summary
      newsidx show 3fa9 --story             related coverage as a timeline
      newsidx show 3fa9 --cite              one citation line
      newsidx show 3fa9 --cite bibtex >> refs.bib
      newsidx show 3fa9 --cite csl-json     for Zotero, pandoc and other reference managers
      newsidx show 3fa9 --json              every field, related ids and scores included
    """
    if cite and (story or as_json):
        raise click.UsageError("--cite prints only a citation; leave out --story and --json")
    archive = _archive(ctx)
    try:
        if cite:
            from newsidx import cite as citations

            citation = citations.cite(archive.article(article_id), cite)
        else:
            view = archive.view(article_id, sentences=sentences)
    except NewsidxError as exc:
        _fail(exc)
    if cite == "csl-json":
        terminal.print_json([citation])
    elif cite:
        click.echo(citation)
    elif as_json:
        terminal.print_json([e.to_dict() for e in view.story] if story else view.to_dict())
    else:
        from newsidx import layout

        lines = layout.story_lines(view) if story else layout.article_lines(view, full=full)
        if terminal.wants_styles(sys.stdout):
            from newsidx import render

            out = render.console()
            with render.paged(out, enabled=not no_pager):
                render.styled_lines(lines, out)
        else:
            layout.print_plain(lines)


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
