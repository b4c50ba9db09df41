"""How the catalog keeps article bodies: zlib, and near copies as differences.

An archive of news holds many copies of one wire story, each lightly edited
(newsidx groups them as one story). A body compressed alone repeats all that
its copies share. So a body that ingest found near-identical to another
(:mod:`newsidx.dedup`) is compressed with that other body, its *base*, as
zlib's preset dictionary: what the two share costs a few bytes of reference.
Deflate looks back 32 KiB, so a base helps with that much of its end.

A base is always a body compressed alone, never another difference: reading
a body takes at most two decompressions. Which rows are bases, and how long
they are kept, is the catalog's business (:mod:`newsidx.index.catalog`).
"""

from __future__ import annotations

import zlib

LEVEL = 6
# What deflate can refer back to: only the end of a longer base is of use.
WINDOW = 32 * 1024


def compress(body: bytes, base: bytes | None = None) -> bytes:
    """``body``, compressed alone or (``base``: another body) as its difference from ``base``."""
    if not base:
        return zlib.compress(body, LEVEL)
    compressor = zlib.compressobj(LEVEL, zdict=base[-WINDOW:])
    return compressor.compress(body) + compressor.flush()


def decompress(data: bytes, base: bytes | None = None) -> bytes:
    """What :func:`compress` was given, from its output and the same ``base``."""
    if not base:
        return zlib.decompress(data)
    decompressor = zlib.decompressobj(zdict=base[-WINDOW:])
    body = decompressor.decompress(data) + decompressor.flush()
    if not decompressor.eof:
        raise zlib.error("a body's compressed data ends early")
    return body
