"""Tests for newsidx.render: what each command prints, from records built here.

Article text is hostile input: rich markup in it must print literally and
control characters must never reach the terminal.
"""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console

from newsidx import layout, render
from newsidx.extract import Article
from newsidx.models import (
    ArchiveStats, ArticleView, FileProblem, Hit, IngestReport, RelatedArticle, SearchResults, Snippet,
    StoredArticle, StoryEntry,
)

HOSTILE_HEADLINE = "Harbour [bold]strike[/bold] ends\x1b[2J"


def stored(**fields) -> StoredArticle:
    values = dict(
        id="ab12cd34ef", headline=HOSTILE_HEADLINE,
        body="Dockers voted [red]to return[/red] on Monday.\nTalks \x1b]0;owned\x07 went on all night.",
        date="2011-04-05T09:30", date_source="text", source="Port Gazette", dateline="ROTTERDAM",
        byline="Jo Tester", group="g1", word_count=12,
        paths=("/news/harbour.txt", "/news/copy\x1b[2Jof harbour.txt"),
    )
    values.update(fields)
    return StoredArticle(**values)


def hit(rank: int = 1, similar: int = 2, **fields) -> Hit:
    snippet = Snippet((("Dockers\n", False), ("voted", True), (" [red]to   return[/red]", False)))
    return Hit(rank=rank, score=3.5, article=stored(**fields), snippet=snippet, similar=similar)


def search_page(results: SearchResults, out: Console) -> None:
    """What ``search`` draws in a terminal."""
    render.styled_lines(layout.search_lines(results), out)


def article_view(view: ArticleView, out: Console, full: bool = False) -> None:
    """What ``show`` draws in a terminal."""
    render.styled_lines(layout.article_lines(view, full=full), out)


def story_page(view: ArticleView, out: Console) -> None:
    """What ``show --story`` draws in a terminal."""
    render.styled_lines(layout.story_lines(view), out)


@pytest.fixture()
def printed(capsys, monkeypatch):
    """Run a render function on the console commands use; return stdout as lines, spacing collapsed."""
    monkeypatch.setenv("COLUMNS", "100")

    def run(draw, *args) -> list[str]:
        draw(*args, render.console())
        return [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]

    return run


def test_search_results_print_markup_literally_and_strip_escapes(printed):
    lines = printed(search_page, SearchResults("voted [bold]", 1, (hit(),)))
    assert lines == [
        "1 result for voted [bold]",
        "",
        "1. Harbour [bold]strike[/bold] ends[2J",
        "2011-04-05 · Port Gazette · id ab12cd34ef · +2 similar",
        "Dockers voted [red]to return[/red]",
    ]


def test_search_results_say_how_many_are_shown_and_mark_undated(printed):
    results = SearchResults("voted", 7, (hit(similar=0, date=None), hit(rank=2, headline="")))
    lines = printed(search_page, results)
    assert lines[0] == "7 results for voted · showing 1–2 of 7"
    assert lines[3] == "undated · Port Gazette · id ab12cd34ef"
    assert lines[6] == "2. (no headline)"


def test_search_results_in_a_terminal_have_style_but_no_injected_escapes():
    buffer = io.StringIO()
    out = Console(file=buffer, force_terminal=True, color_system="standard", width=100,
                  highlight=False, markup=False, emoji=False)
    search_page(SearchResults("voted", 1, (hit(),)), out)
    text = buffer.getvalue()
    assert "\x1b[1m" in text  # the headline is bold
    assert "Harbour [bold]strike[/bold] ends[2J" in text
    assert "\x1b[2J" not in text and "\x1b]0;" not in text


def test_piped_search_results_are_what_rich_prints_to_a_pipe(capsys, monkeypatch):
    """``layout.print_plain`` (piped output, no rich) says exactly what rich says."""
    from newsidx import layout
    from newsidx.models import Facets

    facets = Facets(sources=(("Port\x1b[2J Gazette", 3), ("Wire", 1)), dates=(("2011-04", 4),), period="month",
                    undated=1)
    results = SearchResults("voted [bold]", 12, (hit(), hit(rank=2, similar=0, date=None, headline="")),
                            facets=facets, undated_excluded=2, suggestion="vote", page=1, limit=2)
    monkeypatch.setenv("COLUMNS", "30")  # rich must not wrap piped lines either
    search_page(results, render.console())
    by_rich = capsys.readouterr().out
    layout.print_plain(layout.search_lines(results))
    assert capsys.readouterr().out == by_rich
    assert "\x1b" not in by_rich and "page 1 of 6 · next: --page 2" in by_rich


