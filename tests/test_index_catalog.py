"""The catalog beside the Whoosh index: near-duplicate candidates, and rows
versioned by index generation so a crash between the two commits loses nothing."""

from __future__ import annotations

import sqlite3

from newsidx import dedup
from newsidx.index import bodies
from newsidx.index.catalog import Catalog, CatalogReader, FileRecord, band_numbers, known_paths


def signature(number: int, shared: dict[int, int] | None = None) -> tuple[int, ...]:
    """A signature of its own, or with the values of ``shared``'s bands
    ({band: number}) taken from another."""
    values = [number * 1_000 + i for i in range(dedup.SIGNATURE_LENGTH)]
    for band, other in (shared or {}).items():
        rows = range(band * dedup.ROWS_PER_BAND, (band + 1) * dedup.ROWS_PER_BAND)
        values[rows.start:rows.stop] = [other * 1_000 + i for i in rows]
    return tuple(values)


def fresh(tmp_path, committed: int = 0) -> Catalog:
    catalog = Catalog(str(tmp_path / "c.sqlite"))
    catalog.recover(committed)
    return catalog


def put(catalog: Catalog, article_id: str, sig: tuple[int, ...], body="text", group=None, body_hash=None):
    catalog.put_article(article_id, body_hash or f"h-{article_id}", group or article_id,
                        sig, band_numbers(dedup.band_keys(sig)), body)


def candidates(catalog: Catalog, sig: tuple[int, ...]) -> list:
    return catalog.candidates(band_numbers(dedup.band_keys(sig)))


def band_rows(tmp_path) -> int:
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        return db.execute("SELECT count(*) FROM band").fetchone()[0]


def test_candidates_share_a_band_key_and_see_uncommitted_rows(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "a1", signature(1))
    put(catalog, "b2", signature(2))
    found = candidates(catalog, signature(3, shared={5: 1}))
    assert [(c.id, c.group, tuple(c.signature)) for c in found] == [("a1", "a1", signature(1))]
    assert candidates(catalog, signature(4)) == []


def test_replacing_an_article_forgets_its_old_keys_and_deleting_forgets_it(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "a1", signature(1))
    put(catalog, "a1", signature(7), group="g7")
    assert candidates(catalog, signature(1)) == []
    assert [c.group for c in candidates(catalog, signature(7))] == ["g7"]
    catalog.commit()
    catalog.committed(1)  # a committed row is marked gone, then purged once no reader can see it
    catalog.delete_article("a1")
    assert candidates(catalog, signature(7)) == []
    assert not catalog.article_id_in_use("a1")
    catalog.commit()
    catalog.committed(2)
    catalog.committed(3)
    # Every band row went with its article: they were found again from its signature.
    assert band_rows(tmp_path) == 0


def test_short_bodies_are_never_candidates(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "long", signature(1))
    catalog.put_article("short", "h", "short", (), (), "two words")
    assert [c.id for c in candidates(catalog, signature(1))] == ["long"]
    assert catalog.article_with_hash("h") == "short"
    catalog.delete_article("short")
    catalog.commit()
    assert band_rows(tmp_path) == dedup.BANDS


def test_a_reader_sees_only_the_generations_the_index_has_committed(tmp_path):
    path = str(tmp_path / "c.sqlite")
    catalog = fresh(tmp_path, committed=4)  # writing generation 5
    put(catalog, "a1", signature(1), body="first text")
    catalog.put_file(FileRecord("/docs/a.txt", 10, 1, "fh1", "a1"))
    catalog.commit()
    assert CatalogReader(path, 4).body("a1") == ""
    assert CatalogReader(path, 5).body("a1") == "first text"
    catalog.committed(5)  # writing generation 6
    put(catalog, "a1", signature(1), body="edited text")
    catalog.delete_file("/docs/a.txt")
    catalog.commit()
    old, new = CatalogReader(path, 5), CatalogReader(path, 6)
    assert old.body("a1") == "first text" and old.paths("a1") == ("/docs/a.txt",)
    assert new.body("a1") == "edited text" and new.paths("a1") == () and new.file_count() == 0


