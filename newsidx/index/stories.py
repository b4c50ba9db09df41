"""Story groups: which articles may be near-duplicates of a new one.

Each article's MinHash signature and LSH band keys (see :mod:`newsidx.dedup`)
live in a small SQLite table beside the Whoosh index, not in it: the 32 band
keys of an article are shared by almost no other article, so as Whoosh terms
they were half of every term written at each commit, and much of the index's
size. SQLite finds the articles sharing any of a set of keys in one indexed
query, and sees its own uncommitted rows, so articles added earlier in the same
batch are found too.

The table is committed just before each Whoosh batch. If a crash falls between
the two, the table holds rows for articles Whoosh never received: the next run
re-ingests those files under the same ids (ids derive from file bytes), and
until then such a row can only lend its story group label to a new article.
"""

from __future__ import annotations

import hashlib
import sqlite3
from array import array
from dataclasses import dataclass

DATABASE = "stories.sqlite"
SIGNATURE_TYPE = "I"  # MinHash values are 32-bit (newsidx.dedup)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story (
    id TEXT PRIMARY KEY, story_group TEXT NOT NULL, signature BLOB NOT NULL, band_keys BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS band (
    key INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    group: str
    signature: tuple[int, ...]


def _pack(values: tuple[int, ...], typecode: str = "Q") -> bytes:
    return array(typecode, values).tobytes()


def _band_numbers(band_keys: tuple[str, ...]) -> list[int]:
    """Band keys as 56-bit integers: a quarter of the space of the key strings,
    and no second index is needed to delete an article's rows."""
    return [int.from_bytes(hashlib.blake2b(key.encode(), digest_size=7).digest(), "big")
            for key in band_keys]


def _unpack(blob: bytes, typecode: str = "Q") -> tuple[int, ...]:
    values = array(typecode)
    values.frombytes(blob)
    return tuple(values)


class StoryTable:
    def __init__(self, path: str):
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA synchronous = NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def candidates(self, band_keys: tuple[str, ...]) -> list[DuplicateCandidate]:
        if not band_keys:
            return []
        marks = ",".join("?" * len(band_keys))
        rows = self._db.execute(
            f"SELECT DISTINCT story.id, story.story_group, story.signature FROM band "
            f"JOIN story ON story.id = band.id WHERE band.key IN ({marks})", _band_numbers(band_keys))
        return [DuplicateCandidate(i, group, _unpack(blob, SIGNATURE_TYPE)) for i, group, blob in rows]

    def put(self, article_id: str, group: str, signature: tuple[int, ...], band_keys: tuple[str, ...]) -> None:
        self.delete(article_id)
        if not band_keys:  # too short to compare: nothing can find it
            return
        numbers = _band_numbers(band_keys)
        self._db.execute("INSERT INTO story VALUES (?, ?, ?, ?)",
                         (article_id, group, _pack(signature, SIGNATURE_TYPE), _pack(tuple(numbers))))
        self._db.executemany("INSERT OR IGNORE INTO band VALUES (?, ?)",
                             [(number, article_id) for number in numbers])

    def delete(self, article_id: str) -> None:
        row = self._db.execute("SELECT band_keys FROM story WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return
        self._db.executemany("DELETE FROM band WHERE key = ? AND id = ?",
                             [(number, article_id) for number in _unpack(row[0])])
        self._db.execute("DELETE FROM story WHERE id = ?", (article_id,))

    def commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()

    def close(self) -> None:
        self._db.close()
