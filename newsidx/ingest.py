"""Incremental sync of files into the index.

For each file found under the given paths:

1. size and mtime equal to the file record -> unchanged, not even read;
2. otherwise read and hash it; same hash as recorded -> unchanged (touched only);
3. otherwise extract it (in worker processes) and write the article:
   the same normalised body as an existing article -> the file joins that article
   (an exact duplicate is stored once with every path that holds it); a body
   similar enough to another article's -> a new article in that story group;
   else a new article and a new group.

An article shared by several files shows the headline, date, source and
dateline of one of them, its origin. When the origin is edited (same body) the
article takes its new fields; when it is deleted or its body changes, the
fields are extracted again from a file that still holds the article. So
nothing an article shows is missing from every file of the archive.

Writes are committed every ``batch_size`` documents, so a killed run loses at
most one batch. An article and its file record are committed together, so a
re-run redoes exactly the files of the lost batch, and nothing is indexed twice.
Article ids derive from the file's bytes: the same file gets the same id in
every index.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import threading
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Callable, ContextManager, Iterable, Iterator

from newsidx import dedup, sources
from newsidx.provenance import extraction_fingerprint
from newsidx.extract import Article, extract_bytes
from newsidx.errors import StrictModeFailure
from newsidx.index import ArticleIndex, FileRecord, NewArticle, band_numbers
from newsidx.index.analysis import Analyzed, index_postings
from newsidx.models import FileProblem, IngestReport

# Index writes (an article and its file record are two) per commit: what a
# killed ingest can lose, about 10 s of work. Measured on 20,000 pages: batches
# of 1,000 made 20 small segments that had to be merged again; 10,000 leave 4.
DEFAULT_BATCH_SIZE = 10_000
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
WORKER_CHUNK = 16
MAX_IN_FLIGHT = 512
WRITES_PER_FILE = 2  # an article and its file record
WORKER_NICENESS = 5
LENT_WHILE_COMMITTING = 1024
ID_LENGTH = 10

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractTask:
    path: str
    size: int
    mtime_ns: int
    known_hash: str | None
    max_bytes: int


@dataclass(frozen=True)
class ExtractOutcome:
    task: ExtractTask
    file_hash: str = ""
    article: Article | None = None
    fingerprint: dedup.Fingerprint | None = None
    analyzed: dict[str, Analyzed] | None = None
    band_numbers: tuple[int, ...] = ()  # the fingerprint's band keys as the catalog stores them
    problem: str | None = None

    @property
    def content_unchanged(self) -> bool:
        return self.problem is None and self.article is None


def read_and_extract(task: ExtractTask) -> ExtractOutcome:
    """Worker: read one file, skip it if its bytes are as recorded, else extract it."""
    try:
        data = sources.read_source(task.path, task.max_bytes)
    except sources.SourceError as exc:
        return ExtractOutcome(task, problem=exc.reason)
    file_hash = sources.file_hash(data)
    if file_hash == task.known_hash:
        return ExtractOutcome(task, file_hash=file_hash)
    article = extract_bytes(data, task.path, task.mtime_ns / 1e9)
    if not article.body.strip() and not article.headline.strip():
        return ExtractOutcome(task, file_hash=file_hash, problem="no article text found")
    # Fingerprinting and analysis here, in the worker, keep them off the one
    # process that decides what each file becomes and writes the index.
    fingerprint = dedup.fingerprint(article.body)
    return ExtractOutcome(task, file_hash=file_hash, article=article,
                          fingerprint=fingerprint,
                          band_numbers=band_numbers(dedup.band_keys(fingerprint.signature)),
                          analyzed={name: Analyzed(*index_postings(text)) for name, text
                                    in (("headline", article.headline), ("body", article.body))})


def _start_worker() -> None:
    # Ctrl-C goes to the whole process group; only the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker holds no batch of postings: it collects as usual (the parent
    # forked it with collection paused, see _collector_paused).
    gc.enable()
    # The writing process is the one stage no other can stand in for: with
    # more processes than cores, it should not wait behind an extraction.
    # Side by side on 6,000 pages, two workers on two cores, six pairs: every
    # run with the workers niced was faster (median 0.957x the wall time).
    try:
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):  # no nice() on this platform, or not allowed
        pass


class _InFlight:
    """How many tasks may be out to the workers, extracted or not yet consumed.

    Writing to the index is slower than extracting: without a bound, workers
    ran far ahead and every extracted article waited in memory (672 MB at
    20,000 files). The feeder blocks once the bound is reached. While the
    writer commits a batch (a second or more in which it consumes nothing)
    the bound is widened, so that the workers go on extracting instead of
    idling half the machine; the slots lent are taken back as results are
    consumed afterwards. Only the consuming thread finishes, widens and repays.
    """

    def __init__(self, bound: int, lent_while_committing: int):
        self._slots = threading.Semaphore(bound)
        self._bound = bound
        self._lent = lent_while_committing
        self._owed = 0
        self.closed = False

    def acquire(self) -> None:
        self._slots.acquire()

    def finished(self, count: int) -> None:
        repaid = min(self._owed, count)
        self._owed -= repaid
        if count > repaid:
            self._slots.release(count - repaid)

    @contextmanager
    def widened(self) -> Iterator[None]:
        self._slots.release(self._lent)
        try:
            yield
        finally:
            self._owed += self._lent

    def close(self) -> None:
        self.closed = True
        self._slots.release(self._bound)  # wake the feeder so the pool can shut down


def _worker_count(jobs: int, tasks: list[ExtractTask]) -> int:
    """How many worker processes extract ``tasks``; 0: this process does."""
    return jobs if jobs > 1 and len(tasks) >= PARALLEL_THRESHOLD else 0


def _run_tasks(tasks: list[ExtractTask], workers: int, in_flight: _InFlight) -> Iterator[ExtractOutcome]:
    if not workers:
        yield from map(read_and_extract, tasks)
        return

    def feed() -> Iterator[ExtractTask]:
        for task in tasks:
            in_flight.acquire()
            if in_flight.closed:
                return
            yield task

    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker)
    try:
        for done, outcome in enumerate(pool.imap(read_and_extract, feed(), chunksize=WORKER_CHUNK), 1):
            # Slots go back a chunk at a time: one release per file kept the
            # feeder thread and this one contending for the interpreter lock.
            if done % WORKER_CHUNK == 0:
                in_flight.finished(WORKER_CHUNK)
            yield outcome
        pool.close()
    finally:
        in_flight.close()
        pool.terminate()
        pool.join()


def article_id_for(file_hash: str, salt: int = 0) -> str:
    """A short id from the file's bytes: the same file gets the same id in any
    index, on any machine, wherever it lives (ids in notes and citations stay valid).
    An edited file keeps the id it was first given (see ``_store``)."""
    key = file_hash if not salt else f"{file_hash}\0{salt}"
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()[:ID_LENGTH]


def _under(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class _Sync:
    """One ingest run: decisions for each file, applied through one IndexUpdate."""

    def __init__(self, update, records: dict[str, FileRecord], report: IngestReport,
                 batch_size: int, strict: bool, max_bytes: int = sources.DEFAULT_MAX_BYTES,
                 while_committing: Callable[[], ContextManager[None]] = nullcontext):
        self.update = update
        self.while_committing = while_committing
        self.records = records
        self.report = report
        self.batch_size = batch_size
        self.strict = strict
        self.max_bytes = max_bytes
        self.paths_per_article = Counter(r.article_id for r in records.values())

    def fail(self, path: str, reason: str) -> None:
        self.report.failed.append(FileProblem(path, reason))
        if self.strict:
            raise StrictModeFailure(path, reason)

    def apply(self, outcome: ExtractOutcome) -> None:
        task = outcome.task
        if outcome.problem:
            self.fail(task.path, outcome.problem)
        elif outcome.content_unchanged:
            # Touched but identical: remember the new mtime so the next run skips the read.
            old = self.records[task.path]
            self._put_file(FileRecord(task.path, task.size, task.mtime_ns, old.file_hash, old.article_id))
            self.report.unchanged += 1
        else:
            self._store(task, outcome.file_hash, outcome)
        self._commit_if_batch_full()

    def _commit_if_batch_full(self) -> None:
        if self.update.pending >= self.batch_size:
            self.commit()

    def commit(self) -> None:
        with self.while_committing():
            self.update.commit()
        gc.collect()  # the one collection of the batch (see _collector_paused)

    def worth_committing_early(self, files_left: int) -> bool:
        """Whether to commit now, when the files left can all go to the
        workers while the writer commits (see _InFlight.widened).

        The last commit of a run otherwise writes a whole batch while the
        workers have nothing left to do: on 20,000 pages, 2 s with one core
        idle, 4 % of the run. Committed while they extract the last files,
        the run ends with a small commit; it costs one small segment more.
        """
        return (files_left <= MAX_IN_FLIGHT + LENT_WHILE_COMMITTING
                and self.update.pending > 2 * WRITES_PER_FILE * files_left)

    def _store(self, task: ExtractTask, file_hash: str, outcome: ExtractOutcome) -> None:
        fingerprint = outcome.fingerprint
        old = self.records.get(task.path)
        old_id = old.article_id if old else None
        same_text = self.update.article_with_hash(fingerprint.body_hash)
        if same_text is not None:
            target = same_text
            if same_text != old_id:
                self.report.duplicate += 1
            else:
                self.report.updated += 1
                self._edited_holder(target, outcome)
        else:
            sole_owner = old_id is not None and self.paths_per_article[old_id] == 1
            target = old_id if sole_owner else self._fresh_id(file_hash)
            self.update.add_article(self._new_article(target, outcome), replace=sole_owner)
            if old is None:
                self.report.added += 1
            else:
                self.report.updated += 1
        if old_id is not None and old_id != target:
            self._release(old_id, leaving=task.path)
        self._put_file(FileRecord(task.path, task.size, task.mtime_ns, file_hash, target))

    def _new_article(self, article_id: str, outcome: ExtractOutcome) -> NewArticle:
        fingerprint = outcome.fingerprint
        group, nearest = article_id, None
        best = 0.0
        for candidate in self.update.near_duplicate_candidates(outcome.band_numbers):
            if candidate.id == article_id:
                continue
            similarity = dedup.similarity(fingerprint.signature, candidate.signature)
            if (similarity >= dedup.NEAR_DUPLICATE_THRESHOLD and similarity > best
                    and dedup.shares_a_band(fingerprint.signature, candidate.signature)):
                best, group, nearest = similarity, candidate.group, candidate.id
        return _article(article_id, group, outcome, nearest)

    def _edited_holder(self, article_id: str, outcome: ExtractOutcome) -> None:
        """A file edited without changing its body: if the article's fields came
        from it (or from no file on record), they are now what it says."""
        found = self.update.article_origin(article_id)
        if found is not None and found[0] in (outcome.task.path, None):
            self.update.add_article(_article(article_id, found[2], outcome), replace=True)

    def _reextract(self, article_id: str, leaving: str) -> None:
        """``leaving`` no longer holds the article: if the article's fields came
        from it, take them from a file that still holds the article."""
        found = self.update.article_origin(article_id)
        if found is None or found[0] not in (leaving, None):
            return
        _, body_hash, group = found
        for holder in self.update.holders(article_id):
            if holder.path == leaving:
                continue
            outcome = read_and_extract(ExtractTask(holder.path, holder.size, holder.mtime_ns, None, self.max_bytes))
            # A holder edited since it was ingested says something else: its
            # own ingest will sort it out, it cannot speak for this article.
            if outcome.article is not None and outcome.fingerprint.body_hash == body_hash:
                self.update.add_article(_article(article_id, group, outcome), replace=True)
                return

    def _fresh_id(self, file_hash: str) -> str:
        salt = 0
        while True:
            candidate = article_id_for(file_hash, salt)
            if not self.update.article_id_in_use(candidate):
                return candidate
            salt += 1

    def _put_file(self, record: FileRecord) -> None:
        old = self.records.get(record.path)
        self.update.put_file(record, replace=old is not None)
        if old is None or old.article_id != record.article_id:
            self.paths_per_article[record.article_id] += 1
        self.records[record.path] = record

    def _release(self, article_id: str, leaving: str) -> None:
        """One path fewer holds this article; the last one gone deletes it."""
        self.paths_per_article[article_id] -= 1
        if self.paths_per_article[article_id] <= 0:
            del self.paths_per_article[article_id]
            self.update.delete_article(article_id)
        else:
            self._reextract(article_id, leaving)

    def remove_file(self, path: str) -> None:
        record = self.records.pop(path)
        self.update.delete_file(path)
        self._release(record.article_id, leaving=path)
        self.report.removed += 1
        self._commit_if_batch_full()


def _article(article_id: str, group: str, outcome: ExtractOutcome, nearest: str | None = None) -> NewArticle:
    fingerprint = outcome.fingerprint
    return NewArticle(
        id=article_id, extracted=outcome.article, body_hash=fingerprint.body_hash,
        group=group, band_numbers=outcome.band_numbers, signature=fingerprint.signature,
        analyzed=outcome.analyzed, origin=outcome.task.path, nearest=nearest,
    )


class _CtrlC:
    """Ctrl-C as a flag, checked between two files (see :func:`_ctrl_c_between_files`)."""

    pressed = False

    def check(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector; the run collects once per batch.

    Why: until a batch is committed the index writer holds its postings in
    memory, millions of small objects, and every automatic collection of the
    oldest generation walked all of them: a tenth of the writing process's
    time on 6,000 generated pages. Ingest makes no reference cycles per file
    (a collection after 6,000 files found none), so one collection after each
    batch commit bounds what an unforeseen cycle could hold.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def _ctrl_c_between_files() -> Iterator[_CtrlC]:
    """Defer Ctrl-C to the next point between two files.

    Why: a KeyboardInterrupt raised wherever the main thread happened to be
    could land inside ``_Sync.apply`` (an article written, its file record not
    yet: the commit below kept the orphan and the re-run indexed the file a
    second time) or inside a Whoosh commit (retrying that commit then failed
    with a traceback). Only in the main thread with Python's default handler;
    installed once the lock is held, so Ctrl-C still interrupts ``--wait``.
    """
    flag = _CtrlC()
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield flag
        return

    def on_sigint(signum, frame):
        flag.pressed = True

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def _check_extraction(update, records: dict[str, FileRecord], report: IngestReport) -> None:
    """Record which extraction an empty index is filled by; say so when the
    files already indexed were extracted by another one. Unchanged files are
    not read again (that is what makes a re-run fast), so an upgrade's better
    extraction reaches them only through ``--rebuild``."""
    current = extraction_fingerprint()
    if current is None:
        return
    if not records:
        update.set_extraction(current)
    elif update.extraction() != current:
        report.notes.append(f"the {len(records)} files indexed before were extracted by another version of "
                            "newsidx; `newsidx ingest --rebuild` extracts them again with this one")


def ingest(index: ArticleIndex, paths: Iterable[str], *, pattern: str = "*.txt",
           max_bytes: int = sources.DEFAULT_MAX_BYTES, jobs: int | None = None,
           prune: bool = False, strict: bool = False, wait: bool = False,
           batch_size: int | None = None, progress: Progress | None = None) -> IngestReport:
    roots = [os.path.abspath(p) for p in paths]
    report = IngestReport()
    with (index.exclusive_update(wait=wait) as update, _ctrl_c_between_files() as ctrl_c,
          _collector_paused()):
        records = update.file_records()  # read under the lock: nobody else is writing
        _check_extraction(update, records, report)
        in_flight = _InFlight(MAX_IN_FLIGHT, LENT_WHILE_COMMITTING)
        sync = _Sync(update, records, report, batch_size or DEFAULT_BATCH_SIZE, strict, max_bytes)
        seen: set[str] = set()
        tasks: list[ExtractTask] = []
        # --strict and a problem met while discovering (broken symlink, loop):
        # failing at once would drop the files found before it, which are only
        # read after discovery; so stop discovering, ingest those, then fail.
        strict_stop: FileProblem | None = None
        try:
            for found in sources.discover(roots, pattern):
                ctrl_c.check()
                if isinstance(found, FileProblem):
                    if strict:
                        strict_stop = found
                        break
                    sync.fail(found.path, found.reason)
                    continue
                seen.add(found.path)
                known = records.get(found.path)
                if known and known.size == found.size and known.mtime_ns == found.mtime_ns:
                    report.unchanged += 1
                    continue
                tasks.append(ExtractTask(found.path, found.size, found.mtime_ns,
                                         known.file_hash if known else None, max_bytes))
            workers = _worker_count(jobs or os.cpu_count() or 1, tasks)
            if workers:  # without them, no one could use slots lent during a commit
                sync.while_committing = in_flight.widened
            committed_early = not workers  # without workers, nothing would go on during the commit
            for done, outcome in enumerate(_run_tasks(tasks, workers, in_flight), start=1):
                ctrl_c.check()
                sync.apply(outcome)
                if not committed_early and sync.worth_committing_early(len(tasks) - done):
                    committed_early = True
                    sync.commit()
                if progress:
                    progress(done, len(tasks))
            ctrl_c.check()
            if strict_stop is not None:
                sync.fail(strict_stop.path, strict_stop.reason)  # raises StrictModeFailure
        except KeyboardInterrupt:
            update.commit()  # keep every finished file: the next run picks up the rest
            report.interrupted = True
            return report
        except StrictModeFailure:
            update.commit()
            raise
        gone = sorted(p for p in records if p not in seen and _under(p, roots) and not os.path.lexists(p))
        if prune:
            for path in gone:
                sync.remove_file(path)
        else:
            report.missing = len(gone)
        update.commit()  # while Ctrl-C is still deferred
    return report
