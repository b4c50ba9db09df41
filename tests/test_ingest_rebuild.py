"""``ingest --rebuild``: every file the index knows indexed again into a new
folder beside it, swapped in once complete; the way out of a damaged index.
Damage detection itself is test_index_damage.py's."""

from __future__ import annotations

import json
import os
import sqlite3


from newsidx.archive import Archive
from newsidx.index import ArticleIndex
from newsidx.index import catalog, store

from ingest_harness import article_count, ingest_json, run, search_json
from pages import generated_article, write_generated


def build(tmp_path, count=5):
    docs = tmp_path / "docs"
    write_generated(docs, count)
    index = tmp_path / "index"
    ingest_json(index, docs, "-j", "1", "--batch-size", "4")  # several segments
    return docs, index


def headlines(index) -> set[str]:
    return {hit["headline"] for hit in search_json(index, "council", "--all", "--limit", "50")["hits"]}


def leftovers(tmp_path) -> list[str]:
    return sorted(name for name in os.listdir(tmp_path) if ".rebuild-" in name)


def test_rebuild_recovers_an_index_whose_segment_was_cut_short(tmp_path):
    docs, index = build(tmp_path)
    ids_before = {hit["id"] for hit in search_json(index, "council", "--all", "--limit", "50")["hits"]}
    segment = sorted(index.glob("MAIN_*.pst"))[0]
    with open(segment, "r+b") as fh:
        fh.truncate(10)
    assert run(index, "search", "council").exit_code == 2

    report = ingest_json(index, "--rebuild")  # no PATHS: the catalog lists the files

    assert (report["added"], report["failed"], report["notes"]) == (5, [], [])
    assert headlines(index) == {generated_article(n)[0] for n in range(5)}
    assert {hit["id"] for hit in search_json(index, "council", "--all", "--limit", "50")["hits"]} == ids_before
    assert article_count(index) == 5
    assert run(index, "stats").exit_code == 0
    assert leftovers(tmp_path) == []
    # and it is an index like any other: the next ingest has nothing to do
    assert ingest_json(index, docs)["unchanged"] == 5


def test_rebuild_recovers_an_index_whose_table_of_contents_was_deleted(tmp_path):
    docs, index = build(tmp_path)
    for toc in index.glob("_MAIN_*.toc"):
        toc.unlink()
    assert ingest_json(index, "--rebuild")["added"] == 5
    assert len(headlines(index)) == 5


def test_with_an_unreadable_catalog_rebuild_needs_the_folders_and_says_so(tmp_path):
    docs, index = build(tmp_path)
    (index / "catalog.sqlite").write_bytes(b"garbage " * 400)
    before = sorted((p.name, p.stat().st_size) for p in index.iterdir())

    refused = run(index, "ingest", "--rebuild")
    assert refused.exit_code == 2
    assert refused.stderr == (f"newsidx: error: the index at {index} is damaged: its catalog catalog.sqlite "
                              "cannot be read (file is not a database); rebuild it from the folders it "
                              "indexed with `newsidx ingest --rebuild PATHS`\n")
    assert sorted((p.name, p.stat().st_size) for p in index.iterdir()) == before

    rebuilt = run(index, "ingest", "--rebuild", docs, "--json")
    assert rebuilt.exit_code == 0
    assert rebuilt.stderr == ("newsidx: its catalog catalog.sqlite cannot be read (file is not a database): "
                              "rebuilt from the PATHS given only\n")
    assert json.loads(rebuilt.stdout)["added"] == 5
    assert len(headlines(index)) == 5


