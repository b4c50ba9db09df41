"""The term table: every key and value read back, lookups of keys it lacks,
walks from any prefix, and a file cut short or overwritten refused."""

from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage

from newsidx.index import termtable
from newsidx.index.termtable import TermTableError, TermTableReader, TermTableWriter

# Sorted keys sharing prefixes, enough for many blocks, some long; many
# blocks whose first keys share their first 8 bytes (what lookups search by
# first), and keys that differ only by trailing zero bytes.
KEYS = sorted({f"{field:02d}{stem}{n}".encode() for field in (0, 1, 7)
               for stem in ("harb", "harbour", "harvest", "zürich", "a")
               for n in range(0, 90, 7)}
              | {b"\x00\x01" + b"x" * 300}
              | {b"\x00\x02samepref" + b"%05d" % n for n in range(300)}
              | {b"ab", b"ab\x00", b"ab\x00\x00", b"ab\x00\x01", b"ab\x01"})


def value_of(key: bytes) -> bytes:
    return bytes([len(key) % 251]) * (len(key) % 17)  # some empty


def write(storage, keys=KEYS) -> TermTableReader:
    writer = TermTableWriter(storage.create_file("t.trm"))
    writer.extras["fieldmap"] = {"body": 0}
    for key in keys:
        writer.add(key, value_of(key))
    writer.close()
    return TermTableReader(storage.open_file("t.trm"), storage.file_length("t.trm"))


@pytest.fixture
def table():
    return write(RamStorage())


def test_every_key_and_value_reads_back_in_order(table):
    assert len(KEYS) > 10 * termtable.BLOCK
    assert list(table.items()) == [(key, value_of(key)) for key in KEYS]
    assert all(table[key] == value_of(key) and key in table for key in KEYS)
    assert table.extras == {"fieldmap": {"body": 0}}


@pytest.mark.parametrize("missing", [b"", b"\x00", b"00harbour", b"01harvest5", b"07zz", b"\xff" * 3,
                                     KEYS[termtable.BLOCK] + b"\x00", KEYS[-1] + b"\x00", b"a", b"ab\x00\x00\x00",
                                     b"\x00\x02samepref", b"\x00\x02samepref00150x", b"\x00\x02sameprez"])
def test_a_key_it_lacks_is_not_found(table, missing):
    assert missing not in table
    assert table.get(missing) is None
    with pytest.raises(KeyError):
        table[missing]


@pytest.mark.parametrize("start", [b"", b"01harb", b"01harbour5", "07zürich".encode(), b"08", KEYS[33],
                                   b"\x00\x02samepref00177", b"ab\x00"])
def test_a_walk_from_any_key_gives_every_key_not_before_it(table, start):
    assert list(table.keys_from(start)) == [key for key in KEYS if key >= start]


def test_an_empty_table_has_nothing(tmp_path):
    table = write(RamStorage(), keys=[])
    assert list(table.items()) == [] and b"a" not in table


def test_keys_must_increase():
    writer = TermTableWriter(RamStorage().create_file("t.trm"))
    writer.add(b"b", b"")
    with pytest.raises(ValueError):
        writer.add(b"a", b"")


@pytest.mark.parametrize("damage", ["cut", "garbage"])
def test_a_damaged_table_is_refused_never_misread(damage):
    storage = RamStorage()
    write(storage)
    data = storage.open_file("t.trm").read()
    bad = data[:len(data) // 2] if damage == "cut" else bytes((7 * i + 13) % 256 for i in range(len(data)))
    damaged = RamStorage()
    with damaged.create_file("t.trm") as handle:
        handle.write(bad)
    with pytest.raises(TermTableError):
        TermTableReader(damaged.open_file("t.trm"), damaged.file_length("t.trm"))
