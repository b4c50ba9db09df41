"""Every command through click's CliRunner, plus the installed script once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsidx import __version__
from newsidx.cli import main
from pages import ARTICLES, page, write_archive, write_article

COMMANDS = ["ingest", "extract", "search", "timeline", "show", "stats"]


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def news(tmp_path):
    return write_archive(tmp_path / "news")


@pytest.fixture()
def indexed(runner, news):
    result = runner.invoke(main, ["ingest", str(news)])
    assert result.exit_code == 0, result.output
    return news


def search_json(runner, *args):
    result = runner.invoke(main, ["search", *args, "--json"])
    return result, json.loads(result.output) if result.output.strip() else None


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output == f"newsidx, version {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"newsidx {command}" in result.output


def test_ingest_summary_and_rerun(runner, news):
    first = runner.invoke(main, ["ingest", str(news)])
    assert first.exit_code == 0
    assert first.output == f"{len(ARTICLES)} added, 0 updated, 0 unchanged, 0 removed, 0 duplicate, 0 failed\n"
    again = runner.invoke(main, ["ingest", str(news), "--json"])
    report = json.loads(again.output)
    assert report["added"] == 0 and report["unchanged"] == len(ARTICLES)


def test_ingest_defaults_to_corpus_folder(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    missing = runner.invoke(main, ["ingest"])
    assert missing.exit_code == 2
    assert "Error: no PATHS given and there is no ./corpus folder to ingest" in missing.output
    write_archive(tmp_path / "corpus")
    result = runner.invoke(main, ["ingest", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["added"] == len(ARTICLES)


def test_ingest_missing_path_is_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2 and f"'{tmp_path / 'nope'}' does not exist" in result.output


def test_search_text_output(runner, indexed):
    result = runner.invoke(main, ["search", "ceasefire"])
    assert result.exit_code == 0
    assert "2 results for ceasefire" in result.output
    assert "Ceasefire holds along the northern border" in result.output
    assert "2010-03-04" in result.output


def test_search_json_shape(runner, indexed):
    result, data = search_json(runner, "refugees")
    assert result.exit_code == 0
    assert data["query"] == "refugees" and data["total"] == 1
    hit = data["hits"][0]
    assert set(hit) >= {"id", "headline", "date", "source", "path", "score", "snippet"}
    assert hit["headline"] == "Border talks resume in the capital"
    assert hit["path"].endswith("talks.txt") and hit["score"] > 0
    assert "refugees" in hit["snippet"]


def test_search_query_words_are_joined(runner, indexed):
    _, together = search_json(runner, "wheat harvest")
    _, quoted = search_json(runner, "wheat", "harvest")
    assert together["total"] == quoted["total"] == 1


def test_search_limit_and_sort(runner, indexed):
    _, data = search_json(runner, "said", "--sort", "date", "--limit", "2")
    assert [h["date"][:10] for h in data["hits"]] == ["2010-07-19", "2010-03-20"]
    assert data["total"] == 4


def test_search_since_until(runner, indexed):
    _, data = search_json(runner, "said", "--since", "2010-03-01", "--until", "2010-03-20")
    assert sorted(h["date"][:10] for h in data["hits"]) == ["2010-03-04", "2010-03-20"]
    _, written_out = search_json(runner, "said", "--since", "1 March 2010", "--until", "Mar 20, 2010")
    assert written_out["hits"] == data["hits"]


def test_until_a_day_includes_its_afternoon_until_a_time_does_not(runner, tmp_path):
    folder = tmp_path / "late"
    folder.mkdir()
    paragraphs = ["The night ferry to the northern islands sailed late on Saturday afternoon, the harbour "
                  "office said, after engineers replaced a worn propeller shaft in the morning."] * 3
    (folder / "ferry.txt").write_text(page("Night ferry sails late", "2010-03-20 15:40", paragraphs))
    assert runner.invoke(main, ["ingest", str(folder)]).exit_code == 0
    _, whole_day = search_json(runner, "ferry", "--until", "2010-03-20")
    assert [h["date"] for h in whole_day["hits"]] == ["2010-03-20T15:40"]
    _, before_noon = search_json(runner, "ferry", "--until", "2010-03-20 12:00")
    assert before_noon is not None and before_noon["total"] == 0
    _, from_the_day = search_json(runner, "ferry", "--since", "2010-03-20")
    assert from_the_day["total"] == 1


def test_search_bad_date_option_is_usage_error(runner, indexed):
    result = runner.invoke(main, ["search", "said", "--since", "someday"])
    assert result.exit_code == 2 and "is not a date" in result.output


def test_search_nothing_found_exits_1(runner, indexed):
    result = runner.invoke(main, ["search", "xylophone"])
    assert result.exit_code == 1 and result.output == "newsidx: no articles match 'xylophone'\n"


def test_search_syntax_error_exits_2(runner, indexed):
    result = runner.invoke(main, ["search", '"unclosed'])
    assert result.exit_code == 2 and "unclosed quote" in result.output
    assert "Traceback" not in result.output


def test_search_without_index_says_how_to_create_one(runner):
    result = runner.invoke(main, ["search", "anything"])
    assert result.exit_code == 2
    assert result.output == (f"newsidx: error: no index at {os.environ['NEWSIDX_INDEX']}; create one with "
                             "`newsidx ingest [PATHS]` (or point --index / NEWSIDX_INDEX at an existing one)\n")


def test_index_option_overrides_environment(runner, news, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    assert runner.invoke(main, ["--index", str(elsewhere), "ingest", str(news)]).exit_code == 0
    assert (elsewhere).is_dir()
    assert runner.invoke(main, ["search", "harvest"]).exit_code == 2  # env index still empty
    assert runner.invoke(main, ["--index", str(elsewhere), "search", "harvest"]).exit_code == 0


def test_show_by_prefix(runner, indexed):
    _, data = search_json(runner, "stadium")
    article_id = data["hits"][0]["id"]
    result = runner.invoke(main, ["show", article_id[:5]])
    assert result.exit_code == 0
    out = result.output
    for expected in ("City council approves new football stadium", article_id, "2009-11-02",
                     "stadium.txt", "Summary", "The city council approved plans"):
        assert expected in out


def test_show_json_has_every_field(runner, indexed):
    _, data = search_json(runner, "harvest")
    result = runner.invoke(main, ["show", data["hits"][0]["id"], "--json"])
    article = json.loads(result.output)
    assert set(article) >= {"id", "headline", "body", "date", "source", "dateline", "byline", "paths",
                            "word_count", "weekday", "reading_minutes", "summary", "key_terms", "related",
                            "copies", "story", "citation"}
    assert article["summary"] and all(s in article["body"] for s in article["summary"])
    assert "wheat" in [t.lower() for t in article["key_terms"]]
    assert (article["weekday"], article["reading_minutes"]) == ("Monday", 1)  # 2010-07-19
    assert [entry["id"] for entry in article["story"]] == [article["id"]]
    assert set(article["citation"]) == {"text", "bibtex", "csl-json"}
    assert article["citation"]["csl-json"]["title"] == "Farmers expect record wheat harvest"


def show_id(runner, query: str) -> str:
    return search_json(runner, query)[1]["hits"][0]["id"]


def test_show_sentences_sets_the_summary_length(runner, indexed):
    article_id = show_id(runner, "harvest")
    for n in (1, 2):
        data = json.loads(runner.invoke(main, ["show", article_id, "--json", "--sentences", str(n)]).output)
        assert len(data["summary"]) == n


@pytest.mark.parametrize("args, message", [
    (["--sentences", "0"], "0 is not in the range x>=1"),
    (["--cite", "foo"], "'foo' is not one of 'text', 'bibtex', 'csl-json'"),
    (["--cite", "bibtex", "--json"], "--cite prints only a citation"),
    (["--cite", "--story"], "--cite prints only a citation"),
])
def test_show_bad_options_are_usage_errors(runner, indexed, args, message):
    result = runner.invoke(main, ["show", show_id(runner, "harvest"), *args])
    assert result.exit_code == 2 and message in result.output


def test_show_cite_formats(runner, indexed):
    article_id = show_id(runner, "harvest")
    line = runner.invoke(main, ["show", article_id, "--cite"])
    assert line.exit_code == 0 and line.output.startswith("\u201cFarmers expect record wheat harvest.\u201d 19 July 2010.")
    assert len(line.output.splitlines()) == 1
    bib = runner.invoke(main, ["show", article_id, "--cite", "bibtex"]).output
    assert bib.startswith("@misc{news2010farmers-" + article_id[:6] + ",") and bib.endswith("}\n")
    csl = json.loads(runner.invoke(main, ["show", article_id, "--cite", "csl-json"]).output)
    assert csl[0]["title"] == "Farmers expect record wheat harvest"
    assert csl[0]["issued"] == {"date-parts": [[2010, 7, 19]]}


def test_show_cite_of_unknown_id_exits_1(runner, indexed):
    result = runner.invoke(main, ["show", "zzzz", "--cite", "bibtex"])
    assert result.exit_code == 1 and "no article with id" in result.output


def test_show_full_and_lead_paragraphs(runner, tmp_path):
    paragraphs = [f"Paragraph number {n} of the long council report on the ferry tunnel plans." for n in range(8)]
    write_article(tmp_path / "long", "long.txt", "Ferry tunnel report published", paragraphs, date="2012-02-03")
    assert runner.invoke(main, ["ingest", str(tmp_path / "long")]).exit_code == 0
    article_id = show_id(runner, "tunnel")
    lead = runner.invoke(main, ["show", article_id]).output
    assert "Paragraph number 2 " in lead and "Paragraph number 3 " not in lead
    assert "5 more paragraphs — --full" in lead
    assert "date       Friday 2012-02-03" in lead
    full = runner.invoke(main, ["show", article_id, "--full", "--no-pager"]).output
    assert "Paragraph number 7 " in full and "more paragraphs" not in full


@pytest.fixture()
def demo_corpus(runner):
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    assert runner.invoke(main, ["ingest", str(corpus)]).exit_code == 0


def test_show_story_of_the_seeds_in_date_order(runner, demo_corpus):
    china_daily = show_id(runner, "headline:abkhazia")
    result = runner.invoke(main, ["show", china_daily, "--story", "--json"])
    story = json.loads(result.output)
    assert [(e["kind"], e["date"][:10], e["gap_days"]) for e in story] == [
        ("related", "2008-09-08", None), ("this", "2008-09-09", 1)]
    assert story[0]["headline"] == "LIVE: Sarkozy in Russia to revive peace plan" and story[0]["score"] > 0.15
    lines = runner.invoke(main, ["show", china_daily, "--story"]).output.splitlines()
    assert [" ".join(line.split()) for line in lines] == [
        f"2008-09-08 · {story[0]['id']} · similarity {story[0]['score']:.2f} · "
        "LIVE: Sarkozy in Russia to revive peace plan",
        f"▶ +1d 2008-09-09 · {china_daily} · Xinhua · this article · "
        "Russia establishes diplomatic ties with South Ossetia, Abkhazia"]


def test_show_related_coverage_of_the_france24_seed(runner, demo_corpus):
    data = json.loads(runner.invoke(main, ["show", show_id(runner, "headline:sarkozy"), "--json"]).output)
    assert [(r["headline"], r["source"]) for r in data["related"]] == [
        ("Russia establishes diplomatic ties with South Ossetia, Abkhazia", "Xinhua")]
    assert 0.15 <= data["related"][0]["score"] <= 1


def test_show_unknown_id(runner, indexed):
    result = runner.invoke(main, ["show", "zzzz"])
    assert result.exit_code == 1 and "no article with id" in result.output


def test_stats(runner, indexed):
    result = runner.invoke(main, ["stats"])
    assert result.exit_code == 0
    rows = [" ".join(line.split()) for line in result.output.splitlines()]
    assert "articles 4 (4 stories, 4 files)" in rows
    assert "dates 2009-11-02 to 2010-07-19" in rows
    data = json.loads(runner.invoke(main, ["stats", "--json"]).output)
    assert data["articles"] == 4 and data["location"] == os.environ["NEWSIDX_INDEX"]


def test_extract_json_keys(runner, news):
    result = runner.invoke(main, ["extract", str(news / "truce.txt"), "--json"])
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert set(record) >= {"path", "headline", "date", "body", "source", "dateline"}
    assert record["headline"] == "Ceasefire holds along the northern border"
    assert record["date"].startswith("2010-03-04")


def test_extract_panel_and_bad_file(runner, news, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(main, ["extract", str(news / "harvest.txt"), str(empty)])
    assert "Farmers expect record wheat harvest" in result.output
    assert f"{empty}: empty file" in result.output.splitlines()
    assert result.exit_code == 1


HOSTILE_HEADLINE = "Markup [bold red]test[/] with \x1b[2J escape"


def test_article_text_cannot_inject_markup_or_escapes(runner, tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    paragraphs = ["The reporter wrote [bold red]x[/] and \x1b[2J\x1b]0;owned\x07 into this paragraph "
                  "about the hostile escape sequences test, which goes on for a while here."] * 3
    (folder / "evil.txt").write_text(page(HOSTILE_HEADLINE, "2011-01-01", paragraphs))
    assert runner.invoke(main, ["ingest", str(folder)]).exit_code == 0
    for args in (["search", "hostile"], ["extract", str(folder / "evil.txt")]):
        out = runner.invoke(main, args, color=True).output
        assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out
        # Markup is shown literally, not interpreted.
        assert "Markup [bold red]test[/] with" in out
    extracted = runner.invoke(main, ["extract", str(folder / "evil.txt")], color=True).output
    assert "The reporter wrote [bold red]x[/] and into this paragraph" in " ".join(extracted.split())
    _, data = search_json(runner, "hostile")
    for args in ([], ["--full"], ["--story"], ["--cite"], ["--cite", "bibtex"]):
        out = runner.invoke(main, ["show", data["hits"][0]["id"], *args], color=True).output
        assert "\x1b[2J" not in out and "\x1b]0;" not in out and "\x07" not in out
        assert "[bold red]" in out


def test_no_color_and_piped_output_are_plain(runner, indexed, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = runner.invoke(main, ["search", "ceasefire"], color=True).output
    assert "\x1b[" not in out
    monkeypatch.delenv("NO_COLOR")
    # CliRunner's stdout is not a terminal: rich must not colour it.
    assert "\x1b[" not in runner.invoke(main, ["search", "ceasefire"]).output


# Runs commands in a fresh interpreter and lists the rich modules they loaded.
_RICH_MODULES_AFTER = """
import json, sys
from newsidx.cli import main
for args in json.loads(sys.argv[1]):
    try:
        main(args)
    except SystemExit:
        pass
