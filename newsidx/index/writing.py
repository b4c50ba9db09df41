"""The segment writer: Whoosh's file format, written with far less work per posting.

Whoosh's ``SegmentWriter`` sends every posting through a general pool as a
5-tuple, sorts all of them at commit, then looks up each posting's field
length in the column it has just written. Profiled on 3,000 pages that was
two thirds of the writing process's time. Here postings are kept per term as
they arrive (documents arrive in number order, so each list is already sorted),
the field length travels with the posting, and at commit only the term keys
are sorted. The bytes on disk are Whoosh's own codec (W3): readers, merges and
searches are Whoosh's, unchanged.

Also here: :data:`TIERED_MERGE`, the merge policy that keeps an archive from
being re-merged on every batch commit.
"""

from __future__ import annotations

import heapq
import math
from io import BytesIO
from itertools import accumulate, groupby
from operator import itemgetter
from array import array

import struct
import zlib
from pickle import Unpickler, dumps, loads

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter
from whoosh.reading import SegmentReader
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from newsidx.index.analysis import TEXT_ANALYZER, Analyzed, CompactPositions, index_postings

# A segment holding up to this many times as many documents as another is in
# the same tier; this many segments in one tier are merged into one.
MERGE_FACTOR = 10


def _stored_length(length: int) -> int:
    # The lengths column keeps one byte per document: Whoosh's postings record
    # the length as read back from that byte, so the same rounding applies here.
    return byte_to_length(length_to_byte(length)) if length else 0


# Blocks of fewer postings are written without zlib: most terms of an archive
# occur in one or two articles, and compressing their tiny blocks cost a fifth
# of the writer's time to save almost nothing. Each block records its own
# compression level, so readers handle both kinds.
SMALL_BLOCK = 8
_TERM_INFO = struct.Struct("!BfIBBfII")
_INT = struct.Struct("!i")  # whoosh.system.pack_int: a block's signed length  # W3TermInfo: flags, weight, df, min/max length bytes, max weight, ids


class _TermWriter:
    """Writes whole posting lists of one field in Whoosh's W3 format.

    The stock path calls ``add_posting`` once per posting and builds each
    block's statistics incrementally; with every posting of a term in hand,
    each block is encoded in one go. The layout is W3's: a magic header, then
    per block a signed length (negative for the last block), a pickled info
    tuple and the pickled (optionally compressed) ids, weights and values;
    the term table maps field number + term to the term's statistics and extent.
    ``tests/test_index_writing.py`` checks it against Whoosh's own writer.
    """

    def __init__(self, field_writer: W3FieldWriter, fieldobj, blocklimit: int, compression: int):
        # W3FieldWriter's files and field number, set up by its start_field().
        self._postfile = field_writer._postfile
        self._terms = field_writer._tindex
        self._field_key = pack_ushort(field_writer._fieldid)
        fixed = fieldobj.format.fixed_value_size()
        self._values_of = (_variable_values if fixed is None or fixed < 0
                           else _no_values if fixed == 0 else b"".join)
        self._blocklimit = blocklimit
        self._compression = compression
        # Kept here: asking the file for its position twice per term was 4 % of ingest.
        self._offset = self._postfile.tell()

    def write(self, tbytes: bytes, postings: list) -> None:
        start = self._offset
        limit = self._blocklimit
        if len(postings) <= limit:  # most terms: one block, one write
            chunk, stats = self._block(postings, last=True)
            data = WHOOSH3_HEADER_MAGIC + chunk
        else:
            chunks, all_stats = [WHOOSH3_HEADER_MAGIC], []
            for first in range(0, len(postings), limit):
                chunk, block_stats = self._block(postings[first:first + limit],
                                                 last=first + limit >= len(postings))
                chunks.append(chunk)
                all_stats.append(block_stats)
            data = b"".join(chunks)
            minima = [s[1] for s in all_stats if s[1] is not None]
            stats = (sum(s[0] for s in all_stats), min(minima) if minima else None,
                     max(s[2] for s in all_stats), max(s[3] for s in all_stats))
        self._postfile.write(data)
        self._offset += len(data)
        total_weight, min_length, max_length, max_weight = stats
        info = _TERM_INFO.pack(0, total_weight, len(postings),
                               0 if min_length is None else length_to_byte(min_length),
                               length_to_byte(max_length), max_weight,
                               postings[0][0], postings[-1][0])
        self._terms.add(self._field_key + tbytes, info + pack_long(start) + pack_int(len(data)))

    def _block(self, block: list, last: bool) -> tuple[bytes, tuple]:
        """One block's bytes and its (weight sum, min length, max length, max weight)."""
        ids = [posting[0] for posting in block]
        weights = array("f", [posting[1] for posting in block])  # W3 keeps weights as 32-bit floats
        lengths = [posting[3] for posting in block if posting[3]]
        block_min = min(lengths) if lengths else None
        block_max = max(lengths) if lengths else 0
        block_weight = max(weights)
        first_weight = weights[0]
        if len(ids) == 1:
            deltas = (ids[0],)
            mini_weights = None if first_weight == 1.0 else first_weight
        else:
            deltas = tuple([ids[0]] + [b - a for a, b in zip(ids, ids[1:])])
            if all(w == first_weight for w in weights):
                mini_weights = None if first_weight == 1.0 else first_weight
            else:
                mini_weights = tuple(weights)
        data = dumps((deltas, mini_weights, self._values_of([posting[2] for posting in block])), 2)
        level = self._compression if len(block) >= SMALL_BLOCK else 0
        if level:
            data = zlib.compress(data, level)
        info = dumps((len(ids), ids[-1], block_weight, level,
                      length_to_byte(block_min), length_to_byte(block_max)), 2)
        size = len(info) + len(data)
        return pack_int(-size if last else size) + info + data, (sum(weights), block_min, block_max, block_weight)


