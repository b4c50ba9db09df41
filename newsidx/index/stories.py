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

import sqlite3
from array import array
from dataclasses import dataclass

DATABASE = "stories.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story (
    id TEXT PRIMARY KEY, story_group TEXT NOT NULL, signature BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS band (
    key TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS band_by_id ON band (id);
"""


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    group: str
    signature: tuple[int, ...]


def _pack(signature: tuple[int, ...]) -> bytes:
    return array("Q", signature).tobytes()


def _unpack(blob: bytes) -> tuple[int, ...]:
    values = array("Q")
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
            f"JOIN story ON story.id = band.id WHERE band.key IN ({marks})", band_keys)
        return [DuplicateCandidate(i, group, _unpack(blob)) for i, group, blob in rows]

    def put(self, article_id: str, group: str, signature: tuple[int, ...], band_keys: tuple[str, ...]) -> None:
        self.delete(article_id)
        if not band_keys:  # too short to compare: nothing can find it
            return
        self._db.execute("INSERT INTO story VALUES (?, ?, ?)", (article_id, group, _pack(signature)))
        self._db.executemany("INSERT OR IGNORE INTO band VALUES (?, ?)",
                             [(key, article_id) for key in band_keys])

    def delete(self, article_id: str) -> None:
        self._db.execute("DELETE FROM band WHERE id = ?", (article_id,))
        self._db.execute("DELETE FROM story WHERE id = ?", (article_id,))

    def commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()

    def close(self) -> None:
        self._db.close()
