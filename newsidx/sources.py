"""Find the files to ingest and read their bytes, whatever state the archive is in.

This is the first stage of the pipeline (``sources -> extract -> index``): it turns
the paths a user typed into candidate files, and one candidate into its bytes. It
knows nothing about article extraction or the index.

Scraped archives are messy: broken and looping symlinks, folders we may not read,
files deleted while we run, images saved as ``.txt``, names that are not valid
UTF-8, names containing terminal escape sequences. The rule here is that every bad
file or folder is *reported* with a short lower-case reason and the run goes on;
only genuine programming errors escape.

* :func:`discover` yields :class:`SourceFile` for every file to ingest and
  :class:`~newsidx.models.FileProblem` for every path that could not be used, in a
  deterministic order: top-level paths in the order given, each folder walked
  depth-first with entries sorted by name. The walk is iterative (no recursion
  limit on deep trees), follows symlinks, and remembers every directory by
  ``(st_dev, st_ino)`` so a symlink loop is reported once instead of walked
  forever. Files are de-duplicated the same way, so one file reached through two
  paths (or a symlink, or a hard link) is ingested once, under the first path met.
* :func:`read_source` returns a file's bytes or raises :class:`SourceError` whose
  ``reason`` says why not (vanished, permission denied, empty, too large, binary).
  It never reads more than ``max_bytes + 1`` bytes, whatever ``stat`` claimed.
  Text decoding is *not* done here: invalid UTF-8 is fine (the extractor falls
  back to cp1252), so only content that is clearly not text is rejected.
* :func:`file_hash` lets the indexer notice that a touched file still has
  identical content.

Paths are ``str`` throughout. Names that are not valid UTF-8 are decoded with
``os.fsdecode`` (surrogateescape), so ``os.fsencode(path)`` gives back the exact
bytes on disk and the file can be opened again later.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsidx.display import format_size
from newsidx.models import FileProblem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SourceError",
    "SourceFile",
    "file_hash",
    "discover",
    "read_source",
]

DEFAULT_MAX_BYTES = 8 * 1024 * 1024

# How much of a file the binary sniffing looks at; enough to see past any header.
SNIFF_BYTES = 8 * 1024
# Real text has essentially no control characters besides \t \n \r \f; random
# binary data has about 11% of them, so 10% separates the two with a margin for
# text that carries a few stray escapes.
MAX_CONTROL_RATIO = 0.10

_READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A candidate file: absolute path (symlinks not resolved), size and mtime at discovery."""

    path: str
    size: int
    mtime_ns: int


class SourceError(Exception):
    """A file's bytes could not be used; ``reason`` is short and lower-case."""

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path


# --------------------------------------------------------------------------- discovery