def test_an_index_of_another_format_is_refused_until_rebuilt_from_the_files_it_lists(tmp_path):
    """An index written by a newsidx of another on-disk format (its catalog
    says which) is read by no command, ingest included, and rebuilt from the
    files its catalog lists without being given them again."""
    docs, index = build(tmp_path)
    with sqlite3.connect(index / "catalog.sqlite") as db:
        db.execute("UPDATE meta SET value = '2' WHERE key = 'format'")
    db.close()
    before = sorted((p.name, p.stat().st_size) for p in index.iterdir())
    expected = (f"newsidx: error: the index at {index} was written by another version of newsidx "
                f"(index format 2; this one reads format {catalog.FORMAT}); rebuild it with `newsidx ingest --rebuild`\n")
    for args in (["search", "council"], ["stats"], ["ingest", docs]):
        refused = run(index, *args)
        assert (refused.exit_code, refused.stderr) == (2, expected), args
    assert sorted((p.name, p.stat().st_size) for p in index.iterdir()) == before

    assert ingest_json(index, "--rebuild")["added"] == 5
    assert len(headlines(index)) == 5


def test_rebuild_adds_the_paths_given_to_the_known_files(tmp_path):
    docs, index = build(tmp_path, count=3)
    more = tmp_path / "more"
    write_generated(more, 2, start=10)
    assert ingest_json(index, "--rebuild", more)["added"] == 5
    assert generated_article(11)[0] in headlines(index)


def test_files_gone_since_are_listed_and_the_rest_rebuilt(tmp_path):
    docs, index = build(tmp_path, count=3)
    gone = sorted(docs.iterdir())[0]
    gone.unlink()
    report = ingest_json(index, "--rebuild", expect=1)
    assert report["added"] == 2
    assert report["failed"] == [{"path": str(gone), "reason": "not found"}]
    assert len(headlines(index)) == 2


