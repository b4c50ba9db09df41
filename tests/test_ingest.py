"""Ingest: incremental sync, duplicates, hostile files (in-process: Archive and CliRunner).

Real processes (the update lock, SIGKILL, Ctrl-C) are in test_ingest_processes.py.
Every article text below was written for these tests.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsidx import sources
from newsidx.archive import Archive
from newsidx.cli import main
from newsidx.index import ArticleIndex
from newsidx.index.store import IndexUpdate

from helpers import article_text, generated_article, touch, write_article, write_generated

BASE_TIME = 1_700_000_000  # a fixed mtime, so "changed" never depends on clock resolution

# --------------------------------------------------------------------------- articles

TRAM = [
    "The city council of Lindquay voted on Thursday to build a second tram line linking the "
    "old harbour district with the university campus on the northern hills, ending a dispute "
    "that has divided the council chamber for almost six years.",
    "Twenty-seven councillors supported the plan and eleven opposed it. The new line will run "
    "for nine kilometres, cross the river on a rebuilt stone bridge and stop at fourteen "
    "stations, including a covered interchange beside the main railway terminal.",
    "Supporters argued that buses on the harbour road are already full by seven in the morning "
    "and that students spend close to an hour each way in traffic. Opponents warned that the "
    "budget of three hundred and ten million crowns leaves no room for the rising price of steel.",
    "The transport director, Amalie Verhoeven, told reporters that tendering for the track "
    "work would open in the spring and that the first trams could carry passengers within "
    "four years if the contractors keep to the schedule agreed with the regional government.",
    "Shopkeepers on Canal Street, where the line will run down the middle of the road, asked "
    "for compensation during the two summers of construction. The council promised a fund for "
    "affected businesses but did not say how large it would be or who would manage it.",
]

# The same story as republished by a wire service: other headline, agency
# dateline in front, last paragraph trimmed.
TRAM_WIRE = ["LINDQUAY (Reuters) - " + TRAM[0]] + TRAM[1:4]

# Same topic (a tram line in the same city), different story.
TRAM_OTHER = [
    "Passengers on the Lindquay tram network faced delays of up to forty minutes on Monday "
    "after a power cable failed near the cathedral square during the morning rush, the "
    "operator said in a brief statement posted on its website.",
    "Engineers worked through the afternoon to replace a damaged section of overhead wire, and "
    "replacement buses were sent to shuttle commuters between the square and the western depot, "
    "where hundreds of office workers waited in light rain.",
    "The operator blamed the failure on an ageing transformer that had been scheduled for "
    "replacement next year. A union representative said drivers had reported flickering "
    "lights on that stretch for weeks without any response from management.",
    "Services returned to normal by the evening peak. The operator apologised and said season "
    "ticket holders could claim a refund of one day's fare by filling in a form at any ticket "
    "office before the end of the month.",
]

ORCHARD = [
    "Apple growers in the Saroth valley expect their smallest harvest in a decade after a late "
    "frost in April killed most of the blossom on the higher slopes, the regional farming "
    "association said in its annual estimate published on Wednesday.",
    "The association put the likely crop at just over forty thousand tonnes, roughly half of "
    "last year's figure. Pear and cherry orchards lower in the valley escaped the worst of the "
    "cold and should produce close to their usual volumes.",
    "Several family farms have already laid off seasonal pickers, and the cider cooperative in "
    "Dunmere said it would buy fruit from neighbouring provinces for the first time since it "
    "was founded after the war.",
    "Agronomists said frost nets and wind machines could protect young trees in future, but the "
    "equipment costs more than most small growers earn in a good year, and insurers have "
    "stopped covering frost damage in the valley altogether.",
]

LIBRARY = [
    "Readers in Bexworth will be able to borrow tools, sewing machines and telescopes as well "
    "as books from next month, when the town's central library opens what it calls a library "
    "of things in a converted storeroom behind the reading hall.",
    "The idea came from a volunteer who ran a small tool exchange from her garage during the "
    "winter. More than three hundred residents signed a petition asking the library board to "
    "take it over and give it a permanent home.",
    "Loans will last one week and cost nothing for members. The librarian in charge, Tobias "
    "Grell, said every item had been checked by an electrician and would come with a printed "
    "guide and a box for its parts.",
    "Similar schemes in other towns have struggled with damaged equipment, but Grell said the "
    "board expected most people to treat the objects with care, as they do the books, and "
    "would review the rules after six months.",
]

LATIN1 = [
    "The café on the corner of Bahnhofstrasse in Zürich reopened on Saturday after a fire "
    "that destroyed its kitchen last winter, and the owner, Renée Købke, served free crème "
    "brûlée to the first hundred customers who queued outside.",
    "Neighbours said the café had been a meeting place for chess players and students for "
    "more than forty years, and a collection organised by regulars raised almost half of the "
    "money needed to replace the ovens and the smoke-blackened ceiling.",
    "Købke said the menu would stay the same, with soup at noon and pastries all afternoon, "
    "but the prices would rise slightly because the insurance company paid only part of the "
    "damage and the bank wanted its loan repaid within five years.",
]


def words(paragraphs) -> int:
    return len(" ".join(paragraphs).split())


def test_article_texts_are_long_enough():
    for paragraphs in (TRAM, TRAM_WIRE, TRAM_OTHER, ORCHARD, LIBRARY):
        assert words(paragraphs) >= 150
    assert words(LATIN1) >= 100


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


@pytest.fixture(autouse=True)
def _no_real_index(tmp_path, monkeypatch):
    # Belt and braces: even a test that forgot --index cannot touch the user's index.
    monkeypatch.setenv("NEWSIDX_INDEX", str(tmp_path / "default-index"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def run(index_dir, *args):
    # Wide columns: rich wraps long lines (paths) at 80 columns when not on a terminal.
    result = CliRunner(env={"COLUMNS": "1000"}).invoke(main, ["--index", str(index_dir), *map(str, args)])
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def ingest_json(index_dir, *args, expect=0) -> dict:
    result = run(index_dir, "ingest", "--json", *args)
    assert result.exit_code == expect, result.output
    return json.loads(result.stdout)


def counts(report: dict) -> dict:
    return {k: report[k] for k in ("added", "updated", "unchanged", "removed", "duplicate", "missing")} | {
        "failed": len(report["failed"])}


def search_json(index_dir, query, *args) -> dict:
    result = run(index_dir, "search", "--json", query, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def hit_ids(index_dir, query, *args) -> list[str]:
    return [hit["id"] for hit in search_json(index_dir, query, *args)["hits"]]


def file_records(index_dir) -> dict:
    return ArticleIndex.open(str(index_dir)).file_records()


def file_doc_count(index_dir) -> int:
    """File documents in the index (file_records() would hide a duplicated one)."""
    with ArticleIndex.open(str(index_dir)).searcher() as searcher:
        return searcher.file_count()


def article_count(index_dir) -> int:
    with ArticleIndex.open(str(index_dir)).searcher() as searcher:
        return searcher.article_count()


@pytest.fixture
def read_spy(monkeypatch):
    """Every path newsidx.sources.read_source is asked to read (in this process)."""
    calls: list[str] = []
    real = sources.read_source

    def spy(source, max_bytes):
        calls.append(source.path if isinstance(source, sources.SourceFile) else os.fsdecode(source))
        return real(source, max_bytes)

    monkeypatch.setattr(sources, "read_source", spy)
    return calls


# --------------------------------------------------------------------------- incremental sync


def test_first_ingest_adds_every_file_and_text_summary_matches_json(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "tram.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD, chrome=True)
    write_article(docs, "sub/library.txt", "Bexworth library lends tools", LIBRARY, date="2024-03-05")

    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=3, updated=0, unchanged=0, removed=0, duplicate=0, missing=0, failed=0)
    assert report["interrupted"] is False
    assert article_count(index_dir) == 3
    assert len(file_records(index_dir)) == 3

    # The text summary states the same numbers as the JSON object.
    text = run(index_dir, "ingest", docs)
    assert text.exit_code == 0
    assert "0 added, 0 updated, 3 unchanged, 0 removed, 0 duplicate, 0 failed" in text.stdout
    again = ingest_json(index_dir, docs)
    assert counts(again) == dict(added=0, updated=0, unchanged=3, removed=0, duplicate=0, missing=0, failed=0)

    [hit] = search_json(index_dir, "telescopes")["hits"]
    assert hit["headline"] == "Bexworth library lends tools"
    assert hit["path"] == str(docs / "sub" / "library.txt")


def test_unchanged_files_are_skipped_without_being_read(tmp_path, index_dir, read_spy):
    docs = tmp_path / "docs"
    write_generated(docs, 5)
    Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert len(read_spy) == 5  # the spy sees reads: the first run reads every file

    read_spy.clear()
    report = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert read_spy == []
    assert (report.unchanged, report.added, report.updated) == (5, 0, 0)


def test_touched_identical_files_are_hashed_then_skipped_for_good(tmp_path, index_dir, read_spy):
    docs = tmp_path / "docs"
    paths = write_generated(docs, 6)
    for p in paths:
        touch(p, BASE_TIME)
    archive = Archive(str(index_dir))
    archive.ingest([str(docs)], jobs=1)
    before = {p: r.article_id for p, r in file_records(index_dir).items()}

    read_spy.clear()
    for p in paths[:2]:
        touch(p, BASE_TIME + 60)
    report = archive.ingest([str(docs)], jobs=1)
    assert sorted(read_spy) == sorted(str(p) for p in paths[:2])  # read to hash, nothing else
    assert (report.unchanged, report.updated, report.added, report.duplicate) == (6, 0, 0, 0)
    after = file_records(index_dir)
    assert {p: r.article_id for p, r in after.items()} == before
    assert after[str(paths[0])].mtime_ns == (BASE_TIME + 60) * 10**9  # new mtime remembered
    assert file_doc_count(index_dir) == 6  # records replaced, not added twice

    # ... so the next run does not even read them.
    read_spy.clear()
    assert archive.ingest([str(docs)], jobs=1).unchanged == 6
    assert read_spy == []


def test_thirty_files_touch_ten_edit_three_gives_three_updated(tmp_path, index_dir):
    docs = tmp_path / "docs"
    paths = write_generated(docs, 30)
    for p in paths:
        touch(p, BASE_TIME)
    first = ingest_json(index_dir, docs, "--jobs", "1")
    assert first["added"] == 30

    for p in paths[:10]:
        touch(p, BASE_TIME + 100)
    for number, p in enumerate(paths[20:23]):  # edited files are not among the touched ones
        headline, paragraphs = generated_article(1000 + number)
        write_article(docs, p.name, headline, paragraphs, mtime=BASE_TIME + 200)

    report = ingest_json(index_dir, docs, "--jobs", "1")
    assert counts(report) == dict(added=0, updated=3, unchanged=27, removed=0, duplicate=0, missing=0, failed=0)
    assert article_count(index_dir) == 30


def test_changed_file_keeps_its_id_and_old_text_is_no_longer_searchable(tmp_path, index_dir):
    docs = tmp_path / "docs"
    path = write_article(docs, "story.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    write_article(docs, "other.txt", "Frost halves Saroth apple harvest", ORCHARD, mtime=BASE_TIME)
    ingest_json(index_dir, docs)
    [old_id] = hit_ids(index_dir, "Verhoeven")

    write_article(docs, "story.txt", "Bexworth library lends tools", LIBRARY, mtime=BASE_TIME + 5)
    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=0, updated=1, unchanged=1, removed=0, duplicate=0, missing=0, failed=0)

    assert hit_ids(index_dir, "Verhoeven") == []  # the old text is gone from the index
    assert hit_ids(index_dir, "telescopes") == [old_id]  # the new text, under the same id
    assert Archive(str(index_dir)).article(old_id).headline == "Bexworth library lends tools"
    assert article_count(index_dir) == 2
    assert file_records(index_dir)[str(path)].article_id == old_id


def test_new_files_are_added_next_to_known_ones(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "tram.txt", "Lindquay approves second tram line", TRAM)
    ingest_json(index_dir, docs)
    write_article(docs, "later/orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=1, updated=0, unchanged=1, removed=0, duplicate=0, missing=0, failed=0)
    assert len(hit_ids(index_dir, "frost")) == 1
    assert article_count(index_dir) == 2


def test_deleted_files_are_counted_missing_and_removed_only_with_prune(tmp_path, index_dir):
    docs = tmp_path / "docs"
    tram = write_article(docs, "tram.txt", "Lindquay approves second tram line", TRAM)
    orchard = write_article(docs, "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    write_article(docs, "library.txt", "Bexworth library lends tools", LIBRARY)
    ingest_json(index_dir, docs)
    tram.unlink()
    orchard.unlink()

    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=0, updated=0, unchanged=1, removed=0, duplicate=0, missing=2, failed=0)
    assert len(hit_ids(index_dir, "Verhoeven")) == 1  # still indexed without --prune
    text = run(index_dir, "ingest", docs)
    assert "2 indexed files are no longer on disk; run with --prune" in text.stdout

    pruned = run(index_dir, "ingest", "--prune", docs)
    assert pruned.exit_code == 0
    assert "0 added, 0 updated, 1 unchanged, 2 removed, 0 duplicate, 0 failed" in pruned.stdout
    assert "no longer on disk" not in pruned.stdout
    assert hit_ids(index_dir, "Verhoeven") == []
    assert hit_ids(index_dir, "frost") == []
    assert article_count(index_dir) == 1
    assert sorted(file_records(index_dir)) == [str(docs / "library.txt")]
    assert counts(ingest_json(index_dir, docs, "--prune"))["removed"] == 0


def test_prune_only_touches_files_under_the_paths_given(tmp_path, index_dir):
    write_article(tmp_path / "a", "tram.txt", "Lindquay approves second tram line", TRAM)
    gone = write_article(tmp_path / "b", "orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)
    ingest_json(index_dir, tmp_path / "a", tmp_path / "b")
    gone.unlink()
    report = ingest_json(index_dir, tmp_path / "a", "--prune")
    assert (report["removed"], report["missing"]) == (0, 0)
    assert len(hit_ids(index_dir, "frost")) == 1


def test_text_moved_to_a_new_file_while_the_old_file_is_edited(tmp_path, index_dir):
    """a.txt gets new text and c.txt now holds a.txt's old text, in one run:
    both texts must stay searchable, each under its own file."""
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    ingest_json(index_dir, docs)

    write_article(docs, "a.txt", "Bexworth library lends tools", LIBRARY, mtime=BASE_TIME + 5)
    write_article(docs, "c.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME + 5)
    report = ingest_json(index_dir, docs)
    assert (report["updated"], report["added"] + report["duplicate"]) == (1, 1)

    archive = Archive(str(index_dir))
    [tram_id] = hit_ids(index_dir, "Verhoeven")
    [library_id] = hit_ids(index_dir, "telescopes")
    assert tram_id != library_id
    assert archive.article(tram_id).paths == (str(docs / "c.txt"),)
    assert archive.article(library_id).paths == (str(docs / "a.txt"),)
    assert article_count(index_dir) == 2


# --------------------------------------------------------------------------- duplicates


def _with_messy_whitespace(paragraphs):
    return ["  " + p.replace(". ", ".   ").replace(" the ", " the\t") + "   " for p in paragraphs]


def test_exact_duplicates_are_stored_once_with_every_path(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "a-site/tram.txt", "Lindquay approves second tram line", TRAM)
    second = write_article(docs, "b-site/copy.txt", "Second tram line for Lindquay - Example News",
                           _with_messy_whitespace(TRAM), chrome=True)
    write_article(docs, "c-site/orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)

    report = ingest_json(index_dir, docs)
    assert counts(report) == dict(added=2, updated=0, unchanged=0, removed=0, duplicate=1, missing=0, failed=0)
    assert article_count(index_dir) == 2

    [hit] = search_json(index_dir, "Verhoeven")["hits"]
    assert hit["similar"] == 0  # one article, not two grouped ones
    article = Archive(str(index_dir)).article(hit["id"])
    assert article.paths == (str(first), str(second))
    records = file_records(index_dir)
    assert records[str(first)].article_id == records[str(second)].article_id == hit["id"]


@pytest.mark.skipif(importlib.util.find_spec("newsidx.summary") is None,
                    reason="newsidx.summary not written yet: `show` cannot run")
def test_show_json_lists_every_path_of_an_exact_duplicate(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "one.txt", "Lindquay approves second tram line", TRAM)
    second = write_article(docs, "two.txt", "Tram vote in Lindquay", _with_messy_whitespace(TRAM))
    ingest_json(index_dir, docs)
    [article_id] = hit_ids(index_dir, "Verhoeven")
    shown = run(index_dir, "show", article_id, "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["paths"] == [str(first), str(second)]


def test_removing_one_copy_of_an_exact_duplicate_keeps_the_article(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "one.txt", "Lindquay approves second tram line", TRAM)
    second = write_article(docs, "two.txt", "Tram vote in Lindquay", _with_messy_whitespace(TRAM))
    ingest_json(index_dir, docs)
    first.unlink()
    assert ingest_json(index_dir, docs, "--prune")["removed"] == 1
    [article_id] = hit_ids(index_dir, "Verhoeven")
    assert Archive(str(index_dir)).article(article_id).paths == (str(second),)
    second.unlink()
    ingest_json(index_dir, docs, "--prune")
    assert hit_ids(index_dir, "Verhoeven") == []
    assert article_count(index_dir) == 0


def test_editing_one_copy_of_an_exact_duplicate_splits_it(tmp_path, index_dir):
    docs = tmp_path / "docs"
    first = write_article(docs, "one.txt", "Lindquay approves second tram line", TRAM, mtime=BASE_TIME)
    second = write_article(docs, "two.txt", "Tram vote", _with_messy_whitespace(TRAM), mtime=BASE_TIME)
    ingest_json(index_dir, docs)
    write_article(docs, "two.txt", "Frost halves Saroth apple harvest", ORCHARD, mtime=BASE_TIME + 5)
    report = ingest_json(index_dir, docs)
    assert (report["updated"], report["unchanged"]) == (1, 1)
    archive = Archive(str(index_dir))
    [tram_id] = hit_ids(index_dir, "Verhoeven")
    [frost_id] = hit_ids(index_dir, "frost")
    assert archive.article(tram_id).paths == (str(first),)
    assert archive.article(frost_id).paths == (str(second),)


def _near_duplicate_folder(docs):
    write_article(docs, "herald/tram.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "wire/tram.txt", "Council backs harbour-to-campus tram route", TRAM_WIRE, chrome=True)
    write_article(docs, "herald/outage.txt", "Lindquay tram delays after cable fails", TRAM_OTHER)
    write_article(docs, "farm/orchard.txt", "Frost halves Saroth apple harvest", ORCHARD)


def groups_by_file(index_dir) -> dict[str, str]:
    """{file name relative to its folder's parent: story group}."""
    archive = Archive(str(index_dir))
    return {"/".join(Path(path).parts[-2:]): archive.article(record.article_id).group
            for path, record in file_records(index_dir).items()}


def test_near_duplicates_share_a_story_group_and_unrelated_same_topic_does_not(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _near_duplicate_folder(docs)
    report = ingest_json(index_dir, docs)
    assert (report["added"], report["duplicate"]) == (4, 0)  # near copies are articles of their own
    assert article_count(index_dir) == 4

    groups = groups_by_file(index_dir)
    assert groups["herald/tram.txt"] == groups["wire/tram.txt"]
    # The other tram story (same city, same topic) and the orchard story stand alone.
    assert len({groups["herald/tram.txt"], groups["herald/outage.txt"], groups["farm/orchard.txt"]}) == 3


def test_near_duplicate_found_within_one_batch_and_across_runs(tmp_path, index_dir):
    # Two copies in one run (pending writes), a third copy in a later run (committed).
    docs = tmp_path / "docs"
    write_article(docs, "x/a.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "x/b.txt", "Council backs tram route", TRAM_WIRE)
    ingest_json(index_dir, docs)
    write_article(docs, "x/c.txt", "Tram line approved", ["LINDQUAY, Norland (AP) - " + TRAM[0]] + TRAM[1:3] + TRAM[4:])
    ingest_json(index_dir, docs)
    groups = groups_by_file(index_dir)
    assert len(groups) == 3
    assert len(set(groups.values())) == 1
    assert article_count(index_dir) == 3


def test_search_shows_one_result_per_story_with_similar_count(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _near_duplicate_folder(docs)
    ingest_json(index_dir, docs)
    [hit] = search_json(index_dir, "Verhoeven")["hits"]
    assert hit["similar"] == 1
    text = run(index_dir, "search", "Verhoeven")
    assert text.exit_code == 0
    assert "+1 similar" in text.stdout
    # The unrelated tram story is its own result, with no similar copies.
    trams = search_json(index_dir, "tram Lindquay")["hits"]
    assert sorted((h["group"] == hit["group"], h["similar"]) for h in trams) == [(False, 0), (True, 1)]
    assert [h["headline"] for h in trams if h["group"] != hit["group"]] == [
        "Lindquay tram delays after cable fails"]


def test_search_all_lists_every_copy_of_a_story(tmp_path, index_dir):
    docs = tmp_path / "docs"
    _near_duplicate_folder(docs)
    ingest_json(index_dir, docs)
    every = search_json(index_dir, "Verhoeven", "--all")["hits"]
    assert sorted(h["headline"] for h in every) == [
        "Council backs harbour-to-campus tram route", "Lindquay approves second tram line"]
    assert len({h["group"] for h in every}) == 1


# --------------------------------------------------------------------------- hostile files

PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
             + bytes(range(256)) * 4)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A folder of good articles mixed with every kind of bad file.

    Returns (folder, good paths by key, expected problems {path: reason}).
    """
    root = tmp_path / "hostile"
    good = {
        "tram": write_article(root, "a-tram.txt", "Lindquay approves second tram line", TRAM),
        "orchard": write_article(root, "m-orchard.txt", "Frost halves Saroth apple harvest", ORCHARD),
        "library": write_article(root / ("d" + "/d" * 299), "deep.txt", "Bexworth library lends tools",
                                 LIBRARY),
        "latin1": write_article(root, "l-cafe.txt", "Zürich café reopens after fire", LATIN1,
                                encoding="latin-1"),
    }
    bad_name = os.fsencode(root) + b"/n-caf\xe9-\xff.txt"  # not valid UTF-8
    headline, paragraphs = generated_article(7)
    with open(bad_name, "wb") as fh:
        fh.write(article_text(headline, paragraphs).encode())
    good["bad-name"] = Path(os.fsdecode(bad_name))

    (root / "b-image.txt").write_bytes(PNG_BYTES)
    (root / "c-empty.txt").write_bytes(b"")
    (root / "e-huge.txt").write_text(article_text("Huge", TRAM * 40))
    (root / "f-denied.txt").write_text(article_text("Secret", ORCHARD))
    (root / "g-broken.txt").symlink_to(root / "nowhere.txt")
    (root / "h-loop1.txt").symlink_to(root / "h-loop2.txt")
    (root / "h-loop2.txt").symlink_to(root / "h-loop1.txt")
    (root / "i-cycle").mkdir()
    (root / "i-cycle" / "back").symlink_to(root)
    (root / "notes.md").write_text(article_text("Not a txt file", LIBRARY))
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))

    # We run as root, which ignores permission bits: simulate EACCES on open.
    denied = str(root / "f-denied.txt")
    real_open = os.open

    def open_denying(path, *args, **kwargs):
        if os.fsdecode(path) == denied:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(sources.os, "open", open_denying)

    problems = {
        str(root / "b-image.txt"): "binary file (PNG)",
        str(root / "c-empty.txt"): "empty file",
        str(root / "e-huge.txt"): "too large",
        denied: "permission denied",
        str(root / "g-broken.txt"): "broken symlink",
        str(root / "h-loop1.txt"): "symlink loop",
        str(root / "h-loop2.txt"): "symlink loop",
        str(root / "i-cycle" / "back"): "symlink loop",
    }
    return root, good, problems


def test_hostile_folder_ingests_good_files_and_lists_bad_ones_json(hostile, index_dir):
    root, good, problems = hostile
    result = run(index_dir, "ingest", "--json", "--jobs", "1", "--max-size", "20KB", root)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["added"] == len(good)
    reasons = {p["path"]: p["reason"] for p in report["failed"]}
    assert set(reasons) == set(problems)
    for path, reason in problems.items():
        assert reasons[path].startswith(reason), (path, reasons[path])

    records = file_records(index_dir)
    assert set(records) == {str(p) for p in good.values()}
    assert article_count(index_dir) == len(good)
    assert len(hit_ids(index_dir, "telescopes")) == 1  # from 300 folders down
    assert not any(p.endswith((".md", ".jpg")) for p in list(records) + list(reasons))


def test_hostile_folder_text_report_names_each_bad_file(hostile, index_dir):
    root, good, problems = hostile
    result = run(index_dir, "ingest", "--jobs", "1", "--max-size", "20KB", root)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    for path, reason in problems.items():
        assert any(line.startswith(f"failed {path}: {reason}") for line in lines), (path, result.stdout)
    assert f"{len(good)} added, 0 updated, 0 unchanged, 0 removed, 0 duplicate, {len(problems)} failed" \
        in result.stdout
    # Re-running reports the same failures and skips every good file.
    again = json.loads(run(index_dir, "ingest", "--json", "--jobs", "1", "--max-size", "20KB", root).stdout)
    assert (again["unchanged"], again["added"], len(again["failed"])) == (len(good), 0, len(problems))


def test_latin1_file_is_ingested_decoded_as_cp1252(hostile, index_dir):
    root, good, _ = hostile
    ingest_json(index_dir, good["latin1"])
    [hit] = search_json(index_dir, "Købke")["hits"]
    article = Archive(str(index_dir)).article(hit["id"])
    assert article.headline == "Zürich café reopens after fire"
    assert "free crème brûlée" in article.body
    assert "not valid UTF-8; decoded as cp1252" in article.warnings


def test_file_name_that_is_not_utf8_is_ingested_and_kept_exact(hostile, index_dir):
    root, good, _ = hostile
    path = str(good["bad-name"])
    report = ingest_json(index_dir, root, "--max-size", "20KB", expect=1)
    assert report["added"] == len(good)
    record = file_records(index_dir)[path]
    assert os.fsencode(record.path).endswith(b"/n-caf\xe9-\xff.txt")
    [hit] = search_json(index_dir, "proposal")["hits"]  # only generated article 7 says "proposal"
    assert hit["path"] == path
    assert os.path.exists(hit["path"])
    # The text output escapes the bytes instead of crashing on them.
    shown = run(index_dir, "search", "proposal")
    assert shown.exit_code == 0

    # Its record is found again: touched -> hashed, unchanged, replaced in place.
    touch(path, BASE_TIME)
    again = ingest_json(index_dir, root, "--max-size", "20KB", expect=1)
    assert (again["unchanged"], again["added"], again["updated"]) == (len(good), 0, 0)
    assert file_records(index_dir)[path].mtime_ns == BASE_TIME * 10**9
    assert file_doc_count(index_dir) == len(good)
    # ... and --prune can remove it once it is gone.
    os.unlink(os.fsencode(path))
    pruned = ingest_json(index_dir, root, "--max-size", "20KB", "--prune", expect=1)
    assert pruned["removed"] == 1
    assert path not in file_records(index_dir)
    assert file_doc_count(index_dir) == article_count(index_dir) == len(good) - 1
    assert search_json(index_dir, "proposal")["hits"] == []


def test_strict_stops_at_first_bad_file_keeping_what_came_before(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "b.txt", "Frost halves Saroth apple harvest", ORCHARD)
    (docs / "c.txt").write_bytes(b"")
    write_article(docs, "d.txt", "Bexworth library lends tools", LIBRARY)

    result = run(index_dir, "ingest", "--strict", "--batch-size", "2", docs)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"--strict: stopped at {docs / 'c.txt'}: empty file" in result.stderr
    assert sorted(file_records(index_dir)) == [str(docs / "a.txt"), str(docs / "b.txt")]
    assert hit_ids(index_dir, "telescopes") == []

    # Without --strict the run completes from there.
    report = ingest_json(index_dir, docs, expect=1)
    assert (report["added"], report["unchanged"], len(report["failed"])) == (1, 2, 1)


def test_strict_stop_at_a_broken_symlink_keeps_the_files_before_it(tmp_path, index_dir):
    # Discovery problems (broken links, loops) are found before any file is read;
    # the files that come before them in order must still be kept.
    docs = tmp_path / "docs"
    write_article(docs, "a.txt", "Lindquay approves second tram line", TRAM)
    write_article(docs, "b.txt", "Frost halves Saroth apple harvest", ORCHARD)
    (docs / "c.txt").symlink_to(docs / "missing.txt")
    write_article(docs, "d.txt", "Bexworth library lends tools", LIBRARY)

    result = run(index_dir, "ingest", "--strict", docs)
    assert result.exit_code == 2
    assert "broken symlink" in result.stderr
    assert sorted(file_records(index_dir)) == [str(docs / "a.txt"), str(docs / "b.txt")]


def test_strict_on_a_clean_folder_ingests_everything(tmp_path, index_dir):
    docs = tmp_path / "docs"
    write_generated(docs, 4)
    report = ingest_json(index_dir, docs, "--strict")
    assert report["added"] == 4 and report["failed"] == []


# --------------------------------------------------------------------------- Ctrl-C, in process


def test_ctrl_c_between_an_article_and_its_file_record_is_deferred(tmp_path, index_dir, monkeypatch):
    """Ctrl-C landing in the middle of one file's writes must not keep half of them:
    an article committed without its file record is indexed again by the re-run."""
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    docs = tmp_path / "docs"
    write_generated(docs, 6)
    real_put_file = IndexUpdate.put_file
    calls = 0

    def put_file_hit_by_ctrl_c(self, record):
        nonlocal calls
        calls += 1
        if calls == 3:  # the third file: its article is written, its record not yet
            os.kill(os.getpid(), signal.SIGINT)
        return real_put_file(self, record)

    monkeypatch.setattr(IndexUpdate, "put_file", put_file_hit_by_ctrl_c)
    report = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert report.interrupted
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored
    assert report.added == len(file_records(index_dir)) == article_count(index_dir) == 3

    monkeypatch.setattr(IndexUpdate, "put_file", real_put_file)
    again = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert (again.added, again.unchanged, again.interrupted) == (3, 3, False)
    assert len(file_records(index_dir)) == article_count(index_dir) == 6


def test_failed_lines_keep_long_paths_whole_when_piped(tmp_path, index_dir):
    folder = tmp_path / ("d" * 60) / ("e" * 60)
    folder.mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    result = CliRunner(env={"COLUMNS": None}).invoke(main, ["--index", str(index_dir), "ingest", str(folder)])
    assert result.exit_code == 1
    assert f"failed {folder / 'empty.txt'}: empty file" in result.stdout.splitlines()


def test_a_crash_between_the_catalog_and_the_index_commit_loses_nothing(tmp_path, index_dir, monkeypatch):
    """The catalog (SQLite) commits a batch just before Whoosh does: a process
    that dies between the two leaves catalog rows the index never got, which
    the next run must undo, then redo that batch's files."""
    from newsidx.index.writing import ArticleSegmentWriter

    docs = tmp_path / "docs"
    write_generated(docs, 9)
    real_commit = ArticleSegmentWriter.commit_tiered
    commits = 0

    def dies_at_the_second_batch(self, *args, **kwargs):
        nonlocal commits
        commits += 1
        if commits == 2:
            raise OSError(errno.EIO, "simulated power cut")
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(ArticleSegmentWriter, "commit_tiered", dies_at_the_second_batch)
    with pytest.raises(OSError):
        Archive(str(index_dir)).ingest([str(docs)], jobs=1, batch_size=8)  # 2 writes a file: 4 files a batch
    monkeypatch.setattr(ArticleSegmentWriter, "commit_tiered", real_commit)

    # Only the first batch is visible, in the index and the catalog alike.
    assert len(file_records(index_dir)) == article_count(index_dir) == 4
    report = Archive(str(index_dir)).ingest([str(docs)], jobs=1)
    assert (report.added, report.unchanged, report.duplicate) == (5, 4, 0)
    assert len(file_records(index_dir)) == article_count(index_dir) == 9
    headline, _ = generated_article(6)
    found = Archive(str(index_dir)).search(f'"{headline}"')
    assert [hit.article.headline for hit in found.hits] == [headline]


def test_an_index_in_the_old_format_is_rebuilt_by_ingest_and_refused_by_search(tmp_path, index_dir):
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.index import create_in

    index_dir.mkdir(parents=True, exist_ok=True)
    old = create_in(str(index_dir), Schema(kind=ID(stored=True), body=TEXT(stored=True)))
    writer = old.writer()
    writer.add_document(kind="article", body="an article indexed by newsidx 0.x")
    writer.commit()
    (index_dir / "notes.txt").write_text("the user's own file")

    refused = run(index_dir, "search", "article")
    assert refused.exit_code == 2 and "older newsidx" in refused.stderr

    docs = tmp_path / "docs"
    write_generated(docs, 2)
    assert counts(ingest_json(index_dir, docs))["added"] == 2
    assert article_count(index_dir) == 2
    assert (index_dir / "notes.txt").read_text() == "the user's own file"
