"""Files named on the command line that cannot be read: `extract` and `ingest`
report them like any other bad file and process the rest (exit 1), instead of
click refusing the whole command line (exit 2) because ``click.Path`` checked
readability. A path that does not exist stays a usage error."""

from __future__ import annotations

import errno
import json
import os

import pytest
from click.testing import CliRunner

from newsidx import sources
from newsidx.cli import main

from pages import ORCHARD, TRAM, write_article


@pytest.fixture
def ok_and_unreadable(tmp_path, monkeypatch):
    """ok.txt and unreadable.txt, which this process cannot read: for real when
    not root, else simulated where it shows (os.access for click, os.open for reading)."""
    ok = write_article(tmp_path, "ok.txt", "Lindquay approves second tram line", TRAM)
    unreadable = write_article(tmp_path, "unreadable.txt", "Frost halves Saroth apple harvest", ORCHARD)
    if os.geteuid() != 0:
        unreadable.chmod(0)
        yield ok, unreadable
        unreadable.chmod(0o644)
        return
    real_access, real_open = os.access, os.open

    def access(path, mode, *args, **kwargs):
        return False if os.fspath(path) == str(unreadable) else real_access(path, mode, *args, **kwargs)

    def open_denying(path, *args, **kwargs):
        if os.fsdecode(path) == str(unreadable):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(sources.os, "open", open_denying)
    yield ok, unreadable
    monkeypatch.undo()


def test_extract_reports_an_unreadable_file_named_and_extracts_the_others(ok_and_unreadable):
    ok, unreadable = ok_and_unreadable
    result = CliRunner().invoke(main, ["extract", "--json", str(unreadable), str(ok)])
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {"path": str(unreadable), "error": "permission denied"}
    assert (lines[1]["path"], lines[1]["headline"]) == (str(ok), "Lindquay approves second tram line")


def test_ingest_reports_an_unreadable_file_named_and_ingests_the_others(ok_and_unreadable, tmp_path):
    ok, unreadable = ok_and_unreadable
    result = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), "ingest", "--json", "-j", "1",
                                       str(ok), str(unreadable)])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["added"] == 1
    assert report["failed"] == [{"path": str(unreadable), "reason": "permission denied"}]


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_path_that_does_not_exist_is_still_a_usage_error(tmp_path, command):
    result = CliRunner().invoke(main, ["--index", str(tmp_path / "ix"), command, str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "does not exist" in result.output
