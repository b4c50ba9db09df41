"""The term table of a segment (its ``.trm`` file): sorted keys, shared prefixes.

Whoosh's W3 term table is a hash file: per term a fixed 8-byte pair of
lengths, two 12-byte hash slots and a 4-byte position in an ordered index,
36 bytes around a record that :mod:`newsidx.index.postings` makes ~12 bytes
long: on 20,000 generated pages that overhead was 7 of the 13 MB of term
tables. Here the keys (field number + term, in order) are written in blocks
of :data:`BLOCK` records, each key as the length it shares with the key before
it and the rest, each length a varint. The first key of every block and the
blocks' positions are kept apart, read whole when the table is opened, so a
lookup is a binary search in memory and one read of one block. The search
runs over the first keys' leading 8 bytes as integers, in C, then over the
few whole keys that share them: cutting every first key out at each opening
cost half a millisecond a segment, and comparing them in Python slowed the
hundreds of lookups of a spelling correction.

:class:`TermTableReader` answers what Whoosh's term readers ask of their
``OrderedHashReader`` (lookups, items and keys in order, from a prefix, the
``extras`` where the field numbers are kept).
"""

from __future__ import annotations

import pickle
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right

from newsidx.index.varints import get_varint, put_varint

MAGIC = b"NXT1"
# Records per block: a lookup reads and decodes one block, the index holds
# one key per block. At 20,000 pages, 16 made term tables 0.4 MB smaller
# (5.8 against 6.2 MB) and a lookup 10 % slower than Whoosh's hash file; 8
# makes it 13 % faster.
BLOCK = 8
_FOOTER = struct.Struct("<QQQQI4s")  # index, first keys, prefixes, extras positions; block count; magic
_LITTLE = sys.byteorder == "little"


class TermTableError(ValueError):
    """A term table cut short or overwritten (reported as a damaged index)."""


def _prefix(key: bytes) -> int:
    """A key's first 8 bytes as a number, in the keys' order (shorter keys padded with zeros)."""
    return int.from_bytes(key[:8].ljust(8, b"\0"), "big")


def _shared(a: bytes, b: bytes) -> int:
    limit = min(len(a), len(b))
    count = 0
    while count < limit and a[count] == b[count]:
        count += 1
    return count


def _array_bytes(numbers: list[int], typecode: str) -> bytes:
    packed = array(typecode, numbers)
    if not _LITTLE:
        packed.byteswap()
    return packed.tobytes()


def _read_array(data: bytes, typecode: str) -> array:
    numbers = array(typecode)
    numbers.frombytes(data)
    if not _LITTLE:
        numbers.byteswap()
    return numbers


class TermTableWriter:
    """Writes keys in increasing order with their values; ``extras`` is saved at :meth:`close`."""

    def __init__(self, dbfile):
        self.dbfile = dbfile
        self.extras: dict = {}
        dbfile.write(MAGIC)
        self._position = len(MAGIC)
        self._count = 0
        self._last = b""
        self._block_starts: list[int] = []
        self._first_keys: list[bytes] = []
        self._pending = bytearray()

    def add(self, key: bytes, value: bytes) -> None:
        if self._count and key <= self._last:
            raise ValueError(f"keys must increase: {self._last!r}..{key!r}")
        if self._count % BLOCK == 0:
            self._flush()
            self._block_starts.append(self._position)
            self._first_keys.append(key)
            shared = 0
        else:
            shared = _shared(self._last, key)
        record = self._pending
        put_varint(record, shared)
        put_varint(record, len(key) - shared)
        put_varint(record, len(value))
        record += key[shared:]
        record += value
        self._last = key
        self._count += 1

    def _flush(self) -> None:
        if self._pending:
            self.dbfile.write(bytes(self._pending))
            self._position += len(self._pending)
            self._pending = bytearray()

    def close(self) -> None:
        self._flush()
        dbfile = self.dbfile
        index_at = self._position
        dbfile.write(_array_bytes(self._block_starts + [index_at], "Q"))
        keys_at = index_at + 8 * (len(self._block_starts) + 1)
        ends, end = [], 0
        for key in self._first_keys:
            end += len(key)
            ends.append(end)
        dbfile.write(_array_bytes([0] + ends, "I"))
        dbfile.write(b"".join(self._first_keys))
        prefixes_at = keys_at + 4 * (len(ends) + 1) + end
        dbfile.write(_array_bytes([_prefix(key) for key in self._first_keys], "Q"))
        extras_at = prefixes_at + 8 * len(self._first_keys)
        dbfile.write(pickle.dumps(self.extras, 2))
        dbfile.write(_FOOTER.pack(index_at, keys_at, prefixes_at, extras_at, len(self._block_starts), MAGIC))
        dbfile.close()


