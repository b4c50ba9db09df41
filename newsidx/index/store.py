"""Opening the index, the one-writer lock, batched commits and file records.

Writes go through :class:`IndexUpdate`, which commits in batches: a process
killed half-way leaves an index holding every committed batch, and Whoosh
commits atomically (a new table of contents is written last), so readers never
see a half-written batch. Only one ``newsidx`` updates an index at a time; the
lock is an OS file lock, so the kernel releases it when its holder dies and a
stale lock can never block the next run.
"""

from __future__ import annotations

import errno
import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError, IndexError as WhooshIndexError
from whoosh.query import Term

from newsidx.errors import DamagedIndexError, IndexBusyError, NoIndexError
from newsidx.index.schema import (
    ARTICLE, FILE, SEARCH_FIELDS, AnalyzableText, PreAnalyzed, build_schema,
)
from newsidx.index.stories import DATABASE as STORIES_DATABASE
from newsidx.index.stories import DuplicateCandidate, StoryTable

if TYPE_CHECKING:  # importing extraction here would slow every `search` start-up
    from newsidx.extract import Article

LOCK_FILE = "newsidx-update.lock"
WRITER_MEMORY_MB = 128


@dataclass(frozen=True)
class FileRecord:
    """What the index remembers about one file on disk, to skip it next time."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str
    article_id: str


@dataclass(frozen=True)
class NewArticle:
    """An extracted article with the identifiers the archive assigned it."""

    id: str
    extracted: Article
    content_hash: str
    group: str
    band_keys: tuple[str, ...]
    signature: tuple[int, ...]
    postings: dict[str, PreAnalyzed] | None = None  # from schema.preanalyze, if done already


def _as_index_datetime(iso: str | None) -> datetime | None:
    """Whoosh sorts and ranges naive datetimes: store UTC for timestamps with a zone."""
    if not iso:
        return None
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


class ArticleIndex:
    """A Whoosh index of articles and file records in one directory."""

    def __init__(self, location: str, ix):
        self.location = location
        self._ix = ix

    @classmethod
    def open(cls, location: str) -> "ArticleIndex":
        storage = _storage(location)
        if storage is None or not storage.index_exists():
            raise NoIndexError(location)
        try:
            return cls(location, storage.open_index())
        except (EmptyIndexError, WhooshIndexError, OSError, EOFError, ValueError) as exc:
            raise DamagedIndexError(f"cannot open the index at {location}: {exc}") from exc

    @classmethod
    def open_or_create(cls, location: str) -> "ArticleIndex":
        storage = _storage(location)
        if storage is not None and storage.index_exists():
            return cls.open(location)
        try:
            os.makedirs(location, exist_ok=True)
            return cls(location, _storage(location).create_index(build_schema()))
        except OSError as exc:
            raise DamagedIndexError(f"cannot create an index at {location}: {exc.strerror or exc}") from exc

    def searcher(self):
        from newsidx.index.query import ArticleSearcher

        return ArticleSearcher(self._ix.searcher(), self._ix.schema)

    def size_bytes(self) -> int:
        total = 0
        for entry in os.scandir(self.location):
            if entry.is_file(follow_symlinks=False):
                total += entry.stat().st_size
        return total

    def file_records(self) -> dict[str, FileRecord]:
        with self._ix.searcher() as searcher:
            records = {}
            for docnum in searcher.docs_for_query(Term("kind", FILE)):
                fields = searcher.stored_fields(docnum)
                records[fields["file_path"]] = FileRecord(
                    fields["file_path"], fields["file_size"], fields["file_mtime_ns"],
                    fields["file_hash"], fields["article_id"],
                )
            return records

    @contextmanager
    def exclusive_update(self, wait: bool = False) -> Iterator["IndexUpdate"]:
        """Hold the update lock for a whole run, committing in batches inside it."""
        lock_path = os.path.join(self.location, LOCK_FILE)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                raise IndexBusyError(_read_pid(fd)) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            update = IndexUpdate(self._ix, StoryTable(os.path.join(self.location, STORIES_DATABASE)))
            try:
                yield update
            except BaseException:
                # An unexpected error may have left the batch half-applied: drop it.
                # Callers that want to keep work on Ctrl-C commit before re-raising.
                update.cancel()
                raise
            else:
                update.commit()
            finally:
                update.close()
        finally:
            os.close(fd)  # closing releases the flock


def path_term(path: str) -> str:
    """The indexed ``file_path`` term of a path (the stored value is the exact path).

    Whoosh encodes terms as strict UTF-8, so a file name that is not valid UTF-8
    (held as surrogate escapes, see newsidx.sources) made ingest crash with a
    UnicodeEncodeError. Such a path is indexed as ``bytes:`` + the hex of its
    bytes instead: reversible, and no real path (always absolute: "/...") can
    collide with it. Valid UTF-8 paths are indexed as they are, as before.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "bytes:" + os.fsencode(path).hex()
    return path


