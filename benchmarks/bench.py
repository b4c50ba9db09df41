"""Ingest and search speed of newsidx on a generated corpus: ``make bench``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench.py              # 20,000 files (or $BENCH_N)
    .venv/bin/python benchmarks/bench.py --quick      # 2,000 files, a sanity run
    BENCH_N=100000 make bench                         # another corpus size
    make bench BENCH_ARGS="--repeats 3"               # three newsidx/naive pairs
    .venv/bin/python benchmarks/bench.py --files 50000 --repeats 3 --json-out out.json --keep

Corpus size: ``--files`` wins, then ``--quick``, then the environment variable
``BENCH_N``, then 20,000. Every figure is also written as JSON to
``--json-out`` (default ``/tmp/newsidx-bench/results-N.json``, under
``--cache``); the path is printed at the end.

What is measured, and why
-------------------------
Everything a user waits for goes through the real command line in a
subprocess (``newsidx --index DIR ...``), so interpreter start-up and imports
are included: that is what a user feels. Only the public interfaces are used
(the CLI and ``newsidx.archive.Archive``), never the index's files.

1. First ingest of N files next to ``benchmarks/naive_whoosh.py`` (plain
   Whoosh: the baseline newsidx must beat) on the same files, each a
   subprocess, alternated A B (A B A B ... with ``--repeats R``): wall time
   (median), articles/s (one file is one article), peak RSS and index size
   against the raw text (the corpus ``*.txt`` bytes). The speed ratio
   newsidx/naive is taken pair by pair, then the median: on a shared, noisy
   machine a side-by-side ratio is the figure that counts. Peak RSS is
   reported twice: the largest single process, from ``wait4`` (on Linux it
   covers the reaped descendants too, i.e. the extraction workers), and the
   largest sum of RSS over the whole process tree, sampled every 0.2 s
   (shared pages counted once per process: an upper bound).
   The same ingest on a subset with ``--jobs 1`` and with the default (all
   cores) shows what extraction in worker processes buys.
2. Re-ingest with nothing changed: the everyday case. Its time relative to
   the first ingest, and the number of corpus files whose *contents* it opens,
   counted independently of newsidx's own report: under ``strace`` (file opens
   under the corpus, folders excluded) when strace is installed, and always
   in-process through ``Archive.ingest`` with ``sources.read_source`` wrapped.
3. 100 files touched, 10 of them edited (a sentence appended), re-ingested:
   the counts ingest reports.
4. Whole-process search against grep: ``newsidx search Q --json`` for four
   kinds of query (one word, two words, a phrase, date-filtered) next to
   ``grep -ril WORD CORPUS`` and ``rg -il WORD CORPUS`` (when rg is
   installed), alternated run by run, medians; the ratio newsidx/grep says
   whether an index is worth having over searching the files. A few other
   query forms (rare word, ``--sort date``, ``--since/--until``) follow.
5. In-process latency, p50/p95, of ``Archive.search`` opened once, over a
   seeded query set run interleaved: one/two-word queries and phrases
   separately (phrases read positions and cost more), and operator queries
   (OR, NOT, fields, dates) for information. One ``Archive`` serves all
   queries; each ``search`` call opens a searcher, as the API does.
6. ``newsidx show ID`` end to end, and ``newsidx --version`` (and bare
   ``python -c pass``) as the floor any command pays.

Extraction speed per page alone is measured by ``benchmarks/extract_speed.py``.

The subprocesses run with cached bytecode, as an installed newsidx does
(``PYTHONPYCACHEPREFIX`` under ``--cache``, so nothing is written into the work
tree, and ``PYTHONDONTWRITEBYTECODE`` dropped); when the environment sets
``PYTHONDONTWRITEBYTECODE``, start-up is also shown the way it then costs.

Targets (set for the 20,000-file corpus; printed as PASS/MISS, they never
change the exit status):

- first ingest at least 2x naive Whoosh's articles/s (3x stretch), index under
  1.5x the raw text, peak RSS under 1 GiB;
- re-ingest of an unchanged corpus under 5 % of the first ingest, opening no
  corpus file;
- touch 100 + edit 10: exactly 10 updated, at least 90 unchanged (touched
  files recognised by their content hash);
- ``newsidx search WORD`` median under 0.25 s and below ``grep -ril``;
- in-process p95 under 50 ms for one/two-word queries, 250 ms for phrases;
- ``newsidx show ID`` median under 0.3 s.

The exit status is non-zero only when a command fails (a crash, an unexpected
exit status, unparsable JSON), never for a slow figure.

The corpus comes from ``../shared/tools/make_corpus.py`` (real BBC text in
synthetic page chrome; ``--shared DIR`` to point elsewhere), generated once
into ``--cache`` (default /tmp/newsidx-bench/corpus-N); without shared/ it is
built from the repository's own ``corpus/`` by repeating its articles with
varied numbers and dates. Each run works on a private copy of the corpus (the
edits of step 3 never reach the cache). Page caches are warm: files were just
written or copied, which is also the usual case for re-ingests, and is what
grep gets too. Timings on a shared machine are noisy: the load average is
printed before and after.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
NAIVE_WHOOSH = Path(__file__).resolve().parent / "naive_whoosh.py"

DEFAULT_FILES = 20_000
QUICK_FILES = 2_000
SUBSET_FILES = 3_000
QUICK_SUBSET_FILES = 500
PYCACHE = Path(tempfile.gettempdir()) / "newsidx-bench" / "pycache"  # under --cache once parsed
TOUCHED, EDITED = 100, 10
CLI_RUNS = 15
QUICK_CLI_RUNS = 7
INPROCESS_WORD_QUERIES = 200
INPROCESS_PHRASE_QUERIES = 60
INPROCESS_SEED = 7
SHOW_RUNS = 10
STARTUP_RUNS = 20
TREE_SAMPLE_INTERVAL_S = 0.2

TARGET_INGEST_RATIO_FLOOR = 2.0
TARGET_INGEST_RATIO_STRETCH = 3.0
TARGET_INDEX_VS_RAW = 1.5
TARGET_PEAK_RSS = 2**30
TARGET_REINGEST_RATIO = 0.05
TARGET_SEARCH_WORD_S = 0.25
TARGET_INPROCESS_WORDS_P95_S = 0.050
TARGET_INPROCESS_PHRASES_P95_S = 0.250
TARGET_SHOW_S = 0.3
TARGET_FACETS_RATIO = 1.20

COMMON_WORD = "government"
# The rare word is the first of these with a handful of hits in this corpus.
RARE_CANDIDATES = ("yukos", "tsunami", "ceasefire", "kilroy", "glazer", "ebbers", "darfur", "hobbit", "ipod")
DATE_QUERY = "economy date:[2005-01-01 TO 2005-03-31]"
# The four kinds compared with grep; the first is the one grep searches for.
GREP_COMPARED_QUERIES = (
    ("one word", [COMMON_WORD]),
    ("two words", ["economy growth"]),
    ("phrase", ['"prime minister"']),
    ("date-filtered", [DATE_QUERY]),
)
# In-process query set: words and phrases common in BBC news of 2004-05.
INPROCESS_VOCABULARY = (
    "government", "election", "market", "film", "music", "football", "mobile", "bank", "oil", "court",
    "minister", "growth", "prices", "china", "internet", "award", "players", "tax", "police", "security",
    "economy", "sales", "games", "software", "record", "strike", "chelsea", "shares", "profits", "album",
)
INPROCESS_PHRASES = (
    '"prime minister"', '"chief executive"', '"general election"', '"interest rates"', '"world cup"',
    '"human rights"', '"mobile phone"', '"tony blair"', '"gordon brown"', '"box office"',
    '"last year"', '"the bbc"', '"in the uk"', '"told the bbc"', '"said it would"',
)
INPROCESS_OPERATOR_QUERIES = (
    "economy OR growth", "headline:england", "labour NOT tory", "date:2005-02 music",
    "date:[2004-06-01 TO 2004-12-31] oil",
)


# --------------------------------------------------------------------------- small helpers


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load() -> str:
    try:
        with open("/proc/loadavg") as fh:
            return " ".join(fh.read().split()[:3])
    except OSError:
        return "?"


def percentile(values: list[float], pct: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:.0f} ms"


def secs(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.2f} s"


def mib(n: int | None) -> str:
    return "-" if n is None else f"{n / 2**20:.1f} MiB"


def dir_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def corpus_files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*.txt") if p.is_file())


class ToolFailure(Exception):
    """A measured command failed: the benchmark's exit status becomes non-zero."""


