"""Opening the index, the one-writer lock and batched commits.

Writes go through :class:`IndexUpdate`, which commits in batches: a process
killed half-way leaves an index holding every committed batch. A batch is
written to the catalog (SQLite, tagged with the Whoosh generation it belongs
to) and then to Whoosh, whose commit is atomic (a new table of contents is
written last); see :mod:`newsidx.index.catalog` for how the two agree after a
crash. Only one ``newsidx`` updates an index at a time; the lock is an OS
file lock, so the kernel releases it when its holder dies and a stale lock can
never block the next run.

Damage is found where the index is read, and reported as
:class:`~newsidx.errors.DamagedIndexError` (which says how to rebuild): a table
of contents that is missing or cannot be read, a segment file missing or not
the size it had when its generation was committed (the catalog records the
sizes), a catalog that cannot be read. :func:`rebuild_beside` builds a new
index next to a damaged one and swaps it in once it is complete.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterator

from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import TOC

from newsidx.errors import (
    DamagedIndexError, IndexBusyError, IndexFormatError, IndexLocationError, NewsidxError, NoIndexError,
    OldIndexError,
)
from newsidx.index.analysis import Analyzed
from newsidx.index.catalog import DATABASE as CATALOG_DATABASE
from newsidx.index.catalog import (
    EXTRACTION_SETTING, Catalog, CatalogError, CatalogFormatError, CatalogReader, CatalogReadOnlyError,
    DuplicateCandidate, FileRecord, known_paths,
)
from newsidx.index.schema import build_schema

if TYPE_CHECKING:  # importing extraction or writing here would slow every `search` start-up
    from newsidx.extract import Article
    from newsidx.index.writing import ArticleSegmentWriter

LOCK_FILE = "newsidx-update.lock"
OLD_STORIES_DATABASE = "stories.sqlite"  # newsidx 0.x kept near-duplicate signatures here
INDEX_NAME = "MAIN"  # Whoosh's: segment files are MAIN_<segment>.<part>, the TOC _MAIN_<generation>.toc
WHOOSH_LOCK = f"{INDEX_NAME}_WRITELOCK"
# A reader that lost a race with a commit (its TOC, or a segment the commit
# merged away, deleted under it) opens the new generation instead.
OPEN_ATTEMPTS = 3
_READ_ONLY_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


@dataclass(frozen=True)
class NewArticle:
    """An extracted article with the identifiers the archive assigned it."""

    id: str
    extracted: Article
    body_hash: str
    group: str
    band_numbers: tuple[int, ...]  # catalog.band_numbers of the signature's band keys
    signature: tuple[int, ...]
    analyzed: dict[str, Analyzed] | None = None  # headline and body, analysed in a worker
    origin: str | None = None  # the file the headline and other fields were extracted from
    nearest: str | None = None  # the most alike article, whose body this one's is kept as a difference from


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
        if storage is None:
            raise NoIndexError(location)
        toc = _read_toc(storage, location)
        if "kind" in toc.schema.names():
            raise OldIndexError(location)
        index = cls(location, storage.open_index(schema=toc.schema))
        if not os.path.exists(index._catalog_path):
            raise DamagedIndexError(location, f"its catalog ({CATALOG_DATABASE}) is missing", lost_paths=True)
        return index

    @classmethod
    def open_or_create(cls, location: str) -> "ArticleIndex":
        storage = _storage(location)
        if storage is not None and _has_toc(storage):
            if not _made_by_newsidx_0(storage):
                return cls.open(location)
            # An index is derived from the files it lists: one in the format of
            # newsidx 0.x (bodies and file records inside Whoosh) is rebuilt by
            # this ingest rather than refused.
            for name in os.listdir(location):
                if name.startswith(("MAIN_", "_MAIN_")) or name == OLD_STORIES_DATABASE:
                    _remove_if_present(os.path.join(location, name))
        elif storage is not None and _segment_files(location):
            # Without it the segments beside are unreachable: creating a new
            # index here would bury them, and every article with them.
            raise DamagedIndexError(location, "its table of contents (_MAIN_<n>.toc) is missing "
                                              "beside its segment files")
        try:
            os.makedirs(location, exist_ok=True)
            # The catalog first: a reader that finds a Whoosh index finds its catalog.
            Catalog(os.path.join(location, CATALOG_DATABASE)).close()
            return cls(location, IndexStorage(location).create_index(build_schema()))
        except (OSError, CatalogError) as exc:
            reason = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else exc
            raise IndexLocationError(f"cannot create an index at {location}: {reason}") from exc

    def _catalog_reader(self, generation: int) -> CatalogReader:
        try:
            return CatalogReader(self._catalog_path, generation)
        except CatalogFormatError as exc:
            raise IndexFormatError(self.location, exc.reason) from exc
        except CatalogError as exc:
            raise DamagedIndexError(self.location, _catalog_problem(exc), lost_paths=True) from exc

    def searcher(self):
        """A searcher over the last committed generation, its files checked first."""
        from whoosh.searching import Searcher

        from newsidx.index.query import ArticleSearcher

        for attempt in range(OPEN_ATTEMPTS):
            toc = _read_toc(self._ix.storage, self.location)
            catalog = self._catalog_reader(toc.generation)
            problem = _damaged_files(self.location, toc, catalog.index_files())
            if problem is None:
                try:
                    reader = self._ix._reader(self._ix.storage, toc.schema, toc.segments, toc.generation)
                except Exception as exc:  # noqa: BLE001 -- see _read_toc: a file that fails to open is damaged
                    problem = f"a segment cannot be read ({_cause(exc)})"
                else:
                    return ArticleSearcher(Searcher(reader, fromindex=self._ix), catalog, self.location)
            catalog.close()
            if self._ix.latest_generation() == toc.generation or attempt == OPEN_ATTEMPTS - 1:
                raise DamagedIndexError(self.location, problem)
        raise AssertionError("unreachable")

    def size_bytes(self) -> int:
        total = 0
        for entry in os.scandir(self.location):
            if entry.is_file(follow_symlinks=False):
                total += entry.stat().st_size
        return total

    def file_records(self) -> dict[str, FileRecord]:
        """Every file the last committed batch knows, by path."""
        reader = self._catalog_reader(_read_toc(self._ix.storage, self.location).generation)
        try:
            return reader.file_records()
        finally:
            reader.close()

    @contextmanager
    def exclusive_update(self, wait: bool = False) -> Iterator["IndexUpdate"]:
        """Hold the update lock for a whole run, committing in batches inside it."""
        fd = _lock(self.location, wait)
        try:
            _check_writable(self.location)
            catalog = self._checked_catalog()
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

    def _checked_catalog(self) -> Catalog:
        """The writer's catalog, agreeing with the index, whose files are as committed:
        a writer that went on over damage would merge it into new segments."""
        toc = _read_toc(self._ix.storage, self.location)
        try:
            catalog = Catalog(self._catalog_path, expect_existing=toc.generation > 0)
        except CatalogReadOnlyError as exc:
            raise IndexLocationError(f"cannot update the index at {self.location}: its catalog is "
                                     "read-only (search, show and stats still work)") from exc
        except CatalogFormatError as exc:
            raise IndexFormatError(self.location, exc.reason) from exc
        except CatalogError as exc:
            raise DamagedIndexError(self.location, _catalog_problem(exc), lost_paths=True) from exc
        try:
            problem = _damaged_files(self.location, toc, catalog.index_files(toc.generation))
            if problem is not None:
                raise DamagedIndexError(self.location, problem)
            catalog.recover(toc.generation)
        except sqlite3.Error as exc:
            catalog.close()
            raise DamagedIndexError(self.location, _catalog_problem(exc), lost_paths=True) from exc
        except BaseException:
            catalog.close()
            raise
        return catalog


def _catalog_problem(exc: Exception) -> str:
    reason = exc.reason if isinstance(exc, CatalogError) else str(exc)
    return f"its catalog {CATALOG_DATABASE} cannot be read ({reason})"


def _cause(exc: BaseException) -> str:
    """An exception as the end of a one-line message (the file name, if any, kept)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {os.path.basename(exc.filename)}" if exc.filename else ""
        return f"{exc.strerror.lower()}:{where}" if where else exc.strerror.lower()
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _has_toc(storage: "IndexStorage") -> bool:
    return TOC._latest_generation(storage, INDEX_NAME) >= 0


