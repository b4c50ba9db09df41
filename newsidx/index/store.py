"""Opening the index, the one-writer lock and batched commits.

Writes go through :class:`IndexUpdate`, which commits in batches: a process
killed half-way leaves an index holding every committed batch. A batch is
written to the catalog (SQLite, tagged with the Whoosh generation it belongs
to) and then to Whoosh, whose commit is atomic (a new table of contents is
written last); see :mod:`newsidx.index.catalog` for how the two agree after a
crash. Only one ``newsidx`` updates an index at a time; the lock is an OS
file lock, so the kernel releases it when its holder dies and a stale lock can
never block the next run.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import EmptyIndexError, IndexError as WhooshIndexError

from newsidx.errors import DamagedIndexError, IndexBusyError, NoIndexError
from newsidx.index.analysis import Analyzed
from newsidx.index.catalog import DATABASE as CATALOG_DATABASE
from newsidx.index.catalog import (
    Catalog, CatalogError, CatalogReader, DuplicateCandidate, FileRecord,
)
from newsidx.index.schema import build_schema

if TYPE_CHECKING:  # importing extraction or writing here would slow every `search` start-up
    from newsidx.extract import Article
    from newsidx.index.writing import ArticleSegmentWriter

LOCK_FILE = "newsidx-update.lock"
OLD_STORIES_DATABASE = "stories.sqlite"  # newsidx 0.x kept near-duplicate signatures here


@dataclass(frozen=True)
class NewArticle:
    """An extracted article with the identifiers the archive assigned it."""

    id: str
    extracted: Article
    body_hash: str
    group: str
    band_keys: tuple[str, ...]
    signature: tuple[int, ...]
    analyzed: dict[str, Analyzed] | None = None  # headline and body, analysed in a worker


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
    """An archive's index directory: Whoosh's segments and the catalog beside them."""

    def __init__(self, location: str, ix):
        self.location = location
        self._ix = ix
        self._catalog_path = os.path.join(location, CATALOG_DATABASE)

    @classmethod
    def open(cls, location: str) -> "ArticleIndex":
        storage = _storage(location)
        if storage is None or not storage.index_exists():
            raise NoIndexError(location)
        try:
            index = cls(location, storage.open_index())
            names = index._ix.schema.names()
        except (EmptyIndexError, WhooshIndexError, OSError, EOFError, ValueError) as exc:
            raise DamagedIndexError(f"cannot open the index at {location}: {exc}") from exc
        if "kind" in names or not os.path.exists(index._catalog_path):
            raise DamagedIndexError(
                f"the index at {location} was made by an older newsidx (or is missing "
                f"{CATALOG_DATABASE}); `newsidx ingest` rebuilds it")
        return index

    @classmethod
    def open_or_create(cls, location: str) -> "ArticleIndex":
        storage = _storage(location)
        if storage is not None and storage.index_exists():
            if not _made_by_newsidx_0(storage):
                return cls.open(location)
            # An index is derived from the files it lists: one in the format of
            # newsidx 0.x (bodies and file records inside Whoosh) is rebuilt by
            # this ingest rather than refused.
            for name in os.listdir(location):
                if name.startswith(("MAIN_", "_MAIN_")) or name == OLD_STORIES_DATABASE:
                    _remove_if_present(os.path.join(location, name))
        try:
            os.makedirs(location, exist_ok=True)
            # The catalog first: a reader that finds a Whoosh index finds its catalog.
            Catalog(os.path.join(location, CATALOG_DATABASE)).close()
            return cls(location, _storage(location).create_index(build_schema()))
        except (OSError, CatalogError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise DamagedIndexError(f"cannot create an index at {location}: {reason}") from exc

    def _catalog_reader(self, generation: int) -> CatalogReader:
        try:
            return CatalogReader(self._catalog_path, generation)
        except CatalogError as exc:
            raise DamagedIndexError(f"cannot read the index at {self.location}: {exc}") from exc

    def searcher(self):
        from newsidx.index.query import ArticleSearcher

        searcher = self._ix.searcher()
        generation = searcher.reader().generation()
        if generation is None or generation < 0:  # an index with no segment at all
            generation = self._ix.latest_generation()
        return ArticleSearcher(searcher, self._catalog_reader(generation))

    def size_bytes(self) -> int:
        total = 0
        for entry in os.scandir(self.location):
            if entry.is_file(follow_symlinks=False):
                total += entry.stat().st_size
        return total

    def file_records(self) -> dict[str, FileRecord]:
        """Every file the last committed batch knows, by path."""
        reader = self._catalog_reader(self._ix.latest_generation())
        try:
            return reader.file_records()
        finally:
            reader.close()

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
            try:
                catalog = Catalog(self._catalog_path)
                catalog.recover(self._ix.latest_generation())
            except (CatalogError, sqlite3.Error) as exc:
                raise DamagedIndexError(f"cannot update the index at {self.location}: {exc}") from exc
            update = IndexUpdate(self._ix, catalog)
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


class IndexStorage(FileStorage):
    """The index folder, without mmap, and with writers' scratch space in memory.

    Without mmap: every searcher copied each file part it opened into a new
    buffer, which made a search on a 20,000-article index ~35 % slower.
    Scratch in memory: these writers keep postings in memory and never spill,
    so Whoosh's scratch folder (``MAIN.tmp``, created and deleted at every
    commit) is not needed.
    """

    supports_mmap = False

    def temp_storage(self, name=None):
        return RamStorage()


def _made_by_newsidx_0(storage: IndexStorage) -> bool:
    try:
        return "kind" in storage.open_index().schema.names()
    except Exception:  # unreadable: open() reports it properly
        return False


def _remove_if_present(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _storage(location: str) -> IndexStorage | None:
    if not os.path.isdir(location):
        return None
    return IndexStorage(location)


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


class IndexUpdate:
    """Writes to the index in batches; lookups see committed and pending writes
    (the catalog sees its own uncommitted rows)."""

    def __init__(self, ix, catalog: Catalog):
        self._ix = ix
        self._catalog = catalog
        self._writer: "ArticleSegmentWriter | None" = None
        self.pending = 0

    def _w(self) -> "ArticleSegmentWriter":
        if self._writer is None:
            from newsidx.index.writing import ArticleSegmentWriter

            self._writer = ArticleSegmentWriter(self._ix)
            if self._writer.generation != self._catalog.generation:
                raise DamagedIndexError(
                    f"the index changed under this update (generation {self._writer.generation}, "
                    f"catalog expects {self._catalog.generation})")
        return self._writer

    # -- lookups -----------------------------------------------------------
    def article_id_in_use(self, article_id: str) -> bool:
        return self._catalog.article_id_in_use(article_id)

    def article_with_hash(self, body_hash: str) -> str | None:
        return self._catalog.article_with_hash(body_hash)

    def near_duplicate_candidates(self, band_keys: tuple[str, ...]) -> list[DuplicateCandidate]:
        return self._catalog.candidates(band_keys)

    def file_records(self) -> dict[str, FileRecord]:
        return self._catalog.file_records()

    # -- writes ------------------------------------------------------------
    def add_article(self, article: NewArticle, replace: bool) -> None:
        extracted = article.extracted
        fields = dict(
            id=article.id, headline=extracted.headline, body=extracted.body,
            date_text=extracted.date, date_source=extracted.date_source,
            source=extracted.source or "", dateline=extracted.dateline or "",
            byline=extracted.byline or "", word_count=len(extracted.body.split()),
            warnings=list(extracted.warnings), group=article.group,
        )
        if extracted.source:
            fields["outlet"] = extracted.source.encode("utf-8")
        for name, analyzed in (article.analyzed or {}).items():
            fields[f"_stored_{name}"] = fields[name]
            fields[name] = analyzed
        when = _as_index_datetime(extracted.date)
        if when is not None:
            fields["date"] = when
        writer = self._w()
        if replace:
            writer.delete_by_term("id", article.id)
        writer.add_document(**fields)
        self._catalog.put_article(article.id, article.body_hash, article.group,
                                  article.signature, article.band_keys, extracted.body)
        self.pending += 1

    def delete_article(self, article_id: str) -> None:
        self._w().delete_by_term("id", article_id)
        self._catalog.delete_article(article_id)
        self.pending += 1

    def put_file(self, record: FileRecord) -> None:
        self._catalog.put_file(record)
        self.pending += 1

    def delete_file(self, path: str) -> None:
        self._catalog.delete_file(path)
        self.pending += 1

    # -- commits -----------------------------------------------------------
    def commit(self) -> None:
        if not self.pending:
            return
        # Even a batch of file records alone commits Whoosh: the catalog's rows
        # become visible only when the index reaches their generation.
        writer = self._w()
        self._catalog.commit()
        writer.commit()
        self._writer = None
        self._catalog.committed(writer.generation)
        self.pending = 0

    def cancel(self) -> None:
        self._catalog.rollback()
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self.pending = 0

    def close(self) -> None:
        self.cancel()
        self._catalog.close()
