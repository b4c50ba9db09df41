"""Tests for newsidx.index.related: cosine similarity, its threshold, and related
coverage on the demo corpus and (when it is there) the BBC set."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from newsidx.archive import Archive
from newsidx.index.related import RELATED_MIN_SCORE, cosine, term_vector
from pages import LIBRARY, ORCHARD, TRAM, TRAM_OTHER, TRAM_WIRE, write_article

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "data" / "bbc"


# --- vectors -----------------------------------------------------------------------------


def test_term_vector_is_unit_length_and_weighs_rare_words_up():
    frequency = {"port": 900, "strike": 20, "velmora": 2}.get
    vector = term_vector({"port": 3, "strike": 1, "velmora": 1}, lambda t: frequency(t), 1000)
    assert math.isclose(math.fsum(w * w for w in vector.values()), 1.0)
    assert vector["velmora"] > vector["strike"] > 0
    assert vector["port"] < vector["strike"]  # three mentions, but in 90 % of the archive
    assert term_vector({}, lambda t: 0, 1000) == {}


def test_cosine_is_symmetric_one_for_the_same_text_and_zero_for_no_shared_word():
    a = term_vector({"port": 2, "strike": 1}, lambda t: 5, 100)
    b = term_vector({"strike": 1, "tram": 4}, lambda t: 5, 100)
    c = term_vector({"orchard": 1}, lambda t: 5, 100)
    assert math.isclose(cosine(a, a), 1.0)
    assert math.isclose(cosine(a, b), cosine(b, a)) and 0 < cosine(a, b) < 1
    assert cosine(a, c) == 0.0


# --- an archive of made-up stories ----------------------------------------------------------


@pytest.fixture(scope="module")
def trams(tmp_path_factory):
    root = tmp_path_factory.mktemp("related")
    news = root / "news"
    write_article(news, "herald.txt", "Lindquay approves second tram line", TRAM, date="2011-05-12")
    write_article(news, "wire.txt", "Council backs harbour-to-campus tram route", TRAM_WIRE, chrome=True)
    write_article(news, "outage.txt", "Power cable failure delays Lindquay trams", TRAM_OTHER,
                  date="2011-05-02")
    write_article(news, "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    write_article(news, "library.txt", "Bexworth library lends tools", LIBRARY)
    archive = Archive(str(root / "index"))
    archive.ingest([str(news)], jobs=1)
    return archive


def test_copies_are_copies_and_a_loosely_related_story_is_below_the_threshold(trams):
    [herald] = trams.search("headline:approves").hits
    view = trams.view(herald.article.id)
    assert [c.path.rsplit("/", 1)[-1] for c in view.copies] == ["wire.txt"]
    # The tram outage in the same city shares the city and the trams, little
    # else (cosine 0.08): not coverage of this story.
    assert view.related == ()
    assert [(e.kind, e.gap_days) for e in view.story] == [("this", None), ("copy", None)]


def test_no_related_coverage_is_an_answer(trams):
    [orchard] = trams.search("headline:frost").hits
    assert trams.view(orchard.article.id).related == ()


def test_below_the_threshold_scores_are_symmetric_and_copies_never_listed(trams):
    from newsidx.index import ArticleIndex

    [herald] = trams.search("headline:approves").hits
    [outage] = trams.search("headline:cable").hits
    terms = ["tram", "harbour", "council"]
    with ArticleIndex.open(trams.location).searcher() as searcher:
        herald_article, outage_article = searcher.get(herald.article.id), searcher.get(outage.article.id)
        from_herald = searcher.related(herald_article, terms, limit=10, min_score=0.0)
        from_outage = searcher.related(outage_article, terms, limit=10, min_score=0.0)
        assert searcher.related(outage_article, terms, limit=1, min_score=0.0) == from_outage[:1]
    assert [r.article.id for r in from_herald] == [outage.article.id]  # the wire copy is the same story
    back = {r.article.id: r.score for r in from_outage}
    assert math.isclose(back[herald.article.id], from_herald[0].score, rel_tol=1e-9)
    assert 0.0 < from_herald[0].score < RELATED_MIN_SCORE
    assert [r.score for r in from_outage] == sorted(back.values(), reverse=True)


# --- the demo corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    archive = Archive(str(tmp_path_factory.mktemp("demo") / "index"))
    report = archive.ingest([str(REPO / "corpus")], jobs=1)
    assert report.added > 50 and not report.failed
    return archive


def test_the_france24_seed_is_related_to_the_china_daily_seed_and_nothing_else(demo):
    [france24] = demo.search('headline:sarkozy').hits
    view = demo.view(france24.article.id)
    assert [r.article.headline for r in view.related] == [
        "Russia establishes diplomatic ties with South Ossetia, Abkhazia"]
    china_daily = demo.view(view.related[0].article.id)
    assert [r.article.id for r in china_daily.related] == [france24.article.id]


# --- the BBC set: related lists checked by hand ---------------------------------------------

# Each article's related coverage may only hold articles whose headline names
# one of these (checked by reading them): the same takeover, budget, athlete,
# tournament or bank deal.
BBC_TOPICS = {
    "business/glazer-makes-new-man-utd-approach.txt": ("Glazer", "Man Utd"),
    "business/bush-budget-seeks-deep-cutbacks.txt": ("budget", "deficit"),
    "sport/what-now-for-kelly-holmes.txt": ("Holmes",),
    "sport/federer-claims-dubai-crown.txt": ("Federer", "Henman"),
    "business/absa-and-barclays-talks-continue.txt": ("Barclays",),
}
# Pairs that belong together, across sections too.
BBC_PAIRS = [
    ("tech/parents-face-video-game-lessons.txt", "politics/game-warnings-must-be-clearer.txt"),
    ("business/glazer-makes-new-man-utd-approach.txt", "sport/ferdinand-casts-doubt-over-glazer.txt"),
    ("business/bush-budget-seeks-deep-cutbacks.txt", "business/us-budget-deficit-to-reach-368bn.txt"),
    ("sport/what-now-for-kelly-holmes.txt", "sport/holmes-is-hit-by-hamstring-injury.txt"),
]


@pytest.fixture(scope="module")
def bbc(tmp_path_factory):
    if not BBC.is_dir():
        pytest.skip(f"the BBC set is not at {BBC}")
    archive = Archive(str(tmp_path_factory.mktemp("bbc") / "index"))
    archive.ingest([str(BBC)])
    with_paths = {}
    from newsidx.index import ArticleIndex

    with ArticleIndex.open(archive.location).searcher() as searcher:
        for article in searcher.all_articles():
            for path in searcher.get(article.id).paths:
                with_paths[str(Path(path).relative_to(BBC))] = article.id
    return archive, with_paths


@pytest.mark.parametrize("name", sorted(BBC_TOPICS))
def test_bbc_related_coverage_shares_the_topic(bbc, name):
    archive, ids = bbc
    related = archive.view(ids[name]).related
    assert related, name
    for other in related:
        assert any(word.lower() in other.article.headline.lower() for word in BBC_TOPICS[name]), \
            (name, other.article.headline, other.score)


@pytest.mark.parametrize("name, partner", BBC_PAIRS)
def test_bbc_hand_checked_pairs_are_related(bbc, name, partner):
    archive, ids = bbc
    assert ids[partner] in [r.article.id for r in archive.view(ids[name]).related]
