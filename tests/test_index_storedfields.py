"""Stored fields: any dict of stored values reads back as written, in fewer
bytes than Whoosh's own encoding, and the preset dictionary is pinned."""

from __future__ import annotations

import zlib

import pytest
from whoosh.codec.whoosh3 import STORED_COLUMN
from whoosh.filedb.filestore import RamStorage

from newsidx.index import storedfields
from newsidx.index.storedfields import STORED_FIELDS, decode, encode

RECORDS = [
    {"byline": "By Ana Lobo", "date_source": "label:posted; day-first", "date_text": "2011-03-09T07:15",
     "dateline": "PORTO", "group": "4c1d0e9a77", "headline": "Ferry strike ends after three days",
     "id": "4c1d0e9a77", "source": "Agência Sul", "warnings": ["not valid UTF-8; decoded as cp1252"],
     "word_count": 411},
    {"headline": "Ünïcödé headline — with dashes", "note": {"nested": [1, 2.5, None]}, "word_count": 0},
    {},
]


@pytest.mark.parametrize("record", RECORDS)
def test_any_record_reads_back(record):
    assert decode(encode(record)) == record


def test_a_column_of_records_reads_back_with_gaps(tmp_path):
    storage = RamStorage()
    with storage.create_file("c") as handle:
        writer = STORED_FIELDS.writer(handle)
        writer.add(0, RECORDS[0])
        writer.add(2, RECORDS[1])  # document 1 stored nothing
        writer.finish(3)
        length = handle.tell()
    reader = STORED_FIELDS.reader(storage.open_file("c"), 0, length, 3)
    assert [reader[n] for n in range(3)] == [RECORDS[0], None, RECORDS[1]]
    assert list(reader) == [RECORDS[0], None, RECORDS[1]]


def test_a_record_takes_three_quarters_of_whooshs_bytes_at_most():
    storage = RamStorage()
    sizes = {}
    for name, column in (("whoosh", STORED_COLUMN), ("newsidx", STORED_FIELDS)):
        with storage.create_file(name) as handle:
            writer = column.writer(handle)
            for docnum in range(50):
                writer.add(docnum, RECORDS[0])
            writer.finish(50)
            sizes[name] = handle.tell()
    assert sizes["newsidx"] < 0.75 * sizes["whoosh"]


def test_the_preset_dictionary_is_the_one_indexes_were_written_with():
    # zlib names the dictionary by this checksum in every record: another
    # dictionary (a changed TYPICAL, or pickle writing it otherwise) makes
    # every existing index unreadable, which takes a new catalog FORMAT.
    assert zlib.adler32(storedfields.PRESET) == 0xE4863E0F


def test_a_record_is_the_same_bytes_in_any_key_order():
    """A merge rebuilds each stored dict in the order of a set of field
    names, which changes with the process's hash seed."""
    record = RECORDS[0]
    reversed_order = dict(reversed(list(record.items())))
    assert list(reversed_order) != list(record)
    assert encode(reversed_order) == encode(record)