def _variable_values(values: list) -> tuple:
    return tuple(value for value in values if value)


def _no_values(values: list) -> None:
    return None


class _TermPool:
    """A segment's postings in memory: field -> term -> [(docnum, weight, value, length)]."""

    def __init__(self):
        self.fields: dict[str, dict[bytes, list]] = {}

    def field(self, fieldname: str) -> dict[bytes, list]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def cleanup(self) -> None:
        self.fields.clear()


class ArticleSegmentWriter(SegmentWriter):
    """A Whoosh ``SegmentWriter`` that keeps its postings per term, analyses
    ``TEXT_ANALYZER`` fields with the fast path, and writes W3 segments."""

    def __init__(self, ix, **kwargs):
        # Not one compound file per segment: without mmap, opening a compound
        # file reads all of it, so every search read the whole index (on
        # 20,000 articles: 43 ms and 214 MB before the first query).
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        self.index = ix  # for the merge policy, which writes merged segments with a writer of its own
        self.pool.cleanup()  # the stock pool's temp storage is never used
        self.pool = _TermPool()
        # Compared by value: a schema read back from the index holds a copy of the analyzer.
        self._fast_fields = {name for name, field in self.schema.items()
                             if getattr(field, "analyzer", None) == TEXT_ANALYZER
                             and isinstance(field.format, CompactPositions)}

    def add_document(self, **fields) -> None:
        self._check_state()
        schema, docnum, documents = self.schema, self.docnum, self.perdocwriter
        documents.start_doc(docnum)
        try:
            for fieldname in sorted(name for name in fields if not name.startswith("_")):
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    if isinstance(value, Analyzed):
                        postings, length = value
                    elif fieldname in self._fast_fields and isinstance(value, str):
                        postings, length = index_postings(value)
                    else:
                        postings = list(field.index(value))
                        length = sum(freq for _, freq, _, _ in postings)
                    if not field.scorable:
                        length = 0
                    posting_length = _stored_length(length)
                    terms = self.pool.field(fieldname)
                    for tbytes, _, weight, vbytes in postings:
                        posting = (docnum, weight, vbytes, posting_length)
                        found = terms.get(tbytes)
                        if found is None:
                            terms[tbytes] = [posting]
                        else:
                            found.append(posting)
                stored = fields.get("_stored_" + fieldname, value)
                documents.add_field(fieldname, field, stored if field.stored else None, length)
                if field.column_type and stored is not None:
                    documents.add_column_value(fieldname, field.column_type, field.to_column_value(stored))
        except Exception:
            documents.cancel_doc()
            raise
        documents.finish_doc()
        self._added = True
        self.docnum += 1

    def commit(self) -> None:
        """Commit, merging by :func:`TIERED_MERGE` with this commit's own segment
        counted. Whoosh's commit shows its merge policies only the segments
        already committed, so the segment that completed a tier was merged by
        the *next* commit, and a 10-file update after a large ingest paid for
        merging it (20 s at 20,000 articles); and its policies merge through
        ``add_reader``, which pours every posting into the in-memory pool."""
        self._check_state()
        segments = list(self.segments)  # with this writer's deletions
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(TIERED_MERGE(self, segments))
        self._finish()

    def merged(self, segments: list):
        """Write ``segments`` (their live documents) as this writer's one new
        segment, and return it.

        Streamed term by term: Whoosh's ``add_reader`` pours every posting of
        the merged segments into the writer's pool first, which for this
        in-memory pool meant holding whole archives in memory.
        """
        streams = []
        for segment in segments:
            reader = SegmentReader(self.storage, self.schema, segment)
            base = self.docnum
            docmap = self.write_per_doc(set(self.schema.names()), reader)
            streams.append(_renumbered_postings(reader, base, docmap))
        self.perdocwriter.close()
        lengths = self.per_document_reader()
        writer = self.fieldwriter
        codec = self.codec
        try:
            length_of = _LengthCache(lengths)
            merged = heapq.merge(*streams, key=itemgetter(0, 1))
            for fieldname, field_terms in groupby(merged, key=itemgetter(0)):
                fieldobj = self.schema[fieldname]
                writer.start_field(fieldname, fieldobj)
                term_writer = _TermWriter(writer, fieldobj, codec._blocklimit, codec._compression)
                field_lengths = length_of(fieldname)
                for tbytes, parts in groupby(field_terms, key=itemgetter(1)):
                    term_writer.write(tbytes, [
                        (docnum, weight, value, field_lengths[docnum])
                        for _, _, postings in parts for docnum, weight, value in postings])
                writer.finish_field()
        finally:
            lengths.close()
        writer.close()
        self._added = True
        self._close_segment()
        self._assemble_segment()
        segment = self.get_segment()
        self._finish()
        return segment

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer = self.fieldwriter
        codec = self.codec
        for fieldname in sorted(self.pool.fields):
            terms = self.pool.fields[fieldname]
            fieldobj = self.schema[fieldname]
            writer.start_field(fieldname, fieldobj)
            term_writer = _TermWriter(writer, fieldobj, codec._blocklimit, codec._compression)
            for tbytes in sorted(terms):
                term_writer.write(tbytes, terms[tbytes])
            writer.finish_field()
        writer.close()

    def add_reader(self, reader):
        raise NotImplementedError("segments are merged by merged(), streamed; see TIERED_MERGE")