def view_of(article: StoredArticle, related=(), copies=(), **fields) -> ArticleView:
    values = dict(article=article, summary=("Dockers voted [red]to return[/red] on Monday.",),
                  key_terms=("dockers", "[i]strike[/i]"), related=tuple(related), copies=tuple(copies),
                  weekday="Tuesday", reading_minutes=1)
    values.update(fields)
    return ArticleView(**values)


def test_article_view_shows_fields_paths_escaped_and_sections(printed):
    related = RelatedArticle(stored(id="ff00ee11dd", headline="Ferries [blink]resume[/blink]", date=None,
                                    source="Wire\x1b[31m"), 0.4321)
    copy = stored(id="cc22bb33aa", headline="Strike over", paths=("/mirror/harbour\n.txt",))
    lines = printed(article_view, view_of(stored(), related=(related,), copies=(copy,)))
    assert lines[0] == "Harbour [bold]strike[/bold] ends[2J"
    for row in ("id ab12cd34ef", "date Tuesday 2011-04-05 09:30", "source Port Gazette", "dateline ROTTERDAM",
                "byline Jo Tester", "words 12 (1 min read)", "story +1 near-identical copy",
                "file /news/harbour.txt", "/news/copy\\x1b[2Jof harbour.txt", "key terms dockers, [i]strike[/i]"):
        assert row in lines
    assert "• Dockers voted [red]to return[/red] on Monday." in lines
    assert "Dockers voted [red]to return[/red] on Monday." in lines
    assert "Talks ]0;owned went on all night." in lines
    assert "cc22bb33aa · 2011-04-05 · Strike over · /mirror/harbour\\n.txt" in lines
    assert "ff00ee11dd · undated · Wire[31m · similarity 0.43 · Ferries [blink]resume[/blink]" in lines
    sections = [line.strip("─ ") for line in lines if line.endswith("──")]
    assert sections == ["Summary", "Article", "Other copies of this story (1)", "Related coverage"]


def test_article_view_says_when_nothing_is_related_and_leaves_out_what_is_unknown(printed):
    bare = stored(date=None, source=None, byline=None, dateline=None, paths=())
    lines = printed(article_view, view_of(bare, weekday=None, summary=()))
    assert lines[-1] == "No related coverage in this archive"
    assert not any(line.split(" ")[0] in ("date", "source", "byline", "dateline", "file", "story")
                   for line in lines)
    assert "Summary" not in " ".join(lines)


SIX_PARAGRAPHS = "\n\n".join(f"Paragraph {n} of the hearing report." for n in range(1, 7))


def test_article_view_shows_the_lead_paragraphs_unless_full(printed):
    view = view_of(stored(body=SIX_PARAGRAPHS))
    lead = printed(article_view, view)
    assert [line for line in lead if line.startswith("Paragraph")] == [
        "Paragraph 1 of the hearing report.", "Paragraph 2 of the hearing report.",
        "Paragraph 3 of the hearing report."]
    assert "3 more paragraphs — --full" in lead
    full = printed(lambda v, out: article_view(v, out, full=True), view)
    assert sum(line.startswith("Paragraph") for line in full) == 6
    assert not any("more paragraph" in line for line in full)


def test_story_marks_the_article_and_the_gaps(printed):
    this = stored(date="2011-04-05T09:30")
    earlier = stored(id="0123456789", headline="Dockers [b]vote[/b]", date="2011-04-01", source="Wire")
    copy = stored(id="cc22bb33aa", headline="Strike over", date="2011-04-05")
    undated = stored(id="99887766aa", headline="Ports \x1b[2Jreopen", date=None, source=None)
    entries = (StoryEntry(earlier, "related", 0.31, None), StoryEntry(this, "this", None, 4),
               StoryEntry(copy, "copy", None, 0), StoryEntry(undated, "related", 0.2, None))
    lines = printed(story_page, view_of(this, story=entries))
    assert lines == [
        "2011-04-01 · 0123456789 · Wire · similarity 0.31 · Dockers [b]vote[/b]",
        "▶ +4d 2011-04-05 · ab12cd34ef · Port Gazette · this article · Harbour [bold]strike[/bold] ends[2J",
        "= +0d 2011-04-05 · cc22bb33aa · Port Gazette · copy · Strike over",
        "undated · 99887766aa · similarity 0.20 · Ports [2Jreopen",
    ]


