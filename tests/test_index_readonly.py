"""An index folder that cannot be written (read-only permissions, an immutable
folder, a read-only file system): ingest says so in one line (exit 2) before
doing any work; search, show and stats work as usual, since only writers take
the lock. Also an index location that is a file, or under one."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess

import pytest

from newsidx.index import store

from ingest_harness import ingest_json, run, search_json
from pages import write_generated


def _freeze(path) -> str | None:
    """Make ``path`` and everything in it unwritable for this process, for
    real: immutable (root ignores permission bits), else read-only modes."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            return None
        done = subprocess.run(["chattr", "-R", "+i", str(path)], capture_output=True)
        return "immutable" if done.returncode == 0 else None
    for root, dirs, files in os.walk(path):
        for name in files:
            os.chmod(os.path.join(root, name), 0o444)
    os.chmod(path, 0o555)
    return "read-only"


def _thaw(path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-R", "-i", str(path)], capture_output=True)
    else:
        os.chmod(path, 0o755)
        for root, dirs, files in os.walk(path):
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)


@pytest.fixture
def indexed(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, 3)
    index = tmp_path / "index"
    ingest_json(index, docs, "-j", "1")
    return docs, index


@pytest.fixture
def frozen(indexed):
    docs, index = indexed
    kind = _freeze(index)
    if kind is None:
        pytest.skip("cannot make a folder unwritable here (root without chattr, or a file system without it)")
    try:
        yield docs, index
    finally:
        _thaw(index)


def test_ingest_into_an_unwritable_index_is_one_line_and_exit_2(frozen):
    docs, index = frozen
    write_generated(docs, 1, start=20)  # something to do
    before = sorted((p.name, p.stat().st_size) for p in index.iterdir())
    result = run(index, "ingest", docs)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"newsidx: error: cannot update the index at {index}: its folder is read-only (")
    assert line.endswith("); search, show and stats still work")
    assert sorted((p.name, p.stat().st_size) for p in index.iterdir()) == before


def test_search_show_and_stats_work_on_an_unwritable_index(frozen):
    docs, index = frozen
    hits = search_json(index, "council")["hits"]
    assert len(hits) == 3
    shown = run(index, "show", hits[0]["id"], "--json")
    assert shown.exit_code == 0, shown.output
    stats = run(index, "stats", "--json")
    assert stats.exit_code == 0, stats.output


def test_an_unwritable_lock_file_is_read_only_not_a_traceback(indexed, monkeypatch):
    docs, index = indexed
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if os.fspath(path).endswith(store.LOCK_FILE):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(store.os, "open", refusing)
    result = run(index, "ingest", docs)
    assert result.exit_code == 2
    assert result.stderr == (f"newsidx: error: cannot update the index at {index}: its folder is read-only "
                             "(permission denied); search, show and stats still work\n")


def test_a_read_only_file_system_is_found_before_any_work(indexed, monkeypatch):
    docs, index = indexed

    def read_only_fs(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store.tempfile, "mkstemp", read_only_fs)
    from newsidx import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "_run_tasks", lambda *a: pytest.fail("extracted files first"))
    write_generated(docs, 1, start=20)
    result = run(index, "ingest", docs)
    assert result.exit_code == 2
    assert "its folder is read-only (read-only file system)" in result.stderr


def test_an_index_location_that_is_a_file(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, 1)
    (tmp_path / "index").write_text("a file")
    for args in (["ingest", docs], ["search", "council"], ["stats"]):
        result = run(tmp_path / "index", *args)
        assert result.exit_code == 2
        assert result.stderr == (f"newsidx: error: the index location {tmp_path / 'index'} is not a folder; "
                                 "point --index / NEWSIDX_INDEX at a folder\n")


def test_an_index_whose_parent_cannot_be_created(tmp_path):
    docs = tmp_path / "docs"
    write_generated(docs, 1)
    (tmp_path / "file").write_text("a file where a folder should be")
    result = run(tmp_path / "file" / "index", "ingest", docs)
    assert result.exit_code == 2
    assert result.stderr == (f"newsidx: error: cannot create an index at {tmp_path / 'file' / 'index'}: "
                             "not a directory\n")
