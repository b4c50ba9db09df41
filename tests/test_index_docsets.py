"""matching_docs gives exactly the documents Whoosh's own Query.docs gives, and
column_values the values Whoosh's column readers give,
for every query form, in segments with and without deleted documents."""

from __future__ import annotations

import pytest

from newsidx.archive import Archive
from newsidx.index import ArticleIndex
from newsidx.index.docsets import matching_docs

from pages import write_archive

QUERIES = ["ceasefire", "border talks", "border OR harvest", "border NOT refugees", "-border said",
           '"heavy weapons"', "headline:border", "date:2010-03", "said date:>2010-03-05", "bord*",
           "ceasfire~", "*", "(border OR stadium) said", "nothingmatchesthis", "said OR nothingmatchesthis",
           '"the border"', '"northern border" OR harvest', '"border talks resume"', '"talks border"',
           "NOT border", "said NOT border NOT refugees", '"heavy weapons" NOT border', "border NOT nothingmatchesthis",
           "(border NOT refugees) OR harvest", "said -border -talks", "nothingmatchesthis NOT border",
           '"the border talks"', '"said the border would"', "bo?der", "headline:bord*", "ceas* NOT border",
           "talks~2", "nothingmatch*", "headline:[a TO m]", "said headline:[border TO talks]"]


@pytest.fixture(scope="module")
def edited_archive(tmp_path_factory):
    """Two segments, one with a deleted document (an article edited after the first ingest)."""
    root = tmp_path_factory.mktemp("docsets")
    news = write_archive(root / "news")
    archive = Archive(str(root / "index"))
    archive.ingest([str(news)], jobs=1)
    first = sorted(news.iterdir())[0]
    first.write_text(first.read_text() + "\nA new closing paragraph said the border would stay open.\n")
    report = archive.ingest([str(news)], jobs=1)
    assert report.updated == 1
    return archive


@pytest.mark.parametrize("text", QUERIES)
def test_same_documents_as_whoosh(edited_archive, text):
    with ArticleIndex.open(edited_archive.location).searcher() as searcher:
        query = searcher._parser.parse(text)
        whoosh = searcher._searcher
        assert any(sub.reader().has_deletions() for sub, _ in whoosh.leaf_searchers())
        for sub, _ in whoosh.leaf_searchers():
            assert matching_docs(query, sub) == list(query.docs(sub)), text


def test_one_searcher_answers_words_then_phrases_of_them(edited_archive):
    """A word's postings are first read without positions (a word query
    needs none); a phrase of it afterwards, on the same reader, reads them."""
    with ArticleIndex.open(edited_archive.location).searcher() as searcher:
        whoosh = searcher._searcher
        for text in ["border", "heavy weapons", "northern", *QUERIES]:
            query = searcher._parser.parse(text)
            for sub, _ in whoosh.leaf_searchers():
                assert matching_docs(query, sub) == list(query.docs(sub)), text


@pytest.mark.parametrize("column", ["group", "date", "outlet"])
def test_columns_read_whole_give_the_values_read_one_by_one(edited_archive, column):
    from newsidx.index.columns import column_values

    with ArticleIndex.open(edited_archive.location).searcher() as searcher:
        for sub, _ in searcher._searcher.leaf_searchers():
            reader = sub.reader()
            everyone = list(range(reader.doc_count_all()))
            if not reader.has_column(column):
                continue
            one_by_one = reader.column_reader(column, translate=False)
            assert column_values(reader, column, everyone) == [one_by_one[d] for d in everyone]
            assert column_values(reader, column, everyone[::-2]) == [one_by_one[d] for d in everyone[::-2]]
