"""The query language and search options (issue: search a researcher can trust),
each against a small archive written here: which articles come back, in what
order, with which totals, facets and pages; and every malformed query or date
refused with a one-line message. The texts are invented for the tests."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

from newsidx.archive import Archive
from newsidx.cli import main
from newsidx.errors import QuerySyntaxError

from pages import write_article

# name: (headline, date, source tag, paragraphs)
STORIES = {
    "strike.txt": ("Harbour workers end strike in Velmora", "2008-08-14", "Reuters", [
        "Dock workers in the port city of Velmora ended a nine-day strike on Thursday after the "
        "union accepted a new pay offer from the harbour authority.",
        "The stoppage had stranded dozens of container ships and delayed grain shipments inland."]),
    "truce.txt": ("Ceasefire agreed in the Ossetian hills", "2008-08-12", "Xinhua", [
        "Both sides agreed to a ceasefire on Tuesday after five days of fighting near Tbílisi, "
        "envoys said, and monitors will patrol the South Ossetia boundary from next week.",
        "The ceasefire plan has six points, among them a return of troops to their bases."]),
    "monitors.txt": ("Monitors arrive as truce holds", "2008-09-02", "AFP", [
        "The first monitors reached the region on Tuesday. South of the river, in Ossetia's "
        "villages, residents said the ceasefire was holding but shops stayed shut.",
        "Observers will report weekly on the withdrawal of heavy weapons from the hills."]),
    "talks.txt": ("Talks on the boundary resume", "2009-03-20", "Reuters", [
        "Negotiators met again in Geneva to discuss the boundary and the return of displaced "
        "families, six months after the ceasefire.",
        "No agreement was expected, diplomats said, but both delegations stayed for two days."]),
    "harvest.txt": ("Grain harvest beats forecasts", "2009-07-01", "AFP", [
        "Farmers in the river valley brought in a record grain harvest this summer, helped by a "
        "wet spring and the reopening of the harbour at Velmora for exports.",
        "Prices for wheat fell by a tenth at the regional market."]),
    "almanac.txt": ("Almanac of the river towns", None, None, [
        "An almanac of the river towns lists every ceasefire and every harbour strike of the "
        "past century, with the dates the records give.",
        "It is published by the town library and sold at the harbour kiosk."]),
}
# The same story again from the wire, one word apart: a near-identical copy.
_headline, _when, _source, _paragraphs = STORIES["truce.txt"]
STORIES["truce-wire.txt"] = (_headline, _when, _source,
                             [_paragraphs[0], _paragraphs[1].replace("of troops", "of all troops")])


def _page_paragraphs(source: str | None, paragraphs: list[str], when: str | None) -> list[str]:
    if not source:
        return paragraphs
    month_day = date.fromisoformat(when).strftime("%b %d")
    return [f"VELMORA, {month_day} ({source}) - {paragraphs[0]}", *paragraphs[1:]]


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    folder = tmp_path_factory.mktemp("language") / "news"
    for name, (headline, when, source, paragraphs) in STORIES.items():
        write_article(folder, name, headline, _page_paragraphs(source, paragraphs, when),
                      date=when, chrome=name in ("truce-wire.txt", "almanac.txt"))
    return folder


@pytest.fixture(scope="module")
def archive(news, tmp_path_factory):
    archive = Archive(str(tmp_path_factory.mktemp("language-index") / "ix"))
    report = archive.ingest([str(news)], jobs=1)
    assert report.added + report.duplicate == len(STORIES) and not report.failed
    return archive


def headlines(results):
    return [hit.article.headline for hit in results.hits]


# -- query forms -------------------------------------------------------------

def test_proximity_phrase_allows_words_that_far_apart(archive):
    # Next to each other in the almanac; two words between them in the strike story's headline.
    assert headlines(archive.search('"harbour strike"')) == ["Almanac of the river towns"]
    near = set(headlines(archive.search('"harbour strike"~3')))
    assert near == {"Almanac of the river towns", "Harbour workers end strike in Velmora"}


def test_prefix_wildcard_finds_every_word_that_starts_so(archive):
    found = set(headlines(archive.search("osset*")))
    assert found == {"Ceasefire agreed in the Ossetian hills", "Monitors arrive as truce holds"}


def test_fuzzy_term_forgives_a_typo(archive):
    assert set(headlines(archive.search("ceasfire~"))) == set(headlines(archive.search("ceasefire")))
    assert archive.search("ceasfire~").total == archive.search("ceasefire").total == 4


def test_minus_excludes_and_hyphenated_words_stay_words(archive):
    assert set(headlines(archive.search("harbour -strike"))) == {"Grain harvest beats forecasts"}
    assert headlines(archive.search("nine-day")) == ["Harbour workers end strike in Velmora"]


def test_phrases_combine_with_operators(archive):
    assert set(headlines(archive.search('"grain harvest" OR "nine-day strike"'))) == {
        "Grain harvest beats forecasts", "Harbour workers end strike in Velmora"}
    assert headlines(archive.search('"grain harvest" NOT wheat')) == []


def test_parentheses_group(archive):
    found = set(headlines(archive.search("(strike OR harvest) velmora")))
    assert found == {"Harbour workers end strike in Velmora", "Grain harvest beats forecasts"}


def test_accents_are_folded_both_ways(archive):
    assert headlines(archive.search("Tbilisi")) == ["Ceasefire agreed in the Ossetian hills"]
    assert headlines(archive.search("TBÍLISI")) == ["Ceasefire agreed in the Ossetian hills"]


def test_exact_turns_stemming_off_for_one_query(archive):
    # "ceasefire" is stemmed to match "ceasefires" elsewhere; "points" only as typed.
    assert set(headlines(archive.search("points"))) == {"Ceasefire agreed in the Ossetian hills"}
    assert headlines(archive.search("point", exact=True)) == []
    assert headlines(archive.search("points", exact=True)) == ["Ceasefire agreed in the Ossetian hills"]
    assert set(headlines(archive.search("shipment"))) == {"Harbour workers end strike in Velmora"}
    assert headlines(archive.search("shipment", exact=True)) == []
    assert headlines(archive.search('"grain shipments"', exact=True)) == ["Harbour workers end strike in Velmora"]
    # Negation as typed: no article says "strikes", so none is excluded.
    assert set(headlines(archive.search("harbour -strikes"))) == {"Grain harvest beats forecasts"}
    assert archive.search("harbour -strikes", exact=True).total == archive.search("harbour").total == 3
    hit = archive.search("shipments", exact=True).hits[0]
    assert [part for part, matched in hit.snippet.segments if matched] == ["shipments"]


def test_lone_star_lists_every_story(archive):
    assert archive.search("*").total == 6  # seven files, one story in two copies


@pytest.mark.parametrize("query, message", [
    ("a*", "at least 2 letters"),
    ("*tbilisi", "at least 2 letters"),
    ("warnings:x", "unknown field 'warnings'"),
    ("headline:", "needs something after it"),
    ("date:>=", "needs something after it"),
    ("strike OR", "OR needs words after it"),
    ("AND strike", "AND needs words before it"),
    ("(strike", "unclosed '('"),
    ("strike)", "unmatched ')'"),
    ('"strike', "unclosed quote"),
    ("date:2004.5", "is not a date"),
    ("date:>>2004", "is not a date"),
    ("date:<2004-13", "month must be in 1..12"),
    ("date:[ TO ]", "needs at least one end"),
    ("date:[2009 TO 2008]", "ends before it starts"),
    ("NOT NOT strike", "check its operators"),
    ("ab~", "too short"),
    ("economy~9", "1 or 2 typos"),
    ("economy~2/99", "longer than the word"),
    ("~~/99AND", "typos are allowed in words of 3 letters or more"),
    ("x" * 101, "is not a word"),
    (" ".join(["strike"] * 65), "limit is 64"),
    ("(" * 9 + "strike" + ")" * 9, "nest more than 8"),
    ("the", "no words to search for"),
])
def test_malformed_queries_are_refused_with_the_reason(archive, query, message):
    with pytest.raises(QuerySyntaxError, match=message.replace("(", r"\(").replace(")", r"\)")):
        archive.search(query)


# -- dates -------------------------------------------------------------------

def test_a_year_or_month_means_its_whole_span_both_ends_included(archive):
    assert archive.search("*", since=date(2008, 1, 1), until=date(2008, 12, 31)).total == 3
    cli = CliRunner().invoke(main, ["--index", archive.location, "search", "*", "--since", "2008",
                                    "--until", "2008", "--json"])
    assert cli.exit_code == 0 and json.loads(cli.output)["total"] == 3
    august = CliRunner().invoke(main, ["--index", archive.location, "search", "*", "--since", "Aug 2008",
                                       "--until", "Aug 2008", "--json"])
    assert {h["headline"] for h in json.loads(august.output)["hits"]} == {
        "Harbour workers end strike in Velmora", "Ceasefire agreed in the Ossetian hills"}


def test_date_field_takes_periods_comparisons_and_ranges(archive):
    assert archive.search("date:2009").total == 2
    assert archive.search("date:'Sep 2008'").total == 1
    assert archive.search("date:>2008-08").total == 3  # after August: September 2008 on
    assert archive.search("date:<=2008-08-12").total == 1
    assert archive.search("date:[2008-08-13 TO 2009-03]").total == 3
    # Ranges ANDed at the top are checked on the date column, others by Whoosh: the same answers.
    assert set(headlines(archive.search("ceasefire date:2008"))) == {
        "Ceasefire agreed in the Ossetian hills", "Monitors arrive as truce holds"}
    assert set(headlines(archive.search("harvest OR date:2008-09"))) == {
        "Grain harvest beats forecasts", "Monitors arrive as truce holds"}
    assert set(headlines(archive.search("ceasefire NOT date:2008"))) == {
        "Talks on the boundary resume", "Almanac of the river towns"}


def test_undated_articles_are_left_out_by_a_date_filter_and_counted(archive):
    results = archive.search("ceasefire", since=date(2008, 1, 1))
    assert "Almanac of the river towns" not in headlines(results)
    assert results.undated_excluded == 1
    assert archive.search("ceasefire").undated_excluded == 0


@pytest.mark.parametrize("value", ["Sun", "-5", "12", "yesterdayish", "2004.5", "04/05/2008", "2005-02-29"])
def test_garbage_dates_are_refused_by_since_and_until(news, value):
    for option in ("--since", "--until"):
        result = CliRunner().invoke(main, ["search", "strike", option, value])
        assert result.exit_code == 2 and ("is not a date" in result.output or "could be" in result.output)


# -- sorting, sources, paging, facets ------------------------------------------

def test_sort_newest_and_oldest_put_undated_last(archive):
    newest = archive.search("ceasefire", sort="newest", limit=10)
    oldest = archive.search("ceasefire", sort="oldest", limit=10)
    assert [h.article.date[:10] for h in newest.hits[:3]] == ["2009-03-20", "2008-09-02", "2008-08-12"]
    assert [h.article.date for h in oldest.hits][-1] is None and [h.article.date for h in newest.hits][-1] is None
    assert oldest.hits[0].article.date.startswith("2008-08-12")
    assert all(h.score is None for h in newest.hits)


def test_source_filter_is_whole_name_any_case_and_repeatable(archive):
    assert set(headlines(archive.search("*", sources=["reuters"]))) == {
        "Harbour workers end strike in Velmora", "Talks on the boundary resume"}
    assert archive.search("*", sources=["REUTERS", "afp"]).total == 4
    assert archive.search("*", sources=["Reut"]).total == 0


def test_pages_partition_the_hits_and_the_header_counts_stories(archive):
    every = [h.article.id for h in archive.search("*", limit=0).hits]
    pages = [archive.search("*", limit=4, page=k) for k in (1, 2, 3)]
    assert [len(p.hits) for p in pages] == [4, 2, 0]
    assert [h.article.id for p in pages for h in p.hits] == every
    assert pages[1].first == 5 and pages[1].total == 6


def test_facets_count_every_hit_with_and_without_story_collapsing(archive):
    collapsed = archive.search("ceasefire", limit=1)
    assert dict(collapsed.facets.sources) == {"Xinhua": 1, "AFP": 1, "Reuters": 1}
    assert collapsed.facets.period == "month"  # the hits span under two years
    assert dict(collapsed.facets.dates) == {"2008-08": 1, "2008-09": 1, "2009-03": 1}
    assert collapsed.facets.undated == 1 and collapsed.total == 4
    every = archive.search("ceasefire", limit=1, all_copies=True)
    assert dict(every.facets.sources)["Xinhua"] == 2 and every.total == 5
    assert sum(n for _, n in every.facets.dates) + every.facets.undated == every.total


def test_did_you_mean_suggests_from_the_archive_and_runs_it_when_nothing_matched(archive):
    results = archive.search("ceasfire")
    assert results.corrected and results.suggestion == "ceasefire" and results.total == 4
    assert results.query == "ceasfire"
    assert archive.search("ceasefire").suggestion is None


# -- the command line: formats, timeline, exit codes ----------------------------

def run(archive, *args):
    return CliRunner().invoke(main, ["--index", archive.location, *args])


def test_csv_export_has_a_header_and_one_row_per_hit(archive):
    result = run(archive, "search", "ceasefire", "--since", "2008-09", "--sort", "newest", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [row["date"][:10] for row in rows] == ["2009-03-20", "2008-09-02"]
    assert list(rows[0]) == ["rank", "id", "date", "headline", "source", "dateline", "byline",
                             "words", "path", "score", "similar", "group"]


def test_jsonl_export_of_every_hit_matches_the_total(archive):
    total = json.loads(run(archive, "search", "harbour", "--json").output)["total"]
    lines = run(archive, "search", "harbour", "--limit", "0", "--format", "jsonl").output.splitlines()
    assert len(lines) == total == 3
    assert {json.loads(line)["rank"] for line in lines} == {1, 2, 3}


def test_csv_cells_cannot_start_a_spreadsheet_formula():
    from newsidx.exports import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and _cell("Plain") == "Plain"
    assert _cell("\x1b[31mred") == "[31mred"


def test_timeline_counts_per_month_with_quiet_months_and_a_peak(archive):
    result = run(archive, "timeline", "ceasefire", "--json")
    data = json.loads(result.output)
    counts = {row["period"]: row["count"] for row in data["counts"]}
    assert list(counts)[:2] == ["2008-08", "2008-09"] and counts["2008-10"] == 0 and counts["2009-03"] == 1
    assert data["undated"] == 1
    chart = run(archive, "timeline", "ceasefire", "--by", "year")
    assert chart.exit_code == 0 and "← peak" in chart.output and "2008" in chart.output


def test_text_output_pages_facets_and_suggestion(archive):
    first = run(archive, "search", "*", "--limit", "4").output
    assert "6 results for * · showing 1–4 of 6" in first and "page 1 of 2 · next: --page 2" in first
    assert "sources: AFP 2 · Reuters 2 · Xinhua 1" in first and "by month: 2008-08 2 · 2008-09 1" in first
    fixed = run(archive, "search", "ceasfire").output
    assert fixed.startswith("No results for ceasfire; showing results for ceasefire")


@pytest.mark.parametrize("args", [["--page", "0"], ["--since", "yesterdayish"], ["--limit", "-1"],
                                  ["--sort", "sideways"], ["--since", "2009", "--until", "2008"]])
def test_bad_options_exit_2_with_one_line(archive, args):
    result = run(archive, "search", "strike", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_page_past_the_end_says_so_and_exits_1(archive):
    result = run(archive, "search", "strike", "--page", "9")
    assert result.exit_code == 1 and "past the last page" in result.output


def test_a_story_whose_first_copy_is_undated_is_still_listed_by_its_dated_copy(tmp_path):
    _, when, _, paragraphs = STORIES["strike.txt"]
    news = tmp_path / "news"
    write_article(news, "a-undated.txt", "Harbour strike ends", paragraphs, date=None)
    write_article(news, "b-dated.txt", "Harbour strike ends", [paragraphs[0], paragraphs[1] + " Talks resume."],
                  date=when)
    archive = Archive(str(tmp_path / "ix"))
    archive.ingest([str(news)], jobs=1)
    assert archive.search("stoppage", all_copies=True).total == 2  # two copies of one story
    found = archive.search("stoppage", since=date(2008, 1, 1))
    assert found.total == 1 and found.hits[0].article.date.startswith(when)
