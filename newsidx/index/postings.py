"""The posting-list codec: how term statistics and postings are laid out on disk.

Whoosh's W3 codec pickles every block of postings (protocol 2, where each
posting's value bytes become a call to ``_codecs.encode``) and gives every
term a 38-byte record plus a 4-byte header in the postings file: on 20,000
generated pages a body posting took 16 bytes for 1.5 positions, and postings
were 62 of the index's 147 MB. :class:`ArticleCodec` keeps W3's files (the
term table, the columns, stored fields, the segment objects) and replaces the
two things that cost that much:

- a term's record (the value in the ``.trm`` hash table) is varints:
  flags, document frequency, total and highest weight, shortest and longest
  field length (W3's length bytes), first and last document number, then
  either where its postings are in ``.pst`` or, for short lists, the postings
  themselves (no second read, no offset to store);
- a posting list is blocks of at most ``BLOCK_LIMIT`` postings, each a flags
  varint (and, when the list has several blocks, its count, the gap from the
  previous block's last document and its data length), then its data: the
  document gaps, the values' lengths, explicit weights if any, and the values,
  each as a little-endian array of the narrowest width that holds it; data of
  ``COMPRESS_FROM`` bytes or more is zlib-compressed when that is smaller.

Weights are not stored when they only repeat what the values say: a
:class:`~newsidx.index.analysis.CompactPositions` value starts with the
term's frequency, and the weight is that times the field boost; an ``ID`` or
``DATETIME`` posting weighs the same as every other of its block. Both are
checked at write time; any other weights are written out as float32, as W3
keeps them, so what a reader gets back is W3's to the bit.

Readers decode arrays in C (``array.frombytes``, ``itertools.accumulate``,
``operator.itemgetter`` over slices): :func:`read_postings` gives a term's
documents, weights and values in one call for the block scorer
(:mod:`newsidx.index.scoring`) and the document sets
(:mod:`newsidx.index.docsets`); Whoosh's own queries get a ``ListMatcher``.
A block is never skipped by its score (W3's block-max skipping), as word
queries are ranked by the block scorer, which reads whole lists anyway.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from itertools import accumulate
from operator import itemgetter, sub

from whoosh.codec.base import FieldCursor
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3PerDocReader, W3PerDocWriter, W3TermsReader
from whoosh.matching import ListMatcher
from whoosh.reading import TermInfo, TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from newsidx.index.storedfields import STORED_FIELDS
from newsidx.index.termtable import TermTableReader, TermTableWriter
from newsidx.index.varints import get_varint, put_varint

# Postings per block: the width of a block's arrays is set by its largest
# number, so a block keeps one rare long gap from widening a whole list.
BLOCK_LIMIT = 128
# Below this many bytes a block's data is left as it is: zlib's own header and
# checksum (6 bytes) and the call cost more than they save.
COMPRESS_FROM = 64
COMPRESSION_LEVEL = 3
# Postings lists that encode to at most this many bytes are kept in the term's
# record: most terms of an archive occur in one or two articles.
INLINE_LIMIT = 96

_WIDTHS = ("B", "H", "I")  # array type codes of 1, 2 and 4 bytes
if array("I").itemsize != 4:
    raise ImportError("newsidx needs 4-byte unsigned ints for its posting arrays")
_LITTLE = sys.byteorder == "little"
_FLOAT = struct.Struct("<f")

# Weights of a block: what the values say, one for all, or written out.
WEIGHTS_FROM_VALUES, WEIGHTS_CONSTANT, WEIGHTS_LISTED = 0, 1, 2
# Block flags: bits 0-1 the weights, 2-3 the width of document gaps, 4-5 the
# width of value lengths, 6 zlib.
_GAP_SHIFT, _LENGTH_SHIFT, _ZLIB = 2, 4, 64
# Term flags.
_INLINED, _INTEGER_WEIGHTS, _SEVERAL_BLOCKS = 1, 2, 4


class DamagedPostings(ValueError):
    """Bytes that cannot be what :func:`encode_postings` wrote (searches
    report it as a damaged index, like any other read error)."""


# -- arrays ----------------------------------------------------------------------

def _width(largest: int) -> int:
    return 0 if largest < 0x100 else 1 if largest < 0x10000 else 2


def _array_bytes(numbers, width: int) -> bytes:
    packed = array(_WIDTHS[width], numbers)
    if not _LITTLE and width:
        packed.byteswap()
    return packed.tobytes()


def _read_array(data, position: int, count: int, width: int) -> tuple[array, int]:
    if width > 2:
        raise DamagedPostings(f"no array width {width}")
    numbers = array(_WIDTHS[width])
    end = position + count * numbers.itemsize
    if end > len(data):
        raise DamagedPostings("a posting block ends early")
    numbers.frombytes(data[position:end])
    if not _LITTLE and width:
        numbers.byteswap()
    return numbers, end


# -- blocks ----------------------------------------------------------------------

def _value_kind(format_) -> int | None:
    """None: values of any length; 0: no values; n: values of n bytes."""
    size = format_.fixed_value_size()
    return None if size is None or size < 0 else size


def _frequencies(format_, blob: bytes, starts: list[int]) -> list[int] | None:
    found = getattr(format_, "frequencies", None)
    return None if found is None or not starts else found(blob, starts)


def encode_block(format_, ids: list[int], weights: list[float], values: list[bytes],
                 previous_id: int, several: bool) -> tuple[bytes, int]:
    """One block of postings (documents in increasing order, after
    ``previous_id``, the last document of the block before, or 0), and the
    flags saying how its weights were kept."""
    count = len(ids)
    data = bytearray()
    flags = 0
    if count > 1:
        gaps = list(map(sub, ids[1:], ids))  # in C: this runs for every term of every segment written
        width = _width(max(gaps))
        flags |= width << _GAP_SHIFT
        data += _array_bytes(gaps, width)
    kind = _value_kind(format_)
    blob = b"".join(values) if kind != 0 else b""
    starts: list[int] = []
    if kind is None:
        lengths = list(map(len, values))
        if count > 1:
            width = _width(max(lengths))
            flags |= width << _LENGTH_SHIFT
            data += _array_bytes(lengths, width)
        starts = list(accumulate(lengths[:-1], initial=0))
    frequencies = _frequencies(format_, blob, starts)
    boost = format_.field_boost
    first = weights[0]
    if frequencies is not None and list(weights) == (
            frequencies if boost == 1.0 else [frequency * boost for frequency in frequencies]):
        mode = WEIGHTS_FROM_VALUES
    elif all(weight == first for weight in weights):
        mode = WEIGHTS_CONSTANT
    else:
        mode = WEIGHTS_LISTED
        data += array("f", weights).tobytes() if _LITTLE else _byteswapped_floats(weights)
    flags |= mode
    data += blob
    if len(data) >= COMPRESS_FROM:
        packed = zlib.compress(data, COMPRESSION_LEVEL)
        if len(packed) < len(data):
            data, flags = packed, flags | _ZLIB
    header = bytearray()
    put_varint(header, flags)
    if several:
        put_varint(header, count)
        put_varint(header, ids[0] - previous_id)
        put_varint(header, len(data))
        if mode == WEIGHTS_CONSTANT:  # a list of one block has it in its term's record: the highest weight
            header += _FLOAT.pack(first)
    return bytes(header + data), mode


def _byteswapped_floats(weights: list[float]) -> bytes:
    packed = array("f", weights)
    packed.byteswap()
    return packed.tobytes()


def _decode_block(format_, data, position: int, end: int, flags: int, count: int,
                  first_id: int, constant: float | None, ids: list, weights: array, values: list | None) -> None:
    """Append one block's postings (its data is ``data[position:end]``);
    ``constant``: the weight of every posting, if known and they have one,
    else it is read from the block; ``values`` None: the values are not wanted."""
    mode = flags & 3
    if mode > WEIGHTS_LISTED:
        raise DamagedPostings(f"no weights kind {mode}")
    if mode == WEIGHTS_CONSTANT and constant is None:
        (constant,) = _FLOAT.unpack_from(data, position)
        position += 4
    if flags & _ZLIB:
        data = zlib.decompress(data[position:end])
        position, end = 0, len(data)
    if count > 1:
        gaps, position = _read_array(data, position, count - 1, flags >> _GAP_SHIFT & 3)
        ids.extend(accumulate(gaps, initial=first_id))
    else:
        ids.append(first_id)
    kind = _value_kind(format_)
    starts: list[int] = []
    if kind is None:
        if count > 1:
            lengths, position = _read_array(data, position, count, flags >> _LENGTH_SHIFT & 3)
            starts = list(accumulate(lengths, initial=0))
        else:
            starts = [0, end - position - (4 * count if mode == WEIGHTS_LISTED else 0)]
    listed = None
    if mode == WEIGHTS_LISTED:
        listed = array("f")
        listed.frombytes(data[position:position + 4 * count])
        if not _LITTLE:
            listed.byteswap()
        position += 4 * count
    blob = bytes(data[position:end])
    if values is None:
        pass
    elif kind is None:
        values.extend(_slices(blob, starts))
    elif kind == 0:
        values.extend([None] * count)  # as W3 reads them
    else:
        values.extend([blob[i:i + kind] for i in range(0, kind * count, kind)])
    if mode == WEIGHTS_FROM_VALUES:
        frequencies = _frequencies(format_, blob, starts[:-1])
        boost = format_.field_boost
        weights.extend(frequencies if boost == 1.0 else [f * boost for f in frequencies])
    elif mode == WEIGHTS_CONSTANT:
        weights.extend([constant] * count)
    else:
        weights.extend(listed)


def _slices(blob: bytes, bounds: list[int]) -> list[bytes]:
    """``blob`` cut at ``bounds`` (0, ends...), in C."""
    if len(bounds) == 2:
        return [blob[bounds[0]:bounds[1]]]
    return list(itemgetter(*map(slice, bounds, bounds[1:]))(blob))


def encode_postings(format_, ids: list[int], weights: list[float], values: list[bytes]) -> bytes:
    """A whole posting list (``ids`` in increasing order), as a term's record refers to it."""
    count = len(ids)
    if count <= BLOCK_LIMIT:
        return encode_block(format_, ids, weights, values, 0, several=False)[0]
    parts = []
    previous = 0
    for first in range(0, count, BLOCK_LIMIT):
        last = first + BLOCK_LIMIT
        parts.append(encode_block(format_, ids[first:last], weights[first:last], values[first:last],
                                  previous, several=True)[0])
        previous = ids[min(last, count) - 1]
    return b"".join(parts)


