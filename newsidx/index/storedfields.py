"""Stored fields: each document's dict of stored values, in a segment's ``_stored`` column.

Whoosh pickles each dict (protocol 2) and deflates it alone: a record of a
few short strings is too small for deflate to find anything to refer back
to, so every record spelt out its field names again; on 20,000 generated
pages that was 245 bytes a document. Here the dict is pickled with protocol 4
(a short string costs 2 bytes more than itself, not 5) and deflated with
:data:`PRESET` as zlib's preset dictionary, which holds the pickle of a
typical record: field names and common values become references, about 130
bytes a document. zlib's header names the preset dictionary by checksum, so
a record is never read back with another one.
"""

from __future__ import annotations

import pickle
import zlib

from whoosh.columns import VarBytesColumn

LEVEL = 9  # the records are short: the best level costs little
# A typical record of newsidx's schema (newsidx.index.schema), keys in order
# (as encode writes them). Changing it changes the format: bump the catalog's FORMAT.
TYPICAL = {"byline": "", "date_source": "label:updated", "date_text": "2004-01-18T21:58+00:00", "dateline": "",
           "group": "", "headline": "", "id": "", "source": "", "warnings": [], "word_count": 0}
PRESET = pickle.dumps(TYPICAL, 4)


def encode(fields: dict) -> bytes:
    # Keys in order, as in PRESET: the same record gives the same bytes
    # however its dict was built (a merge copies stored fields in the order
    # of a set of field names, which changes with each process's hash seed:
    # two merges of the same segments made stored columns 3 % apart).
    compressor = zlib.compressobj(LEVEL, zdict=PRESET)
    return compressor.compress(pickle.dumps(dict(sorted(fields.items())), 4)) + compressor.flush()


def decode(data: bytes) -> dict:
    decompressor = zlib.decompressobj(zdict=PRESET)
    return pickle.loads(decompressor.decompress(data) + decompressor.flush())


class StoredFieldsColumn(VarBytesColumn):
    """Whoosh's variable-bytes column of :func:`encode`'d dicts (None: a document without stored fields)."""

    class Writer(VarBytesColumn.Writer):
        def add(self, docnum, value):
            super().add(docnum, b"" if value is None else encode(value))

    class Reader(VarBytesColumn.Reader):
        def __getitem__(self, docnum):
            data = super().__getitem__(docnum)
            return decode(data) if data else None

        def __iter__(self):
            for data in super().__iter__():
                yield decode(data) if data else None

        def load(self):
            return list(self)


STORED_FIELDS = StoredFieldsColumn()
