"""The story table: near-duplicate candidates by shared LSH band keys."""

from __future__ import annotations

from newsidx.index.stories import StoryTable

SIGNATURE = tuple(range(1, 129))


def test_candidates_share_a_key_and_see_uncommitted_rows(tmp_path):
    table = StoryTable(str(tmp_path / "s.sqlite"))
    table.put("a1", "a1", SIGNATURE, ("b00:x", "b01:y"))
    table.put("b2", "b2", SIGNATURE[::-1], ("b00:z", "b01:w"))
    found = table.candidates(("b01:y", "b05:q"))
    assert [(c.id, c.group, c.signature) for c in found] == [("a1", "a1", SIGNATURE)]
    assert table.candidates(("b09:none",)) == []


def test_put_replaces_and_delete_forgets(tmp_path):
    table = StoryTable(str(tmp_path / "s.sqlite"))
    table.put("a1", "a1", SIGNATURE, ("b00:x",))
    table.put("a1", "g7", SIGNATURE, ("b00:new",))
    assert table.candidates(("b00:x",)) == []
    assert [c.group for c in table.candidates(("b00:new",))] == ["g7"]
    table.delete("a1")
    assert table.candidates(("b00:new",)) == []


def test_rollback_drops_the_batch_and_commit_keeps_it(tmp_path):
    path = str(tmp_path / "s.sqlite")
    table = StoryTable(path)
    table.put("kept", "kept", SIGNATURE, ("b00:k",))
    table.commit()
    table.put("dropped", "dropped", SIGNATURE, ("b00:d",))
    table.rollback()
    table.close()
    reopened = StoryTable(path)
    assert [c.id for c in reopened.candidates(("b00:k", "b00:d"))] == ["kept"]


def test_short_bodies_are_never_candidates(tmp_path):
    table = StoryTable(str(tmp_path / "s.sqlite"))
    table.put("short", "short", (), ())
    assert table.candidates(("b00:x",)) == []
