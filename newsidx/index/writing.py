"""The segment writer: Whoosh's file format, written with far less work per posting.

Whoosh's ``SegmentWriter`` sends every posting through a general pool as a
5-tuple, sorts all of them at commit, then looks up each posting's field
length in the column it has just written. Profiled on 3,000 pages that was
two thirds of the writing process's time. Here postings are kept per term as
they arrive (documents arrive in number order, so each list is already sorted),
the field length travels with the posting, and at commit only the term keys
are sorted. The files are Whoosh's W3 files, with term records and posting
blocks in the compact layout of :mod:`newsidx.index.postings`, whose codec
the segments name, so Whoosh's readers and queries read them.

Also here: :data:`TIERED_MERGE`, the merge policy that keeps an archive from
being re-merged on every batch commit.
"""

from __future__ import annotations

import heapq
import math
from datetime import datetime
from itertools import groupby
from operator import itemgetter

from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.reading import SegmentReader
from whoosh.system import pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from newsidx.index.analysis import TEXT_ANALYZER, Analyzed, CompactPositions, index_postings
from newsidx.index.columns import LENGTH_OF_BYTE, length_bytes
from newsidx.index.postings import ArticleCodec, term_record

# A segment holding up to this many times as many documents as another is in
# the same tier; this many segments in one tier are merged into one.
MERGE_FACTOR = 10
# Values whose postings the writer remembers (hashable, compared by value),
# and how many it keeps before starting afresh.
_REMEMBERED_TYPES = (str, bytes, int, float, datetime)
_KNOWN_POSTINGS_LIMIT = 20_000


def _stored_length(length: int) -> int:
    # The lengths column keeps one byte per document: Whoosh's postings record
    # the length as read back from that byte, so the same rounding applies here.
    return byte_to_length(length_to_byte(length)) if length else 0


class _TermWriter:
    """Writes whole posting lists of one field in :mod:`newsidx.index.postings`'
    format: each term's record goes to the term table (W3's hash file, keyed by
    field number + term), its postings to the postings file or into the record."""

    def __init__(self, field_writer: W3FieldWriter, fieldobj):
        # W3FieldWriter's files and field number, set up by its start_field().
        self._postfile = field_writer._postfile
        self._terms = field_writer._tindex
        self._field_key = pack_ushort(field_writer._fieldid)
        self._format = fieldobj.format

    def write(self, tbytes: bytes, postings: list) -> None:
        """``postings``: (docnum, weight, value, field length) in document order."""
        self.write_lists(tbytes, *zip(*postings))

    def write_lists(self, tbytes: bytes, ids, weights, values, lengths) -> None:
        """The postings as four lists, in document order."""
        self._terms.add(self._field_key + tbytes,
                        term_record(self._format, ids, weights, values, lengths, self._postfile))


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
        kwargs.setdefault("codec", ArticleCodec())
        super().__init__(ix, **kwargs)
        self.index = ix  # for the merge policy, which writes merged segments with a writer of its own
        self.pool.cleanup()  # the stock pool's temp storage is never used
        self.pool = _TermPool()
        # Compared by value: a schema read back from the index holds a copy of the analyzer.
        self._known_postings: dict[tuple[str, object], tuple[list, int]] = {}
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
                if field.indexed and value != "":  # no terms in an empty text (most datelines and bylines)
                    if isinstance(value, Analyzed):
                        postings, length = value
                    elif fieldname in self._fast_fields and isinstance(value, str):
                        postings, length = index_postings(value)
                    else:
                        postings, length = self._postings_of(fieldname, field, value)
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

    def _postings_of(self, fieldname: str, field, value) -> tuple[list, int]:
        """A field value's postings and length, remembered: an archive's
        sources, datelines and dates repeat endlessly, and Whoosh's own
        analysis of them (eight tiered terms for a date, made one by one) was
        a fifth of adding a document. A unique field's values never repeat."""
        key = (fieldname, value)
        found = self._known_postings.get(key)
        if found is None:
            postings = list(field.index(value))
            found = postings, sum(freq for _, freq, _, _ in postings)
            if not field.unique and isinstance(value, _REMEMBERED_TYPES):
                if len(self._known_postings) >= _KNOWN_POSTINGS_LIMIT:
                    self._known_postings.clear()
                self._known_postings[key] = found
        return found

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
        try:
            count = lengths.doc_count_all()
            merged = heapq.merge(*streams, key=itemgetter(0, 1))
            for fieldname, field_terms in groupby(merged, key=itemgetter(0)):
                fieldobj = self.schema[fieldname]
                writer.start_field(fieldname, fieldobj)
                term_writer = _TermWriter(writer, fieldobj)
                # Postings carry lengths as read back from the stored byte (see _stored_length).
                field_lengths = [LENGTH_OF_BYTE[byte] for byte in length_bytes(lengths, fieldname, count)]
                for tbytes, parts in groupby(field_terms, key=itemgetter(1)):
                    parts = list(parts)
                    if len(parts) == 1:
                        _, _, ids, weights, values = parts[0]
                    else:  # segments in order, so their documents are too
                        ids, weights, values = [], [], []
                        for _, _, part_ids, part_weights, part_values in parts:
                            ids += part_ids
                            weights += part_weights
                            values += part_values
                    term_writer.write_lists(tbytes, ids, weights, values, list(map(field_lengths.__getitem__, ids)))
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
        for fieldname in sorted(self.pool.fields):
            terms = self.pool.fields[fieldname]
            fieldobj = self.schema[fieldname]
            writer.start_field(fieldname, fieldobj)
            term_writer = _TermWriter(writer, fieldobj)
            for tbytes in sorted(terms):
                term_writer.write(tbytes, terms[tbytes])
            writer.finish_field()
        writer.close()

    def add_reader(self, reader):
        raise NotImplementedError("segments are merged by merged(), streamed; see TIERED_MERGE")


def _renumbered_postings(reader, base: int, docmap: dict | None):
    """A segment's terms in (field, term) order, each with its postings as
    lists ``(documents, weights, values)``, documents numbered as in the
    merged segment.

    Whole lists decoded at once (:meth:`CompactTermsReader.postings_of`) and
    kept as lists, renumbered in C: going through Whoosh's matcher cost
    several calls per posting and made merging as slow as indexing, and a
    tuple per posting was still half of a merge.
    """
    terms = reader._terms
    formats = {}
    try:
        for (fieldname, tbytes), info in reader:
            if fieldname not in formats:
                formats[fieldname] = reader.schema[fieldname].format
            ids, weights, values = terms.postings_of(info, formats[fieldname])
            if docmap is None:
                yield fieldname, tbytes, list(map(base.__add__, ids)), list(weights), values
                continue
            kept = [place for place, docnum in enumerate(ids) if docnum in docmap]  # deleted ones are not
            if kept:
                yield (fieldname, tbytes, [docmap[ids[place]] for place in kept],
                       [weights[place] for place in kept], [values[place] for place in kept])
    finally:
        reader.close()


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