class _LengthCache:
    """Every document's length of a field in the segment being written, read once per field."""

    def __init__(self, lengths):
        self._lengths = lengths
        self._fields: dict[str, list[int]] = {}

    def __call__(self, fieldname: str) -> list[int]:
        if fieldname not in self._fields:
            count = self._lengths.doc_count_all()
            self._fields[fieldname] = [self._lengths.doc_field_length(docnum, fieldname) or 0
                                       for docnum in range(count)]
        return self._fields[fieldname]


def _renumbered_postings(reader, base: int, docmap: dict | None):
    """A segment's terms in (field, term) order, each with its postings
    ``(docnum, weight, value)`` numbered as in the merged segment.

    Read block by block from W3's bytes (the layout :class:`_TermWriter`
    writes): going through Whoosh's matcher costs several calls per posting,
    and made merging as slow as indexing.
    """
    postfile = reader._terms._postfile  # W3TermsReader's postings file
    fixed_sizes = {}
    try:
        for (fieldname, tbytes), info in reader:
            if fieldname not in fixed_sizes:
                fixed_sizes[fieldname] = reader.schema[fieldname].format.fixed_value_size()
            if info.is_inlined():  # never written by newsidx: read the slow, general way
                matcher, postings = reader.postings(fieldname, tbytes), []
                while matcher.is_active():
                    postings.append((matcher.id(), matcher.weight(), matcher.value()))
                    matcher.next()
            else:
                offset, length = info.extent()
                if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it unpacked
                    (length,) = length
                postings = _decode_postings(postfile.get(offset, length), fixed_sizes[fieldname])
            if docmap is None:
                renumbered = [(base + docnum, weight, value) for docnum, weight, value in postings]
            else:  # deleted documents are not in the map
                renumbered = [(docmap[docnum], weight, value) for docnum, weight, value in postings
                              if docnum in docmap]
            if renumbered:
                yield fieldname, tbytes, renumbered
    finally:
        reader.close()


def _decode_postings(raw: bytes, fixed_size: int | None) -> list:
    """``(docnum, weight, value)`` of every block of one posting list."""
    postings = []
    position = len(WHOOSH3_HEADER_MAGIC)
    last = False
    while not last:
        (size,) = _INT.unpack_from(raw, position)
        position += _INT.size
        last = size < 0
        block = memoryview(raw)[position:position + abs(size)]
        position += abs(size)
        stream = BytesIO(block)
        count, _, _, level, _, _ = Unpickler(stream).load()
        data = block[stream.tell():]
        deltas, weights, values = loads(zlib.decompress(data) if level else data)
        ids = list(accumulate(deltas))
        if weights is None or not isinstance(weights, tuple):
            weights = [1.0 if weights is None else weights] * count
        if fixed_size is not None and fixed_size >= 0:
            values = ([b""] * count if fixed_size == 0
                      else [values[i:i + fixed_size] for i in range(0, len(values), fixed_size)])
        postings.extend(zip(ids, weights, values))
    return postings


def _tier(segment) -> int:
    return int(math.log(max(segment.doc_count_all(), 1), MERGE_FACTOR))


def TIERED_MERGE(writer: SegmentWriter, segments: list) -> list:
    """Merge policy: merge ``MERGE_FACTOR`` segments of one size tier into one.

    Whoosh's default policy re-merges small segments at every commit, so with
    batched commits an archive was merged again and again as it grew. Here
    tiers are powers of ``MERGE_FACTOR`` documents, so a document is merged
    about log(archive / batch) / log(MERGE_FACTOR) times in all, and the
    segment count stays logarithmic in the archive's size. A segment that is
    mostly deleted documents is rewritten at once, which drops them.
    """
    tiers: dict[int, list] = {}
    merge, keep = [], []
    for segment in segments:
        if segment.doc_count() == 0:
            continue  # every document deleted: the segment simply goes
        if segment.deleted_count() * 2 > segment.doc_count_all():
            merge.append(segment)
        else:
            tiers.setdefault(_tier(segment), []).append(segment)
    for members in tiers.values():
        (merge if len(members) >= MERGE_FACTOR else keep).extend(members)
    if merge:
        keep.append(ArticleSegmentWriter(writer.index, _lk=False).merged(merge))
    return keep

