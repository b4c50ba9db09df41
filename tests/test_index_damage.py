"""A damaged index, end to end: a segment file cut short or deleted, a table
of contents cut short or deleted, a catalog that is garbage or empty. Every
command says in one line what is wrong and how to rebuild (exit 2, no
traceback), and nothing is written over the damage. ``ingest --rebuild`` is
test_ingest_rebuild.py's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ingest_harness import run, search_json
from newsidx.index import postings
from pages import write_generated

REBUILD_HINT = "rebuild it with `newsidx ingest --rebuild`"
LOST_PATHS_HINT = "rebuild it from the folders it indexed with `newsidx ingest --rebuild PATHS`"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """(docs, index) of 6 articles in 2 segments, built once; tests damage copies."""
    root = tmp_path_factory.mktemp("damage")
    docs = root / "docs"
    write_generated(docs, 6)
    index = root / "index"
    result = run(index, "ingest", docs, "--batch-size", "6", "-j", "1")  # 3 files a commit
    assert result.exit_code == 0, result.output
    return docs, index


@pytest.fixture
def damaged(pristine, tmp_path):
    docs, index = pristine
    copy = tmp_path / "index"
    shutil.copytree(index, copy)
    return docs, copy


def one(index: Path, pattern: str) -> Path:
    found = sorted(index.glob(pattern))
    assert found, pattern
    return found[0]


def truncate(path: Path, size: int = 10) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(size)


# (what is done to the index, the words the message must name, the hint)
DAMAGE = {
    "segment postings cut short": (lambda ix: truncate(one(ix, "MAIN_*.pst")),
                                   r"segment file MAIN_\w+\.pst has 10 bytes where \d+ were written", REBUILD_HINT),
    "segment terms cut short": (lambda ix: truncate(one(ix, "MAIN_*.trm"), 100),
                                r"segment file MAIN_\w+\.trm has 100 bytes", REBUILD_HINT),
    "segment stored fields deleted": (lambda ix: one(ix, "MAIN_*._stored.col").unlink(),
                                      r"segment file MAIN_\w+\._stored\.col is missing", REBUILD_HINT),
    "table of contents cut short": (lambda ix: truncate(one(ix, "_MAIN_*.toc"), 20),
                                    r"its table of contents _MAIN_\d+\.toc cannot be read", REBUILD_HINT),
    "table of contents cut to nothing": (lambda ix: truncate(one(ix, "_MAIN_*.toc"), 0),
                                         r"its table of contents _MAIN_\d+\.toc cannot be read", REBUILD_HINT),
    "table of contents deleted": (lambda ix: one(ix, "_MAIN_*.toc").unlink(),
                                  r"its table of contents \(_MAIN_<n>\.toc\) is missing beside its segment files",
                                  REBUILD_HINT),
    "catalog garbage": (lambda ix: (ix / "catalog.sqlite").write_bytes(b"\x8f garbage \x00" * 500),
                        r"its catalog catalog\.sqlite cannot be read \(file is not a database\)", LOST_PATHS_HINT),
    "catalog emptied": (lambda ix: truncate(ix / "catalog.sqlite", 0),
                        r"its catalog catalog\.sqlite cannot be read", LOST_PATHS_HINT),
    "catalog deleted": (lambda ix: (ix / "catalog.sqlite").unlink(),
                        r"its catalog \(catalog\.sqlite\) is missing", LOST_PATHS_HINT),
}
COMMANDS = {
    "search": lambda docs, article_id: ["search", "council"],
    "show": lambda docs, article_id: ["show", article_id],
    "stats": lambda docs, article_id: ["stats"],
    "ingest": lambda docs, article_id: ["ingest", docs, "-j", "1"],
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_index_is_one_line_naming_the_problem_and_the_rebuild(damaged, damage, command):
    docs, index = damaged
    [hit] = search_json(index, "council", "--limit", "1")["hits"]
    before = sorted((p.name, p.stat().st_size) for p in index.iterdir())
    harm, problem, hint = DAMAGE[damage]
    harm(index)
    damaged_state = sorted((p.name, p.stat().st_size) for p in index.iterdir())
    if command == "ingest":  # give it work to do: a new file
        write_generated(docs.parent / "more", 1, start=40)
        args = ["ingest", docs, docs.parent / "more", "-j", "1"]
    else:
        args = COMMANDS[command](docs, hit["id"])

    result = run(index, *args)  # run() asserts there is no traceback

    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"newsidx: error: the index at {index} is damaged: ")
    assert re.search(problem, line), line
    assert line.endswith(hint)
    assert "Aborted" not in result.output
    if command == "ingest":  # refused before writing anything over the damage
        assert sorted((p.name, p.stat().st_size) for p in index.iterdir()) == damaged_state
    assert before != damaged_state


def test_an_index_cut_short_in_every_file_never_shows_a_traceback(pristine, tmp_path):
    """Every file of the index, cut at several points: each command either
    works or fails with the one-line damage message, never otherwise."""
    docs, index = pristine
    for name in sorted(p.name for p in index.iterdir()):
        if name.endswith(".lock") or name.endswith("WRITELOCK"):
            continue
        size = (index / name).stat().st_size
        # A cut to the size it has is no damage (an index this small keeps
        # every posting list in its term table, and its .pst files are empty).
        for cut in sorted({0, 1, size // 2, max(size - 1, 0)} - {size}):
            copy = tmp_path / f"{name}-{cut}"
            shutil.copytree(index, copy)
            truncate(copy / name, cut)
            for args in (["search", "council"], ["stats"]):
                result = run(copy, *args)
                damaged = (result.exit_code == 2 and "is damaged: " in result.stderr
                           and len(result.stderr.splitlines()) == 1)
                if name == "catalog.sqlite":  # SQLite may still read a file cut in its free pages
                    assert result.exit_code == 0 or damaged, (name, cut, args, result.output)
                else:  # every other file's size is recorded at commit: a cut is always found
                    assert damaged, (name, cut, args, result.output)
            shutil.rmtree(copy)


def test_an_empty_folder_is_no_index_not_damage(tmp_path):
    (tmp_path / "index").mkdir()
    result = run(tmp_path / "index", "search", "council")
    assert result.exit_code == 2 and "no index at" in result.stderr and "damaged" not in result.stderr


@pytest.fixture(scope="module")
def pristine_in_postings_files(tmp_path_factory):
    """Like ``pristine``, with every posting list in a .pst file: the term
    table keeps short lists itself, and this index's are all short."""
    root = tmp_path_factory.mktemp("damage-pst")
    docs = root / "docs"
    write_generated(docs, 6)
    index = root / "index"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postings, "INLINE_LIMIT", 0)
        result = run(index, "ingest", docs, "--batch-size", "6", "-j", "1")
    assert result.exit_code == 0, result.output
    return docs, index


@pytest.mark.parametrize("args", [["search", "council"], ["search", "council OR the"],
                                  ["search", "council", "--limit", "0", "--format", "jsonl"],
                                  ["timeline", "council"]])
def test_garbage_of_the_right_size_is_reported_as_damage_when_read(pristine_in_postings_files, tmp_path, args):
    # The file checks on opening see the size the writer recorded; the
    # postings themselves are found bad only when a search reads them.
    index = tmp_path / "index"
    shutil.copytree(pristine_in_postings_files[1], index)
    assert search_json(index, "council")["total"] > 0
    for postings in index.glob("MAIN_*.pst"):
        assert postings.stat().st_size > 0
        size = postings.stat().st_size
        postings.write_bytes(bytes((7 * i + 13) % 256 for i in range(size)))
    result = run(index, *args)  # run() asserts there is no traceback
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"newsidx: error: the index at {index} is damaged: a segment cannot be read")
    assert line.endswith(REBUILD_HINT)
