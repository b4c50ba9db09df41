"""Typed errors raised by the library; the CLI turns each into a one-line message.

``exit_code`` follows Unix habits: 1 means "nothing found", 2 a usage or input
error, 75 (EX_TEMPFAIL) a resource that is busy right now.
"""

from __future__ import annotations

from newsidx.display import display_path


class NewsidxError(Exception):
    exit_code = 2


class NoIndexError(NewsidxError):
    def __init__(self, location: str):
        super().__init__(
            f"no index at {location}; create one with `newsidx ingest [PATHS]` "
            "(or point --index / NEWSIDX_INDEX at an existing one)"
        )
        self.location = location


REBUILD = "newsidx ingest --rebuild"


class DamagedIndexError(NewsidxError):
    """The index exists but cannot be read: a file of it is missing, cut short
    or not what newsidx wrote. The files it was made from are intact, so the
    way out is always to rebuild it from them.

    ``lost_paths``: the catalog, which lists the indexed files, is itself
    unreadable, so the rebuild needs the folders to re-index.
    """

    def __init__(self, location: str, problem: str, lost_paths: bool = False):
        hint = (f"rebuild it from the folders it indexed with `{REBUILD} PATHS`"
                if lost_paths else f"rebuild it with `{REBUILD}`")
        super().__init__(self.describe(location, problem, hint))
        self.location = location
        self.problem = problem
        self.lost_paths = lost_paths

    @staticmethod
    def describe(location: str, problem: str, hint: str) -> str:
        return f"the index at {location} is damaged: {problem}; {hint}"


class IndexFormatError(DamagedIndexError):
    """The index was written by a newsidx that lays its files out otherwise
    (an upgrade, not damage): the same way out, a rebuild from the files."""

    @staticmethod
    def describe(location: str, problem: str, hint: str) -> str:
        return f"the index at {location} {problem}; {hint}"


class OldIndexError(NewsidxError):
    """An index made by newsidx 0.x: ingest rebuilds it, readers refuse it until then."""

    def __init__(self, location: str):
        super().__init__(f"the index at {location} was made by an older newsidx; "
                         "`newsidx ingest` rebuilds it")
        self.location = location


class IndexLocationError(NewsidxError):
    """The index folder cannot be used as one: it is a file, cannot be created,
    or cannot be written (read-only, immutable, on a read-only file system)."""


class IndexBusyError(NewsidxError):
    exit_code = 75

    def __init__(self, pid: int | None):
        self.pid = pid
        super().__init__(
            f"the index is being updated by another newsidx ({self.holder}); "
            "try again when it finishes, or pass --wait"
        )

    @property
    def holder(self) -> str:
        return f"pid {self.pid}" if self.pid else "pid unknown"


class QuerySyntaxError(NewsidxError):
    pass


class ArticleNotFoundError(NewsidxError):
    exit_code = 1


class AmbiguousIdError(NewsidxError):
    def __init__(self, prefix: str, candidates: list[str]):
        shown = ", ".join(candidates[:10]) + (" ..." if len(candidates) > 10 else "")
        super().__init__(f"id prefix {prefix!r} is ambiguous: it matches {shown}; type more characters")
        self.candidates = candidates


class StrictModeFailure(NewsidxError):
    """``ingest --strict``: the first file that cannot be ingested stops the run."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"--strict: stopped at {display_path(path)}: {reason} "
                         "(everything before it was kept)")
        self.path = path
        self.reason = reason
