"""The catalog: what the archive keeps beside the Whoosh index, in SQLite.

Whoosh holds what a search ranks and a result line shows (the analysed
headline and body, headline, date, source, story group). Everything else an
article or file has lives here:

- ``article``: the normalised-body hash that finds exact duplicates, the
  story group and MinHash signature;
- ``body``: the body of each article row, compressed with a preset
  dictionary (:mod:`newsidx.index.bodies`): a near copy's with a *base*, the
  body of another article; others' with one of the archive's own, in
  ``dictionary``. A body that others are based on is kept until the last of
  them goes, also after its own article row has gone;
- ``band``: LSH band keys, to find near-duplicate candidates in one indexed
  query (derived from the signature, so they are not stored again with it);
- ``file``: one record per file on disk (path, size, mtime, hash, article id),
  its path as a ``folder`` (each folder's path is kept once) and a name;
- ``index_file``: the size of every file of each committed Whoosh generation,
  so that a segment cut short or deleted is found before it is read.

Whoosh and SQLite cannot commit together, so every row is versioned by the
Whoosh generation (the table of contents' number) that made it (``gen``) and
the one that removed it (``gone``). A batch writes its rows tagged with the
generation its Whoosh commit will have, commits SQLite, then commits Whoosh.
A reader at generation *g* sees exactly the rows with ``gen <= g`` and not
gone by *g*, so a search never sees half a batch. If a process dies between
the two commits, the next writer finds rows newer than the index and undoes
them (:meth:`Catalog.recover`): nothing committed is lost, nothing uncommitted
survives.
"""

from __future__ import annotations

import os
import sqlite3
from array import array
from dataclasses import dataclass
from typing import Sequence

from newsidx.index import bodies

