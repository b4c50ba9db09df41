"""Searching through ArticleSearcher (:mod:`newsidx.index.query`), by way of
the library API: the query language, ranking, dates, one result per story,
totals, snippets, and looking articles up by id. ``archive`` (conftest.py)
holds the four pages of ``pages.ARTICLES``."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsidx.archive import Archive
from newsidx.errors import AmbiguousIdError, ArticleNotFoundError, QuerySyntaxError

from pages import ORCHARD, TRAM, TRAM_WIRE, write_article


def headlines(results):
    return [hit.article.headline for hit in results.hits]


def test_stemming_matches_plural_and_singular(archive):
    singular = set(headlines(archive.search("ceasefire")))
    plural = set(headlines(archive.search("ceasefires")))
    assert singular == plural == {"Ceasefire holds along the northern border", "Border talks resume in the capital"}


def test_headline_match_outranks_body_match(archive):
    # "ceasefire" is in one headline and in the other article's body only.
    assert headlines(archive.search("ceasefire"))[0] == "Ceasefire holds along the northern border"


def test_all_words_must_match_and_or_widens(archive):
    assert headlines(archive.search("ceasefire stadium")) == []
    assert len(archive.search("ceasefire OR stadium").hits) == 3


def test_phrase_and_not(archive):
    assert headlines(archive.search('"football stadium"')) == ["City council approves new football stadium"]
    assert headlines(archive.search('"stadium football"')) == []
    assert headlines(archive.search("border NOT refugees")) == ["Ceasefire holds along the northern border"]


def test_field_query(archive):
    assert set(headlines(archive.search("headline:border"))) == {
        "Ceasefire holds along the northern border", "Border talks resume in the capital"}
    assert headlines(archive.search("headline:refugees")) == []
    assert headlines(archive.search("body:refugees")) == ["Border talks resume in the capital"]


def test_date_queries_and_filters(archive):
    assert set(headlines(archive.search("date:2010-03"))) == {
        "Ceasefire holds along the northern border", "Border talks resume in the capital"}
    in_range = archive.search("border", since=datetime(2010, 3, 10), until=datetime(2010, 3, 31))
    assert headlines(in_range) == ["Border talks resume in the capital"]


def test_sort_by_date_is_newest_first(archive):
    results = archive.search("said", sort="newest")
    dates = [hit.article.date[:10] for hit in results.hits]
    assert len(dates) == 4 and dates == sorted(dates, reverse=True)


def test_snippet_marks_the_matched_words(archive):
    hit = archive.search("refugees").hits[0]
    matched = [hit.snippet.text[a:b] for a, b in hit.snippet.matches]
    assert matched and all(word.lower() == "refugees" for word in matched)


def test_snippet_shows_a_repeated_paragraph_once(tmp_path):
    folder = tmp_path / "repeat"
    folder.mkdir()
    repeated = ("The harbour authority confirmed that the lighthouse keeper retired on Friday "
                "after forty years of service on the northern cape.")
    filler = " ".join(f"Filler sentence number {n} talks about tides and weather." for n in range(12))
    (folder / "repeat.txt").write_text(
        f"Lighthouse keeper retires\n\n{repeated}\n\n{filler}\n\n{repeated}\n", encoding="utf-8")
    archive = Archive(str(tmp_path / "ix"))
    archive.ingest([str(folder)], jobs=1)
    snippet = archive.search("lighthouse keeper").hits[0].snippet.text
    assert snippet.count("retired on Friday") == 1


def test_get_by_unique_prefix(archive):
    article_id = archive.search("stadium").hits[0].article.id
    assert archive.article(article_id[:6]).id == article_id
    assert archive.article(article_id.upper()).id == article_id
    with pytest.raises(ArticleNotFoundError):
        archive.article("zzzzzz")


def test_ambiguous_prefix_lists_candidates(tmp_path):
    # 17 ids over 16 hex digits: two must share their first character.
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(17):
        (folder / f"{number}.txt").write_text(
            f"Report number {number}\n\n" + f"Paragraph {number} says something about topic {number}. " * 12)
    archive = Archive(str(tmp_path / "ix"))
    archive.ingest([str(folder)], jobs=1)
    ids = [hit.article.id for hit in archive.search("paragraph", limit=20).hits]
    assert len(ids) == 17
    first_chars = [i[0] for i in ids]
    shared = next(c for c in first_chars if first_chars.count(c) > 1)
    with pytest.raises(AmbiguousIdError) as error:
        archive.article(shared)
    assert sorted(error.value.candidates) == sorted(i for i in ids if i.startswith(shared))


def test_syntax_errors_are_typed(archive):
    for bad in ('"unclosed phrase', "(border OR truce", "border)", "date:notadate", "   "):
        with pytest.raises(QuerySyntaxError):
            archive.search(bad)


@pytest.fixture(scope="module")
def story_with_copies(tmp_path_factory):
    """An archive holding one story twice (a paper's and a wire service's
    copy) and an unrelated story."""
    root = tmp_path_factory.mktemp("copies")
    write_article(root / "news", "herald.txt", "Lindquay approves second tram line", TRAM)
    write_article(root / "news", "wire.txt", "Council backs harbour-to-campus tram route", TRAM_WIRE, chrome=True)
    write_article(root / "news", "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    archive = Archive(str(root / "index"))
    archive.ingest([str(root / "news")], jobs=1)
    return archive


def test_one_result_per_story_unless_every_copy_is_asked_for(story_with_copies):
    [hit] = story_with_copies.search("Verhoeven").hits
    assert hit.similar == 1
    every = story_with_copies.search("Verhoeven", all_copies=True).hits
    assert len(every) == 2 and len({h.article.group for h in every}) == 1
    assert [h.similar for h in every] == [0, 0]  # "similar" is only counted for a collapsed story


def test_total_counts_what_is_listed_stories_or_with_all_copies_articles(archive, story_with_copies):
    # Past the limit ...
    results = archive.search("said", limit=2)
    assert (len(results.hits), results.total) == (2, 4)
    # ... a story with two copies is one result, so pages and the total agree ...
    collapsed = story_with_copies.search("Verhoeven")
    assert (len(collapsed.hits), collapsed.total) == (1, 1)
    # ... and with --all, two.
    every = story_with_copies.search("Verhoeven", all_copies=True)
    assert (len(every.hits), every.total) == (2, 2)


def test_snippets_are_passages_of_the_body_without_markup(archive):
    for query in ("ceasefire", "border talks", '"heavy weapons"', "harvest OR stadium"):
        for hit in archive.search(query).hits:
            text = hit.snippet.text
            assert "<" not in text and ">" not in text
            passages = text.removeprefix("… ").removesuffix(" …").split(" … ")
            assert all(passage in hit.article.body for passage in passages), (query, text)


def test_a_match_in_the_headline_alone_shows_the_body_opening(archive):
    [hit] = archive.search("headline:stadium").hits
    assert hit.snippet.matches == []
    assert hit.snippet.text.endswith(" …")
    assert hit.article.body.startswith(hit.snippet.text.removesuffix(" …"))


def test_related_query_leaves_out_words_most_of_the_archive_uses():
    from newsidx.index.related import related_query

    frequency = {"govern": 5000, "ferri": 3, "tunnel": 4}.get
    query = related_query(["government", "ferry"], "Tunnel plan", lambda term: frequency(term, 0), 10_000)
    assert sorted(term for _, term in query.iter_all_terms()) == ["ferri", "plan", "tunnel"]
    # Nothing but common words: they are all there is to go on.
    only_common = related_query(["government"], "", lambda term: 5000, 10_000)
    assert [term for _, term in only_common.iter_all_terms()] == ["govern"]


@pytest.fixture(scope="module")
def stories_across_segments(tmp_path_factory):
    """Six stories, each copied twice (a sentence added) into the files of
    each of three runs, so a story's copies lie within a segment and across
    segments; all dated, the first run's first copy on the 1st."""
    from pages import generated_article

    root = tmp_path_factory.mktemp("segments")
    archive = Archive(str(root / "index"))
    for run in range(3):
        for story in range(6):
            headline, paragraphs = generated_article(story)
            for copy, day in (("a", "01"), ("b", "02")):
                extra = f"Copy {run}{copy} of the story adds this sentence about the tramway vote."
                write_article(root / f"news{run}", f"s{story}{copy}.txt", headline, [*paragraphs, extra],
                              date=f"2011-0{run + 1}-{day}")
        archive.ingest([str(root / f"news{run}")], jobs=1)
    return archive


def test_one_copy_per_story_across_segments_as_with_a_filter_that_keeps_every_article(stories_across_segments):
    plain = stories_across_segments.search("tramway", limit=0, facets=True)
    # A date range holding every article takes the scan's general path.
    filtered = stories_across_segments.search("tramway", limit=0, facets=True,
                                              since=datetime(2000, 1, 1), until=datetime(2030, 1, 1))
    assert plain.total == filtered.total == 6
    assert [(h.article.id, h.similar) for h in plain.hits] == [(h.article.id, h.similar) for h in filtered.hits]
    assert plain.facets == filtered.facets
    # The copy that stands for each story is its first, from the first run.
    assert {h.article.date[:10] for h in plain.hits} == {"2011-01-01"}