print(sorted(m for m in sys.modules if m.split(".")[0] == "rich" or m == "newsidx.render"), file=sys.stderr)
"""


def test_json_output_does_not_import_rich(runner, indexed):
    _, data = search_json(runner, "harvest")
    commands = [["ingest", str(indexed), "--json"], ["extract", str(indexed / "truce.txt"), "--json"],
                ["search", "harvest", "--json"], ["show", data["hits"][0]["id"], "--json"],
                ["stats", "--json"]]
    ran = subprocess.run([sys.executable, "-c", _RICH_MODULES_AFTER, json.dumps(commands)],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert len(ran.stdout.splitlines()) == len(commands)  # one JSON document each
    assert ran.stderr == "[]\n"


def test_piped_search_prints_text_without_importing_rich(runner, indexed):
    commands = [["search", "harvest"], ["search", "harvest", "--page", "9"], ["search", "qwertyuiop"]]
    ran = subprocess.run([sys.executable, "-c", _RICH_MODULES_AFTER, json.dumps(commands)],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert "result for harvest" in ran.stdout or "results for harvest" in ran.stdout
    assert ran.stderr.splitlines()[-1] == "[]"


def test_installed_script_runs_end_to_end(tmp_path):
    script = shutil.which("newsidx", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the newsidx script is not installed next to this Python")
    news = write_archive(tmp_path / "news")
    env = {**os.environ, "NEWSIDX_INDEX": str(tmp_path / "ix")}
    ingest = subprocess.run([script, "ingest", str(news)], env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    found = subprocess.run([script, "search", "ceasefire", "--json"], env=env, capture_output=True, text=True)
    assert found.returncode == 0 and json.loads(found.stdout)["total"] == 2
    missing = subprocess.run([script, "search", "xylophone"], env=env, capture_output=True, text=True)
    assert missing.returncode == 1 and missing.stdout == ""


@pytest.mark.parametrize("raised, code, message", [
    (KeyboardInterrupt, 130, "interrupted"),
    (BrokenPipeError, 141, ""),
])
def test_ctrl_c_and_a_closed_pipe_exit_as_unix_tools_do(runner, indexed, monkeypatch, raised, code, message):
    # click alone prints "Aborted!" and exits 1 (the code for "nothing found").
    from newsidx.archive import Archive

    def stop(*args, **kwargs):
        raise raised

    monkeypatch.setattr(Archive, "search", stop)
    result = runner.invoke(main, ["search", "ceasefire"])
    assert result.exit_code == code
    assert "Aborted" not in result.output and "Traceback" not in result.output
    assert message in result.output


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    script = shutil.which("newsidx", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip("the newsidx script is not installed beside this Python")
    news = write_archive(tmp_path / "news")
    env = dict(os.environ, NEWSIDX_INDEX=str(tmp_path / "ix"))
    subprocess.run([script, "ingest", str(news)], env=env, check=True, capture_output=True)
    process = subprocess.Popen([script, "search", "said", "--limit", "0"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first line
    stderr = process.communicate()[1].decode()
    assert process.returncode == 141 and "Traceback" not in stderr and "Error" not in stderr


def test_the_console_script_runs_without_the_cyclic_collector(monkeypatch, capsys):
    import gc

    from newsidx import cli

    monkeypatch.setattr(sys, "argv", ["newsidx", "--version"])
    try:
        with pytest.raises(SystemExit) as exited:
            cli.run()
        assert exited.value.code == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert "newsidx" in capsys.readouterr().out