# --------------------------------------------------------------------------- running and timing commands


@dataclass
class Run:
    """One finished subprocess: its output, wall time and memory."""

    argv: list[str]
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes: the largest single process, the command or any descendant it reaped (wait4)
    tree_rss: int | None  # bytes: the largest sampled sum over the live process tree; None if not sampled


def descendants(root: int) -> list[int]:
    """Live processes under ``root``, found through the parent ids in /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue  # ended meanwhile
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])  # the name may hold spaces or ')'
        children.setdefault(parent, []).append(int(entry))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending += children.get(pid, [])
    return found


def tree_rss_bytes(root: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    total = 0
    for pid in descendants(root):
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            pass
    return total


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process tree until stopped (Linux /proc only)."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.peak, self.stopped = root, 0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(TREE_SAMPLE_INTERVAL_S):
            self.peak = max(self.peak, tree_rss_bytes(self.root))


def run_command(argv: list[str], env: dict | None = None, ok=(0,), timeout: float | None = None,
                sample_tree: bool = False) -> Run:
    """Run ``argv`` to completion; ToolFailure unless its exit status is in ``ok``.

    Output goes to temporary files rather than pipes so that the process can
    be reaped with ``os.wait4``, whose rusage gives its peak RSS.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
        sampler = TreeSampler(proc.pid) if sample_tree and os.path.isdir("/proc") else None
        if sampler:
            sampler.start()
        killer = threading.Timer(timeout, proc.kill) if timeout else None
        if killer:
            killer.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
        if killer:
            killer.cancel()
        if sampler:
            sampler.stopped.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        run = Run(argv, elapsed, proc.returncode, out.read().decode("utf-8", "replace"),
                  err.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024,
                  sampler.peak if sampler else None)
    if run.returncode not in ok:
        tail = (run.stderr or run.stdout).strip().splitlines()[-3:]
        raise ToolFailure(f"`{' '.join(argv[-6:])}` exited {run.returncode}: " + " | ".join(tail))
    return run


