"""Ingest as an incremental sync: unchanged files skipped unread, changed ones
updated in place, new ones added, deleted ones counted missing until --prune."""

from __future__ import annotations

import os

import pytest

from newsidx import sources
from newsidx.archive import Archive

from ingest_harness import (BASE_TIME, article_count, counts, file_doc_count, file_records, hit_ids, ingest_json,
                            run)
from pages import (LATIN1, LIBRARY, ORCHARD, TRAM, TRAM_OTHER, TRAM_WIRE, generated_article, touch, write_article,
                   write_generated)


def words(paragraphs) -> int:
    return len(" ".join(paragraphs).split())


def test_article_texts_are_long_enough():
    for paragraphs in (TRAM, TRAM_WIRE, TRAM_OTHER, ORCHARD, LIBRARY):
        assert words(paragraphs) >= 150
    assert words(LATIN1) >= 100


@pytest.fixture
def read_spy(monkeypatch):
    """Every path newsidx.sources.read_source is asked to read (in this process)."""
    calls: list[str] = []
    real = sources.read_source

    def spy(source, max_bytes):
        calls.append(source.path if isinstance(source, sources.SourceFile) else os.fsdecode(source))
        return real(source, max_bytes)

    monkeypatch.setattr(sources, "read_source", spy)
    return calls


def test_unchanged_files_are_skipped_without_being_read(tmp_path, index_dir, read_spy):
    docs = tmp_path / "docs"
    write_generated(docs, 5)
    Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert len(read_spy) == 5  # the spy sees reads: the first run reads every file

    read_spy.clear()
    report = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert read_spy == []
    assert (report.unchanged, report.added, report.updated) == (5, 0, 0)


def test_touched_identical_files_are_hashed_then_skipped_for_good(tmp_path, index_dir, read_spy):
    docs = tmp_path / "docs"
    paths = write_generated(docs, 6)
    for p in paths:
        touch(p, BASE_TIME)
    archive = Archive(str(index_dir))
    archive.ingest([str(docs)], jobs=1)
    before = {p: r.article_id for p, r in file_records(index_dir).items()}

    read_spy.clear()
    for p in paths[:2]:
        touch(p, BASE_TIME + 60)
    report = archive.ingest([str(docs)], jobs=1)
    assert sorted(read_spy) == sorted(str(p) for p in paths[:2])  # read to hash, nothing else
    assert (report.unchanged, report.updated, report.added, report.duplicate) == (6, 0, 0, 0)
    after = file_records(index_dir)
    assert {p: r.article_id for p, r in after.items()} == before
    assert after[str(paths[0])].mtime_ns == (BASE_TIME + 60) * 10**9  # new mtime remembered
    assert file_doc_count(index_dir) == 6  # records replaced, not added twice

    # ... so the next run does not even read them.
    read_spy.clear()
    assert archive.ingest([str(docs)], jobs=1).unchanged == 6
    assert read_spy == []


def test_thirty_files_touch_ten_edit_three_gives_three_updated(tmp_path, index_dir):
    docs = tmp_path / "docs"
    paths = write_generated(docs, 30)
    for p in paths:
        touch(p, BASE_TIME)
    first = ingest_json(index_dir, docs, "--jobs", "1")
    assert first["added"] == 30

    for p in paths[:10]:
        touch(p, BASE_TIME + 100)
    for number, p in enumerate(paths[20:23]):  # edited files are not among the touched ones
        headline, paragraphs = generated_article(1000 + number)
        write_article(docs, p.name, headline, paragraphs, mtime=BASE_TIME + 200)

    report = ingest_json(index_dir, docs, "--jobs", "1")
    assert counts(report) == dict(added=0, updated=3, unchanged=27, removed=0, duplicate=0, missing=0, failed=0)
    assert article_count(index_dir) == 30