def test_story_alone_says_there_is_no_related_coverage(printed):
    this = stored()
    lines = printed(story_page, view_of(this, story=(StoryEntry(this, "this"),)))
    assert lines[-1] == "No related coverage in this archive"


@pytest.mark.parametrize("columns", ["100", "30", "12", "3"])
def test_piped_article_page_and_story_are_what_rich_prints_to_a_pipe(capsys, monkeypatch, columns):
    """``show`` piped prints without rich: the same text as rich, headings as
    wide as rich draws them (cut with an ellipsis when the width is short)."""
    monkeypatch.setenv("COLUMNS", columns)
    related = RelatedArticle(stored(id="ff00ee11dd", headline="Ferries \x1b[2Jresume", date=None), 0.4321)
    copies = (stored(id="cc22bb33aa", headline="Strike over", paths=("/mirror/a\nb.txt",)),
              stored(id="dd33cc44bb", date=None))
    this = stored(body=SIX_PARAGRAPHS)
    story_entries = (StoryEntry(this, "this", None, None), StoryEntry(copies[0], "copy", None, 3))
    views = [view_of(this, related=(related,), copies=copies, story=story_entries),
             view_of(stored(date=None, source=None, paths=()), weekday=None, summary=(), key_terms=())]
    for view in views:
        for full in (False, True):
            article_view(view, render.console(), full=full)
            by_rich = capsys.readouterr().out
            layout.print_plain(layout.article_lines(view, full=full))
            assert capsys.readouterr().out == by_rich
        story_page(view, render.console())
        by_rich = capsys.readouterr().out
        layout.print_plain(layout.story_lines(view))
        assert capsys.readouterr().out == by_rich
    assert "\x1b" not in by_rich


def test_plain_headings_take_the_width_of_the_terminal_that_runs_the_pipe(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda descriptor: os.terminal_size((44, 10)))
    assert layout._plain_width() == 44
    monkeypatch.setenv("COLUMNS", "61")
    assert layout._plain_width() == 61


def terminal_console(height: int = 20) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    out = Console(file=buffer, force_terminal=True, color_system="standard", width=80, height=height,
                  highlight=False, markup=False, emoji=False)
    return out, buffer


def test_long_page_goes_through_the_pager_with_nothing_injected(monkeypatch):
    paged = []
    monkeypatch.setattr("pydoc.pager", paged.append)
    monkeypatch.delenv("LESS", raising=False)
    out, buffer = terminal_console(height=10)
    hostile = stored(body="\n\n".join(["A [bold red]x[/] paragraph \x1b[31mred\x1b]0;owned\x07."] * 30))
    with render.paged(out):
        article_view(view_of(hostile), out, full=True)
    assert buffer.getvalue() == "" and len(paged) == 1
    text = paged[0]
    assert "A [bold red]x[/] paragraph [31mred]0;owned." in text
    assert "\x1b[31mred" not in text and "\x1b]0;" not in text and "\x07" not in text
    assert "\x1b[1m" in text  # rich's own style: the pager is asked to show colours
    assert os.environ["LESS"] == "FRX"


def test_short_page_or_no_pager_prints_directly(monkeypatch):
    paged = []
    monkeypatch.setattr("pydoc.pager", paged.append)
    out, buffer = terminal_console(height=200)
    with render.paged(out):
        article_view(view_of(stored()), out)
    assert "Harbour [bold]strike[/bold] ends" in buffer.getvalue()
    out, buffer = terminal_console(height=5)
    with render.paged(out, enabled=False):
        article_view(view_of(stored()), out)
    assert "Related coverage" in buffer.getvalue() and not paged