def test_recovery_undoes_a_batch_the_index_never_committed(tmp_path):
    path = str(tmp_path / "c.sqlite")
    catalog = fresh(tmp_path, committed=1)  # generation 2
    put(catalog, "kept", signature(8), body_hash="hk")
    catalog.put_file(FileRecord("/docs/kept.txt", 1, 1, "f1", "kept"))
    catalog.commit()
    catalog.committed(2)  # generation 3: the process dies after this SQLite commit
    put(catalog, "lost", signature(9, shared={0: 8}), body_hash="hl")
    catalog.delete_article("kept")
    catalog.put_file(FileRecord("/docs/kept.txt", 2, 2, "f2", "lost"))
    catalog.commit()
    catalog.close()

    reopened = Catalog(path)
    reopened.recover(2)  # the index is still at generation 2
    assert reopened.article_with_hash("hl") is None
    assert reopened.article_with_hash("hk") == "kept"
    assert [c.id for c in candidates(reopened, signature(9, shared={0: 8}))] == ["kept"]
    assert band_rows(tmp_path) == dedup.BANDS  # the lost article's went with it
    assert reopened.file_records() == {"/docs/kept.txt": FileRecord("/docs/kept.txt", 1, 1, "f1", "kept")}


def test_a_path_that_is_not_utf8_comes_back_exactly(tmp_path):
    catalog = fresh(tmp_path)
    odd = "/docs/caf\udce9.txt"  # the byte 0xE9 held as a surrogate escape
    catalog.put_file(FileRecord(odd, 3, 4, "fh", "a1"))
    assert list(catalog.file_records()) == [odd]


# -- bodies: near copies kept as differences ------------------------------------------

def story(seed: int, edit: str = "") -> str:
    """A body of some 300 words of its own, plus ``edit``."""
    words = "harbour council ferry tram budget mayor storm repair bridge vote night river school".split()
    state, out = seed, []
    for _ in range(300):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(words[state % len(words)] + ("." if state % 11 == 0 else ""))
    return " ".join(out) + edit


def body_rows(tmp_path) -> dict[int, tuple[int | None, int]]:
    """{row: (base, compressed size)} of the body table."""
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        return {row: (base, size) for row, base, size in db.execute("SELECT row, base, length(text) FROM body")}


def row_of(tmp_path, article_id: str) -> int:
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        return db.execute("SELECT max(row) FROM article WHERE id = ?", (article_id,)).fetchone()[0]


def test_a_near_copy_is_kept_as_its_difference_from_the_body_it_is_like(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "a1", signature(1), body=story(1))
    catalog.put_article("a2", "h2", "a1", signature(2), (), story(1, " Updated at noon."), nearest="a1")
    # A copy of a copy is based on the first body: reading one takes at most two steps.
    catalog.put_article("a3", "h3", "a1", signature(3), (), story(1, " Updated again."), nearest="a2")
    catalog.put_article("b1", "h4", "b1", signature(4), (), story(2), nearest=None)
    catalog.commit()
    catalog.committed(1)
    reader = CatalogReader(str(tmp_path / "c.sqlite"), 1)
    assert [reader.body(i) for i in ("a1", "a2", "a3", "b1")] == [
        story(1), story(1, " Updated at noon."), story(1, " Updated again."), story(2)]
    rows = body_rows(tmp_path)
    first = row_of(tmp_path, "a1")
    assert rows[row_of(tmp_path, "a2")][0] == rows[row_of(tmp_path, "a3")][0] == first
    assert rows[first][0] is None and rows[row_of(tmp_path, "b1")][0] is None
    assert rows[row_of(tmp_path, "a2")][1] * 5 < rows[first][1]


def test_a_base_outlives_its_article_until_no_copy_needs_it(tmp_path):
    path = str(tmp_path / "c.sqlite")
    catalog = fresh(tmp_path)
    put(catalog, "a1", signature(1), body=story(1))
    catalog.put_article("a2", "h2", "a1", signature(2), (), story(1, " Later."), nearest="a1")
    catalog.commit()
    catalog.committed(1)
    catalog.delete_article("a1")
    catalog.commit()
    catalog.committed(2)
    catalog.committed(3)  # a1's row is purged: no reader can see it any more
    assert CatalogReader(path, 3).body("a2") == story(1, " Later.")
    assert CatalogReader(path, 3).body("a1") == ""
    assert len(body_rows(tmp_path)) == 2  # a1's body stays, as a2's base
    catalog.delete_article("a2")
    catalog.commit()
    catalog.committed(4)
    catalog.committed(5)
    assert body_rows(tmp_path) == {}