def decode_postings(format_, data, info: "CompactTermInfo",
                    with_values: bool = True) -> tuple[list[int], array, list | None]:
    """(documents, weights, values) of a posting list made by :func:`encode_postings`;
    values None unless ``with_values`` (cutting each posting's value out of
    its block was a tenth of a word search, which needs no positions)."""
    ids: list[int] = []
    weights = array("f")
    values: list | None = [] if with_values else None
    if not info.several_blocks:
        if not 0 < info._df <= BLOCK_LIMIT:
            raise DamagedPostings(f"{info._df} postings in one block")
        flags, position = get_varint(data, 0)
        _decode_block(format_, data, position, len(data), flags, info._df, info._minid, info._maxweight,
                      ids, weights, values)
    else:
        position, previous = 0, 0
        while position < len(data):
            flags, position = get_varint(data, position)
            count, position = get_varint(data, position)
            gap, position = get_varint(data, position)
            size, position = get_varint(data, position)
            start = position
            if flags & 3 == WEIGHTS_CONSTANT:
                size += 4
            if not 0 < count <= BLOCK_LIMIT or start + size > len(data):
                raise DamagedPostings("a posting block's header is not one")
            _decode_block(format_, data, start, start + size, flags, count, previous + gap, None,
                          ids, weights, values)
            previous = ids[-1]
            position = start + size
    if (len(ids) != info._df or ids[-1] != info._maxid or len(weights) != len(ids)
            or (with_values and len(values) != len(ids))):
        raise DamagedPostings("a posting list does not match its term's record")
    return ids, weights, values