def _segment_files(location: str) -> list[str]:
    try:
        names = os.listdir(location)
    except OSError:
        return []
    return [name for name in names if name.startswith(INDEX_NAME + "_") and name != WHOOSH_LOCK]


def _read_toc(storage: "IndexStorage", location: str):
    """The newest table of contents (schema, segments, generation)."""
    for attempt in range(OPEN_ATTEMPTS):
        generation = TOC._latest_generation(storage, INDEX_NAME)
        if generation < 0:
            if _segment_files(location):
                raise DamagedIndexError(location, "its table of contents (_MAIN_<n>.toc) is missing "
                                                  "beside its segment files")
            raise NoIndexError(location)
        name = TOC._filename(INDEX_NAME, generation)
        try:
            return TOC.read(storage, INDEX_NAME, generation)
        except FileNotFoundError:
            if attempt == OPEN_ATTEMPTS - 1:
                raise DamagedIndexError(location, f"its table of contents {name} vanished while read") from None
        # Any error: the file is a few pickles and integers that Whoosh reads
        # without checks, so a cut or overwritten one fails as whatever the
        # bytes happen to break (EOFError, which click reports as "Aborted!",
        # UnpicklingError, struct.error, TypeError, Whoosh's IndexError...).
        except Exception as exc:  # noqa: BLE001
            raise DamagedIndexError(location, f"its table of contents {name} cannot be read "
                                              f"({_cause(exc)})") from exc
    raise AssertionError("unreachable")


