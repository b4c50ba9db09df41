"""The posting codec: postings and term records read back as written, bad
bytes refused, and an archive written with it ranks every query exactly as
the same archive written by Whoosh's own W3 writer."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from hypothesis import given, settings, strategies as st
from whoosh import qparser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.fields import DATETIME, ID, Schema
from whoosh.formats import Existence
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from newsidx.index import postings
from newsidx.index.analysis import NAME_ANALYZER, TEXT_ANALYZER, CompactPositions, text_field
from newsidx.index.postings import (
    CompactTermInfo, DamagedPostings, decode_postings, encode_postings, term_info_of,
)
from newsidx.index.scoring import top_scored
from newsidx.index.store import IndexStorage
from newsidx.index.writing import ArticleSegmentWriter

POSITIONS = CompactPositions(field_boost=1.0)


def positions_value(places: list[int]) -> bytes:
    return POSITIONS.encode(sorted(places))


def round_trip(format_, ids, weights, values):
    data = encode_postings(format_, ids, weights, values)
    return data, decode_postings(format_, data, term_info_of(ids, weights, [0] * len(ids)))


@pytest.mark.parametrize("count", [1, 2, 7, postings.BLOCK_LIMIT, postings.BLOCK_LIMIT + 1, 1000])
@pytest.mark.parametrize("spacing", [1, 300, 70_000])  # gaps of one, two and four bytes
def test_positions_postings_read_back_with_their_frequencies_as_weights(count, spacing):
    ids = [5 + number * spacing for number in range(count)]
    values = [positions_value([number % 11, 40 + number, 300 + number * 7][:1 + number % 3])
              for number in range(count)]
    weights = [float(1 + number % 3) for number in range(count)]
    data, (got_ids, got_weights, got_values) = round_trip(POSITIONS, ids, weights, values)
    assert (got_ids, list(got_weights), got_values) == (ids, weights, values)
    # The weights were not written: they are each value's first varint.
    assert data == encode_postings(POSITIONS, ids, [float(POSITIONS.decode_frequency(v)) for v in values], values)


def test_a_word_used_hundreds_of_times_in_one_text_has_a_two_byte_count():
    ids = [3, 9]
    values = [positions_value(list(range(0, 600, 3))), positions_value([1, 2])]
    weights = [200.0, 2.0]
    _, (got_ids, got_weights, got_values) = round_trip(POSITIONS, ids, weights, values)
    assert (got_ids, list(got_weights), got_values) == (ids, weights, values)


def test_weights_other_than_the_frequencies_are_written_out_as_float32():
    ids = [1, 4, 6]
    values = [positions_value([2]), positions_value([1, 9]), positions_value([4])]
    weights = [1.5, 2.0, 0.25]  # boosted tokens
    data, (_, got_weights, got_values) = round_trip(POSITIONS, ids, weights, values)
    assert list(got_weights) == weights and got_values == values
    assert len(data) > len(encode_postings(POSITIONS, ids, [1.0, 2.0, 1.0], values)) + 3 * 3


@pytest.mark.parametrize("weight", [1.0, 2.5])
@pytest.mark.parametrize("count", [1, 40, 400])
def test_postings_without_values_keep_one_weight_for_a_block(weight, count):
    ids = list(range(0, 13 * count, 13))
    data, (got_ids, got_weights, got_values) = round_trip(Existence(), ids, [weight] * len(ids), [b""] * len(ids))
    assert got_ids == ids and set(got_weights) == {weight}
    assert got_values == [None] * len(ids)  # what Whoosh's W3 matcher gives for these fields
    # A list of one block takes its weight from its term's record: one flags byte, the gaps.
    assert len(data) == (1 + count - 1 if count <= postings.BLOCK_LIMIT else len(data))
    assert len(data) < 2 * len(ids) + 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5000), st.lists(st.integers(0, 3000), min_size=1, max_size=40, unique=True)),
                min_size=1, max_size=300))
def test_any_postings_read_back(gaps_and_places):
    ids, values, docnum = [], [], -1
    for gap, places in gaps_and_places:
        docnum += gap
        ids.append(docnum)
        values.append(positions_value(places))
    weights = [float(len(places)) for _, places in gaps_and_places]
    data, (got_ids, got_weights, got_values) = round_trip(POSITIONS, ids, weights, values)
    assert (got_ids, list(got_weights), got_values) == (ids, weights, values)
    # Without the values (a word query), the same documents and weights.
    lean_ids, lean_weights, no_values = decode_postings(POSITIONS, data, term_info_of(ids, weights, [0] * len(ids)),
                                                        with_values=False)
    assert (lean_ids, list(lean_weights), no_values) == (ids, weights, None)


@pytest.mark.parametrize("weights", [(12.0, 3.0), (2.5, 0.75)])
@pytest.mark.parametrize("where", ["inline", "extent"])
def test_term_records_read_back(weights, where):
    info = CompactTermInfo(weight=weights[0], df=40, minlength=7, maxlength=900, maxweight=weights[1],
                           minid=12, maxid=70_000)
    info.several_blocks = True
    if where == "inline":
        info._postings = b"\x01\x02\x03"
    else:
        info._offset, info._length = 123_456_789, 4321
    back = CompactTermInfo.from_bytes(info.to_bytes())
    assert (back.weight(), back.doc_frequency(), back.max_weight(), back.min_id(), back.max_id()) == (
        *weights[:1], 40, weights[1], 12, 70_000)
    assert back.several_blocks and back.is_inlined() == (where == "inline")
    assert (back._postings, back.extent()) == ((b"\x01\x02\x03", (None, None)) if where == "inline"
                                               else (None, (123_456_789, 4321)))
    # Lengths as Whoosh keeps them: one byte each, so read back rounded as W3 reads them.
    assert (back.min_length(), back.max_length()) == (byte_to_length(length_to_byte(7)),
                                                      byte_to_length(length_to_byte(900)))
    assert CompactTermInfo.doc_frequency_in(info.to_bytes()) == 40


@pytest.mark.parametrize("damage", ["cut", "garbage"])
def test_bytes_that_are_not_postings_are_refused_as_damage(damage):
    ids = list(range(0, 2000, 7))
    values = [positions_value([number % 50, 60 + number % 9]) for number in range(len(ids))]
    data, _ = round_trip(POSITIONS, ids, [2.0] * len(ids), values)
    info = term_info_of(ids, [2.0] * len(ids), [0] * len(ids))
    bad = data[:len(data) // 2] if damage == "cut" else bytes((7 * i + 13) % 256 for i in range(len(data)))
    try:
        decode_postings(POSITIONS, bad, info)
    except (TypeError, AttributeError) as exc:  # searches report these as bugs, not as damage
        pytest.fail(f"damage raised {exc!r}")
    except (DamagedPostings, IndexError, ValueError):
        pass
    else:
        pytest.fail("bad bytes read as postings")


# -- an archive written with the codec, against the same written by Whoosh ------------

WORDS = ("harbour council tram ferry budget vote mayor storm bridge school repair the of and "
         "minister border talks ceasefire Zürich café said would river night").split()


def archive_schema() -> Schema:
    return Schema(id=ID(stored=True, unique=True), headline=text_field(TEXT_ANALYZER, stored=True),
                  body=text_field(TEXT_ANALYZER, stored=False), source=text_field(NAME_ANALYZER, stored=True),
                  date=DATETIME(sortable=True), group=ID(stored=True, sortable=True))


def archive_documents(count: int = 400):
    for number in range(count):
        # Words repeated unevenly, so frequencies, lengths and blocks all vary.
        body = " ".join(WORDS[(number * 5 + i * i) % len(WORDS)] for i in range(20 + number % 150))
        yield dict(id=f"n{number}", headline=f"{WORDS[number % len(WORDS)]} {WORDS[(number * 3) % len(WORDS)]} news",
                   body=body, source=["Agence Nord", "Harbour Post", ""][number % 3],
                   date=datetime(2009 + number % 4, 1 + number % 12, 1 + number % 27), group=f"g{number % 40}")


def write(path, writer_class, segments: int):
    path.mkdir()
    ix = IndexStorage(str(path)).create_index(archive_schema())
    docs = list(archive_documents())
    size = len(docs) // segments + 1
    for first in range(0, len(docs), size):
        writer = writer_class(ix, compound=False)
        for doc in docs[first:first + size]:
            writer.add_document(**doc)
        if writer_class is SegmentWriter:
            writer.commit(merge=False)  # Whoosh's policy would merge these small segments
        else:
            writer.commit()
    return ix


QUERIES = ["harbour", "council tram", "council OR storm", "ferry NOT vote", '"harbour council"',
           '"council tram"~3', "bri*", "ceasfire~", "headline:news", "source:agence", "date:[2010 TO 2011]",
           "café", "zurich", "said", "mayor ANDMAYBE river"]


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    root = tmp_path_factory.mktemp("codec")
    return write(root / "w3", SegmentWriter, 3), write(root / "compact", ArticleSegmentWriter, 3)


@pytest.mark.parametrize("text", QUERIES)
def test_every_query_ranks_the_same_as_on_whoosh_own_format(archives, text):
    w3, compact = archives
    parser = qparser.MultifieldParser(["headline", "body"], archive_schema())
    parser.add_plugin(DateParserPlugin())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    query = parser.parse(text)
    with w3.searcher() as stock, compact.searcher() as ours:
        assert len(ours.leaf_searchers()) == 3 and type(ours.reader().leaf_readers()[0][0]._terms) is not type(
            stock.reader().leaf_readers()[0][0]._terms)
        expected = [(hit.docnum, hit.score) for hit in stock.search(query, limit=None)]
        assert [(hit.docnum, hit.score) for hit in ours.search(query, limit=None)] == expected
        assert expected
        fast = top_scored(query, ours, None, None)
        if fast is not None:  # word queries: newsidx's own block scorer, on the compact postings
            assert [docnum for docnum, _ in fast] == [docnum for docnum, _ in expected]
            assert [score for _, score in fast] == pytest.approx([score for _, score in expected], rel=1e-9)


def test_the_compact_format_is_under_half_the_size_of_whooshs(archives):
    w3, compact = archives

    def postings_bytes(ix) -> int:
        return sum(entry.stat().st_size for entry in os.scandir(ix.storage.folder)
                   if entry.name.endswith((".pst", ".trm")))

    assert postings_bytes(compact) < 0.5 * postings_bytes(w3)