# -- term records ----------------------------------------------------------------

class CompactTermInfo(TermInfo):
    """A term's statistics and where its postings are (or the postings themselves)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._offset = self._length = None
        self._postings: bytes | None = None
        self.several_blocks = False

    def is_inlined(self) -> bool:
        return self._postings is not None

    def extent(self) -> tuple[int, int]:
        return self._offset, self._length

    def to_bytes(self) -> bytes:
        integers = float(self._weight).is_integer() and float(self._maxweight).is_integer()
        flags = ((_INLINED if self._postings is not None else 0) | (_INTEGER_WEIGHTS if integers else 0)
                 | (_SEVERAL_BLOCKS if self.several_blocks else 0))
        out = bytearray()
        put_varint(out, flags)
        put_varint(out, self._df)
        if integers:
            put_varint(out, int(self._weight))
            put_varint(out, int(self._maxweight))
        else:  # W3 keeps them as float32 too
            out += _FLOAT.pack(self._weight) + _FLOAT.pack(self._maxweight)
        out.append(0 if self._minlength is None else length_to_byte(self._minlength))
        out.append(length_to_byte(self._maxlength))
        put_varint(out, self._minid)
        put_varint(out, self._maxid - self._minid)
        if self._postings is not None:
            out += self._postings
        else:
            put_varint(out, self._offset)
            put_varint(out, self._length)
        return bytes(out)

    @classmethod
    def from_bytes(cls, data) -> "CompactTermInfo":
        info = cls()
        flags, position = get_varint(data, 0)
        info._df, position = get_varint(data, position)
        if flags & _INTEGER_WEIGHTS:
            weight, position = get_varint(data, position)
            maxweight, position = get_varint(data, position)
            info._weight, info._maxweight = float(weight), float(maxweight)
        else:
            (info._weight,) = _FLOAT.unpack_from(data, position)
            (info._maxweight,) = _FLOAT.unpack_from(data, position + 4)
            position += 8
        info._minlength = byte_to_length(data[position])
        info._maxlength = byte_to_length(data[position + 1])
        info._minid, position = get_varint(data, position + 2)
        span, position = get_varint(data, position)
        info._maxid = info._minid + span
        info.several_blocks = bool(flags & _SEVERAL_BLOCKS)
        if flags & _INLINED:
            info._postings = bytes(data[position:])
        else:
            info._offset, position = get_varint(data, position)
            info._length, _ = get_varint(data, position)
        return info

    @classmethod
    def doc_frequency_in(cls, data) -> int:
        return get_varint(data, get_varint(data, 0)[1])[0]


def term_info_of(ids: list[int], weights: list[float], lengths: list[int]) -> CompactTermInfo:
    """The statistics of one term's postings (``lengths``: each document's
    field length, 0 when unknown), its postings not placed yet."""
    known = [length for length in lengths if length]
    info = CompactTermInfo(weight=sum(weights), df=len(ids), minlength=min(known) if known else None,
                           maxlength=max(known) if known else 0, maxweight=max(weights),
                           minid=ids[0], maxid=ids[-1])
    info.several_blocks = len(ids) > BLOCK_LIMIT
    return info


def term_record(format_, ids: list[int], weights: list[float], values: list[bytes], lengths: list[int],
                postfile) -> bytes:
    """The term table's value for one term's postings, writing them to
    ``postfile`` unless they are short enough to keep in the record."""
    info = term_info_of(ids, weights, lengths)
    data = encode_postings(format_, ids, weights, values)
    if len(data) <= INLINE_LIMIT:
        info._postings = data
    else:
        info._offset, info._length = postfile.tell(), len(data)
        postfile.write(data)
    return info.to_bytes()


# -- reading -----------------------------------------------------------------------

def read_postings(terms_reader: "CompactTermsReader", fieldname: str, btext: bytes,
                  format_, with_values: bool = True) -> tuple[list[int], array, list | None] | None:
    """(documents, weights, values) of a term in one segment, deleted
    documents included (values None unless ``with_values``); None if the
    segment does not have the term."""
    try:
        info = terms_reader.term_info(fieldname, btext)
    except TermNotFound:
        return None
    return terms_reader.postings_of(info, format_, with_values)


class CompactTermsReader(W3TermsReader):
    """A segment's terms: a :class:`~newsidx.index.termtable.TermTableReader`
    of :class:`CompactTermInfo` records, and its postings file."""

    def __init__(self, codec, dbfile, length, postfile):
        self._codec = codec
        self._dbfile = dbfile
        self._tindex = TermTableReader(dbfile, length)
        self._fieldmap = self._tindex.extras["fieldmap"]
        self._postfile = postfile
        self._fieldunmap = [None] * len(self._fieldmap)
        for fieldname, number in self._fieldmap.items():
            self._fieldunmap[number] = fieldname

    def postings_of(self, info: CompactTermInfo, format_,
                    with_values: bool = True) -> tuple[list[int], array, list | None]:
        if info.is_inlined():
            data = info._postings
        else:
            data = self._postfile.get(info._offset, info._length)
        return decode_postings(format_, data, info, with_values)

    def items(self):
        decode_key = self._keydecoder
        return ((decode_key(key), CompactTermInfo.from_bytes(value)) for key, value in self._tindex.items())

    def items_from(self, fieldname, prefix):
        decode_key = self._keydecoder
        return ((decode_key(key), CompactTermInfo.from_bytes(value))
                for key, value in self._tindex.items_from(self._keycoder(fieldname, prefix)))

    def term_info(self, fieldname, tbytes):
        try:
            return CompactTermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)])
        except KeyError:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}") from None

    def frequency(self, fieldname, tbytes):
        return self.term_info(fieldname, tbytes).weight()

    def doc_frequency(self, fieldname, tbytes):
        # Spelling asks this of hundreds of candidate words: two varints, not the whole record.
        return CompactTermInfo.doc_frequency_in(self._tindex[self._keycoder(fieldname, tbytes)])

    def cursor(self, fieldname, fieldobj):
        return _FieldCursor(self, fieldname, fieldobj)

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        info = self.term_info(fieldname, tbytes)
        ids, weights, values = self.postings_of(info, format_)
        return TermMatcher(ids, weights, values, format_, scorer=scorer, term=(fieldname, tbytes), terminfo=info)


class TermMatcher(ListMatcher):
    """A term's postings, decoded whole, for Whoosh's own queries (wildcards,
    fuzzy terms, proximity, ranges). Its best possible score is the scorer's,
    from the term's record, as W3's matcher gives it: ``ListMatcher`` found
    the highest weight by a scan of every weight each time Whoosh asked, which
    an OR of many terms does for every document it moves to."""

    def max_quality(self):
        return self._scorer.max_quality()

    def block_max_weight(self):
        return self._terminfo.max_weight()

    def skip_to_quality(self, minquality):
        # One block, the whole list: past its end at once if it cannot do better.
        if self.is_active() and self.block_quality() <= minquality:
            self._i = len(self._ids)
            return 1
        return 0

    def copy(self):
        return self.__class__(self._ids, self._weights, self._values, self._format, self._scorer, self._i,
                              self._all_weights, self._term, self._terminfo)


class _FieldCursor(FieldCursor):
    """The terms of one field in order, as Whoosh's ``FieldCursor`` walks them."""

    def __init__(self, terms: CompactTermsReader, fieldname: str, fieldobj):
        self._terms, self._fieldname, self._fieldobj = terms, fieldname, fieldobj
        self.first()

    def first(self):
        return self.find(b"")

    def find(self, term):
        if not isinstance(term, bytes):
            term = self._fieldobj.to_bytes(term)
        self._items = self._terms.items_from(self._fieldname, term)
        return self.next()

    def next(self):
        for (fieldname, tbytes), info in self._items:
            if fieldname == self._fieldname:
                self._text, self._info = self._fieldobj.from_bytes(tbytes), info
                return self._text
            break
        self._text = self._info = None
        return None

    def text(self):
        return self._text

    term = text

    def term_info(self):
        return self._info

    def is_valid(self):
        return self._text is not None


