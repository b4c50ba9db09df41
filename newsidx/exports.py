"""Hits as records for scripts and spreadsheets: JSON lines and CSV.

Written one hit at a time, so an export of every hit in a large archive holds
one article in memory, not all of them. The fields and their order are
:data:`newsidx.models.Hit.EXPORT_FIELDS`, documented in the README.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from newsidx.models import Hit
from newsidx.terminal import safe

# A cell starting with one of these is run as a formula by spreadsheet
# programs; scraped text must not be able to do that (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@")


def write_records(hits: Iterable[Hit], output: str, stream: IO[str]) -> bool:
    """Write ``hits`` to ``stream`` as ``output`` ("jsonl" or "csv"); whether there was any."""
    if output == "csv":
        writer = csv.DictWriter(stream, fieldnames=Hit.EXPORT_FIELDS, lineterminator="\n")
        writer.writeheader()
        write = lambda hit: writer.writerow({k: _cell(v) for k, v in hit.to_record().items()})
    else:
        write = lambda hit: stream.write(json.dumps(hit.to_record(), ensure_ascii=False) + "\n")
    any_written = False
    for hit in hits:
        write(hit)
        any_written = True
    return any_written


def _cell(value):
    if not isinstance(value, str):
        return "" if value is None else value
    value = safe(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