def test_a_strict_rebuild_that_stops_keeps_the_old_index_as_it_was(tmp_path):
    docs, index = build(tmp_path, count=3)
    (docs / "zz-image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    before = sorted((p.name, p.stat().st_size) for p in index.iterdir())
    result = run(index, "ingest", "--rebuild", "--strict", docs)
    assert result.exit_code == 2 and "--strict: stopped at" in result.stderr
    assert sorted((p.name, p.stat().st_size) for p in index.iterdir()) == before
    assert leftovers(tmp_path) == []
    assert len(headlines(index)) == 3


def test_an_interrupted_rebuild_keeps_the_old_index(tmp_path, monkeypatch):
    docs, index = build(tmp_path, count=3)
    from newsidx import ingest as ingest_module

    def interrupted(index, paths, **options):
        return ingest_module.IngestReport(added=1, interrupted=True)

    monkeypatch.setattr(ingest_module, "ingest", interrupted)
    before = sorted((p.name, p.stat().st_size) for p in index.iterdir())
    report = Archive(str(index)).ingest([], rebuild=True)
    assert report.notes == ["the rebuild was interrupted: the index is as it was before"]
    assert sorted((p.name, p.stat().st_size) for p in index.iterdir()) == before
    assert leftovers(tmp_path) == []


def test_rebuild_keeps_the_users_own_files_in_the_index_folder(tmp_path):
    docs, index = build(tmp_path, count=2)
    (index / "notes.txt").write_text("the user's own file")
    ingest_json(index, "--rebuild")
    assert (index / "notes.txt").read_text() == "the user's own file"


def test_rebuild_without_an_atomic_exchange_renames_twice(tmp_path, monkeypatch):
    docs, index = build(tmp_path, count=2)

    def no_exchange(first, second):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(store, "_exchange", no_exchange)
    assert ingest_json(index, "--rebuild")["added"] == 2
    assert len(headlines(index)) == 2
    assert leftovers(tmp_path) == []


def test_rebuild_waits_for_no_one_while_another_ingest_holds_the_lock(tmp_path):
    docs, index = build(tmp_path, count=2)
    with ArticleIndex.open(str(index)).exclusive_update():
        result = run(index, "ingest", "--rebuild")
    assert result.exit_code == 75 and "being updated by another newsidx" in result.stderr
    assert leftovers(tmp_path) == []


def test_rebuild_with_no_index_and_no_paths_is_no_index(tmp_path):
    result = run(tmp_path / "index", "ingest", "--rebuild")
    assert result.exit_code == 2 and "no index at" in result.stderr


def test_rebuild_with_no_index_builds_one_from_the_paths(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, 2)
    assert ingest_json(tmp_path / "index", "--rebuild", docs)["added"] == 2
    assert len(headlines(tmp_path / "index")) == 2


def test_a_waiting_ingest_takes_the_lock_of_the_folder_swapped_in(tmp_path):
    """A run that waited on the old folder's lock must not then update the new
    folder without holding the new folder's lock."""
    import fcntl
    import threading
    import time

    docs, index = build(tmp_path, count=2)
    old_lock = os.open(index / store.LOCK_FILE, os.O_RDWR)
    fcntl.flock(old_lock, fcntl.LOCK_EX)  # as the rebuild holds it
    taken = []
    waiter = threading.Thread(target=lambda: taken.append(store._lock(str(index), wait=True)))
    waiter.start()
    time.sleep(0.2)  # the waiter is blocked on the old folder's lock
    new = tmp_path / "new"
    ArticleIndex.open_or_create(str(new))
    os.rename(index, tmp_path / "aside")
    os.rename(new, index)  # the swap
    os.close(old_lock)
    waiter.join(timeout=10)
    [fd] = taken
    try:
        assert os.path.samestat(os.fstat(fd), os.stat(index / store.LOCK_FILE))
    finally:
        os.close(fd)


def test_rebuild_through_a_symlink_rebuilds_the_folder_it_points_to(tmp_path):
    docs, index = build(tmp_path, count=2)
    link = tmp_path / "link"
    link.symlink_to(index)
    assert ingest_json(link, "--rebuild")["added"] == 2
    assert link.is_symlink() and os.path.samefile(link, index)
    assert len(headlines(link)) == 2


def test_an_index_extracted_by_another_newsidx_says_so_until_rebuilt(tmp_path):
    docs, index = build(tmp_path, count=3)
    assert ingest_json(index, docs)["notes"] == []
    # what an index made by a newsidx with other extraction code holds
    with sqlite3.connect(index / "catalog.sqlite") as db:
        db.execute("UPDATE meta SET value = 'an-older-one' WHERE key = 'extraction'")
    notes = ingest_json(index, docs)["notes"]
    assert notes == ["the 3 files indexed before were extracted by another version of newsidx; "
                     "`newsidx ingest --rebuild` extracts them again with this one"]
    assert json.loads(run(index, "stats", "--json").stdout)["extraction_current"] is False
    ingest_json(index, "--rebuild")
    assert ingest_json(index, docs)["notes"] == []
    assert json.loads(run(index, "stats", "--json").stdout)["extraction_current"] is True

    # an index made before newsidx recorded its extraction
    with sqlite3.connect(index / "catalog.sqlite") as db:
        db.execute("DELETE FROM meta WHERE key = 'extraction'")
    assert len(ingest_json(index, docs)["notes"]) == 1


def test_without_readable_extraction_sources_ingest_and_stats_just_do_not_tell(tmp_path, monkeypatch):
    from importlib import resources

    from newsidx.extract.model import shipped_model

    shipped_model()  # loaded before package resources become unreadable (it reads them too)

    def unreadable(package):
        raise PermissionError(13, "Permission denied", package)

    monkeypatch.setattr(resources, "files", unreadable)
    docs, index = build(tmp_path, count=2)
    assert ingest_json(index, docs)["notes"] == []
    assert json.loads(run(index, "stats", "--json").stdout)["extraction_current"] is None


def test_the_extraction_fingerprint_covers_every_module_extraction_imports():
    import ast
    from pathlib import Path

    from newsidx import extract, provenance

    imported = set()
    for source in Path(extract.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsidx."):
                module = node.module.split(".")[1]
                if module != "extract":
                    imported.add(module + ".py")
    assert imported == set(provenance.EXTRACTION_HELPERS)
    assert len(provenance.extraction_fingerprint()) == 16