def discover(paths: Iterable[str], pattern: str = "*.txt") -> Iterator[SourceFile | FileProblem]:
    """Yield a SourceFile per file to ingest and a FileProblem per unusable path.

    A path naming a file is taken whatever its name (the user asked for it); a
    folder is walked recursively and only files whose *name* matches ``pattern``
    (``fnmatch`` rules) are taken, others are silently ignored. Hidden entries
    (name starting with ".") inside folders are skipped, as a shell glob would.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        # A lone path would otherwise be iterated character by character.
        paths = [paths]
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        yield from _discover_one(raw, pattern, seen_files, seen_dirs)


def _discover_one(raw, pattern, seen_files, seen_dirs) -> Iterator[SourceFile | FileProblem]:
    given = os.fsdecode(os.fspath(raw))
    if not given:
        yield FileProblem(given, "not found")
        return
    path = os.path.abspath(given)
    try:
        st = os.stat(path)
    except ValueError:  # embedded NUL byte: no such file can exist
        yield FileProblem(path, "invalid path")
        return
    except OSError as err:
        yield FileProblem(path, _stat_failure_reason(path, err))
        return

    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, st, pattern, seen_files, seen_dirs)
    elif stat.S_ISREG(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key not in seen_files:
            seen_files.add(key)
            yield SourceFile(path, st.st_size, st.st_mtime_ns)
    else:
        yield FileProblem(path, "not a regular file")


# A directory's place in the walk: its identity and its parent's chain. A linked
# chain rather than a set per directory, so a 2,000-level tree costs O(depth)
# memory; it is only walked when a directory has been seen before.
_Chain = "tuple[tuple[int, int], _Chain] | None"  # (key, parent_chain)


def _walk(top, top_stat, pattern, seen_files, seen_dirs) -> Iterator[SourceFile | FileProblem]:
    top_key = (top_stat.st_dev, top_stat.st_ino)
    if top_key in seen_dirs:  # the same folder given twice, or inside one given before
        return
    seen_dirs.add(top_key)

    # Explicit stack instead of recursion. Items are popped in output order, so
    # each folder's entries are pushed in reverse name order. A pending folder is
    # ("dir", path, chain); a ready result is ("file", SourceFile) or ("problem", FileProblem).
    stack: list[tuple] = [("dir", top, (top_key, None))]
    while stack:
        item = stack.pop()
        kind = item[0]
        if kind == "file":
            source = item[1]
            key = item[2]
            # De-duplicate at output time so the first path in output order wins.
            if key not in seen_files:
                seen_files.add(key)
                yield source
            continue
        if kind == "problem":
            yield item[1]
            continue

        _, dir_path, chain = item
        try:
            with os.scandir(dir_path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield FileProblem(dir_path, _os_error_reason(err))
            continue

        children: list[tuple] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = _classify_entry(entry, pattern, chain, seen_dirs)
            if child is not None:
                children.append(child)
        stack.extend(reversed(children))


def _classify_entry(entry: os.DirEntry, pattern: str, chain: _Chain, seen_dirs) -> tuple | None:
    """Turn one directory entry into a stack item, or None to ignore it silently."""
    path = entry.path
    matches = fnmatch.fnmatch(entry.name, pattern)
    try:
        st = entry.stat()  # follows symlinks
    except OSError as err:
        # We cannot tell whether a broken link was meant to be a file or a folder;
        # report it only if its name says it is one of ours.
        if not matches:
            return None
        return ("problem", FileProblem(path, _stat_failure_reason(path, err)))

    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            if _chain_contains(chain, key):
                reason = "symlink loop" if entry.is_symlink() else "directory loop"
                return ("problem", FileProblem(path, reason))
            return None  # another route to a folder already walked: nothing new there
        seen_dirs.add(key)
        return ("dir", path, (key, chain))
    if not matches:
        return None
    if stat.S_ISREG(st.st_mode):
        return ("file", SourceFile(path, st.st_size, st.st_mtime_ns), (st.st_dev, st.st_ino))
    # FIFOs, sockets, devices: opening one could block forever or never end.
    return ("problem", FileProblem(path, "not a regular file"))


def _chain_contains(chain: _Chain, key: tuple[int, int]) -> bool:
    while chain is not None:
        if chain[0] == key:
            return True
        chain = chain[1]
    return False


def _stat_failure_reason(path: str, err: OSError) -> str:
    """Reason for a failed (symlink-following) stat of ``path``."""
    if err.errno == errno.ENOENT and os.path.islink(path):
        return "broken symlink"
    return _os_error_reason(err)


def _os_error_reason(err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return "not found"
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ELOOP:
        return "symlink loop"
    if err.errno == errno.EISDIR:
        return "is a directory"
    if err.strerror:
        return err.strerror.lower()
    return (str(err) or type(err).__name__).lower()


# --------------------------------------------------------------------------- reading


def read_source(source: SourceFile | str, max_bytes: int) -> bytes:
    """Return the whole content of ``source``, or raise SourceError saying why not.

    At most ``max_bytes + 1`` bytes are ever read, even if the file grows after
    its size was checked, so a hostile or runaway file cannot exhaust memory.
    """
    path = source.path if isinstance(source, SourceFile) else os.fsdecode(source)

    try:
        # O_NONBLOCK: if a FIFO appeared under this name, opening it must not
        # wait for a writer; it is rejected below as not a regular file.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except ValueError:  # embedded NUL byte: no such file can exist
        raise SourceError("invalid path", path) from None
    except OSError as err:
        if err.errno == errno.ENOENT and isinstance(source, SourceFile):
            reason = "vanished"  # the file, or its symlink's target, was deleted since discovery
        else:
            reason = _stat_failure_reason(path, err)
        raise SourceError(reason, path) from None

    try:
        data = _read_bounded(fd, path, max_bytes)
    finally:
        os.close(fd)

    if not data:
        raise SourceError("empty file", path)
    binary_kind = sniff_binary(data[:SNIFF_BYTES])
    if binary_kind is not None:
        reason = "binary file" if binary_kind == "" else f"binary file ({binary_kind})"
        raise SourceError(reason, path)
    return data


def _read_bounded(fd: int, path: str, max_bytes: int) -> bytes:
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise SourceError("is a directory", path)
        if not stat.S_ISREG(st.st_mode):
            raise SourceError("not a regular file", path)
        if st.st_size > max_bytes:
            raise SourceError(_too_large_reason(st.st_size, max_bytes), path)

        # Don't trust st_size: the file may be growing, or lie (/proc, FUSE).
        chunks: list[bytes] = []
        remaining = max_bytes + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, _READ_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            try:
                current_size = os.fstat(fd).st_size
            except OSError:
                current_size = 0
            raise SourceError(_too_large_reason(max(current_size, len(data)), max_bytes), path)
        return data
    except OSError as err:
        raise SourceError(_os_error_reason(err), path) from None


def _too_large_reason(size: int, limit: int) -> str:
    shown_size, shown_limit = format_size(size), format_size(limit)
    if shown_size == shown_limit:  # e.g. limit + 1 byte: "8 MB > limit 8 MB" would read oddly
        return f"too large (over limit {shown_limit})"
    return f"too large ({shown_size} > limit {shown_limit})"


# Well-known formats that turn up in scraped folders under a .txt name.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x1f\x8b", "GZIP"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"7z\xbc\xaf\x27\x1c", "7Z"),
    (b"\x7fELF", "ELF"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters that plain text legitimately contains.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f")
_BINARY_CONTROLS = frozenset(set(range(0x20)) - _TEXT_CONTROLS) | {0x7F}
_ALL_BUT_BINARY_CONTROLS = bytes(b for b in range(256) if b not in _BINARY_CONTROLS)


def sniff_binary(head: bytes) -> str | None:
    """Classify the start of a file: None if it looks like text, else the binary
    format's name ("PDF", "PNG", ...) or "" when it is binary of no known kind."""
    for magic, name in _MAGIC_NUMBERS:
        if head.startswith(magic):
            return name
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if _BZIP2.match(head):
        return "BZIP2"

    if head.startswith(_UTF16_BOMS):
        # UTF-16 is full of NUL bytes, so judge the decoded characters instead.
        encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        body = head[2:]
        text = body[: len(body) - len(body) % 2].decode(encoding, errors="replace")
        codes = [ord(ch) for ch in text]
        controls = sum(1 for c in codes if c in _BINARY_CONTROLS)
        return "" if codes and controls / len(codes) > MAX_CONTROL_RATIO else None

    if b"\x00" in head:
        return ""
    controls = len(head.translate(None, _ALL_BUT_BINARY_CONTROLS))  # counted in C
    if head and controls / len(head) > MAX_CONTROL_RATIO:
        return ""
    return None


# --------------------------------------------------------------------------- small helpers


def file_hash(data: bytes) -> str:
    """Short stable digest (BLAKE2b, 16 bytes, 32 hex chars) of a file's content."""
    from hashlib import blake2b  # here: hashlib loads OpenSSL, 14 ms that a search does not need

    return blake2b(data, digest_size=16).hexdigest()