DATABASE = "catalog.sqlite"
# What this newsidx reads and writes, the catalog and the Whoosh segments beside
# it alike. 1 kept bodies and file records in Whoosh (newsidx 0.x); 2 kept
# Whoosh's W3 posting blocks; 3 keeps newsidx.index.postings' layout; 4 keeps
# signatures of tabulation-hashed shingles (newsidx.dedup), which those of 3
# cannot be compared with.
FORMAT = "4"
SIGNATURE_TYPE = "I"  # MinHash values are 32-bit (newsidx.dedup)
WRITER_CACHE_KIB = 64 * 1024  # SQLite's default 2 MiB thrashed once an archive passed ~10,000 articles

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- AUTOINCREMENT: a row number is never used twice, as a body kept as a base
-- outlives its article row under the same number.
CREATE TABLE IF NOT EXISTS article (
    row INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, body_hash TEXT NOT NULL,
    story_group TEXT NOT NULL, signature BLOB NOT NULL,
    gen INTEGER NOT NULL, gone INTEGER, origin_folder INTEGER, origin_name BLOB
);
-- Bodies apart, so that the rows ingest looks up stay small and cached.
CREATE TABLE IF NOT EXISTS body (row INTEGER PRIMARY KEY, base INTEGER, dictionary INTEGER, text BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS dictionary (id INTEGER PRIMARY KEY, text BLOB NOT NULL, gen INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS body_by_base ON body (base) WHERE base IS NOT NULL;
CREATE INDEX IF NOT EXISTS article_by_id ON article (id);
CREATE INDEX IF NOT EXISTS article_by_gen ON article (gen);
CREATE INDEX IF NOT EXISTS article_by_gone ON article (gone) WHERE gone IS NOT NULL;
CREATE INDEX IF NOT EXISTS article_by_hash ON article (body_hash, gone, id);
CREATE TABLE IF NOT EXISTS band (
    key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)
) WITHOUT ROWID;
-- A path is its folder's (with the separator) and its name: most of a path is
-- its folder, which the files in it share. Folders are never removed.
CREATE TABLE IF NOT EXISTS folder (id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS file (
    row INTEGER PRIMARY KEY, folder INTEGER NOT NULL, name BLOB NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, file_hash TEXT NOT NULL, article_id TEXT NOT NULL,
    gen INTEGER NOT NULL, gone INTEGER
);
CREATE INDEX IF NOT EXISTS file_by_path ON file (folder, name);
CREATE INDEX IF NOT EXISTS file_by_article ON file (article_id);
CREATE INDEX IF NOT EXISTS file_by_gen ON file (gen);
CREATE INDEX IF NOT EXISTS file_by_gone ON file (gone) WHERE gone IS NOT NULL;
CREATE TABLE IF NOT EXISTS index_file (
    gen INTEGER NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (gen, name)
) WITHOUT ROWID;
"""
_VISIBLE = "gen <= :g AND (gone IS NULL OR gone > :g)"
_LIVE = "gone IS NULL"
# A file record's columns, its path as its folder's and its name (joined in
# Python: SQLite's || makes text of them, which a path need not be).
_FILE_RECORD = ("SELECT folder.path, file.name, file.size, file.mtime_ns, file.file_hash, file.article_id "
                "FROM file JOIN folder ON folder.id = file.folder")


class CatalogError(Exception):
    """The catalog cannot be read or written (damaged, or not a newsidx catalog).

    ``reason``: what is wrong, without the path (SQLite's words, or ours)."""

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.reason = reason or message


class CatalogFormatError(CatalogError):
    """The catalog, and so the index, is of another format than this newsidx's:
    its files can be read (a rebuild re-indexes those it lists), its index cannot."""


class CatalogReadOnlyError(CatalogError):
    """The catalog can be read but not written (a read-only file or folder)."""


@dataclass(frozen=True)
class FileRecord:
    """What the archive remembers about one file on disk, to skip it next time."""

    path: str
    size: int
    mtime_ns: int
    file_hash: str
    article_id: str


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    group: str
    signature: Sequence[int]


# A band key's number: the band in the top 5 bits, 26 bits of its hash below,
# under 2**31 so that SQLite keeps it in 4 bytes (the 63-bit numbers took 8,
# and the band table is one row per band of every article). Two bands that
# differ can share a number (a chance of 2**-26 per pair of bands): ingest
# checks that a candidate truly shares a band (newsidx.dedup.shares_a_band).
_BAND_HASH_BITS = 26
_BAND_HEX_DIGITS = -(-_BAND_HASH_BITS // 4)
_BAND_SHIFT = 4 * _BAND_HEX_DIGITS - _BAND_HASH_BITS


def band_numbers(band_keys: Sequence[str]) -> tuple[int, ...]:
    """Band keys (``"b07:<16 hex digits>"``, see newsidx.dedup.band_keys) as
    the catalog stores them, 31-bit integers: the band, then the top bits of
    its hash. Ingest works them out in its worker processes."""
    numbers = []
    for key in band_keys:
        band = int(key[1:3])
        if band >= 32:
            raise ValueError(f"band {band}: the band table numbers at most 32 bands")
        # The top bits of the hash from its first hex digits only: the same number.
        numbers.append(band << _BAND_HASH_BITS | int(key[4:4 + _BAND_HEX_DIGITS], 16) >> _BAND_SHIFT)
    return tuple(numbers)


def _band_numbers_of(signature: bytes) -> tuple[int, ...]:
    """The band numbers of a stored signature, as :meth:`Catalog.put_article` wrote them."""
    from newsidx.dedup import band_keys  # not at import: searches never need it

    return band_numbers(band_keys(tuple(array(SIGNATURE_TYPE, signature)))) if signature else ()


def _split_path(path: str) -> tuple[bytes, bytes]:
    """(folder with its separator, name) of a path, as bytes: a file name that
    is not UTF-8 (held as surrogate escapes) cannot be stored as SQLite text,
    and must come back exactly."""
    raw = os.fsencode(path)
    cut = raw.rfind(os.fsencode(os.sep)) + 1
    return raw[:cut], raw[cut:]


def _record(row) -> FileRecord:
    folder, name, size, mtime_ns, file_hash, article_id = row
    return FileRecord(os.fsdecode(folder + name), size, mtime_ns, file_hash, article_id)


def _connect(path: str, read_only: bool) -> sqlite3.Connection:
    try:
        if read_only:
            return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        return sqlite3.connect(path, timeout=30)
    except sqlite3.Error as exc:
        raise CatalogError(f"cannot open {path}: {exc}", str(exc)) from exc


def _format_error(path: str, found: str) -> CatalogFormatError:
    return CatalogFormatError(f"{path} is of format {found}, not {FORMAT}",
                              f"was written by another version of newsidx (index format {found}; "
                              f"this one reads format {FORMAT})")


def _read_only(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY


# The setting (meta key) that names the extraction the index's articles were
# made with (newsidx.provenance).
EXTRACTION_SETTING = "extraction"


def _setting(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _index_files(db: sqlite3.Connection, generation: int) -> dict[str, int] | None:
    try:
        rows = db.execute("SELECT name, size FROM index_file WHERE gen = ?", (generation,)).fetchall()
    except sqlite3.OperationalError:  # a catalog no writer has opened since index_file was added
        return None
    return dict(rows) or None


class _Presets:
    """The preset dictionaries of bodies (:mod:`newsidx.index.bodies`), each
    read once: the archive's, and the last bases (the copies of a story share
    one, and a hit list shows several)."""

    BASES_KEPT = 64

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._dictionaries: dict[int, bytes] = {}
        self._bases: dict[int, bytes] = {}

    def text(self, base: int | None, dictionary: int | None, data: bytes) -> bytes:
        """A body's text, from its row's columns."""
        if base is not None:
            preset = self.base(base)
        elif dictionary is not None:
            preset = self.dictionary(dictionary)
        else:
            preset = None
        return bodies.decompress(data, preset)

    def base(self, row: int) -> bytes:
        if row not in self._bases:
            found = self._db.execute("SELECT dictionary, text FROM body WHERE row = ?", (row,)).fetchone()
            if found is None:
                raise CatalogError(f"the base body {row} is missing", "a body's base is missing")
            if len(self._bases) >= self.BASES_KEPT:
                self._bases.clear()
            self._bases[row] = self.text(None, *found)
        return self._bases[row]

    def dictionary(self, number: int) -> bytes:
        if number not in self._dictionaries:
            found = self._db.execute("SELECT text FROM dictionary WHERE id = ?", (number,)).fetchone()
            if found is None:
                raise CatalogError(f"body dictionary {number} is missing", "a body dictionary is missing")
            self._dictionaries[number] = found[0]
        return self._dictionaries[number]


def known_paths(path: str) -> list[str]:
    """Every file the catalog lists, whatever generation it belongs to: what a
    rebuild re-indexes when the index beside the catalog cannot be read."""
    db = _connect(path, read_only=True)
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(file)")}
        if "path" in columns:  # a catalog of format 2 or before, being rebuilt
            rows = db.execute(f"SELECT DISTINCT path FROM file WHERE {_LIVE}").fetchall()
        else:
            rows = [(folder + name,) for folder, name in db.execute(
                f"SELECT DISTINCT folder.path, file.name FROM file JOIN folder ON folder.id = file.folder "
                f"WHERE {_LIVE}")]
    except sqlite3.Error as exc:
        raise CatalogError(f"cannot read {path}: {exc}", str(exc)) from exc
    finally:
        db.close()
    return sorted(os.fsdecode(path) for (path,) in rows)


class CatalogReader:
    """The catalog as of one Whoosh generation (what a searcher sees)."""

    def __init__(self, path: str, generation: int):
        self._db = _connect(path, read_only=True)
        self._g = {"g": generation}
        self._presets = _Presets(self._db)
        try:  # SQLite reads a file only at the first query: a damaged one shows here
            format_row = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.Error as exc:
            self._db.close()
            raise CatalogError(f"cannot read {path}: {exc}", str(exc)) from exc
        if format_row is None:
            self._db.close()
            raise CatalogError(f"{path} is not a newsidx catalog", "not a newsidx catalog")
        if format_row[0] != FORMAT:
            self._db.close()
            raise _format_error(path, format_row[0])

    def body(self, article_id: str) -> str:
        row = self._db.execute(f"SELECT body.base, body.dictionary, body.text FROM article "
                               f"JOIN body ON body.row = article.row WHERE article.id = :id AND {_VISIBLE}",
                               {**self._g, "id": article_id}).fetchone()
        return self._presets.text(*row).decode("utf-8") if row else ""

    def paths(self, article_id: str) -> tuple[str, ...]:
        rows = self._db.execute(f"SELECT folder.path, file.name FROM file JOIN folder ON folder.id = file.folder "
                                f"WHERE article_id = :id AND {_VISIBLE}", {**self._g, "id": article_id})
        return tuple(sorted(os.fsdecode(folder + name) for folder, name in rows))

    def file_records(self) -> dict[str, FileRecord]:
        rows = self._db.execute(f"{_FILE_RECORD} WHERE {_VISIBLE}", self._g)
        return {record.path: record for record in map(_record, rows)}

    def file_count(self) -> int:
        return self._db.execute(f"SELECT count(*) FROM file WHERE {_VISIBLE}", self._g).fetchone()[0]

    def index_files(self) -> dict[str, int] | None:
        """{file name: size} of the index files of this generation; None if not recorded."""
        return _index_files(self._db, self._g["g"])

    def setting(self, key: str) -> str | None:
        return _setting(self._db, key)

    def close(self) -> None:
        self._db.close()


class Catalog:
    """The writer's catalog: the live state, including the batch being written."""

    def __init__(self, path: str, expect_existing: bool = False):
        """``expect_existing``: the index has committed, so an empty catalog is
        one that lost its content, which is refused before anything is written."""
        self._db = _connect(path, read_only=False)
        try:
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
            has_meta = self._db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0]
            if expect_existing and not has_meta:
                raise CatalogError(f"{path} is empty", "it is empty")
            found = has_meta and self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if found and found[0] != FORMAT:  # checked before the schema below touches its tables
                raise _format_error(path, found[0])
            self._db.executescript(_SCHEMA)
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))
            self._db.commit()
        except CatalogError:
            self._db.close()
            raise
        except sqlite3.Error as exc:
            self._db.close()
            error = CatalogReadOnlyError if _read_only(exc) else CatalogError
            raise error(f"cannot use {path}: {exc}", str(exc)) from exc
        self._gen = 0
        self._forget_presets()

    def _forget_presets(self) -> None:
        """Read the archive dictionary and folder numbers again (a rollback may have undone them)."""
        self._presets = _Presets(self._db)
        self._folders: dict[bytes, int] = {}
        found = self._db.execute("SELECT id, text FROM dictionary ORDER BY id DESC LIMIT 1").fetchone()
        self._dictionary: tuple[int, bytes] | None = found
        self._samples: list[bytes] = []  # bodies to make the archive dictionary from, while it has none

    # -- settings kept with the index -----------------------------------------
    def setting(self, key: str) -> str | None:
        return _setting(self._db, key)

    def set_setting(self, key: str, value: str) -> None:
        """Written with the batch being written (committed with it)."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    # -- versions ------------------------------------------------------------
    @property
    def generation(self) -> int:
        """The Whoosh generation the rows being written belong to."""
        return self._gen

    def recover(self, committed: int) -> None:
        """Make the catalog agree with an index at generation ``committed``, and
        prepare to write generation ``committed + 1``."""
        db = self._db
        self._drop_articles("gen > ?", (committed,))
        db.execute("DELETE FROM file WHERE gen > ?", (committed,))
        db.execute("UPDATE article SET gone = NULL WHERE gone > ?", (committed,))
        db.execute("UPDATE file SET gone = NULL WHERE gone > ?", (committed,))
        db.execute("DELETE FROM index_file WHERE gen > ?", (committed,))
        db.execute("DELETE FROM dictionary WHERE gen > ?", (committed,))
        self._purge(committed)
        db.commit()
        self._forget_presets()
        self._gen = committed + 1

    def committed(self, generation: int, index_files: dict[str, int] | None = None) -> None:
        """The index committed ``generation``, made of ``index_files`` ({name: size}):
        rows removed before it can go for good."""
        if index_files:
            self._db.executemany("INSERT OR REPLACE INTO index_file VALUES (?, ?, ?)",
                                 [(generation, name, size) for name, size in index_files.items()])
        self._purge(generation - 1)
        self._db.commit()
        self._gen = generation + 1

    def index_files(self, generation: int) -> dict[str, int] | None:
        return _index_files(self._db, generation)

    def _purge(self, generation: int) -> None:
        # Readers of one generation older may still be reading: keep theirs.
        self._drop_articles("gone <= ?", (generation,))
        self._db.execute("DELETE FROM file WHERE gone <= ?", (generation,))
        self._db.execute("DELETE FROM index_file WHERE gen < ?", (generation,))

    def _drop_articles(self, condition: str, parameters: tuple, index: str | None = None) -> None:
        """Delete article rows and their band rows (found by key: the band table
        is keyed for lookups by key, and a scan of it grows with the archive)."""
        db = self._db
        # Named where SQLite would pick the generation index, which matches a
        # whole batch, over the id index, which matches one row.
        using = f" INDEXED BY {index}" if index else ""
        rows = db.execute(f"SELECT row, signature FROM article{using} WHERE {condition}", parameters).fetchall()
        if not rows:
            return
        db.executemany("DELETE FROM band WHERE key = ? AND article = ?",
                       [(key, row) for row, signature in rows for key in _band_numbers_of(signature)])
        db.executemany("DELETE FROM article WHERE row = ?", [(row,) for row, _ in rows])
        self._drop_bodies([row for row, _ in rows])

    def _drop_bodies(self, rows: list[int]) -> None:
        """Delete the bodies of these (deleted) article rows, but those that
        other bodies are based on; then the bases that nothing needs any more."""
        db = self._db
        freed = set()
        for row in rows:
            if not self._is_base(row):
                found = db.execute("SELECT base FROM body WHERE row = ?", (row,)).fetchone()
                db.execute("DELETE FROM body WHERE row = ?", (row,))
                if found is not None and found[0] is not None:
                    freed.add(found[0])
        for base in freed:
            if not self._is_base(base) and db.execute("SELECT 1 FROM article WHERE row = ?", (base,)).fetchone() is None:
                db.execute("DELETE FROM body WHERE row = ?", (base,))

    def _is_base(self, row: int) -> bool:
        return self._db.execute("SELECT 1 FROM body INDEXED BY body_by_base WHERE base = ? LIMIT 1",
                                (row,)).fetchone() is not None

    # -- lookups -------------------------------------------------------------
    def article_with_hash(self, body_hash: str) -> str | None:
        row = self._db.execute(f"SELECT id FROM article INDEXED BY article_by_hash "
                               f"WHERE body_hash = ? AND {_LIVE} LIMIT 1",
                               (body_hash,)).fetchone()
        return row[0] if row else None

    def article_id_in_use(self, article_id: str) -> bool:
        return self._db.execute(f"SELECT 1 FROM article INDEXED BY article_by_id WHERE id = ? AND {_LIVE}",
                                (article_id,)).fetchone() is not None

    def candidates(self, band_numbers: Sequence[int]) -> list[DuplicateCandidate]:
        """The live articles sharing a band number (:func:`band_numbers`) with these."""
        if not band_numbers:
            return []
        marks = ",".join("?" * len(band_numbers))
        # The articles' row numbers made distinct first: DISTINCT over the
        # joined rows compared their signatures, and took twice as long once
        # a story had dozens of copies. Oldest first, so that among equally
        # similar candidates ingest keeps the earliest.
        rows = self._db.execute(
            f"SELECT id, story_group, signature FROM article WHERE row IN "
            f"(SELECT article FROM band WHERE key IN ({marks})) AND {_LIVE} ORDER BY row",
            band_numbers)
        # Arrays, not tuples: a new article is compared with every candidate,
        # often several, and building 128-int tuples was a twentieth of ingest.
        return [DuplicateCandidate(article_id, group, array(SIGNATURE_TYPE, blob))
                for article_id, group, blob in rows]

    def file_records(self) -> dict[str, FileRecord]:
        rows = self._db.execute(f"{_FILE_RECORD} WHERE {_LIVE}")
        return {record.path: record for record in map(_record, rows)}

    def holders(self, article_id: str) -> list[FileRecord]:
        """The files that hold an article, by path."""
        rows = self._db.execute(f"{_FILE_RECORD} WHERE article_id = ? AND {_LIVE}", (article_id,))
        return sorted(map(_record, rows), key=lambda record: record.path)

    def article_origin(self, article_id: str) -> tuple[str | None, str, str] | None:
        """(the file its headline and metadata were extracted from, or None if
        not recorded; its body hash; its story group), or None: no such article."""
        row = self._db.execute(f"SELECT folder.path, article.origin_name, body_hash, story_group "
                               f"FROM article INDEXED BY article_by_id LEFT JOIN folder ON folder.id = origin_folder "
                               f"WHERE article.id = ? AND {_LIVE}", (article_id,)).fetchone()
        if row is None:
            return None
        folder, name, body_hash, group = row
        return (os.fsdecode(folder + name) if folder is not None else None), body_hash, group

    # -- writes --------------------------------------------------------------
    def put_article(self, article_id: str, body_hash: str, group: str,
                    signature: tuple[int, ...], band_numbers: Sequence[int], body: str,
                    origin: str | None = None, replace: bool = True, nearest: str | None = None) -> None:
        """``band_numbers``: :func:`band_numbers` of the signature's band keys
        (given, as a worker process computed them; worked out again from the
        signature when the row is deleted). ``replace``: the id may have a live row to retire
        first; an id the writer knows to be new skips that lookup (one per new
        article). ``nearest``: a live article whose body is much like this
        one's, which is then kept as its difference from that body (or from
        the body that one is based on)."""
        if replace:
            self.delete_article(article_id)
        origin_folder, origin_name = (None, None) if origin is None else self._place(origin, create=True)
        cursor = self._db.execute(
            "INSERT INTO article (id, body_hash, story_group, signature, gen, origin_folder, origin_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, body_hash, group, array(SIGNATURE_TYPE, signature).tobytes(),
             self._gen, origin_folder, origin_name))
        row = cursor.lastrowid
        text = body.encode("utf-8")
        base_row, preset = self._base_for(nearest) if nearest is not None else (None, None)
        dictionary = None
        if base_row is None and self._dictionary is not None:
            dictionary, preset = self._dictionary
        self._db.execute("INSERT INTO body VALUES (?, ?, ?, ?)",
                         (row, base_row, dictionary, bodies.compress(text, preset)))
        if base_row is None and self._dictionary is None:
            self._sample(text)
        self._db.executemany("INSERT OR IGNORE INTO band VALUES (?, ?)", [(number, row) for number in band_numbers])

    def _base_for(self, article_id: str) -> tuple[int | None, bytes | None]:
        """(row, text) of the body a copy of ``article_id``'s is to be based on:
        its own, or the one it is based on (a base is never a difference)."""
        found = self._db.execute(f"SELECT body.row, body.base, body.dictionary, body.text FROM article "
                                 f"INDEXED BY article_by_id JOIN body ON body.row = article.row "
                                 f"WHERE article.id = ? AND {_LIVE}", (article_id,)).fetchone()
        if found is None:
            return None, None
        row, base, dictionary, data = found
        if base is None:
            return row, self._presets.text(None, dictionary, data)
        return base, self._presets.base(base)

    def _sample(self, text: bytes) -> None:
        """Keep a body for the archive dictionary; make it once there are enough."""
        if text:
            self._samples.append(text)
        if len(self._samples) >= bodies.DICTIONARY_SAMPLES:
            preset = bodies.archive_dictionary(self._samples)
            cursor = self._db.execute("INSERT INTO dictionary (text, gen) VALUES (?, ?)", (preset, self._gen))
            self._dictionary, self._samples = (cursor.lastrowid, preset), []

    def delete_article(self, article_id: str) -> None:
        # A row this batch wrote simply goes; a committed one is marked gone with this batch.
        self._drop_articles(f"id = ? AND gen = ? AND {_LIVE}", (article_id, self._gen), "article_by_id")
        self._db.execute(f"UPDATE article INDEXED BY article_by_id SET gone = ? WHERE id = ? AND {_LIVE}",
                         (self._gen, article_id))

    def put_file(self, record: FileRecord, replace: bool = True) -> None:
        """``replace``: the path may have a live record to retire first; a
        path the writer knows to be new skips those two statements."""
        folder, name = self._place(record.path, create=True)
        if replace:
            self._retire_file(folder, name)
        self._db.execute(
            "INSERT INTO file (folder, name, size, mtime_ns, file_hash, article_id, gen) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (folder, name, record.size, record.mtime_ns, record.file_hash, record.article_id, self._gen))

    def delete_file(self, path: str) -> None:
        folder, name = self._place(path, create=False)
        if folder is not None:
            self._retire_file(folder, name)

    def _retire_file(self, folder: int, name: bytes) -> None:
        self._db.execute(f"DELETE FROM file INDEXED BY file_by_path WHERE folder = ? AND name = ? AND gen = ? "
                         f"AND {_LIVE}", (folder, name, self._gen))
        self._db.execute(f"UPDATE file INDEXED BY file_by_path SET gone = ? WHERE folder = ? AND name = ? AND {_LIVE}",
                         (self._gen, folder, name))

    def _place(self, path: str, create: bool) -> tuple[int | None, bytes]:
        """(folder number, name) of a path; the folder is recorded if new and
        ``create``, else its number is None when it has none."""
        folder, name = _split_path(path)
        number = self._folders.get(folder)
        if number is None:
            found = self._db.execute("SELECT id FROM folder WHERE path = ?", (folder,)).fetchone()
            if found is not None:
                number = found[0]
            elif create:
                number = self._db.execute("INSERT INTO folder (path) VALUES (?)", (folder,)).lastrowid
            else:
                return None, name
            self._folders[folder] = number
        return number, name

    def commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()
        self._forget_presets()

    def close(self) -> None:
        self._db.close()