def _damaged_files(location: str, toc, recorded: dict[str, int] | None) -> str | None:
    """What is wrong with the files of ``toc``'s generation, or None.

    With the sizes the writer recorded, every file is checked (one stat each);
    a generation committed before sizes were recorded can only be checked for
    the two files every segment has.
    """
    if recorded is None:
        present = set(os.listdir(location))
        recorded = {}
        for segment in toc.segments:
            stem = segment.segment_id()
            if f"{stem}.seg" not in present:  # not a compound segment
                missing = [f"{stem}.{part}" for part in ("trm", "pst") if f"{stem}.{part}" not in present]
                if missing:
                    return f"segment file {missing[0]} is missing"
        return None
    for name, size in sorted(recorded.items()):
        try:
            actual = os.stat(os.path.join(location, name)).st_size
        except FileNotFoundError:
            return f"{'table of contents' if name.endswith('.toc') else 'segment file'} {name} is missing"
        except OSError as exc:
            return f"{name} cannot be read ({_cause(exc)})"
        if actual != size:
            return (f"{'table of contents' if name.endswith('.toc') else 'segment file'} {name} "
                    f"has {actual} bytes where {size} were written (cut short or overwritten)")
    return None


def _generation_files(location: str, generation: int) -> dict[str, int]:
    """{name: size} of the table of contents of ``generation`` and its segments' files."""
    storage = IndexStorage(location)
    toc_name = TOC._filename(INDEX_NAME, generation)
    stems = {segment.segment_id() + "." for segment in TOC.read(storage, INDEX_NAME, generation).segments}
    files = {}
    for entry in os.scandir(location):
        if entry.name == toc_name or entry.name[:entry.name.find(".") + 1] in stems:
            files[entry.name] = entry.stat().st_size
    return files


def _lock(location: str, wait: bool) -> int:
    """Take the update lock of the index at ``location``; its file descriptor."""
    lock_path = os.path.join(location, LOCK_FILE)
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _not_writable(location, exc) from exc
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                raise IndexBusyError(_read_pid(fd)) from None
            # A rebuild swaps a whole new folder in: a run that waited on the
            # old folder's lock must take the new one's.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(lock_path))
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.pwrite(fd, str(os.getpid()).encode(), 0)
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _not_writable(location: str, exc: OSError) -> NewsidxError:
    if exc.errno in _READ_ONLY_ERRNOS:
        return IndexLocationError(f"cannot update the index at {location}: its folder is read-only "
                                  f"({exc.strerror.lower()}); search, show and stats still work")
    if exc.errno in (errno.ENOTDIR, errno.ENOENT):
        return IndexLocationError(f"cannot update the index at {location}: it is not a folder")
    return IndexLocationError(f"cannot update the index at {location}: {_cause(exc)}")


