"""Tests for newsidx.sources: discovery and reading under hostile conditions."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from newsidx import sources
from newsidx.display import display_path, parse_size
from newsidx.models import FileProblem
from newsidx.sources import (
    DEFAULT_MAX_BYTES,
    SourceError,
    SourceFile,
    file_hash,
    discover,
    read_source,
)

TEXT = b"Officials said on Tuesday that the bridge would reopen next week.\n"


def write(path, data: bytes = TEXT):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    return os.fspath(path)


def found_paths(results):
    return [r.path for r in results if isinstance(r, SourceFile)]


def problems(results):
    return [(r.path, r.reason) for r in results if isinstance(r, FileProblem)]


def reason_of(source, max_bytes=DEFAULT_MAX_BYTES) -> str:
    with pytest.raises(SourceError) as info:
        read_source(source, max_bytes)
    return info.value.reason


# --------------------------------------------------------------------------- discover


def test_discover_walks_recursively_in_sorted_order_with_glob(tmp_path):
    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", "a.txt", "c/d.txt"]:
        write(tmp_path / rel)
    results = list(discover([str(tmp_path)]))
    expected = [os.path.join(tmp_path, rel) for rel in ["a/b/c.txt", "a/z.txt", "a.txt", "b.txt", "c/d.txt"]]
    assert found_paths(results) == expected
    assert problems(results) == []


def test_discover_records_size_and_mtime(tmp_path):
    path = write(tmp_path / "a.txt", b"12345")
    os.utime(path, ns=(1_000_000_000, 1_700_000_000_123_456_789))
    assert list(discover([str(tmp_path)])) == [SourceFile(path, 5, 1_700_000_000_123_456_789)]


def test_discover_ignores_files_not_matching_pattern(tmp_path):
    write(tmp_path / "keep.txt")
    write(tmp_path / "photo.jpg")
    write(tmp_path / "notes.md")
    write(tmp_path / "txt")
    assert list(discover([str(tmp_path)])) == [
        SourceFile(str(tmp_path / "keep.txt"), len(TEXT), os.stat(tmp_path / "keep.txt").st_mtime_ns)
    ]


def test_discover_uses_custom_pattern(tmp_path):
    write(tmp_path / "a.txt")
    write(tmp_path / "b.article")
    assert found_paths(discover([str(tmp_path)], pattern="*.article")) == [str(tmp_path / "b.article")]


def test_explicit_file_is_taken_whatever_its_extension(tmp_path):
    path = write(tmp_path / "story.html")
    assert found_paths(discover([path])) == [path]


def test_discover_accepts_a_single_path_string(tmp_path):
    path = write(tmp_path / "a.txt")
    assert found_paths(discover(str(tmp_path))) == [path]


def test_relative_paths_are_made_absolute_without_resolving_symlinks(tmp_path, monkeypatch):
    write(tmp_path / "real" / "a.txt")
    os.symlink(tmp_path / "real", tmp_path / "link")
    monkeypatch.chdir(tmp_path)
    assert found_paths(discover(["link"])) == [str(tmp_path / "link" / "a.txt")]


def test_missing_top_level_path_is_reported(tmp_path):
    write(tmp_path / "a.txt")
    missing = str(tmp_path / "nope")
    results = list(discover([missing, str(tmp_path)]))
    assert results[0] == FileProblem(missing, "not found")
    assert found_paths(results) == [str(tmp_path / "a.txt")]


def test_empty_and_nul_paths_are_reported_not_raised(tmp_path):
    assert list(discover(["", str(tmp_path) + "/a\0b"])) == [
        FileProblem("", "not found"),
        FileProblem(str(tmp_path) + "/a\0b", "invalid path"),
    ]


def test_broken_symlink_inside_folder_is_reported(tmp_path):
    write(tmp_path / "ok.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "broken.txt")
    os.symlink(tmp_path / "gone.jpg", tmp_path / "broken.jpg")  # not ours: ignored
    results = list(discover([str(tmp_path)]))
    assert problems(results) == [(str(tmp_path / "broken.txt"), "broken symlink")]
    assert found_paths(results) == [str(tmp_path / "ok.txt")]


def test_broken_symlink_given_explicitly_is_reported(tmp_path):
    os.symlink(tmp_path / "gone", tmp_path / "link")
    assert list(discover([str(tmp_path / "link")])) == [FileProblem(str(tmp_path / "link"), "broken symlink")]


def test_symlink_loop_terminates_and_is_reported_once(tmp_path):
    write(tmp_path / "a" / "x.txt")
    os.symlink(tmp_path, tmp_path / "a" / "up")  # a/up -> root: infinite if followed
    os.symlink("..", tmp_path / "a" / "parent")  # a/parent -> root, relative
    results = list(discover([str(tmp_path)]))
    assert found_paths(results) == [str(tmp_path / "a" / "x.txt")]
    assert problems(results) == [
        (str(tmp_path / "a" / "parent"), "symlink loop"),
        (str(tmp_path / "a" / "up"), "symlink loop"),
    ]


def test_self_referencing_symlinks_are_reported_as_loops(tmp_path):
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("pong.txt", tmp_path / "ping.txt")
    os.symlink("ping.txt", tmp_path / "pong.txt")
    assert problems(discover([str(tmp_path)])) == [
        (str(tmp_path / "ping.txt"), "symlink loop"),
        (str(tmp_path / "pong.txt"), "symlink loop"),
        (str(tmp_path / "self.txt"), "symlink loop"),
    ]


def test_symlinked_folder_outside_tree_is_followed(tmp_path):
    write(tmp_path / "elsewhere" / "a.txt")
    os.makedirs(tmp_path / "root")
    os.symlink(tmp_path / "elsewhere", tmp_path / "root" / "linked")
    assert found_paths(discover([str(tmp_path / "root")])) == [str(tmp_path / "root" / "linked" / "a.txt")]


def test_second_route_to_a_walked_folder_is_silently_skipped(tmp_path):
    write(tmp_path / "real" / "a.txt")
    os.symlink(tmp_path / "real", tmp_path / "alias")
    results = list(discover([str(tmp_path)]))
    # "alias" sorts first, so the files appear under it, and only once.
    assert results == [SourceFile(str(tmp_path / "alias" / "a.txt"), len(TEXT),
                                  os.stat(tmp_path / "real" / "a.txt").st_mtime_ns)]


def test_same_file_via_two_paths_and_symlink_is_ingested_once(tmp_path):
    path = write(tmp_path / "a.txt")
    os.symlink(path, tmp_path / "link.txt")
    dotted = str(tmp_path / "." / "a.txt")
    results = list(discover([path, dotted, str(tmp_path / "link.txt"), str(tmp_path)]))
    assert results == [SourceFile(path, len(TEXT), os.stat(path).st_mtime_ns)]


def test_same_folder_given_twice_is_walked_once(tmp_path):
    write(tmp_path / "sub" / "a.txt")
    results = list(discover([str(tmp_path), str(tmp_path / "sub"), str(tmp_path)]))
    assert found_paths(results) == [str(tmp_path / "sub" / "a.txt")]


def test_hidden_folders_and_files_are_skipped_unless_named(tmp_path):
    write(tmp_path / ".git" / "x.txt")
    write(tmp_path / ".cache" / "deep" / "y.txt")
    write(tmp_path / ".hidden.txt")
    write(tmp_path / "seen.txt")
    assert found_paths(discover([str(tmp_path)])) == [str(tmp_path / "seen.txt")]
    assert found_paths(discover([str(tmp_path / ".git")])) == [str(tmp_path / ".git" / "x.txt")]


def test_fifo_matching_pattern_is_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.dat")  # not ours: ignored
    assert list(discover([str(tmp_path)])) == [FileProblem(str(tmp_path / "pipe.txt"), "not a regular file")]
    named = str(tmp_path / "pipe.dat")  # named on the command line: taken whatever its name
    assert list(discover([named])) == [FileProblem(named, "not a regular file")]


def test_2000_level_deep_tree_is_walked_without_recursion(tmp_path):
    depth = 2000
    # Build and remove the tree level by level: os.makedirs and shutil.rmtree
    # (used by pytest's tmp_path cleanup) are themselves recursive.
    levels = [str(tmp_path)]
    for _ in range(depth):
        levels.append(os.path.join(levels[-1], "d"))
        os.mkdir(levels[-1])
    leaf = write(os.path.join(levels[-1], "x.txt"))
    try:
        results = list(discover([str(tmp_path)]))
        assert results == [SourceFile(leaf, len(TEXT), os.stat(leaf).st_mtime_ns)]
        assert leaf.split(os.sep).count("d") == depth
    finally:
        os.unlink(leaf)
        for level in reversed(levels[1:]):
            os.rmdir(level)


def test_non_utf8_names_are_discovered_and_readable(tmp_path):
    bytes_dir = os.fsencode(tmp_path)
    file_bytes = os.path.join(bytes_dir, b"caf\xe9.txt")
    nested_bytes = os.path.join(bytes_dir, b"d\xff", b"n\xfe.txt")
    os.mkdir(os.path.join(bytes_dir, b"d\xff"))
    for name, data in [(file_bytes, b"caf\xe9 au lait\n"), (nested_bytes, TEXT)]:
        with open(name, "wb") as fh:
            fh.write(data)

    results = list(discover([str(tmp_path)]))
    assert found_paths(results) == [os.fsdecode(file_bytes), os.fsdecode(nested_bytes)]
    assert [os.fsencode(p) for p in found_paths(results)] == [file_bytes, nested_bytes]
    assert read_source(results[0], DEFAULT_MAX_BYTES) == b"caf\xe9 au lait\n"
    assert read_source(results[1], DEFAULT_MAX_BYTES) == TEXT
    assert display_path(results[0].path).endswith("caf\\xe9.txt")


def test_unreadable_folder_is_reported_and_walk_continues(tmp_path, monkeypatch):
    write(tmp_path / "a" / "one.txt")
    write(tmp_path / "locked" / "secret.txt")
    write(tmp_path / "z" / "two.txt")
    locked = str(tmp_path / "locked")
    real_scandir = os.scandir

    def scandir(path="."):
        if path == locked:
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "scandir", scandir)
    results = list(discover([str(tmp_path)]))
    assert found_paths(results) == [str(tmp_path / "a" / "one.txt"), str(tmp_path / "z" / "two.txt")]
    assert problems(results) == [(locked, "permission denied")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits (simulated test above)")
def test_unreadable_folder_with_real_permissions(tmp_path):
    write(tmp_path / "locked" / "secret.txt")
    os.chmod(tmp_path / "locked", 0)
    try:
        assert problems(discover([str(tmp_path)])) == [(str(tmp_path / "locked"), "permission denied")]
    finally:
        os.chmod(tmp_path / "locked", stat.S_IRWXU)


# --------------------------------------------------------------------------- read_source


def test_read_source_returns_bytes(tmp_path):
    path = write(tmp_path / "a.txt")
    [source] = discover([path])
    assert read_source(source, DEFAULT_MAX_BYTES) == TEXT
    assert read_source(path, DEFAULT_MAX_BYTES) == TEXT


def test_unreadable_file_is_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt")
    real_open = os.open

    def deny(p, flags, *args, **kwargs):
        if os.fspath(p) == path:
            raise PermissionError(errno.EACCES, "Permission denied", p)
        return real_open(p, flags, *args, **kwargs)

    monkeypatch.setattr(sources.os, "open", deny)
    [source] = discover([path])
    with pytest.raises(SourceError) as info:
        read_source(source, DEFAULT_MAX_BYTES)
    assert info.value.reason == "permission denied"
    assert info.value.path == path


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits (simulated test above)")
def test_unreadable_file_with_real_permissions(tmp_path):
    path = write(tmp_path / "a.txt")
    os.chmod(path, 0)
    assert reason_of(path) == "permission denied"


def test_empty_file(tmp_path):
    path = write(tmp_path / "a.txt", b"")
    assert reason_of(path) == "empty file"


def test_too_large_is_rejected_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", b"x" * 3000)
    monkeypatch.setattr(sources.os, "read", lambda *a: pytest.fail("read despite size check"))
    assert reason_of(path, max_bytes=1024) == "too large (2.9 KB > limit 1 KB)"


def test_too_large_reason_uses_megabytes(tmp_path):
    path = write(tmp_path / "big.txt", b"x" * int(12.3 * 1024 * 1024))
    assert reason_of(path, max_bytes=8 * 1024 * 1024) == "too large (12.3 MB > limit 8 MB)"


def test_file_at_exactly_the_limit_is_accepted(tmp_path):
    path = write(tmp_path / "a.txt", b"y" * 1024)
    assert read_source(path, 1024) == b"y" * 1024


def test_file_growing_after_stat_is_cut_off_and_rejected(tmp_path, monkeypatch):
    # fstat claims a small file (as if stat ran before the file grew): the reader
    # must not trust it and must stop after max_bytes + 1 bytes.
    path = write(tmp_path / "growing.txt", b"z" * 100_000)
    real_fstat, real_read = os.fstat, os.read
    lies = iter([True])

    def fstat(fd):
        st = real_fstat(fd)
        if next(lies, False):
            fields = list(st[:10])
            fields[stat.ST_SIZE] = 10
            return os.stat_result(fields)
        return st

    bytes_read = []

    def read(fd, n):
        chunk = real_read(fd, n)
        bytes_read.append(len(chunk))
        return chunk

    monkeypatch.setattr(sources.os, "fstat", fstat)
    monkeypatch.setattr(sources.os, "read", read)
    assert reason_of(path, max_bytes=1024) == "too large (97.7 KB > limit 1 KB)"
    assert sum(bytes_read) == 1025


def test_binary_file_with_nul_bytes(tmp_path):
    path = write(tmp_path / "a.txt", b"Some text\x00\x01\x02 then more text")
    assert reason_of(path) == "binary file"


def test_binary_file_with_many_control_characters(tmp_path):
    path = write(tmp_path / "a.txt", bytes(range(1, 32)) * 20 + b"some words")
    assert reason_of(path) == "binary file"


def test_text_with_a_few_escape_sequences_is_not_binary(tmp_path):
    data = b"\x1b[1mHeadline\x1b[0m\n" + TEXT * 10
    path = write(tmp_path / "a.txt", data)
    assert read_source(path, DEFAULT_MAX_BYTES) == data


@pytest.mark.parametrize(
    "magic, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x1f\x8b\x08\x00", "GZIP"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
    ],
)
def test_binary_file_magic_numbers_are_named(tmp_path, magic, kind):
    path = write(tmp_path / "a.txt", magic + b"rest of the file")
    assert reason_of(path) == f"binary file ({kind})"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_text_not_binary(tmp_path, encoding):
    text = "Grüße aus Köln\nThe mayor said «bonjour».\n"
    if encoding == "utf-16":
        data = text.encode("utf-16")  # native order with BOM
    else:
        data = "\ufeff".encode(encoding) + text.encode(encoding)
    assert b"\x00" in data
    path = write(tmp_path / "a.txt", data)
    assert read_source(path, DEFAULT_MAX_BYTES) == data


def test_utf16_without_bom_is_binary(tmp_path):
    path = write(tmp_path / "a.txt", "plain ascii words".encode("utf-16-le"))
    assert reason_of(path) == "binary file"


def test_latin1_text_is_not_binary(tmp_path):
    data = "Le café de la Fête à Noël coûte 3 €.\n".encode("cp1252") * 5
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = write(tmp_path / "a.txt", data)
    assert read_source(path, DEFAULT_MAX_BYTES) == data


def test_vanished_between_discover_and_read(tmp_path):
    path = write(tmp_path / "a.txt")
    [source] = discover([str(tmp_path)])
    os.unlink(path)
    assert reason_of(source) == "vanished"


def test_missing_path_string_is_not_found(tmp_path):
    assert reason_of(str(tmp_path / "nope.txt")) == "not found"


def test_directory_is_rejected(tmp_path):
    assert reason_of(str(tmp_path)) == "is a directory"


def test_fifo_is_rejected_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert reason_of(str(tmp_path / "pipe.txt")) == "not a regular file"


def test_endless_device_is_rejected():
    assert reason_of("/dev/zero") == "not a regular file"


def test_other_os_errors_use_lowercased_strerror(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt")

    def failing_read(fd, n):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(sources.os, "read", failing_read)
    assert reason_of(path) == "input/output error"


# --------------------------------------------------------------------------- helpers


def test_file_hash_is_stable_short_hex_and_content_sensitive():
    digest = file_hash(b"hello")
    assert digest == file_hash(b"hello")
    assert len(digest) == 32 and int(digest, 16) >= 0
    assert digest == "46fb7408d4f285228f4af516ea25851b"  # fixed: indexes persist it
    assert file_hash(b"hello!") != digest
    assert file_hash(b"") != digest


def test_default_max_bytes_is_8_mib():
    assert DEFAULT_MAX_BYTES == parse_size("8MB") == 8 * 1024 * 1024
