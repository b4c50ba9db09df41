"""Ingest across real processes: the one-writer lock, SIGKILL half-way, Ctrl-C.

Each test runs the installed ``newsidx`` script (next to sys.executable) with
``--index`` in tmp_path, so the user's own index is never touched.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsidx.archive import Archive
from newsidx.errors import NoIndexError
from newsidx.index import ArticleIndex

from newsidx.extract import extract_bytes
from pages import generated_article, write_article, write_generated


def newsidx_script() -> Path | None:
    """The installed ``newsidx`` console script of this interpreter, if any."""
    script = Path(sys.executable).parent / "newsidx"
    return script if script.exists() else None


SCRIPT = newsidx_script()
pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the newsidx console script is not installed")

BATCH = 50  # documents per commit; a new file is 2 documents (article + file record)
FILES_PER_BATCH = BATCH // 2
BIG = 300
NEAR_COPIES = 50  # of BIG: files of another's story with a sentence added (bodies kept as differences)
TIMEOUT = 60


def _env(index_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(NEWSIDX_INDEX=str(index_dir), COLUMNS="1000", NO_COLOR="1")
    env.pop("PYTHONWARNINGS", None)
    return env


def _ctrl_c_as_in_a_terminal() -> None:
    # A shell starts a background job with Ctrl-C ignored, and children
    # inherit that: newsidx started from such a test run never saw the
    # SIGINT these tests send (the ingest ran to its end and exited 0).
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(index_dir: Path, *args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([str(SCRIPT), "--index", str(index_dir), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(index_dir), preexec_fn=_ctrl_c_as_in_a_terminal, **kwargs)


def finish(proc: subprocess.Popen, timeout: float = TIMEOUT) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"newsidx did not finish in {timeout}s: {out}\n{err}")
    assert "Traceback" not in out + err, out + err
    return proc.returncode, out, err


def newsidx(index_dir: Path, *args, timeout: float = TIMEOUT) -> tuple[int, str, str]:
    return finish(start(index_dir, *args), timeout)


_HOLDER = """
import sys
from newsidx.index import ArticleIndex
index = ArticleIndex.open_or_create(sys.argv[1])
with index.exclusive_update():
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until told to go (or killed)
print("released", flush=True)
"""


@pytest.fixture
def lock_holder(tmp_path):
    """Start a separate Python process holding the index's update lock."""
    procs = []

    def hold(index_dir: Path) -> subprocess.Popen:
        proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(index_dir)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield hold
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def committed_files(index_dir: Path) -> int:
    try:
        return len(ArticleIndex.open(str(index_dir)).file_records())
    except NoIndexError:
        return 0