def test_recovery_drops_the_lost_batch_s_copies_and_bases(tmp_path):
    path = str(tmp_path / "c.sqlite")
    catalog = fresh(tmp_path, committed=1)  # generation 2
    put(catalog, "kept", signature(1), body=story(1))
    catalog.commit()
    catalog.committed(2)  # generation 3: lost below
    catalog.put_article("copy", "hc", "kept", signature(2), (), story(1, " Later."), nearest="kept")
    put(catalog, "new", signature(3), body=story(3))
    catalog.put_article("copy2", "hd", "new", signature(4), (), story(3, " Later."), nearest="new")
    catalog.delete_article("kept")
    catalog.commit()
    catalog.close()
    reopened = Catalog(path)
    reopened.recover(2)
    assert body_rows(tmp_path) == {row_of(tmp_path, "kept"): (None, body_rows(tmp_path)[row_of(tmp_path, "kept")][1])}
    assert CatalogReader(path, 2).body("kept") == story(1)


def dictionaries(tmp_path) -> list[int]:
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        return [row[0] for row in db.execute("SELECT id FROM dictionary")]


def with_stories(tmp_path, monkeypatch, samples: int, count: int):
    """(path, catalog) with stories s0.. written, the dictionary made from the first ``samples``."""
    monkeypatch.setattr(bodies, "DICTIONARY_SAMPLES", samples)
    catalog = fresh(tmp_path)
    for number in range(count):
        put(catalog, f"s{number}", signature(number), body=story(number))
    return str(tmp_path / "c.sqlite"), catalog


def test_bodies_after_the_first_few_are_compressed_with_the_archive_s_own_dictionary(tmp_path, monkeypatch):
    path, catalog = with_stories(tmp_path, monkeypatch, samples=3, count=6)
    catalog.commit()
    catalog.committed(1)
    [dictionary] = dictionaries(tmp_path)
    with sqlite3.connect(path) as db:
        used = dict(db.execute("SELECT article.id, body.dictionary FROM article JOIN body USING (row)"))
    assert used == {"s0": None, "s1": None, "s2": None, "s3": dictionary, "s4": dictionary, "s5": dictionary}
    reader = CatalogReader(path, 1)
    assert [reader.body(f"s{number}") for number in range(6)] == [story(number) for number in range(6)]
    # A copy based on a body that was compressed with the dictionary reads back too.
    catalog.put_article("c5", "hc", "s5", signature(9), (), story(5, " Later."), nearest="s5")
    catalog.commit()
    catalog.committed(2)
    assert CatalogReader(path, 2).body("c5") == story(5, " Later.")


def test_a_dictionary_made_in_a_batch_that_is_undone_goes_with_it(tmp_path, monkeypatch):
    path, catalog = with_stories(tmp_path, monkeypatch, samples=2, count=3)
    assert len(dictionaries(tmp_path)) == 0  # not committed yet
    catalog.rollback()
    put(catalog, "after", signature(7), body=story(7))  # never compressed with a dictionary that is gone
    catalog.commit()
    catalog.committed(1)
    assert dictionaries(tmp_path) == [] and CatalogReader(path, 1).body("after") == story(7)
    for number in range(3):  # generation 2, lost in a crash after the SQLite commit
        put(catalog, f"t{number}", signature(10 + number), body=story(10 + number))
    catalog.commit()
    catalog.close()
    assert len(dictionaries(tmp_path)) == 1
    reopened = Catalog(path)
    reopened.recover(1)
    assert dictionaries(tmp_path) == []
    put(reopened, "later", signature(20), body=story(20))
    reopened.commit()
    reopened.committed(2)
    assert CatalogReader(path, 2).body("later") == story(20)


def test_a_catalog_of_the_format_before_still_lists_its_files_for_a_rebuild(tmp_path):
    # Format 2 kept each file's whole path in the file table.
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE file (row INTEGER PRIMARY KEY, path BLOB NOT NULL, gone INTEGER)")
        db.executemany("INSERT INTO file (path, gone) VALUES (?, ?)",
                       [(b"/docs/b.txt", None), (b"/docs/a.txt", None), (b"/docs/a.txt", None), (b"/docs/gone.txt", 3)])
    db.close()
    assert known_paths(str(path)) == ["/docs/a.txt", "/docs/b.txt"]


def test_paths_are_kept_as_a_folder_and_a_name(tmp_path):
    catalog = fresh(tmp_path)
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        catalog.put_file(FileRecord(f"/docs/{name}", 1, 1, "fh", "a1"))
    catalog.delete_file("/elsewhere/a.txt")  # a folder never seen: nothing to retire
    catalog.commit()
    assert sorted(catalog.file_records()) == ["/docs/a.txt", "/docs/b.txt", "/docs/sub/c.txt"]
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        assert sorted(path for (path,) in db.execute("SELECT path FROM folder")) == [b"/docs/", b"/docs/sub/"]