def test_never_pages_when_not_a_terminal(monkeypatch, capsys):
    paged = []
    monkeypatch.setattr("pydoc.pager", paged.append)
    out = render.console()  # stdout is pytest's capture, not a terminal
    with render.paged(out):
        article_view(view_of(stored(body=SIX_PARAGRAPHS * 20)), out, full=True)
    assert not paged and "Paragraph 6" in capsys.readouterr().out


def test_extracted_article_when_piped(printed):
    article = Article(headline="Harbour [bold]strike[/bold]", body="Body with \x1b[31m[red]text[/red]",
                      date="2011-04-05", date_source="text", warnings=("not valid UTF-8; decoded as cp1252",))
    lines = printed(render.extracted, "/news/a\nb.txt", article)
    assert lines[0] == "== /news/a\\nb.txt"
    assert "headline Harbour [bold]strike[/bold]" in lines
    assert "source —" in lines
    assert "warning not valid UTF-8; decoded as cp1252" in lines
    assert "Body with [31m[red]text[/red]" in lines


def test_extracted_problem_is_one_line(printed):
    lines = printed(render.extracted, "/news/empty\x1b.txt", FileProblem("/news/empty\x1b.txt", "empty file"))
    assert lines == ["/news/empty\\x1b.txt: empty file"]


def test_ingest_report_lists_failures_then_counts(printed):
    report = IngestReport(added=3, unchanged=5, duplicate=1, missing=1,
                          failed=[FileProblem("/news/bad\x1b[2J.txt", "binary file (PNG)")])
    assert printed(render.ingest_report, report) == [
        "failed /news/bad\\x1b[2J.txt: binary file (PNG)",
        "3 added, 0 updated, 5 unchanged, 0 removed, 1 duplicate, 1 failed",
        "1 indexed file is no longer on disk; run with --prune to remove them",
    ]


def test_ingest_report_when_interrupted(printed):
    lines = printed(render.ingest_report, IngestReport(added=2, missing=4, interrupted=True))
    assert lines == [
        "interrupted; kept what was done: 2 added, 0 updated, 0 unchanged, 0 removed, 0 duplicate, 0 failed",
        "4 indexed files are no longer on disk; run with --prune to remove them",
    ]


def test_stats_size_has_one_decimal(printed):
    info = ArchiveStats(location="/data/ix", size_bytes=12 * 1024**2, articles=40, files=42, story_groups=31,
                        earliest="2009-01-02", latest="2011-04-05",
                        top_sources=(("Port Gazette", 30), ("Wire [i]x[/i]", 10)))
    assert printed(render.stats, info) == [
        "index /data/ix",
        "size 12.0 MB",
        "articles 40 (31 stories, 42 files)",
        "dates 2009-01-02 to 2011-04-05",
        "top sources Port Gazette (30)",
        "Wire [i]x[/i] (10)",
    ]


def test_stats_say_whether_this_version_extracted_the_articles(printed):
    info = ArchiveStats(location="/ix", size_bytes=900, articles=3, files=3, story_groups=3,
                        earliest=None, latest=None, top_sources=(), extraction_current=False)
    assert printed(render.stats, info)[-1] == "extraction another version's: `newsidx ingest --rebuild` extracts again"
    current = ArchiveStats(**{**info.__dict__, "extraction_current": True})
    assert printed(render.stats, current)[-1] == "extraction this version's"
    empty = ArchiveStats(**{**info.__dict__, "files": 0, "extraction_current": None})
    assert not any(line.startswith("extraction") for line in printed(render.stats, empty))


def test_stats_without_dates(printed):
    info = ArchiveStats(location="/ix", size_bytes=900, articles=0, files=0, story_groups=0,
                        earliest=None, latest=None, top_sources=())
    assert printed(render.stats, info)[1:4] == ["size 900 B", "articles 0 (0 stories, 0 files)",
                                                "dates none found"]


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    with render.ingest_progress() as progress:
        assert progress is None


def test_piped_label_rows_are_one_line_each_with_nothing_after_the_value(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    terms = tuple(f"term{n}" for n in range(20))  # wider than the screen
    article_view(view_of(stored(), key_terms=terms), render.console())
    out = capsys.readouterr().out.splitlines()
    assert not [line for line in out if line != line.rstrip()]
    assert "key terms  " + ", ".join(terms) in out
    assert "id         ab12cd34ef" in out