def wait_for_a_committed_batch(index_dir: Path, proc: subprocess.Popen) -> int:
    """Poll the index (as a reader, while the ingest runs) until a batch is committed."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the ingest finished before a batch could be observed"
        files = committed_files(index_dir)
        if files:
            return files
        time.sleep(0.02)
    pytest.fail("no batch was committed in time")


def index_state(index_dir: Path) -> tuple[int, int, set[str], set[str]]:
    """(articles, file records, article ids, ids the file records point to) of a readable index."""
    index = ArticleIndex.open(str(index_dir))
    records = index.file_records()
    with index.searcher() as searcher:
        articles = searcher.article_count()
        ids = {a.id for a in searcher.all_articles()}
    return articles, len(records), ids, {r.article_id for r in records.values()}


# --------------------------------------------------------------------------- one writer


def test_second_ingest_exits_75_naming_the_holder_and_searches_still_work(tmp_path, lock_holder):
    index_dir = tmp_path / "index"
    docs = tmp_path / "docs"
    write_generated(docs, 3)
    assert newsidx(index_dir, "ingest", docs)[0] == 0
    holder = lock_holder(index_dir)

    began = time.monotonic()
    code, out, err = newsidx(index_dir, "ingest", docs)
    assert code == 75
    assert f"the index is being updated by another newsidx (pid {holder.pid})" in err
    assert time.monotonic() - began < 15  # exits at once, does not wait (15 s: a loaded CI box)

    # Readers never take the lock.
    code, out, err = newsidx(index_dir, "search", "--json", "council")
    assert code == 0
    assert len(json.loads(out)["hits"]) == 3
    assert len(Archive(str(index_dir)).search("council").hits) == 3


def test_wait_waits_for_the_lock_then_ingests(tmp_path, lock_holder):
    index_dir = tmp_path / "index"
    docs = tmp_path / "docs"
    write_generated(docs, 3)
    holder = lock_holder(index_dir)
    waiter = start(index_dir, "ingest", "--wait", "--json", docs)
    try:
        notice = waiter.stderr.readline()
        assert f"another newsidx (pid {holder.pid}) is updating the index; waiting" in notice
        time.sleep(0.5)
        assert waiter.poll() is None, waiter.communicate()  # still waiting for the lock
    finally:
        holder.stdin.write("go\n")
        holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"
    code, out, err = finish(waiter)
    assert code == 0, err
    assert json.loads(out)["added"] == 3


def test_ctrl_c_while_waiting_for_the_lock_exits_130(tmp_path, lock_holder):
    index_dir = tmp_path / "index"
    docs = tmp_path / "docs"
    write_generated(docs, 2)
    lock_holder(index_dir)
    waiter = start(index_dir, "ingest", "--wait", docs)
    # Once it says it waits, its Ctrl-C handling is in place (a signal sent
    # after a fixed sleep could land during start-up, on a loaded machine).
    assert "waiting for it to finish" in waiter.stderr.readline()
    assert waiter.poll() is None
    waiter.send_signal(signal.SIGINT)
    code, out, err = finish(waiter)
    assert code == 130, err
    assert committed_files(index_dir) == 0


def test_lock_of_a_killed_process_does_not_block(tmp_path, lock_holder):
    index_dir = tmp_path / "index"
    docs = tmp_path / "docs"
    write_generated(docs, 3)
    holder = lock_holder(index_dir)
    assert newsidx(index_dir, "ingest", docs)[0] == 75
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # The lock file (with the dead pid in it) is still there; the OS lock is not.
    assert (index_dir / "newsidx-update.lock").read_text() == str(holder.pid)
    code, out, err = newsidx(index_dir, "ingest", "--json", docs)
    assert code == 0, err
    assert json.loads(out)["added"] == 3


# --------------------------------------------------------------------------- crashes


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    write_generated(folder, BIG - NEAR_COPIES)
    for number in range(NEAR_COPIES):
        headline, paragraphs = generated_article(number * 3)
        write_article(folder, f"copy-{number:04d}.txt", headline, [*paragraphs, "A spokesman confirmed the plan."])
    return folder


def bodies_read_back(index_dir: Path) -> int:
    """How many articles' bodies read back as extraction finds them in their files."""
    archive = Archive(str(index_dir))
    same = 0
    for path, record in ArticleIndex.open(str(index_dir)).file_records().items():
        same += archive.article(record.article_id).body == extract_bytes(Path(path).read_bytes(), path, 0).body
    return same


def test_sigkill_half_way_leaves_whole_batches_and_rerun_completes(tmp_path, big_folder):
    index_dir = tmp_path / "index"
    proc = start(index_dir, "ingest", big_folder, "--batch-size", BATCH, "--jobs", 1, "--json")
    try:
        wait_for_a_committed_batch(index_dir, proc)
        # Searching during the ingest works, and sees committed articles.
        assert Archive(str(index_dir)).search("council").total >= FILES_PER_BATCH
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    articles, files, article_ids, file_article_ids = index_state(index_dir)
    assert 0 < files < BIG
    assert files % FILES_PER_BATCH == 0  # whole batches only: never half of one
    assert articles == files and file_article_ids == article_ids
    assert len(Archive(str(index_dir)).search("council", limit=5).hits) == 5
    assert bodies_read_back(index_dir) == files

    code, out, err = newsidx(index_dir, "ingest", big_folder, "--batch-size", BATCH, "--jobs", 1, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["unchanged"], report["failed"]) == (BIG - files, files, [])
    articles, files, article_ids, file_article_ids = index_state(index_dir)
    assert articles == files == BIG  # no article twice
    assert file_article_ids == article_ids
    assert bodies_read_back(index_dir) == BIG


def test_ctrl_c_commits_what_is_done_and_exits_130(tmp_path, big_folder):
    index_dir = tmp_path / "index"
    # A new session, so the signal goes to the whole process group, workers
    # included, as a terminal's Ctrl-C does.
    proc = start(index_dir, "ingest", big_folder, "--batch-size", BATCH, "--jobs", 2,
                 start_new_session=True)
    try:
        wait_for_a_committed_batch(index_dir, proc)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
    code, out, err = finish(proc)
    assert code == 130, out + err
    assert "interrupted; kept what was done" in out
    done = int(out.split("interrupted; kept what was done: ")[1].split(" added")[0])
    articles, files, article_ids, file_article_ids = index_state(index_dir)
    assert files == done >= FILES_PER_BATCH  # every finished file kept, not only whole batches
    assert articles == files and file_article_ids == article_ids

    code, out, err = newsidx(index_dir, "ingest", big_folder, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["unchanged"]) == (BIG - files, files)
    articles, files, _, _ = index_state(index_dir)
    assert articles == files == BIG
