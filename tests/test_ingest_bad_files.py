"""Ingest and bad files: good files are indexed whatever lies beside them
(the ``hostile`` folder of conftest.py), bad ones are listed with a reason,
and --strict stops at the first, keeping what came before."""

from __future__ import annotations

import json
import os

from newsidx.archive import Archive

from ingest_harness import (BASE_TIME, article_count, file_doc_count, file_records, hit_ids, ingest_json, run,
                            search_json)
from pages import LIBRARY, ORCHARD, TRAM, touch, write_article, write_generated


def test_hostile_folder_ingests_good_files_and_lists_bad_ones_json(hostile, index_dir):
    root, good, problems = hostile
    result = run(index_dir, "ingest", "--json", "--jobs", "1", "--max-size", "20KB", root)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["added"] == len(good)
    reasons = {p["path"]: p["reason"] for p in report["failed"]}
    assert set(reasons) == set(problems)
    for path, reason in problems.items():
        assert reasons[path].startswith(reason), (path, reasons[path])

    records = file_records(index_dir)
    assert set(records) == {str(p) for p in good.values()}
    assert article_count(index_dir) == len(good)
    assert len(hit_ids(index_dir, "telescopes")) == 1  # from 300 folders down
    assert not any(p.endswith((".md", ".jpg")) for p in list(records) + list(reasons))


def test_latin1_file_is_ingested_decoded_as_cp1252(hostile, index_dir):
    root, good, _ = hostile
    ingest_json(index_dir, good["latin1"])
    [hit] = search_json(index_dir, "Købke")["hits"]
    article = Archive(str(index_dir)).article(hit["id"])
    assert article.headline == "Zürich café reopens after fire"
    assert "free crème brûlée" in article.body
    assert "not valid UTF-8; decoded as cp1252" in article.warnings


def test_file_name_that_is_not_utf8_is_ingested_and_kept_exact(hostile, index_dir):
    root, good, _ = hostile
    path = str(good["bad-name"])
    report = ingest_json(index_dir, root, "--max-size", "20KB", expect=1)
    assert report["added"] == len(good)
    record = file_records(index_dir)[path]
    assert os.fsencode(record.path).endswith(b"/n-caf\xe9-\xff.txt")
    [hit] = search_json(index_dir, "proposal")["hits"]  # only generated article 7 says "proposal"
    assert hit["path"] == path
    assert os.path.exists(hit["path"])
    # The text output escapes the bytes instead of crashing on them.
    shown = run(index_dir, "search", "proposal")
    assert shown.exit_code == 0

    # Its record is found again: touched -> hashed, unchanged, replaced in place.
    touch(path, BASE_TIME)
    again = ingest_json(index_dir, root, "--max-size", "20KB", expect=1)
    assert (again["unchanged"], again["added"], again["updated"]) == (len(good), 0, 0)
    assert file_records(index_dir)[path].mtime_ns == BASE_TIME * 10**9
    assert file_doc_count(index_dir) == len(good)
    # ... and --prune can remove it once it is gone.
    os.unlink(os.fsencode(path))
    pruned = ingest_json(index_dir, root, "--max-size", "20KB", "--prune", expect=1)
    assert pruned["removed"] == 1
    assert path not in file_records(index_dir)
    assert file_doc_count(index_dir) == article_count(index_dir) == len(good) - 1
    assert search_json(index_dir, "proposal")["hits"] == []


def test_strict_stops_at_first_bad_file_keeping_what_came_before(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "b.txt", "Frost halves Saroth apple harvest", ORCHARD)
    (docs / "c.txt").write_bytes(b"")
    write_article(docs, "d.txt", "Bexworth library lends tools", LIBRARY)

    result = run(index_dir, "ingest", "--strict", "--batch-size", "2", docs)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"--strict: stopped at {docs / 'c.txt'}: empty file" in result.stderr
    assert sorted(file_records(index_dir)) == [str(docs / "a.txt"), str(docs / "b.txt")]
    assert hit_ids(index_dir, "telescopes") == []

    # Without --strict the run completes from there.
    report = ingest_json(index_dir, docs, expect=1)
    assert (report["added"], report["unchanged"], len(report["failed"])) == (1, 2, 1)


def test_strict_stop_at_a_broken_symlink_keeps_the_files_before_it(tmp_path, index_dir):
    # Discovery problems (broken links, loops) are found before any file is read;
    # the files that come before them in order must still be kept.
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "b.txt", "Frost halves Saroth apple harvest", ORCHARD)
    (docs / "c.txt").symlink_to(docs / "missing.txt")
    write_article(docs, "d.txt", "Bexworth library lends tools", LIBRARY)

    result = run(index_dir, "ingest", "--strict", docs)
    assert result.exit_code == 2
    assert "broken symlink" in result.stderr
    assert sorted(file_records(index_dir)) == [str(docs / "a.txt"), str(docs / "b.txt")]


def test_strict_on_a_clean_folder_ingests_everything(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_generated(docs, 4)
    report = ingest_json(index_dir, docs, "--strict")
    assert report["added"] == 4 and report["failed"] == []
