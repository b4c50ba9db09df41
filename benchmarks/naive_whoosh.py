"""The baseline newsidx is measured against: Whoosh used the plain way.

Every ``*.txt`` file under a folder becomes one document (first line as the
headline, the rest as the body, ``StemmingAnalyzer``), added through one
writer and committed once. No extraction, no duplicates, no crash safety:
what a user would write in ten minutes. ``make bench`` runs it side by side
with ``newsidx ingest`` on the same files.

    python benchmarks/naive_whoosh.py CORPUS INDEX_DIR
"""

from __future__ import annotations

import os
import sys
import time

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.index import create_in


def text_files(root: str):
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".txt"):
                yield os.path.join(folder, name)


def main(corpus: str, index_dir: str) -> int:
    started = time.perf_counter()
    os.makedirs(index_dir, exist_ok=True)
    analyzer = StemmingAnalyzer()
    schema = Schema(path=ID(stored=True, unique=True),
                    headline=TEXT(stored=True, analyzer=analyzer, field_boost=2.5),
                    body=TEXT(stored=True, analyzer=analyzer))
    writer = create_in(index_dir, schema).writer(limitmb=128)
    count = 0
    for path in text_files(corpus):
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", "replace")
        headline, _, body = text.strip().partition("\n")
        writer.add_document(path=path, headline=headline, body=body)
        count += 1
    writer.commit()
    print(f"{count} documents in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