class _FirstKeys:
    """The first key of each block, as a sequence for ``bisect``, cut from the
    index's bytes only when a lookup compares it (see the module)."""

    __slots__ = ("_keys", "_ends")

    def __init__(self, keys: bytes, ends: array):
        self._keys, self._ends = keys, ends

    def __len__(self) -> int:
        return len(self._ends) - 1

    def __getitem__(self, number: int) -> bytes:
        return self._keys[self._ends[number]:self._ends[number + 1]]


class TermTableReader:
    """A term table as Whoosh's W3 term reader uses its hash file."""

    def __init__(self, dbfile, length: int):
        self.dbfile = dbfile
        if length < len(MAGIC) + _FOOTER.size:
            raise TermTableError("a term table too short to be one")
        index_at, keys_at, prefixes_at, extras_at, blocks, magic = _FOOTER.unpack(
            dbfile.get(length - _FOOTER.size, _FOOTER.size))
        if magic != MAGIC or not len(MAGIC) <= index_at <= keys_at <= prefixes_at <= extras_at <= length - _FOOTER.size:
            raise TermTableError("not a term table, or not all of one")
        if keys_at - index_at != 8 * (blocks + 1) or extras_at - prefixes_at != 8 * blocks:
            raise TermTableError("a term table's index does not match its block count")
        tail = dbfile.get(index_at, length - _FOOTER.size - index_at)
        self._starts = _read_array(tail[:keys_at - index_at], "Q")
        key_ends_at = keys_at - index_at + 4 * (blocks + 1)
        self._first = _FirstKeys(tail[key_ends_at:prefixes_at - index_at],
                                 _read_array(tail[keys_at - index_at:key_ends_at], "I"))
        self._prefixes = _read_array(tail[prefixes_at - index_at:extras_at - index_at], "Q")
        self.extras = pickle.loads(tail[extras_at - index_at:])

    def _block(self, number: int, stop: bytes | None = None) -> list[tuple[bytes, bytes]]:
        """The (key, value) records of one block, in order; with ``stop``,
        only up to the first key not before it (what a lookup needs)."""
        start, end = self._starts[number], self._starts[number + 1]
        data = self.dbfile.get(start, end - start)
        records, position, key = [], 0, b""
        size = len(data)
        try:
            while position < size:
                # Three varints, nearly always a byte each: read inline.
                shared, rest, length = data[position], data[position + 1], data[position + 2]
                if shared | rest | length < 0x80:
                    position += 3
                else:
                    shared, position = get_varint(data, position)
                    rest, position = get_varint(data, position)
                    length, position = get_varint(data, position)
                key = key[:shared] + data[position:position + rest]
                position += rest + length
                records.append((key, data[position - length:position]))
                if stop is not None and key >= stop:
                    return records
        except IndexError:
            raise TermTableError("a term table's block is cut short") from None
        if position != size:
            raise TermTableError("a term table's block is cut short")
        return records

    def _block_of(self, key: bytes) -> int:
        """The block that holds ``key`` if any key does: the last whose first key is not after it."""
        prefix = _prefix(key)
        prefixes = self._prefixes
        # Blocks before ``low`` start before ``key``, those from ``high`` on after it.
        low, high = bisect_left(prefixes, prefix), bisect_right(prefixes, prefix)
        return bisect_right(self._first, key, low, high) - 1

    def get(self, key: bytes, default=None):
        number = self._block_of(key)
        if number >= 0:
            found, value = self._block(number, stop=key)[-1]
            if found == key:
                return value
        return default

    def __getitem__(self, key: bytes) -> bytes:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: bytes) -> bool:
        return self.get(key) is not None

    def items_from(self, key: bytes):
        """(key, value) in order, from the first key not before ``key``."""
        number = max(self._block_of(key), 0)
        for block in range(number, len(self._first)):
            for found, value in self._block(block):
                if found >= key:
                    yield found, value

    def items(self):
        return self.items_from(b"")

    def keys_from(self, key: bytes):
        return (found for found, _ in self.items_from(key))

    def keys(self):
        return self.keys_from(b"")

    def __iter__(self):
        return self.keys()

    def close(self) -> None:
        self.dbfile.close()
