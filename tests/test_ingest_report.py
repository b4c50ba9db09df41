"""What ingest tells the user: the text summary states the JSON report's
numbers, and every bad file gets a whole line of its own."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsidx.cli import main

from ingest_harness import article_count, counts, file_records, ingest_json, run, search_json
from pages import LIBRARY, ORCHARD, TRAM, write_article


def test_first_ingest_adds_every_file_and_text_summary_matches_json(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "tram.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD, chrome=True)
    write_article(docs, "sub/library.txt", "Bexworth library lends tools", LIBRARY, date="2024-03-05")

    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=3, updated=0, unchanged=0, removed=0, duplicate=0, missing=0, failed=0)
    assert report["interrupted"] is False
    assert article_count(index_dir) == 3
    assert len(file_records(index_dir)) == 3

    # The text summary states the same numbers as the JSON object.
    text = run(index_dir, "ingest", docs)
    assert text.exit_code == 0
    assert "0 added, 0 updated, 3 unchanged, 0 removed, 0 duplicate, 0 failed" in text.stdout
    again = ingest_json(index_dir, docs)
    assert counts(again) == dict(added=0, updated=0, unchanged=3, removed=0, duplicate=0, missing=0, failed=0)

    [hit] = search_json(index_dir, "telescopes")["hits"]
    assert hit["headline"] == "Bexworth library lends tools"
    assert hit["path"] == str(docs / "sub" / "library.txt")


def test_hostile_folder_text_report_names_each_bad_file(hostile, index_dir):
    root, good, problems = hostile
    result = run(index_dir, "ingest", "--jobs", "1", "--max-size", "20KB", root)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    for path, reason in problems.items():
        assert any(line.startswith(f"failed {path}: {reason}") for line in lines), (path, result.stdout)
    assert f"{len(good)} added, 0 updated, 0 unchanged, 0 removed, 0 duplicate, {len(problems)} failed" \
        in result.stdout
    # Re-running reports the same failures and skips every good file.
    again = json.loads(run(index_dir, "ingest", "--json", "--jobs", "1", "--max-size", "20KB", root).stdout)
    assert (again["unchanged"], again["added"], len(again["failed"])) == (len(good), 0, len(problems))


def test_failed_lines_keep_long_paths_whole_when_piped(tmp_path, index_dir):
    folder = tmp_path / ("d" * 60) / ("e" * 60)
    folder.mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner(env={"COLUMNS": None}).invoke(main, ["--index", str(index_dir), "ingest", str(folder)])
    assert result.exit_code == 1
    assert f"failed {folder / 'empty.txt'}: empty file" in result.stdout.splitlines()
