"""Opening an index, the one-writer lock and commits (:mod:`newsidx.index.store`).
The lock across real processes is test_ingest_processes.py's."""

from __future__ import annotations

import os

import pytest

from newsidx.errors import DamagedIndexError, IndexBusyError, IndexLocationError, NoIndexError
from newsidx.index import ArticleIndex, FileRecord
from newsidx.index.catalog import DATABASE as CATALOG_DATABASE


def record(path: str) -> FileRecord:
    return FileRecord(path=path, size=10, mtime_ns=1, file_hash="h-" + path, article_id="a1")


def test_open_without_an_index_is_no_index_error(tmp_path):
    with pytest.raises(NoIndexError, match="newsidx ingest"):
        ArticleIndex.open(str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoIndexError):
        ArticleIndex.open(str(tmp_path / "empty"))


def test_open_or_create_makes_an_empty_index_that_open_finds(tmp_path):
    location = str(tmp_path / "new" / "ix")
    ArticleIndex.open_or_create(location)
    index = ArticleIndex.open(location)
    assert index.file_records() == {}
    with index.searcher() as searcher:
        assert (searcher.article_count(), searcher.file_count()) == (0, 0)


def test_an_index_location_that_is_a_file_is_index_location_error(tmp_path):
    (tmp_path / "ix").write_text("not a folder")
    for opening in (ArticleIndex.open_or_create, ArticleIndex.open):
        with pytest.raises(IndexLocationError, match="is not a folder"):
            opening(str(tmp_path / "ix"))
    (tmp_path / "file").write_text("a file where a parent folder should be")
    with pytest.raises(IndexLocationError, match="cannot create an index at .*: not a directory"):
        ArticleIndex.open_or_create(str(tmp_path / "file" / "ix"))


def test_a_folder_created_while_a_reader_looks_is_no_index_yet_not_a_file(tmp_path, monkeypatch):
    # The first ingest creates the folder between the reader's "is it a folder?"
    # and "is anything there?": the reader must see no index, not "not a folder".
    location = tmp_path / "ix"
    real_isdir = os.path.isdir
    answers = iter([False])  # the first answer is from before the folder existed

    def isdir_racing(path):
        if os.fspath(path) == str(location):
            location.mkdir(exist_ok=True)
            return next(answers, real_isdir(path))
        return real_isdir(path)

    monkeypatch.setattr(os.path, "isdir", isdir_racing)
    with pytest.raises(NoIndexError):
        ArticleIndex.open(str(location))


def test_a_second_update_is_refused_while_the_first_holds_the_lock(tmp_path):
    index = ArticleIndex.open_or_create(str(tmp_path / "ix"))
    with index.exclusive_update():
        with pytest.raises(IndexBusyError, match=f"pid {os.getpid()}"):
            with index.exclusive_update():
                pass
    with index.exclusive_update():  # released with the first
        pass


def test_file_records_are_visible_after_the_commit_only(tmp_path):
    index = ArticleIndex.open_or_create(str(tmp_path / "ix"))
    with index.exclusive_update() as update:
        update.put_file(record("/news/a.txt"))
        assert set(update.file_records()) == {"/news/a.txt"}  # the writer sees its pending rows
        assert index.file_records() == {}
    assert index.file_records() == {"/news/a.txt": record("/news/a.txt")}
    assert ArticleIndex.open(index.location).file_records() == index.file_records()


def test_a_missing_catalog_is_damaged_index_error(tmp_path):
    location = tmp_path / "ix"
    ArticleIndex.open_or_create(str(location))
    (location / CATALOG_DATABASE).unlink()
    with pytest.raises(DamagedIndexError, match=CATALOG_DATABASE):
        ArticleIndex.open(str(location))


def test_a_damaged_catalog_is_damaged_index_error(tmp_path):
    location = tmp_path / "ix"
    index = ArticleIndex.open_or_create(str(location))
    (location / CATALOG_DATABASE).write_bytes(b"not SQLite at all " * 100)
    with pytest.raises(DamagedIndexError, match="catalog.sqlite cannot be read .file is not a database.; "
                                                 "rebuild it from the folders it indexed"):
        with index.exclusive_update():
            pass


def test_a_damaged_catalog_is_damaged_index_error_for_readers_too(tmp_path):
    location = tmp_path / "ix"
    index = ArticleIndex.open_or_create(str(location))
    (location / CATALOG_DATABASE).write_bytes(b"not SQLite at all " * 100)
    with pytest.raises(DamagedIndexError, match="catalog.sqlite cannot be read"):
        index.file_records()
    with pytest.raises(DamagedIndexError, match="catalog.sqlite cannot be read"):
        index.searcher()


def _article(article_id: str, headline: str):
    from newsidx.extract import extract
    from newsidx.index import NewArticle

    body = f"{headline}. A body long enough to be an article about {headline.lower()}, said the council."
    return NewArticle(id=article_id, extracted=extract(f"{headline}\n\n{body}\n"), body_hash="h" + article_id,
                      group=article_id, band_numbers=(), signature=(), origin=f"/news/{article_id}.txt")


def _bodies(index) -> list[str]:
    with index.searcher() as searcher:
        return sorted(searcher.get(article.id).body for article in searcher.all_articles())


def test_an_article_replaced_or_deleted_in_the_batch_that_added_it_is_not_left_behind(tmp_path):
    # Whoosh deletes only committed documents: a replacement in the same batch
    # kept both, and a deletion kept the article.
    index = ArticleIndex.open_or_create(str(tmp_path / "ix"))
    with index.exclusive_update() as update:
        update.add_article(_article("a1", "Tram line approved"), replace=False)
        update.add_article(_article("a1", "Tram line approved again"), replace=True)
        update.add_article(_article("b2", "Harbour closes"), replace=False)
        update.delete_article("b2")
    [body] = _bodies(index)
    assert body.startswith("Tram line approved again")
