"""Where an index's bytes go: per kind of file, per catalog table, per field's postings.

    python benchmarks/index_size.py INDEX [--raw CORPUS] [--json]

``--raw`` sums the ``*.txt`` under CORPUS and prints the index's size as a
multiple of it (the product target is under 1.5). The posting figures read
the segments through newsidx's codec, so they need an index of this newsidx's
format.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections import Counter, defaultdict


def file_kinds(index: str) -> dict[str, int]:
    """Bytes per kind of file: Whoosh's parts by extension, the catalog by name."""
    kinds: Counter = Counter()
    for entry in os.scandir(index):
        if not entry.is_file():
            continue
        name = entry.name
        if name.startswith("MAIN_") and "." in name:
            part = name.split(".", 1)[1]
            kind = part if part in ("pst", "trm", "_stored.col", "toc") else (
                "lengths .col" if part.endswith("_len.col") else "other .col")
        else:
            kind = name
        kinds[kind] += entry.stat().st_size
    return dict(kinds.most_common())


def catalog_tables(index: str) -> dict[str, dict[str, int]]:
    """Pages (bytes) and payload of every table and index of the catalog, by SQLite's dbstat."""
    db = sqlite3.connect(f"file:{os.path.join(index, 'catalog.sqlite')}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name, sum(pgsize), sum(payload), count(*) FROM dbstat "
                          "GROUP BY name ORDER BY 2 DESC").fetchall()
        tables = {name: {"bytes": size, "payload": payload, "pages": pages} for name, size, payload, pages in rows}
        columns = {}
        for table, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            names = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            sums = db.execute(f"SELECT count(*), {', '.join(f'sum(length({n}))' for n in names)} FROM {table}").fetchone()
            columns[table] = {"rows": sums[0], **{n: s or 0 for n, s in zip(names, sums[1:])}}
        return {"tables": tables, "column_bytes": columns}
    finally:
        db.close()


def postings(index: str) -> dict[str, dict[str, float]]:
    """Per field: terms (summed over segments), postings, positions, and the
    bytes of their records and lists (inline in the term table or in .pst)."""
    from whoosh.index import TOC
    from whoosh.reading import SegmentReader

    from newsidx.index.postings import CompactTermInfo, CompactTermsReader
    from newsidx.index.store import INDEX_NAME, IndexStorage

    storage = IndexStorage(index)
    toc = TOC.read(storage, INDEX_NAME)
    fields: dict[str, Counter] = defaultdict(Counter)
    for segment in toc.segments:
        reader = SegmentReader(storage, toc.schema, segment)
        terms = reader._terms
        if not isinstance(terms, CompactTermsReader):
            raise SystemExit(f"{index}: segments not in this newsidx's format")
        try:
            for key, value in terms._tindex.items():
                fieldname, _ = terms._keydecoder(key)
                info = CompactTermInfo.from_bytes(value)
                counts = fields[fieldname]
                counts["terms"] += 1
                counts["key bytes"] += len(key)
                counts["postings"] += info.doc_frequency()
                if info.is_inlined():
                    counts["inlined lists"] += 1
                    counts["record bytes"] += len(value) - len(info._postings)
                    counts["list bytes inline"] += len(info._postings)
                else:
                    counts["record bytes"] += len(value)
                    counts["list bytes in .pst"] += info.extent()[1]
                format_ = toc.schema[fieldname].format
                if hasattr(format_, "decode_positions"):
                    _, _, values = terms.postings_of(info, format_)
                    counts["positions"] += sum(format_.decode_frequency(v) for v in values)
        finally:
            reader.close()
    report = {}
    for fieldname, counts in sorted(fields.items(), key=lambda item: -item[1]["postings"]):
        lists = counts["list bytes inline"] + counts["list bytes in .pst"]
        row = dict(counts)
        row["list bytes per posting"] = round(lists / counts["postings"], 2)
        if counts["positions"]:
            row["list bytes per position"] = round(lists / counts["positions"], 2)
        report[fieldname] = row
    return report


def raw_bytes(corpus: str) -> int:
    return sum(os.path.getsize(os.path.join(folder, name))
               for folder, _, names in os.walk(corpus) for name in names if name.endswith(".txt"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("index")
    parser.add_argument("--raw", help="the folder of *.txt the index was made from")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    total = sum(entry.stat().st_size for entry in os.scandir(args.index) if entry.is_file())
    report = {"total": total, "files": file_kinds(args.index), "catalog": catalog_tables(args.index),
              "postings": postings(args.index)}
    if args.raw:
        report["raw_text"] = raw_bytes(args.raw)
        report["index_vs_raw"] = round(total / report["raw_text"], 3)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"index {total:,} bytes" + (f" = {report['index_vs_raw']} x raw text ({report['raw_text']:,})"
                                      if args.raw else ""))
    for kind, size in report["files"].items():
        print(f"  {kind:24s} {size:>13,}")
    print("catalog (dbstat: bytes of pages, payload)")
    for name, row in report["catalog"]["tables"].items():
        print(f"  {name:24s} {row['bytes']:>13,} {row['payload']:>13,}")
    for table, columns in report["catalog"]["column_bytes"].items():
        print(f"  {table}: " + ", ".join(f"{name} {size:,}" for name, size in columns.items()))
    print("postings per field")
    for fieldname, row in report["postings"].items():
        print(f"  {fieldname:12s} " + ", ".join(f"{name} {value:,}" for name, value in row.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
