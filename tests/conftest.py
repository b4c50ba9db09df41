"""Shared fixtures. Every test gets its own index location, so no test can touch
the user's real index, whatever NEWSIDX_INDEX or XDG_DATA_HOME say outside.

Also shared: ``archive`` (the search tests' pages, ingested), and for the
ingest tests ``index_dir`` and ``hostile`` (a folder of good and bad files)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from newsidx import sources
from newsidx.archive import Archive

from pages import ARTICLES, LATIN1, LIBRARY, ORCHARD, TRAM, generated_article, page, write_archive, write_article


@pytest.fixture(autouse=True)
def isolated_index(tmp_path_factory, monkeypatch):
    location = tmp_path_factory.mktemp("index") / "ix"
    monkeypatch.setenv("NEWSIDX_INDEX", str(location))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return location


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """An archive of ``pages.ARTICLES``, ingested once per test module."""
    root = tmp_path_factory.mktemp("search")
    archive = Archive(str(root / "index"))
    report = archive.ingest([str(write_archive(root / "news"))], jobs=1)
    assert report.added == len(ARTICLES) and not report.failed
    return archive


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
             + bytes(range(256)) * 4)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A folder of good articles mixed with every kind of bad file.

    Returns (folder, good paths by key, expected problems {path: reason}).
    """
    root = tmp_path / "hostile"
    good = {
        "tram": write_article(root, "a-tram.txt", "Lindquay approves second tram line", TRAM),
        "orchard": write_article(root, "m-orchard.txt", "Frost halves Saroth apple harvest", ORCHARD),
        "library": write_article(root / ("d" + "/d" * 299), "deep.txt", "Bexworth library lends tools",
                                 LIBRARY),
        "latin1": write_article(root, "l-cafe.txt", "Zürich café reopens after fire", LATIN1,
                                encoding="latin-1"),
    }
    bad_name = os.fsencode(root) + b"/n-caf\xe9-\xff.txt"  # not valid UTF-8
    headline, paragraphs = generated_article(7)
    with open(bad_name, "wb") as fh:
        fh.write(page(headline, None, paragraphs, chrome=False).encode())
    good["bad-name"] = Path(os.fsdecode(bad_name))

    (root / "b-image.txt").write_bytes(PNG_BYTES)
    (root / "c-empty.txt").write_bytes(b"")
    write_article(root, "e-huge.txt", "Huge", TRAM * 40)
    write_article(root, "f-denied.txt", "Secret", ORCHARD)
    (root / "g-broken.txt").symlink_to(root / "nowhere.txt")
    (root / "h-loop1.txt").symlink_to(root / "h-loop2.txt")
    (root / "h-loop2.txt").symlink_to(root / "h-loop1.txt")
    (root / "i-cycle").mkdir()
    (root / "i-cycle" / "back").symlink_to(root)
    write_article(root, "notes.md", "Not a txt file", LIBRARY)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))

    # We run as root, which ignores permission bits: simulate EACCES on open.
    denied = str(root / "f-denied.txt")
    real_open = os.open

    def open_denying(path, *args, **kwargs):
        if os.fsdecode(path) == denied:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(sources.os, "open", open_denying)

    problems = {
        str(root / "b-image.txt"): "binary file (PNG)",
        str(root / "c-empty.txt"): "empty file",
        str(root / "e-huge.txt"): "too large",
        denied: "permission denied",
        str(root / "g-broken.txt"): "broken symlink",
        str(root / "h-loop1.txt"): "symlink loop",
        str(root / "h-loop2.txt"): "symlink loop",
        str(root / "i-cycle" / "back"): "symlink loop",
    }
    return root, good, problems
