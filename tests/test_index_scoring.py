"""top_scored ranks word queries exactly as Whoosh's BM25F does: the same
documents, in the same order, with the same scores; other queries are left to
Whoosh (None). On an archive of several segments with a deleted document."""

from __future__ import annotations

import pytest

from newsidx.archive import Archive
from newsidx.index import ArticleIndex
from newsidx.index.scoring import top_scored

from pages import write_archive, write_generated

# (query, the same query in a form Whoosh ranks correctly): Whoosh's AND NOT
# matcher lets an excluded document through across segments.
WORD_QUERIES = [(q, q) for q in ["council", "council said", "council OR harbour", "said NOT council",
                                 "headline:council", "(council OR tram) said", "nothingmatchesthis",
                                 "said OR nothingmatches", "council ANDMAYBE harbour",
                                 '"proposal number"', '"number 12"', '"council weighs" OR harbour',
                                 '"the council"', '"weighs proposal number"']]
WORD_QUERIES += [("-council said", "said NOT council")]
OTHER_QUERIES = ['"council proposal"~3', "counc*", "councl~", "date:2010", "*"]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("scoring")
    news = write_archive(root / "news")
    write_generated(root / "news" / "more", 30)
    archive = Archive(str(root / "index"))
    archive.ingest([str(news)], jobs=1, batch_size=10)
    first = sorted(news.glob("*.txt"))[0]
    first.write_text(first.read_text() + "\nThe council said the harbour would stay open.\n")
    assert archive.ingest([str(news)], jobs=1).updated == 1
    return archive


def whoosh_ranking(whoosh, query, depth, allowed=None) -> list:
    # Every match scored (limit=None): Whoosh's skipping can miss better documents in a small top.
    ranked = [(hit.docnum, hit.score) for hit in whoosh.search(query, limit=None, filter=allowed)]
    return ranked[:depth] if depth else ranked


@pytest.mark.parametrize("text, reference", WORD_QUERIES)
@pytest.mark.parametrize("depth", [3, None])
def test_same_ranking_and_scores_as_whoosh(archive, text, reference, depth):
    with ArticleIndex.open(archive.location).searcher() as searcher:
        whoosh = searcher._searcher
        assert len(whoosh.leaf_searchers()) > 1
        query, expected_query = searcher._parser.parse(text), searcher._parser.parse(reference)
        expected = whoosh_ranking(whoosh, expected_query, depth)
        ours = top_scored(query, whoosh, None, depth)
        assert [d for d, _ in ours] == [d for d, _ in expected]
        if text == reference:  # (the reference's NOT adds a constant 1.0 to every score)
            assert [s for _, s in ours] == pytest.approx([s for _, s in expected], rel=1e-9)
        # ... and within a set of allowed documents, as Whoosh's filter: half
        # the matches, and few enough that only they are scored.
        for step in (2, 5):
            allowed = set(list(whoosh.docs_for_query(expected_query))[::step])
            filtered = whoosh_ranking(whoosh, expected_query, depth, allowed) if allowed else []
            ours = top_scored(query, whoosh, allowed, depth)
            assert [d for d, _ in ours] == [d for d, _ in filtered]
            if text == reference:
                assert [s for _, s in ours] == pytest.approx([s for _, s in filtered], rel=1e-9)


def test_scoring_only_the_allowed_documents_is_what_scoring_all_then_filtering_gives(archive):
    from newsidx.index import scoring

    with ArticleIndex.open(archive.location).searcher() as searcher:
        whoosh = searcher._searcher
        for text, _ in WORD_QUERIES:
            query = searcher._parser.parse(text)
            everything = top_scored(query, whoosh, None, None)
            # some matches, and documents that have some of the words or none
            allowed = {docnum for docnum, _ in everything[::7]} | set(range(0, whoosh.doc_count_all(), 3))
            expected = [(d, s) for d, s in everything if d in allowed]
            assert top_scored(query, whoosh, allowed, None) == expected
            scoring._AMONG_SHARE, share = 0, scoring._AMONG_SHARE  # restrict whatever the share
            try:
                assert top_scored(query, whoosh, allowed, None) == expected
            finally:
                scoring._AMONG_SHARE = share


@pytest.mark.parametrize("text", OTHER_QUERIES)
def test_other_queries_are_left_to_whoosh(archive, text):
    with ArticleIndex.open(archive.location).searcher() as searcher:
        assert top_scored(searcher._parser.parse(text), searcher._searcher, None, 10) is None
