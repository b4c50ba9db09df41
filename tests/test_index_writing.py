"""The segment writer writes what Whoosh's own writer writes, and the merge
policy keeps the segment count logarithmic."""

from __future__ import annotations

from datetime import datetime

from whoosh.fields import DATETIME, ID, NUMERIC, STORED, Schema
from newsidx.index.store import IndexStorage
from whoosh.writing import SegmentWriter

from newsidx.index.analysis import NAME_ANALYZER, TEXT_ANALYZER, text_field
from newsidx.index.writing import MERGE_FACTOR, ArticleSegmentWriter

WORDS = ("council bridge river vote mayor budget school road flood repair the a of "
         "ceasefire talks minister border troops Zürich café report said").split()


def schema() -> Schema:
    return Schema(id=ID(stored=True, unique=True), headline=text_field(TEXT_ANALYZER, stored=True),
                  body=text_field(TEXT_ANALYZER, stored=False), source=text_field(NAME_ANALYZER, stored=True),
                  date=DATETIME(sortable=True), words=NUMERIC(stored=True), note=STORED,
                  group=ID(stored=True, sortable=True))


def documents(count: int, seed: int = 0):
    for number in range(count):
        # Enough repeats of some words that their posting lists span several blocks.
        body = " ".join(WORDS[(number * 7 + i * (seed + 3)) % len(WORDS)] for i in range(40 + number % 30))
        yield dict(id=f"d{seed}-{number}", headline=f"Report {number} on the {WORDS[number % len(WORDS)]}",
                   body=body, source="Agence Test" if number % 3 else "", date=datetime(2008, 1 + number % 12, 1),
                   words=number, note={"n": number},
                   # Some groups read like a source: the same value, other postings in another field.
                   group=f"g{number % 5}" if number % 4 else "Agence Test")


def build(path, writer_class, docs) -> IndexStorage:
    path.mkdir()
    storage = IndexStorage(str(path))
    ix = storage.create_index(schema())
    writer = writer_class(ix)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return storage


def everything(storage: IndexStorage) -> dict:
    """Every term's statistics and postings, stored fields and lengths, as read back."""
    with storage.open_index().reader() as reader:
        seen = {}
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            matcher = reader.postings(fieldname, text)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            seen[(fieldname, text)] = (info.weight(), info.doc_frequency(), info.min_length(),
                                       info.max_length(), info.max_weight(), info.min_id(),
                                       info.max_id(), postings)
        stored = [reader.stored_fields(n) for n in range(reader.doc_count_all())]
        lengths = [[reader.doc_field_length(n, f) for f in ("headline", "body")]
                   for n in range(reader.doc_count_all())]
        return {"terms": seen, "stored": stored, "lengths": lengths}


def test_segments_read_back_exactly_as_whoosh_writes_them(tmp_path):
    docs = list(documents(300))
    stock = build(tmp_path / "stock", SegmentWriter, [dict(d) for d in docs])
    fast = build(tmp_path / "fast", ArticleSegmentWriter, [dict(d) for d in docs])
    expected, got = everything(stock), everything(fast)
    assert len(expected["terms"]) > 50
    assert got == expected


def test_merging_segments_keeps_every_posting(tmp_path):
    path = tmp_path / "ix"
    path.mkdir()
    ix = IndexStorage(str(path)).create_index(schema())
    batches = [list(documents(20, seed=batch)) for batch in range(MERGE_FACTOR + 1)]
    for number, batch in enumerate(batches):
        writer = ArticleSegmentWriter(ix)
        for doc in batch:
            writer.add_document(**dict(doc))
        writer.commit()
        # The commit whose segment makes MERGE_FACTOR of one tier merges them
        # into one; the next commit adds a segment beside it.
        assert len(ix._segments()) == [number + 1, 1, 2][(number >= MERGE_FACTOR - 1) + (number >= MERGE_FACTOR)]
    everything_at_once = build(tmp_path / "one", ArticleSegmentWriter,
                               [dict(doc) for batch in batches for doc in batch])
    merged, single = everything(IndexStorage(str(path))), everything(everything_at_once)
    assert merged["stored"] == single["stored"] and merged["lengths"] == single["lengths"]
    assert merged["terms"].keys() == single["terms"].keys()
    for key, (*_, postings) in single["terms"].items():
        assert merged["terms"][key][-1] == postings, key
    # ... and the term statistics the merge writes itself (frequencies, lengths, weights).
    assert merged["terms"] == single["terms"]


def test_a_merge_drops_deleted_documents(tmp_path):
    path = tmp_path / "ix"
    path.mkdir()
    ix = IndexStorage(str(path)).create_index(schema())
    for batch in range(MERGE_FACTOR - 1):
        writer = ArticleSegmentWriter(ix)
        for doc in documents(10, seed=batch):
            writer.add_document(**doc)
        writer.commit()
    assert len(ix._segments()) == MERGE_FACTOR - 1
    writer = ArticleSegmentWriter(ix)
    writer.delete_by_term("id", "d0-3")
    for doc in documents(10, seed=MERGE_FACTOR - 1):
        writer.add_document(**doc)
    writer.commit()
    assert len(ix._segments()) == 1
    with ix.searcher() as searcher:
        assert searcher.doc_count_all() == 10 * MERGE_FACTOR - 1
        assert searcher.document_number(id="d0-3") is None
        assert searcher.document_number(id="d1-3") is not None


def test_a_schema_read_back_from_disk_still_takes_the_fast_analysis(tmp_path, monkeypatch):
    storage = build(tmp_path / "ix", ArticleSegmentWriter, list(documents(3)))
    import whoosh.fields

    def stock_analysis_used(self, value, **kwargs):
        raise AssertionError("the stock analyzer ran for a TEXT_ANALYZER field")

    writer = ArticleSegmentWriter(storage.open_index())
    monkeypatch.setattr(whoosh.fields.TEXT, "index", stock_analysis_used)
    writer.add_document(id="x", headline="Bridge reopens", body="The bridge reopened today.")
    writer.commit()
    assert storage.open_index().doc_count() == 4