def _storage(location: str) -> FileStorage | None:
    """Whoosh storage without mmap: with mmap, every searcher copies each file
    part it opens into a new buffer, which made a search on a 20,000-article
    index ~35 % slower (benchmarks/bench.py)."""
    if not os.path.isdir(location):
        return None
    return FileStorage(location, supports_mmap=False)


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


class IndexUpdate:
    """Writes to the index in batches; lookups see committed and pending writes."""

    def __init__(self, ix, stories: StoryTable):
        self._ix = ix
        self._stories = stories
        self._writer = None
        self._searcher = ix.searcher()
        # Index.schema re-reads the table of contents from disk on every access.
        schema = ix.schema
        self._takes_postings = all(isinstance(schema[name], AnalyzableText) for name in SEARCH_FIELDS)
        self.pending = 0
        # Writes not yet committed are invisible to the searcher: track what
        # later documents in the same batch may need to find.
        self._pending_hashes: dict[str, str] = {}
        self._pending_ids: set[str] = set()
        # Ids whose *committed* document is void in this batch (deleted or
        # replaced): the searcher still returns their old content hash.
        self._deleted_ids: set[str] = set()

    def _w(self):
        if self._writer is None:
            self._writer = self._ix.writer(limitmb=WRITER_MEMORY_MB)
        return self._writer

    # -- lookups -----------------------------------------------------------
    def article_id_in_use(self, article_id: str) -> bool:
        if article_id in self._pending_ids:
            return True
        if article_id in self._deleted_ids:
            return False
        return self._searcher.document_number(id=article_id) is not None

    def article_with_hash(self, content_hash: str) -> str | None:
        if content_hash in self._pending_hashes:
            return self._pending_hashes[content_hash]
        query = Term("content_hash", content_hash)
        for docnum in self._searcher.docs_for_query(query):
            article_id = self._searcher.stored_fields(docnum)["id"]
            if article_id not in self._deleted_ids:
                return article_id
        return None

    def near_duplicate_candidates(self, band_keys: tuple[str, ...]) -> list[DuplicateCandidate]:
        return self._stories.candidates(band_keys)

    # -- writes ------------------------------------------------------------
    def add_article(self, article: NewArticle, replace: bool) -> None:
        extracted = article.extracted
        fields = dict(
            kind=ARTICLE, id=article.id, headline=extracted.headline, body=extracted.body,
            date_text=extracted.date, date_source=extracted.date_source,
            source=extracted.source or "", dateline=extracted.dateline or "",
            byline=extracted.byline or "", word_count=len(extracted.body.split()),
            warnings=list(extracted.warnings), content_hash=article.content_hash,
            group=article.group,
        )
        if article.postings and self._takes_postings:
            for name, postings in article.postings.items():
                fields[f"_stored_{name}"] = fields[name]
                fields[name] = postings
        when = _as_index_datetime(extracted.date)
        if when is not None:
            fields["date"] = when
        if replace:
            self._w().update_document(**fields)
        else:
            self._w().add_document(**fields)
        # A replaced (or deleted then re-added) article's committed version is
        # stale: without this, a file holding its *old* text later in the batch
        # was matched by content hash to an article that no longer has that text,
        # and the text vanished from the index (a.txt edited while c.txt takes
        # a.txt's old text). article_id_in_use checks _pending_ids first, so the
        # id still counts as in use.
        if replace:
            self._deleted_ids.add(article.id)
        self._pending_ids.add(article.id)
        self._pending_hashes[article.content_hash] = article.id
        self._stories.put(article.id, article.group, article.signature, article.band_keys)
        self.pending += 1

    def delete_article(self, article_id: str) -> None:
        self._w().delete_by_term("id", article_id)
        self._stories.delete(article_id)
        self._pending_ids.discard(article_id)
        self._deleted_ids.add(article_id)
        for content_hash, pending_id in list(self._pending_hashes.items()):
            if pending_id == article_id:
                del self._pending_hashes[content_hash]
        self.pending += 1

    def put_file(self, record: FileRecord, replace: bool) -> None:
        fields = dict(
            kind=FILE, file_path=path_term(record.path), _stored_file_path=record.path,
            file_size=record.size,
            file_mtime_ns=record.mtime_ns, file_hash=record.content_hash,
            article_id=record.article_id,
        )
        if replace:
            self._w().update_document(**fields)
        else:
            self._w().add_document(**fields)
        self.pending += 1

    def delete_file(self, path: str) -> None:
        self._w().delete_by_term("file_path", path_term(path))
        self.pending += 1

    # -- commits -----------------------------------------------------------
    def commit(self) -> None:
        self._stories.commit()  # first: see newsidx.index.stories on crash consistency
        if self._writer is not None:
            self._writer.commit()
            self._writer = None
            self._searcher.close()
            self._searcher = self._ix.searcher()
        self._pending_hashes.clear()
        self._pending_ids.clear()
        self._deleted_ids.clear()
        self.pending = 0

    def cancel(self) -> None:
        self._stories.rollback()
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    def close(self) -> None:
        self.cancel()
        self._searcher.close()
        self._stories.close()
