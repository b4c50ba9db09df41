"""Shared fixtures. Every test gets its own index location, so no test can touch
the user's real index, whatever NEWSIDX_INDEX or XDG_DATA_HOME say outside."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_index(tmp_path_factory, monkeypatch):
    location = tmp_path_factory.mktemp("index") / "ix"
    monkeypatch.setenv("NEWSIDX_INDEX", str(location))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return location
