"""Running newsidx in this process and reading its index back, for the
test_ingest_* modules (real processes are test_ingest_processes.py's)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsidx.cli import main
from newsidx.index import ArticleIndex

BASE_TIME = 1_700_000_000  # a fixed mtime, so "changed" never depends on clock resolution


def run(index_dir, *args):
    # Wide columns: rich wraps long lines (paths) at 80 columns when not on a terminal.
    result = CliRunner(env={"COLUMNS": "1000"}).invoke(main, ["--index", str(index_dir), *map(str, args)])
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def ingest_json(index_dir, *args, expect=0) -> dict:
    result = run(index_dir, "ingest", "--json", *args)
    assert result.exit_code == expect, result.output
    return json.loads(result.stdout)


def counts(report: dict) -> dict:
    return {k: report[k] for k in ("added", "updated", "unchanged", "removed", "duplicate", "missing")} | {
        "failed": len(report["failed"])}


def search_json(index_dir, query, *args) -> dict:
    result = run(index_dir, "search", "--json", query, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def hit_ids(index_dir, query, *args) -> list[str]:
    return [hit["id"] for hit in search_json(index_dir, query, *args)["hits"]]


def file_records(index_dir) -> dict:
    return ArticleIndex.open(str(index_dir)).file_records()


def file_doc_count(index_dir) -> int:
    """File documents in the index (file_records() would hide a duplicated one)."""
    with ArticleIndex.open(str(index_dir)).searcher() as searcher:
        return searcher.file_count()


def article_count(index_dir) -> int:
    with ArticleIndex.open(str(index_dir)).searcher() as searcher:
        return searcher.article_count()