def parse_json(run: Run):
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError as exc:
        raise ToolFailure(f"`{' '.join(run.argv[-6:])}` printed no JSON ({exc}): {run.stdout[:200]!r}")


def alternate(variants: dict[str, Callable[[], Run]], rounds: int) -> dict[str, list[Run]]:
    """Each variant once per round, in turn: a drifting load then hits all alike."""
    runs: dict[str, list[Run]] = {label: [] for label in variants}
    for _ in range(rounds):
        for label, run_once in variants.items():
            runs[label].append(run_once())
    return runs


def median_seconds(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def measured_env() -> dict:
    """The environment of every measured command: an installed newsidx's conditions."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSIDX_INDEX", "PYTHONDONTWRITEBYTECODE")}
    env.update(NO_COLOR="1", COLUMNS="120")
    # With cached bytecode (as pip writes for an install), kept out of the work tree.
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


class Cli:
    """The real `newsidx` command line on one index."""

    def __init__(self, exe: str, index: Path):
        self.exe = exe
        self.index = index
        self.env = measured_env()

    def argv(self, *args: str) -> list[str]:
        return [self.exe, "--index", str(self.index), *args]

    def run(self, *args: str, ok=(0,), timeout: float | None = None, prefix: list[str] | None = None,
            sample_tree: bool = False) -> Run:
        return run_command((prefix or []) + self.argv(*args), self.env, ok, timeout, sample_tree)

    def run_json(self, *args: str, ok=(0,), timeout: float | None = None) -> tuple[float, dict]:
        run = self.run(*args, ok=ok, timeout=timeout)
        return run.seconds, parse_json(run)


def find_newsidx() -> str:
    for candidate in (Path(sys.executable).parent / "newsidx", REPO_ROOT / ".venv" / "bin" / "newsidx"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("newsidx")
    if not found:
        sys.exit("bench: no `newsidx` executable (run `make install` first)")
    return found


# --------------------------------------------------------------------------- the corpus


def ensure_corpus(files: int, cache: Path, shared: Path) -> tuple[Path, str]:
    """The cached corpus of ``files`` page dumps, generated on first use."""
    generator = shared / "tools" / "make_corpus.py"
    use_shared = generator.is_file()
    kind = "make_corpus" if use_shared else "repo-corpus"
    target = cache / (f"corpus-{files}" if use_shared else f"corpus-{files}-repo")
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two benches at once: one generates, the other waits
        if target.is_dir():
            return target, kind
        partial = Path(tempfile.mkdtemp(prefix=target.name + ".partial-", dir=cache))
        started = time.perf_counter()
        if use_shared:
            log(f"generating {files} files with {generator} (once; cached in {target})")
            subprocess.run([sys.executable, str(generator), str(files), str(partial), "--no-gold"],
                           check=True, stdout=subprocess.DEVNULL)
        else:
            log(f"{generator} not found: building {files} files from {REPO_ROOT / 'corpus'}")
            build_from_repo_corpus(files, partial)
        os.rename(partial, target)  # complete or absent, never half-written
        log(f"corpus ready in {time.perf_counter() - started:.1f} s")
    return target, kind


def build_from_repo_corpus(files: int, out: Path) -> None:
    """Distinct page dumps made by repeating the repository's own articles."""
    sources = [p for p in corpus_files(REPO_ROOT / "corpus")]
    articles = []
    for path in sources:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        head, _, body = text.partition("\n")
        paras = [p.strip() for p in body.split("\n") if p.strip()]
        if head.strip() and len(paras) >= 2:
            articles.append((head.strip(), paras))
    if not articles:
        sys.exit(f"bench: no articles under {REPO_ROOT / 'corpus'} to build a corpus from")
    rng = random.Random(1)
    for i in range(files):
        head, paras = articles[i % len(articles)]
        paras = list(paras)
        copy = i // len(articles)
        if copy:
            j = rng.randrange(len(paras))
            paras[j] += f" The figure was revised to {rng.randint(2, 99_999):,} in update {copy}."
        day = rng.randrange(3 * 365)
        year, day_of_year = 2004 + day // 365, day % 365
        month, mday = 1 + day_of_year // 31 % 12, 1 + day_of_year % 28
        lines = ["Home | News | World | Business", "", head, "", f"{year}-{month:02d}-{mday:02d}", ""]
        lines += [p + "\n" for p in paras] + ["Related stories", f"Story {i} of the archive"]
        path = out / f"{year}" / f"{month:02d}" / f"{i:07d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_subset(source: Path, files: list[Path], count: int, out: Path) -> Path:
    step = max(1, len(files) // count)
    for path in files[::step][:count]:
        dest = out / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, dest)
    return out


# --------------------------------------------------------------------------- measurements


def summarize_report(report: dict) -> dict:
    out = {k: report.get(k) for k in ("added", "updated", "unchanged", "removed", "duplicate", "missing")}
    out["failed"] = len(report.get("failed") or [])
    return out


def ingest_figures(runs: list[Run], files: int, index_bytes: int, raw_bytes: int) -> dict:
    seconds = median_seconds(runs)
    return {
        "runs": [r.seconds for r in runs], "seconds": seconds, "articles_per_s": files / seconds,
        "peak_rss": max(r.peak_rss for r in runs),
        "tree_rss": max((r.tree_rss for r in runs if r.tree_rss is not None), default=None),
        "index_bytes": index_bytes, "index_vs_raw": index_bytes / max(raw_bytes, 1),
    }


def measure_ingest_vs_naive(exe: str, corpus: Path, work: Path, repeats: int, results: dict) -> Cli:
    """First ingest by newsidx and by naive Whoosh, alternated; the last newsidx index is kept."""
    cli = Cli(exe, work / "index")
    naive_index = work / "naive-index"
    naive_argv = [sys.executable, str(NAIVE_WHOOSH), str(corpus), str(naive_index)]
    files, raw_bytes = results["corpus"]["files"], results["corpus"]["bytes"]

    def newsidx_ingest() -> Run:
        shutil.rmtree(cli.index, ignore_errors=True)
        run = cli.run("ingest", str(corpus), "--json", ok=(0, 1), sample_tree=True)
        log(f"  newsidx ingest: {run.seconds:.1f} s, {files / run.seconds:.0f} articles/s")
        return run

    def naive_ingest() -> Run:
        shutil.rmtree(naive_index, ignore_errors=True)
        run = run_command(naive_argv, cli.env, sample_tree=True)
        log(f"  naive Whoosh:   {run.seconds:.1f} s, {files / run.seconds:.0f} articles/s")
        return run

    log(f"first ingest of {files} files, newsidx vs naive Whoosh, {repeats} pair(s) ...")
    runs = alternate({"newsidx": newsidx_ingest, "naive": naive_ingest}, repeats)
    # newsidx/naive in articles/s is naive's time over newsidx's, pair by pair.
    pair_ratios = [naive.seconds / ours.seconds for ours, naive in zip(runs["newsidx"], runs["naive"])]
    results["ingest"] = {
        "repeats": repeats, "raw_text_bytes": raw_bytes,
        "newsidx": ingest_figures(runs["newsidx"], files, dir_size(cli.index), raw_bytes),
        "naive": ingest_figures(runs["naive"], files, dir_size(naive_index), raw_bytes),
        "pair_ratios": pair_ratios, "ratio": statistics.median(pair_ratios),
        "report": summarize_report(parse_json(runs["newsidx"][-1])),
    }
    shutil.rmtree(naive_index, ignore_errors=True)
    return cli


def measure_jobs(exe: str, corpus: Path, all_files: list[Path], count: int, repeats: int,
                 work: Path, results: dict) -> None:
    subset = copy_subset(corpus, all_files, count, work / "subset")
    count = len(corpus_files(subset))
    cores = os.cpu_count() or 1
    log(f"--jobs 1 vs default ({cores} cores) on {count} files, {repeats} run(s) each ...")

    def ingest_with(*extra: str) -> Callable[[], Run]:
        def run_once() -> Run:
            cli = Cli(exe, work / "subset-index")
            shutil.rmtree(cli.index, ignore_errors=True)
            return cli.run("ingest", str(subset), "--json", *extra, ok=(0, 1))
        return run_once

    runs = alternate({"jobs_1": ingest_with("--jobs", "1"), "default": ingest_with()}, repeats)
    one, default = median_seconds(runs["jobs_1"]), median_seconds(runs["default"])
    results["jobs"] = {
        "files": count, "cores": cores, "repeats": repeats, "jobs_1_seconds": one,
        "default_seconds": default, "speedup": one / default,
        "jobs_1_files_per_s": count / one, "default_files_per_s": count / default,
        "runs": {label: [r.seconds for r in rs] for label, rs in runs.items()},
    }
    shutil.rmtree(subset, ignore_errors=True)
    shutil.rmtree(work / "subset-index", ignore_errors=True)


def count_corpus_opens(strace_log: Path, corpus: Path) -> tuple[int, int]:
    """(files opened under the corpus, folders opened under it) from an strace -f log."""
    prefix = str(corpus).rstrip("/") + "/"
    files = dirs = 0
    pattern = re.compile(r'open(?:at)?\((?:[A-Z_]+, )?"((?:[^"\\]|\\.)*)", ([A-Z_|]+)')
    for line in strace_log.read_text(errors="replace").splitlines():
        match = pattern.search(line)
        if not match or not (match.group(1) + "/").startswith(prefix):
            continue
        if "O_DIRECTORY" in match.group(2):
            dirs += 1
        else:
            files += 1
    return files, dirs


def measure_reingest(cli: Cli, corpus: Path, repeats: int, results: dict) -> None:
    log(f"re-ingest unchanged, {repeats} runs ...")
    runs = [cli.run("ingest", str(corpus), "--json", ok=(0, 1)) for _ in range(repeats)]
    median = median_seconds(runs)
    first = results["ingest"]["newsidx"]["seconds"]
    data = {"seconds": median, "runs": [r.seconds for r in runs], "ratio": median / first,
            "report": summarize_report(parse_json(runs[-1]))}

    strace = shutil.which("strace")
    if strace:
        with tempfile.NamedTemporaryFile(prefix="newsidx-strace-", suffix=".log", delete=False) as fh:
            trace = Path(fh.name)
        try:
            cli.run("ingest", str(corpus), "--json", ok=(0, 1),
                    prefix=[strace, "-f", "-qq", "-e", "trace=open,openat", "-o", str(trace)])
            data["strace_file_opens"], data["strace_dir_opens"] = count_corpus_opens(trace, corpus)
        except (ToolFailure, OSError) as exc:  # e.g. ptrace not permitted in this container
            data["strace_error"] = str(exc)
        finally:
            trace.unlink(missing_ok=True)

    # In-process: the same re-ingest through the library, counting content reads
    # (jobs=1 so that every read happens in this process, where the wrapper is).
    from newsidx import sources
    from newsidx.archive import Archive

    reads = []
    original = sources.read_source

    def counting_read_source(source, max_bytes):
        reads.append(source)
        return original(source, max_bytes)

    sources.read_source = counting_read_source
    try:
        start = time.perf_counter()
        Archive(str(cli.index)).ingest([str(corpus)], jobs=1)
        data["inprocess_seconds"] = time.perf_counter() - start
    finally:
        sources.read_source = original
    data["inprocess_reads"] = len(reads)
    results["reingest"] = data


def measure_touch_edit(cli: Cli, corpus: Path, all_files: list[Path], results: dict) -> None:
    log(f"touch {TOUCHED} files, edit {EDITED} of them, re-ingest ...")
    relative = [p.relative_to(results["corpus"]["cache"]) for p in all_files]
    step = max(1, len(relative) // TOUCHED)
    touched = [corpus / r for r in relative[::step][:TOUCHED]]
    later = time.time_ns() + 2_000_000_000  # clearly newer than anything recorded
    for number, path in enumerate(touched):
        if number % (TOUCHED // EDITED) == 0:
            with open(path, "ab") as fh:  # a sentence at the end of the last paragraph's line
                fh.write(b"The benchmark appended this sentence to page %d.\n" % number)
        os.utime(path, ns=(later, later))
    elapsed, report = cli.run_json("ingest", str(corpus), "--json", ok=(0, 1))
    results["touch_edit"] = {"touched": len(touched), "edited": EDITED, "seconds": elapsed,
                             "report": summarize_report(report)}


def pick_rare_word(index: Path) -> str:
    from newsidx.archive import Archive

    archive = Archive(str(index))
    best = None
    for word in RARE_CANDIDATES:
        total = archive.search(word, limit=1).total
        if 1 <= total <= 25:
            return word
        if total and (best is None or total < best[1]):
            best = (word, total)
    return best[0] if best else RARE_CANDIDATES[0]


def search_figures(label: str, args: list[str], runs: list[Run]) -> dict:
    times = [r.seconds for r in runs]
    return {"label": label, "args": args, "total": parse_json(runs[-1]).get("total"),
            "median": statistics.median(times), "p95": percentile(times, 95)}


def measure_search_vs_grep(cli: Cli, corpus: Path, runs: int, results: dict) -> None:
    """`newsidx search` whole process next to grep (and rg) over the same files, alternated."""
    def newsidx_search(args: list[str]) -> Callable[[], Run]:
        return lambda: cli.run("search", *args, "--json", ok=(0, 1), timeout=120)

    scanners = {"grep -ril": shutil.which("grep"), "rg -il": shutil.which("rg")}
    variants = {label: newsidx_search(args) for label, args in GREP_COMPARED_QUERIES}
    for name, path in scanners.items():
        if path:  # exit status 1 is "no match"
            flags = name.split()[1]
            variants[name] = lambda path=path, flags=flags: run_command(
                [path, flags, COMMON_WORD, str(corpus)], cli.env, ok=(0, 1), timeout=300)
    log(f"search vs grep: {len(variants)} commands x {runs} rounds ...")
    alternate(variants, 1)  # warm-up, not counted
    timed = alternate(variants, runs)

    grep_median = median_seconds(timed["grep -ril"]) if "grep -ril" in timed else None
    queries = []
    for label, args in GREP_COMPARED_QUERIES:
        figures = search_figures(label, args, timed[label])
        figures["vs_grep"] = figures["median"] / grep_median if grep_median else None
        queries.append(figures)
    scans = {name: ({"median": median_seconds(timed[name]), "files_matched": len(timed[name][-1].stdout.splitlines())}
                    if name in timed else None) for name in scanners}

    rare = pick_rare_word(cli.index)
    others = [("rare word", [rare]),
              ("--sort newest", [COMMON_WORD, "--sort", "newest"]),
              ("--since/--until", [COMMON_WORD, "--since", "2005-01-01", "--until", "2005-06-30"])]
    log(f"other query forms: {len(others)} x {runs} rounds ...")
    other_runs = alternate({label: newsidx_search(args) for label, args in others}, runs)
    results["search_vs_grep"] = {
        "runs": runs, "word": COMMON_WORD, "queries": queries, "scanners": scans,
        "other_queries": [search_figures(label, args, other_runs[label]) for label, args in others],
    }


def inprocess_query_set(word_queries: int, phrase_queries: int) -> list[tuple[str, str]]:
    """(kind, query) pairs, seeded so that every run asks the same, shuffled so kinds interleave."""
    rng = random.Random(INPROCESS_SEED)
    queries = [("words", " ".join(rng.sample(INPROCESS_VOCABULARY, rng.choice((1, 2)))))
               for _ in range(word_queries)]
    queries += [("phrases", rng.choice(INPROCESS_PHRASES)) for _ in range(phrase_queries)]
    queries += [("operators", q) for q in INPROCESS_OPERATOR_QUERIES for _ in range(4)]
    rng.shuffle(queries)
    return queries


def measure_inprocess_search(index: Path, word_queries: int, phrase_queries: int, results: dict) -> None:
    from newsidx.archive import Archive

    queries = inprocess_query_set(word_queries, phrase_queries)
    log(f"in-process Archive.search x {len(queries)} ...")
    archive = Archive(str(index))
    archive.search(COMMON_WORD)  # imports and first open, not counted
    times: dict[str, list[float]] = {}
    without_facets: list[float] = []
    for number, (kind, query) in enumerate(queries):
        # Each query also without facets, in alternating order, for their cost.
        for facets in ((True, False) if number % 2 else (False, True)):
            start = time.perf_counter()
            try:
                archive.search(query, facets=facets)
            except Exception as exc:  # noqa: BLE001 - any error here is a failure of newsidx
                raise ToolFailure(f"Archive.search({query!r}) raised {type(exc).__name__}: {exc}") from exc
            (times.setdefault(kind, []) if facets else without_facets).append(time.perf_counter() - start)
    results["inprocess_search"] = {
        kind: {"queries": len(values), "p50": statistics.median(values), "p95": percentile(values, 95)}
        for kind, values in times.items()
    }
    with_facets = [t for values in times.values() for t in values]
    results["inprocess_search"]["facets_cost"] = {
        "with": sum(with_facets), "without": sum(without_facets),
        "ratio": sum(with_facets) / sum(without_facets) if sum(without_facets) else None}
    results["inprocess_search"]["seed"] = INPROCESS_SEED


def measure_show(cli: Cli, runs: int, results: dict) -> None:
    _, data = cli.run_json("search", COMMON_WORD, "--json", "--limit", "1", ok=(0,), timeout=120)
    article_id = data["hits"][0]["id"]
    log(f"show {article_id} x {runs} ...")
    cli.run("show", article_id, timeout=120)  # warm-up; raises ToolFailure if show is broken
    times = [cli.run("show", article_id, timeout=120).seconds for _ in range(runs)]
    results["show"] = {"id": article_id, "median": statistics.median(times), "p95": percentile(times, 95)}


def measure_startup(cli: Cli, results: dict) -> None:
    log(f"start-up: newsidx --version x {STARTUP_RUNS} ...")
    runs = alternate({"newsidx": lambda: cli.run("--version", timeout=60),
                      "python": lambda: run_command([sys.executable, "-c", "pass"], cli.env)}, STARTUP_RUNS)
    version = [r.seconds for r in runs["newsidx"]]
    results["startup"] = {"version_median": statistics.median(version), "version_p95": percentile(version, 95),
                          "python_median": median_seconds(runs["python"])}
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # This environment forbids .pyc files: newsidx's own modules are then
        # compiled on every start. Show what that adds.
        no_pyc = dict(cli.env, PYTHONDONTWRITEBYTECODE="1")
        del no_pyc["PYTHONPYCACHEPREFIX"]
        runs = [run_command([cli.exe, "--version"], no_pyc) for _ in range(STARTUP_RUNS)]
        results["startup"]["version_no_pyc_median"] = median_seconds(runs)


# --------------------------------------------------------------------------- report


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def print_table(results: dict) -> None:
    rows: list[tuple[str, str, str, str]] = []

    def section(title: str) -> None:
        rows.append((title, "", "", "#"))

    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        name = name if len(name) <= 56 else name[:55] + "…"
        rows.append((name, value, target, verdict(ok)))

    c = results["corpus"]
    section(f"Corpus: {c['files']} files ({mib(c['bytes'])} of raw text, {c['kind']}), {c['cores']} cores")
    if "ingest" in results:
        g = results["ingest"]
        ours, naive = g["newsidx"], g["naive"]
        section(f"1. First ingest, newsidx vs naive Whoosh (alternated, {g['repeats']} pair(s), medians)")
        for name, f in (("newsidx ingest", ours), ("naive_whoosh.py", naive)):
            row(f"{name}: wall time", f"{secs(f['seconds'])}  ({f['articles_per_s']:.0f} articles/s)")
        # Targets apply to newsidx; naive Whoosh's figures are there to compare.
        for name, f in (("newsidx", ours), ("naive", naive)):
            targeted = f is ours
            for label, key in (("largest process", "peak_rss"), ("tree sum (sampled)", "tree_rss")):
                if f[key] is not None:
                    row(f"{name}: peak RSS, {label}", mib(f[key]), "< 1 GiB" if targeted else "",
                        f[key] < TARGET_PEAK_RSS if targeted else None)
        for name, f in (("newsidx", ours), ("naive", naive)):
            targeted = f is ours
            row(f"{name}: index size", f"{mib(f['index_bytes'])} ({f['index_vs_raw']:.2f}x raw text)",
                "< 1.5x" if targeted else "", f["index_vs_raw"] < TARGET_INDEX_VS_RAW if targeted else None)
        pairs = ", ".join(f"{r:.2f}" for r in g["pair_ratios"])
        row("articles/s newsidx / naive", f"{g['ratio']:.2f}x  (pairs: {pairs})",
            ">= 2x (floor)", g["ratio"] >= TARGET_INGEST_RATIO_FLOOR)
        row("", "", ">= 3x (stretch)", g["ratio"] >= TARGET_INGEST_RATIO_STRETCH)
        r = g["report"]
        row("newsidx reported", f"added {r['added']}, duplicate {r['duplicate']}, failed {r['failed']}")
    if "jobs" in results:
        j = results["jobs"]
        section(f"   newsidx --jobs on a {j['files']}-file subset (median of {j['repeats']})")
        row("--jobs 1", f"{secs(j['jobs_1_seconds'])}  ({j['jobs_1_files_per_s']:.0f} articles/s)")
        row(f"default ({j['cores']} cores)", f"{secs(j['default_seconds'])}  ({j['default_files_per_s']:.0f} articles/s)")
        row("speed-up", f"{j['speedup']:.2f}x")
    if "reingest" in results:
        g = results["reingest"]
        section(f"2. Re-ingest unchanged (CLI, median of {len(g['runs'])})")
        row("wall time", secs(g["seconds"]))
        row("vs first ingest", f"{g['ratio'] * 100:.1f} %", "< 5 %", g["ratio"] < TARGET_REINGEST_RATIO)
        row("reported unchanged", str(g["report"]["unchanged"]), f"= {c['files']}",
            g["report"]["unchanged"] == c["files"])
        if "strace_file_opens" in g:
            row("corpus files opened (strace)", f"{g['strace_file_opens']} (+{g['strace_dir_opens']} folders)",
                "0", g["strace_file_opens"] == 0)
        elif "strace_error" in g:
            row("corpus files opened (strace)", "strace failed: " + g["strace_error"][:60])
        else:
            row("corpus files opened (strace)", "strace not installed")
        row("read_source calls (in-process)", str(g["inprocess_reads"]), "0", g["inprocess_reads"] == 0)
        row("in-process Archive.ingest", secs(g["inprocess_seconds"]))
    if "touch_edit" in results:
        t = results["touch_edit"]
        r = t["report"]
        section(f"3. Touch {t['touched']}, edit {t['edited']}, re-ingest (CLI)")
        row("wall time", secs(t["seconds"]))
        row("updated", str(r["updated"]), f"= {EDITED}", r["updated"] == EDITED)
        same_hash = r["unchanged"] - (c["files"] - t["touched"])
        row("unchanged, all files", str(r["unchanged"]), f"= {c['files'] - EDITED}",
            r["unchanged"] == c["files"] - EDITED)
        row("  of them touched, same hash", str(same_hash), f">= {t['touched'] - EDITED}",
            same_hash >= t["touched"] - EDITED)
        row("added / duplicate / failed", f"{r['added']} / {r['duplicate']} / {r['failed']}")
    if "search_vs_grep" in results:
        s = results["search_vs_grep"]
        section(f"4. Whole-process search vs grep, `newsidx search Q --json` (alternated, medians of {s['runs']})")
        for name, scan in s["scanners"].items():
            label = f"{name} {s['word']} CORPUS"
            row(label, f"med {ms(scan['median'])}  ({scan['files_matched']} files)" if scan else "not installed")
        for q in s["queries"]:
            name = f"{q['label']}: {' '.join(q['args'])}"
            value = f"med {ms(q['median'])}  p95 {ms(q['p95'])}  ({q['total']} hits)"
            if q["vs_grep"] is not None:
                value += f"  {q['vs_grep']:.2f}x grep"
            if q is s["queries"][0]:
                below_grep = q["vs_grep"] is None or q["vs_grep"] < 1
                row(name, value, "< 250 ms, < grep", q["median"] < TARGET_SEARCH_WORD_S and below_grep)
            else:
                row(name, value)
        for q in s["other_queries"]:
            row(f"{q['label']}: {' '.join(q['args'])}", f"med {ms(q['median'])}  p95 {ms(q['p95'])}  ({q['total']} hits)")
    if "inprocess_search" in results:
        p = results["inprocess_search"]
        section(f"5. Archive.search in-process, opened once (seeded query set, seed {p['seed']})")
        targets = {"words": ("one/two words", "p95 < 50 ms", TARGET_INPROCESS_WORDS_P95_S),
                   "phrases": ("phrases", "p95 < 250 ms", TARGET_INPROCESS_PHRASES_P95_S),
                   "operators": ("OR / NOT / fields / dates", "", None)}
        for kind, (name, target, limit) in targets.items():
            if kind in p:
                k = p[kind]
                row(f"{name} ({k['queries']} queries)", f"p50 {ms(k['p50'])}  p95 {ms(k['p95'])}",
                    target, None if limit is None else k["p95"] < limit)
        cost = p.get("facets_cost")
        if cost and cost["ratio"] is not None:
            row("with facets / without (same queries, alternating)",
                f"{cost['ratio']:.2f}x  ({cost['with']:.2f} s / {cost['without']:.2f} s)",
                "<= 1.20x", cost["ratio"] <= TARGET_FACETS_RATIO)
    section("6. show and start-up (whole process)")
    if "show" in results:
        sh = results["show"]
        row(f"newsidx show {sh['id']}", f"med {ms(sh['median'])}  p95 {ms(sh['p95'])}",
            "med < 300 ms", sh["median"] < TARGET_SHOW_S)
    else:
        row("newsidx show ID", "not measured (see failures)")
    if "startup" in results:
        u = results["startup"]
        row("newsidx --version", f"med {ms(u['version_median'])}  p95 {ms(u['version_p95'])}")
        row("python -c pass", f"med {ms(u['python_median'])}")
        if "version_no_pyc_median" in u:
            row("newsidx --version, PYTHONDONTWRITEBYTECODE=1", f"med {ms(u['version_no_pyc_median'])}")

    width = max(len(r[0]) for r in rows if r[3] != "#") + 2
    vwidth = max((len(r[1]) for r in rows if r[3] != "#"), default=10) + 2
    print()
    for name, value, target, mark in rows:
        if mark == "#":
            print(f"\n{name}")
            continue
        line = f"  {name:<{width}}{value:<{vwidth}}"
        if target or mark:
            line += f"{target:<18}{mark}"
        print(line.rstrip())
    print()
    m = results["machine"]
    print(f"load average before {m['load_before']}, after {m['load_after']}; "
          f"{m['cores']} cores; python {m['python']}; total bench time {results['bench_seconds']:.0f} s")
    for failure in results["failures"]:
        print(f"FAILED: {failure}")


# --------------------------------------------------------------------------- main


def corpus_size(args: argparse.Namespace) -> int:
    """--files, then --quick, then $BENCH_N (as in `BENCH_N=100000 make bench`), then the default."""
    if args.files:
        return args.files
    if args.quick:
        return QUICK_FILES
    from_env = os.environ.get("BENCH_N", "").strip()
    if from_env:
        try:
            return int(from_env.replace("_", "").replace(",", ""))
        except ValueError:
            sys.exit(f"bench: BENCH_N={from_env!r} is not a number of files")
    return DEFAULT_FILES


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=None,
                    help=f"corpus size (default $BENCH_N, else {DEFAULT_FILES})")
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_FILES} files and fewer repeats: a sanity run")
    ap.add_argument("--keep", action="store_true", help="keep the index and working copy of the corpus")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object instead of the table")
    ap.add_argument("--json-out", type=Path, default=None,
                    help="write the figures as JSON here (default CACHE/results-N.json)")
    ap.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared",
                    help="the shared/ folder holding tools/make_corpus.py (default ../shared)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsidx-bench",
                    help="where generated corpora are kept between runs")
    ap.add_argument("--subset", type=int, default=None,
                    help=f"files for the --jobs comparison (default {SUBSET_FILES}, quick {QUICK_SUBSET_FILES})")
    ap.add_argument("--repeats", type=int, default=1,
                    help="newsidx/naive ingest pairs and --jobs runs (medians reported; default 1)")
    ap.add_argument("--runs", type=int, default=None,
                    help=f"rounds per CLI search query and grep (default {CLI_RUNS}, quick {QUICK_CLI_RUNS})")
    args = ap.parse_args(argv)

    global PYCACHE
    PYCACHE = args.cache / "pycache"
    files = corpus_size(args)
    subset = min(files, args.subset or (QUICK_SUBSET_FILES if args.quick else SUBSET_FILES))
    runs = args.runs or (QUICK_CLI_RUNS if args.quick else CLI_RUNS)
    query_scale = 2 if args.quick else 1  # fewer in-process queries for a sanity run
    json_out = args.json_out or args.cache / f"results-{files}.json"
    exe = find_newsidx()
    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "load_before": load(),
                    "newsidx": exe, "locale": os.environ.get("LC_ALL") or os.environ.get("LANG") or "C"},
        "failures": [],
    }
    started = time.perf_counter()
    cache_corpus, kind = ensure_corpus(files, args.cache, args.shared)
    work = Path(tempfile.mkdtemp(prefix="run-", dir=args.cache))
    try:
        log(f"working copy in {work}")
        corpus = work / "corpus"
        shutil.copytree(cache_corpus, corpus, ignore=shutil.ignore_patterns("gold.jsonl"))
        all_files = corpus_files(cache_corpus)
        results["corpus"] = {"files": len(all_files), "bytes": sum(p.stat().st_size for p in all_files),
                             "kind": kind, "cache": str(cache_corpus), "cores": os.cpu_count()}
        cli = None
        try:
            cli = measure_ingest_vs_naive(exe, corpus, work, args.repeats, results)
            measure_jobs(exe, cache_corpus, all_files, subset, args.repeats, work, results)
            measure_reingest(cli, corpus, 3 if args.quick else 5, results)
            measure_touch_edit(cli, corpus, all_files, results)
            measure_search_vs_grep(cli, corpus, runs, results)
            measure_inprocess_search(cli.index, INPROCESS_WORD_QUERIES // query_scale,
                                     INPROCESS_PHRASE_QUERIES // query_scale, results)
        except (ToolFailure, subprocess.TimeoutExpired) as exc:
            results["failures"].append(str(exc))
        if cli is not None:  # show and start-up need only an index, whatever failed after it was made
            for measure in (lambda: measure_show(cli, 3 if args.quick else SHOW_RUNS, results),
                            lambda: measure_startup(cli, results)):
                try:
                    measure()
                except (ToolFailure, KeyError, IndexError) as exc:
                    results["failures"].append(f"show/start-up: {exc}")
    finally:
        if args.keep:
            log(f"kept: index {work / 'index'}, corpus copy {work / 'corpus'}")
            results["kept"] = str(work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_after"] = load()
    results["bench_seconds"] = time.perf_counter() - started
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print_table(results)
    print(f"results written to {json_out}", file=sys.stderr if args.json else sys.stdout)
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
