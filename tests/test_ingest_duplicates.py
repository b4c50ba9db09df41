"""Ingest and duplicates: an exact copy is one article with every path, a near
copy is an article of its own in the same story group, and search shows a
story once."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsidx.archive import Archive

from ingest_harness import BASE_TIME, article_count, counts, file_records, hit_ids, ingest_json, run, search_json
from pages import ORCHARD, TRAM, TRAM_OTHER, TRAM_WIRE, write_article


def _with_messy_whitespace(paragraphs):
    return ["  " + p.replace(". ", ".   ").replace(" the ", " the\t") + "   " for p in paragraphs]


def test_exact_duplicates_are_stored_once_with_every_path(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "a-site/tram.txt", "Lindquay approves second tram line", TRAM)
    second = write_article(docs, "b-site/copy.txt", "Second tram line for Lindquay - Example News",
                           _with_messy_whitespace(TRAM), chrome=True)
    write_article(docs, "c-site/orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)

    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=2, updated=0, unchanged=0, removed=0, duplicate=1, missing=0, failed=0)
    assert article_count(index_dir) == 2

    [hit] = search_json(index_dir, "Verhoeven")["hits"]
    assert hit["similar"] == 0  # one article, not two grouped ones
    article = Archive(str(index_dir)).article(hit["id"])
    assert article.paths == (str(first), str(second))
    records = file_records(index_dir)
    assert records[str(first)].article_id == records[str(second)].article_id == hit["id"]


@pytest.mark.skipif(importlib.util.find_spec("newsidx.summary") is None,
                    reason="newsidx.summary not written yet: `show` cannot run")
def test_show_json_lists_every_path_of_an_exact_duplicate(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "one.txt", "Lindquay approves second tram line", TRAM)
    second = write_article(docs, "two.txt", "Tram vote in Lindquay", _with_messy_whitespace(TRAM))
    ingest_json(index_dir, docs)
    [article_id] = hit_ids(index_dir, "Verhoeven")
    shown = run(index_dir, "show", article_id, "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["paths"] == [str(first), str(second)]


def test_removing_one_copy_of_an_exact_duplicate_keeps_the_article(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "one.txt", "Lindquay approves second tram line", TRAM)
    second = write_article(docs, "two.txt", "Tram vote in Lindquay", _with_messy_whitespace(TRAM))
    ingest_json(index_dir, docs)
    first.unlink()
    assert ingest_json(index_dir, docs, "--prune")["removed"] == 1
    [article_id] = hit_ids(index_dir, "Verhoeven")
    assert Archive(str(index_dir)).article(article_id).paths == (str(second),)
    second.unlink()
    ingest_json(index_dir, docs, "--prune")
    assert hit_ids(index_dir, "Verhoeven") == []
    assert article_count(index_dir) == 0


def test_editing_one_copy_of_an_exact_duplicate_splits_it(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "one.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    second = write_article(docs, "two.txt", "Tram vote", _with_messy_whitespace(TRAM), mtime=BASE_TIME)
    ingest_json(index_dir, docs)
    write_article(docs, "two.txt", "Frost halves Saroth apple harvest", ORCHARD, mtime=BASE_TIME + 5)
    report = ingest_json(index_dir, docs)
    assert (report["updated"], report["unchanged"]) == (1, 1)
    archive = Archive(str(index_dir))
    [tram_id] = hit_ids(index_dir, "Verhoeven")
    [frost_id] = hit_ids(index_dir, "frost")
    assert archive.article(tram_id).paths == (str(first),)
    assert archive.article(frost_id).paths == (str(second),)


def _near_duplicate_folder(docs):
    write_article(docs, "herald/tram.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "wire/tram.txt", "Council backs harbour-to-campus tram route", TRAM_WIRE, chrome=True)
    write_article(docs, "herald/outage.txt", "Lindquay tram delays after cable fails", TRAM_OTHER)
    write_article(docs, "farm/orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)


def groups_by_file(index_dir) -> dict[str, str]:
    """{file name relative to its folder's parent: story group}."""
    archive = Archive(str(index_dir))
    return {"/".join(Path(path).parts[-2:]): archive.article(record.article_id).group
            for path, record in file_records(index_dir).items()}


def test_near_duplicates_share_a_story_group_and_unrelated_same_topic_does_not(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _near_duplicate_folder(docs)
    report = ingest_json(index_dir, docs)
    assert (report["added"], report["duplicate"]) == (4, 0)  # near copies are articles of their own
    assert article_count(index_dir) == 4

    groups = groups_by_file(index_dir)
    assert groups["herald/tram.txt"] == groups["wire/tram.txt"]
    # The other tram story (same city, same topic) and the orchard story stand alone.
    assert len({groups["herald/tram.txt"], groups["herald/outage.txt"], groups["farm/orchard.txt"]}) == 3


def test_near_duplicate_found_within_one_batch_and_across_runs(tmp_path, index_dir):
    # Two copies in one run (pending writes), a third copy in a later run (committed).
    docs = tmp_path / "docs"
    write_article(docs, "x/a.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "x/b.txt", "Council backs tram route", TRAM_WIRE)
    ingest_json(index_dir, docs)
    write_article(docs, "x/c.txt", "Tram line approved", ["LINDQUAY, Norland (AP) - " + TRAM[0]] + TRAM[1:3] + TRAM[4:])
    ingest_json(index_dir, docs)
    groups = groups_by_file(index_dir)
    assert len(groups) == 3
    assert len(set(groups.values())) == 1
    assert article_count(index_dir) == 3


def test_search_shows_one_result_per_story_with_similar_count(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _near_duplicate_folder(docs)
    ingest_json(index_dir, docs)
    [hit] = search_json(index_dir, "Verhoeven")["hits"]
    assert hit["similar"] == 1
    text = run(index_dir, "search", "Verhoeven")
    assert text.exit_code == 0
    assert "+1 similar" in text.stdout
    # The unrelated tram story is its own result, with no similar copies.
    trams = search_json(index_dir, "tram Lindquay")["hits"]
    assert sorted((h["group"] == hit["group"], h["similar"]) for h in trams) == [(False, 0), (True, 1)]
    assert [h["headline"] for h in trams if h["group"] != hit["group"]] == [
        "Lindquay tram delays after cable fails"]


def test_search_all_lists_every_copy_of_a_story(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _near_duplicate_folder(docs)
    ingest_json(index_dir, docs)
    every = search_json(index_dir, "Verhoeven", "--all")["hits"]
    assert sorted(h["headline"] for h in every) == [
        "Council backs harbour-to-campus tram route", "Lindquay approves second tram line"]
    assert len({h["group"] for h in every}) == 1


# -- an exact duplicate's headline, date and source come from a file that holds it


def shown(index_dir, query="Verhoeven") -> list[tuple[str, str | None, str]]:
    """(headline, date, path) of every article matching ``query``."""
    return sorted((hit["headline"], hit["date"], Path(hit["path"]).name)
                  for hit in search_json(index_dir, query, "--all")["hits"])


def assert_everything_shown_is_in_its_files(index_dir):
    archive = Archive(str(index_dir))
    for hit in search_json(index_dir, "Verhoeven OR Saroth OR tram", "--all", "--limit", "50")["hits"]:
        article = archive.article(hit["id"])
        texts = [Path(path).read_text() for path in article.paths]
        assert texts, hit
        assert any(article.headline in text for text in texts), (article.headline, article.paths)


def copies(docs, *names_and_headlines, mtime=BASE_TIME):
    return [write_article(docs, name, headline, _with_messy_whitespace(TRAM) if n else TRAM,
                          date=f"2010-03-0{n + 1}", mtime=mtime)
            for n, (name, headline) in enumerate(names_and_headlines)]


def test_deleting_the_file_an_article_was_read_from_takes_it_from_another_copy(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first, _ = copies(docs, ("a.txt", "Lindquay approves second tram line"), ("b.txt", "Tram vote in Lindquay"))
    ingest_json(index_dir, docs)
    assert shown(index_dir) == [("Lindquay approves second tram line", "2010-03-01", "a.txt")]
    first.unlink()
    assert ingest_json(index_dir, docs, "--prune")["removed"] == 1
    assert shown(index_dir) == [("Tram vote in Lindquay", "2010-03-02", "b.txt")]
    assert_everything_shown_is_in_its_files(index_dir)


# file edited, its new headline, text and date, what the article then shows
EDITS = {
    "the origin gets a new body": ("a.txt", "Frost halves Saroth apple harvest", ORCHARD, None,
                                   ("Tram vote in Lindquay", "2010-03-02", "b.txt")),
    "the origin gets a new headline": ("a.txt", "Lindquay tram line gets the go-ahead", TRAM, "2010-03-09",
                                       ("Lindquay tram line gets the go-ahead", "2010-03-09", "a.txt")),
    "another copy gets a new headline": ("b.txt", "Tram vote: Lindquay says yes", TRAM, None,
                                         ("Lindquay approves second tram line", "2010-03-01", "a.txt")),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edited_copy_leaves_the_article_showing_a_file_that_holds_it(tmp_path, index_dir, edit):
    name, headline, paragraphs, date, expected = EDITS[edit]
    docs = tmp_path / "docs"
    copies(docs, ("a.txt", "Lindquay approves second tram line"), ("b.txt", "Tram vote in Lindquay"))
    ingest_json(index_dir, docs)
    write_article(docs, name, headline, paragraphs, date=date, mtime=BASE_TIME + 5)
    assert ingest_json(index_dir, docs)["updated"] == 1
    assert shown(index_dir) == [expected]
    assert_everything_shown_is_in_its_files(index_dir)


def test_a_sole_file_edited_without_changing_its_body_shows_its_new_headline(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    ingest_json(index_dir, docs)
    write_article(docs, "a.txt", "Lindquay says yes to a second tram line", TRAM, mtime=BASE_TIME + 5)
    assert ingest_json(index_dir, docs)["updated"] == 1
    assert shown(index_dir) == [("Lindquay says yes to a second tram line", None, "a.txt")]
    assert article_count(index_dir) == 1


def test_an_origin_with_a_new_body_and_a_pruned_copy_in_one_run(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _, second, _ = copies(docs, ("a.txt", "Lindquay approves second tram line"),
                          ("b.txt", "Tram vote in Lindquay"), ("c.txt", "Second tram line for Lindquay"))
    ingest_json(index_dir, docs)
    write_article(docs, "a.txt", "Frost halves Saroth apple harvest", ORCHARD, mtime=BASE_TIME + 5)
    second.unlink()
    report = ingest_json(index_dir, docs, "--prune")
    assert (report["updated"], report["removed"]) == (1, 1)
    assert shown(index_dir) == [("Second tram line for Lindquay", "2010-03-03", "c.txt")]
    assert article_count(index_dir) == 2
    assert_everything_shown_is_in_its_files(index_dir)


BBC_POLITICS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc" / "politics"


def test_the_bbc_reproducer_shows_the_headline_of_the_file_left(tmp_path, index_dir):
    """Issue 9's reproducer: two BBC files with one body under two headlines."""
    planned = BBC_POLITICS / "child-access-law-shake-up-planned.txt"
    other = BBC_POLITICS / "child-access-laws-shake-up.txt"
    if not (planned.is_file() and other.is_file()):
        pytest.skip(f"the shared BBC files are not in {BBC_POLITICS}")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(planned.read_bytes())
    ingest_json(index_dir, docs)
    (docs / "b.txt").write_bytes(other.read_bytes())
    assert ingest_json(index_dir, docs)["duplicate"] == 1
    (docs / "a.txt").unlink()
    ingest_json(index_dir, docs, "--prune")
    [hit] = search_json(index_dir, "child access")["hits"]
    assert (hit["headline"], Path(hit["path"]).name) == ("Child access laws shake-up", "b.txt")
