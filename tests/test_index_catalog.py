"""The catalog beside the Whoosh index: near-duplicate candidates, and rows
versioned by index generation so a crash between the two commits loses nothing."""

from __future__ import annotations

from newsidx.index.catalog import Catalog, CatalogReader, FileRecord

SIGNATURE = tuple(range(1, 129))


def key(band: int, number: int) -> str:
    """A band key as newsidx.dedup.band_keys writes them."""
    return f"b{band:02d}:{number * 0x9E3779B97F4A7C15 % 2**64:016x}"


def fresh(tmp_path, committed: int = 0) -> Catalog:
    catalog = Catalog(str(tmp_path / "c.sqlite"))
    catalog.recover(committed)
    return catalog


def put(catalog: Catalog, article_id: str, keys=None, body="text", group=None, body_hash=None):
    catalog.put_article(article_id, body_hash or f"h-{article_id}", group or article_id,
                        SIGNATURE, keys or (key(0, 99),), body)


def test_candidates_share_a_band_key_and_see_uncommitted_rows(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "a1", (key(0, 1), key(1, 2)))
    put(catalog, "b2", (key(0, 3), key(1, 4)))
    found = catalog.candidates((key(1, 2), key(5, 5)))
    assert [(c.id, c.group, tuple(c.signature)) for c in found] == [("a1", "a1", SIGNATURE)]
    assert catalog.candidates((key(9, 6),)) == []


def test_replacing_an_article_forgets_its_old_keys_and_deleting_forgets_it(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "a1", (key(0, 1),))
    put(catalog, "a1", (key(0, 7),), group="g7")
    assert catalog.candidates((key(0, 1),)) == []
    assert [c.group for c in catalog.candidates((key(0, 7),))] == ["g7"]
    catalog.delete_article("a1")
    assert catalog.candidates((key(0, 7),)) == []
    assert not catalog.article_id_in_use("a1")


def test_short_bodies_are_never_candidates(tmp_path):
    catalog = fresh(tmp_path)
    put(catalog, "long", (key(0, 1),))
    catalog.put_article("short", "h", "short", (), (), "two words")
    assert [c.id for c in catalog.candidates((key(0, 1),))] == ["long"]
    assert catalog.article_with_hash("h") == "short"


def test_a_reader_sees_only_the_generations_the_index_has_committed(tmp_path):
    path = str(tmp_path / "c.sqlite")
    catalog = fresh(tmp_path, committed=4)  # writing generation 5
    put(catalog, "a1", body="first text")
    catalog.put_file(FileRecord("/docs/a.txt", 10, 1, "fh1", "a1"))
    catalog.commit()
    assert CatalogReader(path, 4).body("a1") == ""
    assert CatalogReader(path, 5).body("a1") == "first text"
    catalog.committed(5)  # writing generation 6
    put(catalog, "a1", body="edited text")
    catalog.delete_file("/docs/a.txt")
    catalog.commit()
    old, new = CatalogReader(path, 5), CatalogReader(path, 6)
    assert old.body("a1") == "first text" and old.paths("a1") == ("/docs/a.txt",)
    assert new.body("a1") == "edited text" and new.paths("a1") == () and new.file_count() == 0


def test_recovery_undoes_a_batch_the_index_never_committed(tmp_path):
    path = str(tmp_path / "c.sqlite")
    catalog = fresh(tmp_path, committed=1)  # generation 2
    put(catalog, "kept", (key(0, 8),), body_hash="hk")
    catalog.put_file(FileRecord("/docs/kept.txt", 1, 1, "f1", "kept"))
    catalog.commit()
    catalog.committed(2)  # generation 3: the process dies after this SQLite commit
    put(catalog, "lost", (key(0, 9),), body_hash="hl")
    catalog.delete_article("kept")
    catalog.put_file(FileRecord("/docs/kept.txt", 2, 2, "f2", "lost"))
    catalog.commit()
    catalog.close()

    reopened = Catalog(path)
    reopened.recover(2)  # the index is still at generation 2
    assert reopened.article_with_hash("hl") is None
    assert reopened.article_with_hash("hk") == "kept"
    assert [c.id for c in reopened.candidates((key(0, 8), key(0, 9)))] == ["kept"]
    assert reopened.file_records() == {"/docs/kept.txt": FileRecord("/docs/kept.txt", 1, 1, "f1", "kept")}


def test_a_path_that_is_not_utf8_comes_back_exactly(tmp_path):
    catalog = fresh(tmp_path)
    odd = "/docs/caf\udce9.txt"  # the byte 0xE9 held as a surrogate escape
    catalog.put_file(FileRecord(odd, 3, 4, "fh", "a1"))
    assert list(catalog.file_records()) == [odd]