def _check_writable(location: str) -> None:
    """Fail before any work if the index folder cannot take new files (a
    read-only mount, an immutable folder, permissions): Whoosh finds out only
    when it writes a segment, after the whole batch was extracted."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".newsidx-probe-", dir=location)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise _not_writable(location, exc) from exc


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
    except Exception:  # noqa: BLE001 -- unreadable: open() reports it properly
        return False


def _remove_if_present(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _storage(location: str) -> IndexStorage | None:
    if not os.path.isdir(location):
        # Asked again: the first ingest may create the folder between the two
        # checks, and a search then must not call it "not a folder".
        if os.path.lexists(location) and not os.path.isdir(location):
            raise IndexLocationError(f"the index location {location} is not a folder; "
                                     "point --index / NEWSIDX_INDEX at a folder")
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
        self._written: set[str] = set()  # ids of the articles added in this batch
        self.pending = 0

    def _w(self) -> "ArticleSegmentWriter":
        if self._writer is None:
            from newsidx.index.writing import ArticleSegmentWriter

            self._writer = ArticleSegmentWriter(self._ix)
            if self._writer.generation != self._catalog.generation:
                raise DamagedIndexError(
                    self._ix.storage.folder,
                    f"the index changed under this update (generation {self._writer.generation}, "
                    f"catalog expects {self._catalog.generation})")
        return self._writer

    # -- lookups -----------------------------------------------------------
    def extraction(self) -> str | None:
        """The fingerprint of the extraction the index's articles were made
        with (``set_extraction``), None if not recorded (an index made by a
        newsidx that did not record it)."""
        return self._catalog.setting(EXTRACTION_SETTING)

    def set_extraction(self, fingerprint: str) -> None:
        self._catalog.set_setting(EXTRACTION_SETTING, fingerprint)

    def article_id_in_use(self, article_id: str) -> bool:
        return self._catalog.article_id_in_use(article_id)

    def article_with_hash(self, body_hash: str) -> str | None:
        return self._catalog.article_with_hash(body_hash)

    def near_duplicate_candidates(self, band_numbers: tuple[int, ...]) -> list[DuplicateCandidate]:
        return self._catalog.candidates(band_numbers)

    def file_records(self) -> dict[str, FileRecord]:
        return self._catalog.file_records()

    def holders(self, article_id: str) -> list[FileRecord]:
        return self._catalog.holders(article_id)

    def article_origin(self, article_id: str) -> tuple[str | None, str, str] | None:
        return self._catalog.article_origin(article_id)

    def _settle(self, article_id: str) -> None:
        # Whoosh deletes only committed documents: an article added in this
        # batch and replaced or deleted in it would stay, twice.
        if article_id in self._written:
            self.commit()

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
        self._settle(article.id)
        writer = self._w()
        if replace:
            writer.delete_by_term("id", article.id)
        writer.add_document(**fields)
        self._catalog.put_article(article.id, article.body_hash, article.group,
                                  article.signature, article.band_numbers, extracted.body, article.origin,
                                  replace=replace, nearest=article.nearest)
        self._written.add(article.id)
        self.pending += 1

    def delete_article(self, article_id: str) -> None:
        self._settle(article_id)
        self._w().delete_by_term("id", article_id)
        self._catalog.delete_article(article_id)
        self.pending += 1

    def put_file(self, record: FileRecord, replace: bool = True) -> None:
        self._catalog.put_file(record, replace)
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
        # The sizes of this generation's files, so readers and the next writer
        # notice a file cut short or deleted before they read it.
        self._catalog.committed(writer.generation,
                                _generation_files(self._ix.storage.folder, writer.generation))
        self._written.clear()
        self.pending = 0

    def cancel(self) -> None:
        self._catalog.rollback()
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None
        self._written.clear()
        self.pending = 0

    def close(self) -> None:
        self.cancel()
        self._catalog.close()


# -- rebuilding ----------------------------------------------------------------

# What an index folder holds besides the user's own files, which a rebuild keeps.
_INDEX_FILE_PREFIXES = (f"{INDEX_NAME}_", f"_{INDEX_NAME}_", CATALOG_DATABASE, OLD_STORIES_DATABASE,
                        LOCK_FILE, ".newsidx-")


class Rebuild:
    """A new index being built beside the one at ``location`` (see :func:`rebuild_beside`).

    ``known_paths``: every file the old catalog lists, or None when it cannot
    be read (``catalog_problem`` says why) or there is no old index.
    """

    def __init__(self, location: str, build: str, known: list[str] | None, catalog_problem: str | None):
        self.location = location
        self.index = ArticleIndex.open_or_create(build)
        self.known_paths = known
        self.catalog_problem = catalog_problem
        self.swapped = False
        self._build = build

    def swap(self) -> None:
        """Put the new index in place of the old one, in one rename where the
        system can exchange two folders (Linux), and remove the old one."""
        if not os.path.isdir(self.location):
            os.makedirs(os.path.dirname(self.location), exist_ok=True)
            os.rename(self._build, self.location)
        else:
            try:
                _exchange(self._build, self.location)
            except OSError:  # no renameat2 (another system, an old kernel or file system)
                aside = self._build + ".old"
                os.rename(self.location, aside)  # from here to the next rename, no index
                os.rename(self._build, self.location)
                os.rename(aside, self._build)
            _move_foreign_files(self._build, self.location)
        self.swapped = True
        shutil.rmtree(self._build, ignore_errors=True)


@contextmanager
def rebuild_beside(location: str, wait: bool = False) -> Iterator[Rebuild]:
    """Build a new index in a hidden folder beside ``location``; call
    :meth:`Rebuild.swap` once it is complete, else it is deleted on exit and the
    old index stays as it was. The old index's lock is held throughout, so no
    ingest changes it meanwhile (its work would be lost in the swap)."""
    # The folder itself, not a symlink to it: swapping the link would leave the
    # old index where it is and put a folder where the link was.
    location = os.path.realpath(location)
    parent, name = os.path.split(location)
    if os.path.lexists(location) and not os.path.isdir(location):
        raise IndexLocationError(f"the index location {location} is not a folder; "
                                 "point --index / NEWSIDX_INDEX at a folder")
    fd = _lock(location, wait) if os.path.isdir(location) else None
    try:
        known, problem = None, None
        if fd is not None:
            try:
                known = known_paths(os.path.join(location, CATALOG_DATABASE))
            except CatalogError as exc:
                problem = _catalog_problem(exc)
        try:
            os.makedirs(parent, exist_ok=True)
            for stale in os.listdir(parent):  # left by a rebuild that was killed
                if stale.startswith(f".{name}.rebuild-"):
                    shutil.rmtree(os.path.join(parent, stale), ignore_errors=True)
            build = tempfile.mkdtemp(prefix=f".{name}.rebuild-", dir=parent)
        except OSError as exc:
            raise IndexLocationError(f"cannot rebuild the index at {location}: no room for a new one "
                                     f"beside it ({_cause(exc)})") from exc
        try:
            rebuild = Rebuild(location, build, known, problem)
            yield rebuild
        finally:
            if os.path.isdir(build):
                shutil.rmtree(build, ignore_errors=True)
    finally:
        if fd is not None:
            os.close(fd)


def _exchange(first: str, second: str) -> None:
    """Swap two folders atomically: renameat2(RENAME_EXCHANGE)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), first)


def _move_foreign_files(old: str, new: str) -> None:
    """The user's own files in the old index folder follow it to the new one."""
    for name in os.listdir(old):
        if not name.startswith(_INDEX_FILE_PREFIXES) and not os.path.lexists(os.path.join(new, name)):
            os.rename(os.path.join(old, name), os.path.join(new, name))
