"""Ingest after a run that did not finish (Ctrl-C, a crash between the
catalog's and the index's commits): the next run keeps every committed batch
and redoes the rest; and over an index an older newsidx made, which it
rebuilds. Real processes killed half-way are test_ingest_processes.py's."""

from __future__ import annotations

import errno
import os
import signal

import pytest

from newsidx.archive import Archive
from newsidx.index.store import IndexUpdate

from ingest_harness import article_count, counts, file_records, ingest_json, run
from pages import generated_article, write_generated


def test_ctrl_c_between_an_article_and_its_file_record_is_deferred(tmp_path, index_dir, monkeypatch):
    """Ctrl-C landing in the middle of one file's writes must not keep half of them:
    an article committed without its file record is indexed again by the re-run."""
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    docs = tmp_path / "docs"
    write_generated(docs, 6)
    real_put_file = IndexUpdate.put_file
    calls = 0

    def put_file_hit_by_ctrl_c(self, record, replace=True):
        nonlocal calls
        calls += 1
        if calls == 3:  # the third file: its article is written, its record not yet
            os.kill(os.getpid(), signal.SIGINT)
        return real_put_file(self, record, replace)

    monkeypatch.setattr(IndexUpdate, "put_file", put_file_hit_by_ctrl_c)
    report = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert report.interrupted
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored
    assert report.added == len(file_records(index_dir)) == article_count(index_dir) == 3

    monkeypatch.setattr(IndexUpdate, "put_file", real_put_file)
    again = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert (again.added, again.unchanged, again.interrupted) == (3, 3, False)
    assert len(file_records(index_dir)) == article_count(index_dir) == 6


def test_a_crash_between_the_catalog_and_the_index_commit_loses_nothing(tmp_path, index_dir, monkeypatch):
    """The catalog (SQLite) commits a batch just before Whoosh does: a process
    that dies between the two leaves catalog rows the index never got, which
    the next run must undo, then redo that batch's files."""
    from newsidx.index.writing import ArticleSegmentWriter

    docs = tmp_path / "docs"
    write_generated(docs, 9)
    real_commit = ArticleSegmentWriter.commit
    commits = 0

    def dies_at_the_second_batch(self, *args, **kwargs):
        nonlocal commits
        commits += 1
        if commits == 2:
            raise OSError(errno.EIO, "simulated power cut")
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(ArticleSegmentWriter, "commit", dies_at_the_second_batch)
    with pytest.raises(OSError):
        Archive(str(index_dir)).ingest([str(docs)], jobs=1, batch_size=8)  # 2 writes a file: 4 files a batch
    monkeypatch.setattr(ArticleSegmentWriter, "commit", real_commit)

    # Only the first batch is visible, in the index and the catalog alike.
    assert len(file_records(index_dir)) == article_count(index_dir) == 4
    report = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert (report.added, report.unchanged, report.duplicate) == (5, 4, 0)
    assert len(file_records(index_dir)) == article_count(index_dir) == 9
    headline, _ = generated_article(6)
    found = Archive(str(index_dir)).search(f'"{headline}"')
    assert [hit.article.headline for hit in found.hits] == [headline]


def test_an_index_in_the_old_format_is_rebuilt_by_ingest_and_refused_by_search(tmp_path, index_dir):
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    index_dir.mkdir(parents=True, exist_ok=True)
    old = create_in(str(index_dir), Schema(kind=ID(stored=True), body=TEXT(stored=True)))
    writer = old.writer()
    writer.add_document(kind="article", body="an article indexed by newsidx 0.x")
    writer.commit()
    (index_dir / "notes.txt").write_text("the user's own file")

    refused = run(index_dir, "search", "article")
    assert refused.exit_code == 2 and "older newsidx" in refused.stderr

    docs = tmp_path / "docs"
    write_generated(docs, 2)
    assert counts(ingest_json(index_dir, docs))["added"] == 2
    assert article_count(index_dir) == 2
    assert (index_dir / "notes.txt").read_text() == "the user's own file"
