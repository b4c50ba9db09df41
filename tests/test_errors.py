"""Tests for newsidx.errors: each error's message and exit code, and how the CLI reports them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsidx.archive import Archive
from newsidx.cli import main
from newsidx.errors import (
    AmbiguousIdError,
    ArticleNotFoundError,
    DamagedIndexError,
    IndexBusyError,
    IndexLocationError,
    NewsidxError,
    NoIndexError,
    OldIndexError,
    QuerySyntaxError,
    StrictModeFailure,
)


def test_exit_codes():
    assert NewsidxError("x").exit_code == 2
    assert NoIndexError("/ix").exit_code == 2
    assert DamagedIndexError("/ix", "x").exit_code == 2
    assert IndexLocationError("x").exit_code == 2
    assert OldIndexError("/ix").exit_code == 2
    assert QuerySyntaxError("x").exit_code == 2
    assert AmbiguousIdError("ab", ["ab1", "ab2"]).exit_code == 2
    assert StrictModeFailure("/a.txt", "empty file").exit_code == 2
    assert ArticleNotFoundError("x").exit_code == 1
    assert IndexBusyError(4242).exit_code == 75


def test_no_index_says_how_to_create_one():
    error = NoIndexError("/data/ix")
    assert str(error) == ("no index at /data/ix; create one with `newsidx ingest [PATHS]` "
                          "(or point --index / NEWSIDX_INDEX at an existing one)")
    assert error.location == "/data/ix"


def test_damaged_index_says_what_is_wrong_and_how_to_rebuild():
    error = DamagedIndexError("/data/ix", "segment file MAIN_x.pst is missing")
    assert str(error) == ("the index at /data/ix is damaged: segment file MAIN_x.pst is missing; "
                          "rebuild it with `newsidx ingest --rebuild`")
    lost = DamagedIndexError("/data/ix", "its catalog catalog.sqlite cannot be read (file is not a database)",
                             lost_paths=True)
    assert str(lost).endswith("; rebuild it from the folders it indexed with `newsidx ingest --rebuild PATHS`")
    assert (lost.location, lost.lost_paths) == ("/data/ix", True)


def test_index_busy_names_the_process_when_known():
    assert str(IndexBusyError(4242)) == ("the index is being updated by another newsidx (pid 4242); "
                                         "try again when it finishes, or pass --wait")
    assert "(pid unknown)" in str(IndexBusyError(None))
    assert IndexBusyError(4242).pid == 4242


def test_ambiguous_id_lists_at_most_ten_candidates():
    few = AmbiguousIdError("3f", ["3fa9", "3fb1"])
    assert str(few) == "id prefix '3f' is ambiguous: it matches 3fa9, 3fb1; type more characters"
    many = AmbiguousIdError("3", [f"3{n:03d}" for n in range(12)])
    assert str(many) == ("id prefix '3' is ambiguous: it matches 3000, 3001, 3002, 3003, 3004, 3005, "
                         "3006, 3007, 3008, 3009 ...; type more characters")
    assert len(many.candidates) == 12


def test_strict_mode_failure_shows_the_path_escaped():
    error = StrictModeFailure("/news/bad\x1b[2J.txt", "binary file (PNG)")
    assert str(error) == ("--strict: stopped at /news/bad\\x1b[2J.txt: binary file (PNG) "
                          "(everything before it was kept)")
    assert (error.path, error.reason) == ("/news/bad\x1b[2J.txt", "binary file (PNG)")


@pytest.mark.parametrize("raised, code", [
    (IndexBusyError(4242), 75),
    (ArticleNotFoundError("no article with id 'zz'"), 1),
    (QuerySyntaxError("unclosed quote in 'a \x1b[2J'"), 2),
])
def test_cli_prints_one_safe_line_and_exits_with_the_error_code(monkeypatch, raised, code):
    def fail(*args, **kwargs):
        raise raised

    monkeypatch.setattr(Archive, "search", fail)
    result = CliRunner().invoke(main, ["search", "anything"])
    assert result.exit_code == code
    assert result.output == f"newsidx: error: {str(raised).replace(chr(27), '')}\n"