class _FieldWriter(W3FieldWriter):
    """W3's field writer, its term table a :class:`~newsidx.index.termtable.TermTableWriter`."""

    def __init__(self, codec, storage, segment):
        # W3FieldWriter.__init__ would start a hash file in the terms file: set up the same fields here.
        self._codec, self._storage, self._segment = codec, storage, segment
        self._fieldname = self._fieldid = self._btext = self._fieldobj = self._format = None
        self._tindex = TermTableWriter(self._create_file(W3Codec.TERMS_EXT))
        self._fieldmap = self._tindex.extras["fieldmap"] = {}
        self._postfile = self._create_file(W3Codec.POSTS_EXT)
        self._postwriter = None
        self._infield = False
        self.is_closed = False


class _PerDocWriter(W3PerDocWriter):
    def _create_column(self, fieldname, column):
        super()._create_column(fieldname, STORED_FIELDS if fieldname == "_stored" else column)


class _PerDocReader(W3PerDocReader):
    def stored_fields(self, docnum):
        return self._cached_reader("_stored", STORED_FIELDS)[docnum] or {}

    def has_column(self, fieldname):
        # A segment's files never change once written, and W3 asks the file
        # system again on every call: for each field of each document when
        # a merge copies lengths (a stat each, a tenth of a merge).
        known = self.__dict__.setdefault("_has_column", {})
        if fieldname not in known:
            known[fieldname] = super().has_column(fieldname)
        return known[fieldname]


class ArticleCodec(W3Codec):
    """W3's files, with compact term tables, term records and posting blocks
    (see the module) and stored fields (:mod:`newsidx.index.storedfields`)."""

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)

    def per_document_writer(self, storage, segment):
        return _PerDocWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):
        return _PerDocReader(storage, segment)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        raise NotImplementedError("postings are read through CompactTermsReader.matcher")

    def terms_reader(self, storage, segment):
        name = segment.make_filename(self.TERMS_EXT)
        postfile = segment.open_file(storage, self.POSTS_EXT)
        return CompactTermsReader(self, storage.open_file(name), storage.file_length(name), postfile)
