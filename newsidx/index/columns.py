"""Column values of many documents at once.

A search reads each match's story, date and source from Whoosh's columns to
count, collapse and facet. Whoosh's column readers read one value per file
access (a seek and a read each, thousands per search); when many documents of
a segment match, reading the whole column in one go and decoding it with
``array`` costs a fraction of that. The layouts are those of Whoosh's
``NumericColumn``, ``RefBytesColumn`` and ``VarBytesColumn`` as written by
whoosh-reloaded 2.7.5 (pinned); any other reader is read value by value.
"""

from __future__ import annotations

import sys
from array import array

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.columns import NumericColumn, RefBytesColumn, VarBytesColumn
from whoosh.util.numeric import byte_to_length

# A field length as read back from the byte Whoosh keeps of it (see length_bytes).
LENGTH_OF_BYTE = [byte_to_length(byte) for byte in range(256)]
# Below this share of a segment's documents, values are read one by one.
BULK_SHARE = 1 / 64


def column_values(reader, name: str, docnums: list[int], default=None) -> list:
    """The raw values of column ``name`` for ``docnums`` of one segment
    (``default`` for all if the segment has no such column)."""
    if name not in reader.schema or not reader.has_column(name):
        return [default] * len(docnums)
    column = reader.column_reader(name, translate=False)
    if len(docnums) >= BULK_SHARE * reader.doc_count_all():
        values = _bulk(column, reader.doc_count_all(), docnums)
        if values is not None:
            return values
    return [column[docnum] for docnum in docnums]


def _bulk(column, doccount: int, docnums: list[int]) -> list | None:
    """The values of ``docnums``, the column's bytes read in one go."""
    try:
        if isinstance(column, NumericColumn.Reader):
            values = whole_numbers(column, doccount)
            return [values[docnum] for docnum in docnums]
        if isinstance(column, RefBytesColumn.Reader):
            uniques = column._uniques
            refs = _array(column._dbfile, column._basepos, column._typecode, doccount)
            return [uniques[refs[docnum]] for docnum in docnums]
        if isinstance(column, VarBytesColumn.Reader):
            data = column._dbfile.get(column._basepos, sum(column._lengths))
            offsets, lengths = column._offsets, column._lengths
            return [data[offsets[docnum]:offsets[docnum] + lengths[docnum]] for docnum in docnums]
    except AttributeError:  # another Whoosh's readers: value by value
        return None
    return None


def length_bytes(perdoc, fieldname: str, doccount: int) -> list[int]:
    """Every document's length of ``fieldname`` in one segment, as the byte
    Whoosh stores (``whoosh.util.numeric.byte_to_length`` reads it); zeros
    for a field with no lengths. ``perdoc``: the segment's per-document reader."""
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    return whole_numbers(column, doccount) if column is not None else [0] * doccount


def whole_numbers(column, doccount: int) -> list:
    """Every value of a NumericColumn reader, in one read (the column's default past its end)."""
    stored = min(column._count, doccount)  # documents past the end hold the default
    values = _array(column._dbfile, column._basepos, column._typecode, stored).tolist()
    return values + [column._default] * (doccount - stored)


def _array(dbfile, position: int, typecode: str, count: int) -> array:
    values = array(typecode)
    values.frombytes(dbfile.get(position, count * values.itemsize))
    if sys.byteorder == "little":  # Whoosh writes big-endian ("!")
        values.byteswap()
    return values
