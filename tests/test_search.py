"""The library API end to end: ingest, read an article back, view, stats.
How queries behave is test_index_query.py's; ``archive`` is conftest.py's."""

from __future__ import annotations

import pytest

from newsidx.archive import Archive
from newsidx.errors import NoIndexError


def test_round_trip_keeps_extracted_fields(archive):
    hit = archive.search("harvest").hits[0]
    stored = archive.article(hit.article.id)
    assert stored.headline == "Farmers expect record wheat harvest"
    assert stored.date.startswith("2010-07-19")
    assert stored.body.startswith("Farmers across the plains")
    assert "Advertisement" not in stored.body and "Read more" not in stored.body
    assert stored.path.endswith("harvest.txt")
    assert stored.word_count == len(stored.body.split())


def test_stats(archive):
    info = archive.stats()
    assert info.articles == 4 and info.files == 4
    assert (info.earliest, info.latest) == ("2009-11-02", "2010-07-19")
    assert info.size_bytes > 0


def test_missing_index_is_a_typed_error(tmp_path):
    with pytest.raises(NoIndexError, match="newsidx ingest"):
        Archive(str(tmp_path / "nothing-here")).search("anything")


def test_view_summary_key_terms_and_related(archive):
    article_id = archive.search("headline:ceasefire").hits[0].article.id
    view = archive.view(article_id)
    assert view.summary and all(sentence in view.article.body for sentence in view.summary)
    body = view.article.body.lower()
    assert view.key_terms and all(term.lower() in body for term in view.key_terms)
    assert not {"the", "and", "said"} & {term.lower() for term in view.key_terms}
    related = [other.article.headline for other in view.related]
    assert related[0] == "Border talks resume in the capital"
    assert view.article.headline not in related