def test_changed_file_keeps_its_id_and_old_text_is_no_longer_searchable(tmp_path, index_dir):
    docs = tmp_path / "docs"
    path = write_article(docs, "story.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    write_article(docs, "other.txt", "Frost halves Saroth apple harvest", ORCHARD, mtime=BASE_TIME)
    ingest_json(index_dir, docs)
    [old_id] = hit_ids(index_dir, "Verhoeven")

    write_article(docs, "story.txt", "Bexworth library lends tools", LIBRARY, mtime=BASE_TIME + 5)
    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=0, updated=1, unchanged=1, removed=0, duplicate=0, missing=0, failed=0)

    assert hit_ids(index_dir, "Verhoeven") == []  # the old text is gone from the index
    assert hit_ids(index_dir, "telescopes") == [old_id]  # the new text, under the same id
    assert Archive(str(index_dir)).article(old_id).headline == "Bexworth library lends tools"
    assert article_count(index_dir) == 2
    assert file_records(index_dir)[str(path)].article_id == old_id


def test_new_files_are_added_next_to_known_ones(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "tram.txt", "Lindquay approves second tram line", TRAM)
    ingest_json(index_dir, docs)
    write_article(docs, "later/orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=1, updated=0, unchanged=1, removed=0, duplicate=0, missing=0, failed=0)
    assert len(hit_ids(index_dir, "frost")) == 1
    assert article_count(index_dir) == 2


def test_deleted_files_are_counted_missing_and_removed_only_with_prune(tmp_path, index_dir):
    docs = tmp_path / "docs"
    tram = write_article(docs, "tram.txt", "Lindquay approves second tram line", TRAM)
    orchard = write_article(docs, "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    write_article(docs, "library.txt", "Bexworth library lends tools", LIBRARY)
    ingest_json(index_dir, docs)
    tram.unlink()
    orchard.unlink()

    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=0, updated=0, unchanged=1, removed=0, duplicate=0, missing=2, failed=0)
    assert len(hit_ids(index_dir, "Verhoeven")) == 1  # still indexed without --prune
    text = run(index_dir, "ingest", docs)
    assert "2 indexed files are no longer on disk; run with --prune" in text.stdout

    pruned = run(index_dir, "ingest", "--prune", docs)
    assert pruned.exit_code == 0
    assert "0 added, 0 updated, 1 unchanged, 2 removed, 0 duplicate, 0 failed" in pruned.stdout
    assert "no longer on disk" not in pruned.stdout
    assert hit_ids(index_dir, "Verhoeven") == []
    assert hit_ids(index_dir, "frost") == []
    assert article_count(index_dir) == 1
    assert sorted(file_records(index_dir)) == [str(docs / "library.txt")]
    assert counts(ingest_json(index_dir, docs, "--prune"))["removed"] == 0


def test_prune_only_touches_files_under_the_paths_given(tmp_path, index_dir):
    write_article(tmp_path / "a", "tram.txt", "Lindquay approves second tram line", TRAM)
    gone = write_article(tmp_path / "b", "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    ingest_json(index_dir, tmp_path / "a", tmp_path / "b")
    gone.unlink()
    report = ingest_json(index_dir, tmp_path / "a", "--prune")
    assert (report["removed"], report["missing"]) == (0, 0)
    assert len(hit_ids(index_dir, "frost")) == 1


def test_text_moved_to_a_new_file_while_the_old_file_is_edited(tmp_path, index_dir):
    """a.txt gets new text and c.txt now holds a.txt's old text, in one run:
    both texts must stay searchable, each under its own file."""
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    ingest_json(index_dir, docs)

    write_article(docs, "a.txt", "Bexworth library lends tools", LIBRARY, mtime=BASE_TIME + 5)
    write_article(docs, "c.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME + 5)
    report = ingest_json(index_dir, docs)
    assert (report["updated"], report["added"] + report["duplicate"]) == (1, 1)

    archive = Archive(str(index_dir))
    [tram_id] = hit_ids(index_dir, "Verhoeven")
    [library_id] = hit_ids(index_dir, "telescopes")
    assert tram_id != library_id
    assert archive.article(tram_id).paths == (str(docs / "c.txt"),)
    assert archive.article(library_id).paths == (str(docs / "a.txt"),)
    assert article_count(index_dir) == 2


def test_ingest_collects_garbage_once_per_batch_and_restores_the_collector(tmp_path, index_dir, monkeypatch):
    import gc

    from newsidx import ingest as ingest_module
    from newsidx.index import ArticleIndex

    docs = tmp_path / "docs"
    write_generated(docs, 7)
    enabled_while_writing, collections = [], []
    monkeypatch.setattr(ingest_module.gc, "collect", lambda *args: collections.append(args) or 0)
    index = ArticleIndex.open_or_create(str(index_dir))
    report = ingest_module.ingest(index, [str(docs)], jobs=1, batch_size=4,
                                  progress=lambda done, total: enabled_while_writing.append(gc.isenabled()))
    assert report.added == 7
    assert enabled_while_writing == [False] * 7
    assert len(collections) == 3  # 14 writes (article + file record each), committed 4 at a time
    assert gc.isenabled()


@pytest.mark.parametrize("nice_fails", [False, True])
def test_a_worker_process_collects_as_usual_and_yields_to_the_writer(monkeypatch, nice_fails):
    import gc
    import signal

    from newsidx import ingest as ingest_module

    niced = []

    def nice(increment):
        niced.append(increment)
        if nice_fails:
            raise PermissionError("not allowed")

    monkeypatch.setattr(ingest_module.os, "nice", nice)  # this test process is not a worker to slow down
    previous = signal.getsignal(signal.SIGINT)
    gc.disable()  # as in the parent that forks the workers
    try:
        ingest_module._start_worker()
        assert gc.isenabled()
        assert niced == [ingest_module.WORKER_NICENESS] and ingest_module.WORKER_NICENESS > 0
    finally:
        gc.enable()
        signal.signal(signal.SIGINT, previous)


def test_the_in_flight_bound_widens_while_committing_and_is_repaid_after():
    from newsidx import ingest as ingest_module

    in_flight = ingest_module._InFlight(2, lent_while_committing=3)

    def free_slots() -> int:
        taken = 0
        while in_flight._slots.acquire(blocking=False):
            taken += 1
        if taken:
            in_flight._slots.release(taken)
        return taken

    assert free_slots() == 2
    in_flight.acquire()
    in_flight.acquire()
    assert free_slots() == 0
    with in_flight.widened():
        assert free_slots() == 3
        for _ in range(3):
            in_flight.acquire()
    assert free_slots() == 0  # 5 out, the 3 lent still owed
    in_flight.finished(2)
    assert free_slots() == 0  # repaying
    in_flight.finished(2)
    assert free_slots() == 1
    in_flight.finished(1)
    assert free_slots() == 2  # all back: the bound as before


def test_parallel_ingest_committing_many_small_batches_keeps_every_file(tmp_path, index_dir, monkeypatch):
    from newsidx import ingest as ingest_module
    from newsidx.index import ArticleIndex

    docs = tmp_path / "docs"
    write_generated(docs, ingest_module.PARALLEL_THRESHOLD + 36)
    # A bound smaller than a batch, widened at every commit: nothing may stall or go missing.
    monkeypatch.setattr(ingest_module, "MAX_IN_FLIGHT", 4)
    monkeypatch.setattr(ingest_module, "LENT_WHILE_COMMITTING", 8)
    monkeypatch.setattr(ingest_module, "WORKER_CHUNK", 2)
    index = ArticleIndex.open_or_create(str(index_dir))
    report = ingest_module.ingest(index, [str(docs)], jobs=2, batch_size=10)
    assert (report.added, report.failed) == (ingest_module.PARALLEL_THRESHOLD + 36, [])
    assert article_count(index_dir) == ingest_module.PARALLEL_THRESHOLD + 36


def test_a_run_commits_early_once_the_files_left_can_all_be_extracted_during_the_commit():
    from types import SimpleNamespace

    from newsidx import ingest as ingest_module
    from newsidx.models import IngestReport

    update = SimpleNamespace(pending=0)
    sync = ingest_module._Sync(update, {}, IngestReport(), batch_size=10**6, strict=False)
    reach = ingest_module.MAX_IN_FLIGHT + ingest_module.LENT_WHILE_COMMITTING
    writes_per_file = ingest_module.WRITES_PER_FILE
    update.pending = 10**6
    assert not sync.worth_committing_early(reach + 1)  # some files would still wait for the commit
    update.pending = 2 * writes_per_file * reach + 1
    assert sync.worth_committing_early(reach)
    update.pending = 2 * writes_per_file * reach
    assert not sync.worth_committing_early(reach)  # the batch is not much larger than what is left
