"""Ingest and search speed of newsidx on a generated corpus: ``make bench``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/bench.py              # 20,000 files, a few minutes
    .venv/bin/python benchmarks/bench.py --quick      # 2,000 files, a sanity run
    .venv/bin/python benchmarks/bench.py --files 50000 --json --keep

What is measured, and why
-------------------------
Everything a user waits for goes through the real command line in a
subprocess (``newsidx --index DIR ...``), so interpreter start-up and imports
are included: that is what a user feels.

1. First ingest of N files (wall time, files/s, index size), and the same on a
   smaller subset with ``--jobs 1`` and with the default (all cores), to show
   how much extraction in worker processes buys.
2. Re-ingest with nothing changed: the everyday case. Its time relative to
   the first ingest, and the number of corpus files whose *contents* it opens,
   counted independently of newsidx's own report: under ``strace`` (file opens
   under the corpus, folders excluded) when strace is installed, and always
   in-process through the ``Archive`` API with ``sources.read_source`` wrapped.
3. 100 files touched, 10 of them edited (a sentence appended), re-ingested:
   the counts ingest reports.
4. Search latency: ``newsidx search ... --json`` end to end for a few kinds of
   query (median and p95 of repeated runs); ``Archive.search`` in-process over
   many queries; and ``newsidx --version`` alone, so the share of start-up
   and imports in a CLI search is visible.
5. ``newsidx show ID`` end to end.

Extraction speed per page alone is measured by ``benchmarks/extract_speed.py``.

The subprocesses run with cached bytecode, as an installed newsidx does
(``PYTHONPYCACHEPREFIX`` under ``--cache``, so nothing is written into the work
tree, and ``PYTHONDONTWRITEBYTECODE`` dropped); when the environment sets
``PYTHONDONTWRITEBYTECODE``, start-up is also shown the way it then costs.

Targets (set by the project lead for the 20,000-file corpus; printed as
PASS/MISS, they never change the exit status):

- re-ingest of an unchanged corpus under 5 % of the first ingest, opening no
  corpus file;
- touch 100 + edit 10: exactly 10 updated, at least 90 unchanged (touched
  files recognised by their content hash);
- CLI search p95 under 300 ms: "feels instant".

The exit status is non-zero only when newsidx itself fails (a crash, an
unexpected exit status, unparsable JSON), never for a slow figure.

The corpus comes from ``../shared/tools/make_corpus.py`` (real BBC text in
synthetic page chrome; ``--shared DIR`` to point elsewhere), generated once
into ``--cache`` (default /tmp/newsidx-bench/corpus-N); without shared/ it is
built from the repository's own ``corpus/`` by repeating its articles with
varied numbers and dates. Each run works on a private copy of the corpus (the
edits of step 3 never reach the cache). Page caches are warm: files were just
written or copied, which is also the usual case for re-ingests. Timings on a
shared machine are noisy: the load average is printed before and after.
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
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

DEFAULT_FILES = 20_000
QUICK_FILES = 2_000
SUBSET_FILES = 3_000
QUICK_SUBSET_FILES = 500
PYCACHE = Path(tempfile.gettempdir()) / "newsidx-bench" / "pycache"  # under --cache once parsed
TOUCHED, EDITED = 100, 10
CLI_RUNS = 20
INPROCESS_QUERIES = 200
SHOW_RUNS = 10
STARTUP_RUNS = 20

TARGET_REINGEST_RATIO = 0.05
TARGET_SEARCH_P95_S = 0.300

COMMON_WORD = "government"
# The rare word is the first of these with a handful of hits in this corpus.
RARE_CANDIDATES = ("yukos", "tsunami", "ceasefire", "kilroy", "glazer", "ebbers", "darfur", "hobbit", "ipod")
PHRASE = '"prime minister"'
DATE_QUERY = "economy date:[2005-01-01 TO 2005-03-31]"
INPROCESS_WORDS = (
    "government", "election", "market", "film", "music", "football", "mobile", "bank", "oil", "court",
    "minister", "growth", "prices", "china", "internet", "award", "players", "tax", "police", "security",
    '"prime minister"', '"chief executive"', "economy OR growth", "headline:england", "labour NOT tory",
    "date:2005-02 music", "date:[2004-06-01 TO 2004-12-31] oil", "games software", "record sales", "strike",
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


def mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


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
    """newsidx itself failed: the benchmark's exit status becomes non-zero."""


class Cli:
    """Runs the real `newsidx` command line in a subprocess and times it."""

    def __init__(self, exe: str, index: Path):
        self.exe = exe
        self.index = index
        self.env = {k: v for k, v in os.environ.items() if k not in ("NEWSIDX_INDEX", "PYTHONDONTWRITEBYTECODE")}
        self.env.update(NO_COLOR="1", COLUMNS="120")
        # Measure what an installed newsidx costs: with cached bytecode (as pip
        # writes for an install), kept out of the work tree.
        self.env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)

    def run(self, *args: str, ok=(0,), timeout: float | None = None,
            prefix: list[str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
        cmd = (prefix or []) + [self.exe, "--index", str(self.index), *args]
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              env=self.env, timeout=timeout)
        elapsed = time.perf_counter() - start
        if proc.returncode not in ok:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise ToolFailure(f"`newsidx {' '.join(args)}` exited {proc.returncode}: " + " | ".join(tail))
        return elapsed, proc

    def run_json(self, *args: str, ok=(0,), timeout: float | None = None) -> tuple[float, dict]:
        elapsed, proc = self.run(*args, ok=ok, timeout=timeout)
        try:
            return elapsed, json.loads(proc.stdout)
        except json.JSONDecodeError as exc:
            raise ToolFailure(f"`newsidx {' '.join(args)}` printed no JSON ({exc}): {proc.stdout[:200]!r}")


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


def measure_first_ingest(exe: str, corpus: Path, work: Path, results: dict) -> Cli:
    cli = Cli(exe, work / "index")
    log(f"first ingest of {results['corpus']['files']} files (one run) ...")
    elapsed, report = cli.run_json("ingest", str(corpus), "--json", ok=(0, 1))
    files = results["corpus"]["files"]
    results["first_ingest"] = {
        "seconds": elapsed, "files_per_s": files / elapsed,
        "index_bytes": dir_size(cli.index), "report": summarize_report(report),
    }
    log(f"  {elapsed:.1f} s, {files / elapsed:.0f} files/s")
    return cli


def summarize_report(report: dict) -> dict:
    out = {k: report.get(k) for k in ("added", "updated", "unchanged", "removed", "duplicate", "missing")}
    out["failed"] = len(report.get("failed") or [])
    return out


def measure_jobs(exe: str, corpus: Path, all_files: list[Path], count: int, repeats: int,
                 work: Path, results: dict) -> None:
    subset = copy_subset(corpus, all_files, count, work / "subset")
    count = len(corpus_files(subset))
    cores = os.cpu_count() or 1
    times: dict[str, list[float]] = {"jobs_1": [], "default": []}
    log(f"--jobs 1 vs default ({cores} cores) on {count} files, {repeats} run(s) each ...")
    for run in range(repeats):
        for label, extra in (("jobs_1", ["--jobs", "1"]), ("default", [])):  # alternate: fair under drifting load
            index = work / f"subset-index-{label}-{run}"
            cli = Cli(exe, index)
            elapsed, _report = cli.run_json("ingest", str(subset), "--json", *extra, ok=(0, 1))
            times[label].append(elapsed)
            shutil.rmtree(index, ignore_errors=True)
            log(f"  {label}: {elapsed:.1f} s")
    one, default = statistics.median(times["jobs_1"]), statistics.median(times["default"])
    results["jobs"] = {
        "files": count, "cores": cores, "repeats": repeats, "jobs_1_seconds": one,
        "default_seconds": default, "speedup": one / default,
        "jobs_1_files_per_s": count / one, "default_files_per_s": count / default,
        "runs": times,
    }
    shutil.rmtree(subset, ignore_errors=True)


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
    times, report = [], {}
    for _ in range(repeats):
        elapsed, report = cli.run_json("ingest", str(corpus), "--json", ok=(0, 1))
        times.append(elapsed)
    median = statistics.median(times)
    first = results["first_ingest"]["seconds"]
    data = {"seconds": median, "runs": times, "ratio": median / first, "report": summarize_report(report)}

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

    # In-process: the same re-ingest through the library, counting content reads.
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


def pick_rare_word(index: Path) -> tuple[str, int]:
    from newsidx.archive import Archive

    archive = Archive(str(index))
    best = None
    for word in RARE_CANDIDATES:
        total = archive.search(word, limit=1).total
        if 1 <= total <= 25:
            return word, total
        if total and (best is None or total < best[1]):
            best = (word, total)
    return best or (RARE_CANDIDATES[0], 0)


def measure_search(cli: Cli, runs: int, results: dict) -> None:
    rare, _ = pick_rare_word(cli.index)
    cases = [
        ("common word", [COMMON_WORD]),
        ("rare word", [rare]),
        ("phrase", [PHRASE]),
        ("date range", [DATE_QUERY]),
        ("--since/--until", [COMMON_WORD, "--since", "2005-01-01", "--until", "2005-06-30"]),
        ("--sort date", [COMMON_WORD, "--sort", "date"]),
    ]
    log(f"CLI search: {len(cases)} queries x {runs} runs ...")
    rows, all_times = [], []
    for label, args in cases:
        times, total = [], None
        cli.run("search", *args, "--json", ok=(0, 1), timeout=120)  # warm-up, not counted
        for _ in range(runs):
            elapsed, data = cli.run_json("search", *args, "--json", ok=(0, 1), timeout=120)
            times.append(elapsed)
            total = data.get("total")
        all_times += times
        rows.append({"label": label, "args": args, "total": total, "median": statistics.median(times),
                     "p95": percentile(times, 95), "max": max(times)})
    results["cli_search"] = {"runs": runs, "queries": rows, "p95_all": percentile(all_times, 95),
                             "median_all": statistics.median(all_times)}

    log(f"CLI start-up: newsidx --version x {STARTUP_RUNS} ...")
    startup = [cli.run("--version", timeout=60)[0] for _ in range(STARTUP_RUNS)]
    python = []
    for _ in range(STARTUP_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        python.append(time.perf_counter() - start)
    results["startup"] = {"version_median": statistics.median(startup), "version_p95": percentile(startup, 95),
                          "python_median": statistics.median(python)}
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        # This environment forbids .pyc files: newsidx's own modules are then
        # compiled on every start. Show what that adds.
        no_pyc = dict(cli.env, PYTHONDONTWRITEBYTECODE="1")
        del no_pyc["PYTHONPYCACHEPREFIX"]
        times = []
        for _ in range(STARTUP_RUNS):
            start = time.perf_counter()
            subprocess.run([cli.exe, "--version"], env=no_pyc, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        results["startup"]["version_no_pyc_median"] = statistics.median(times)

    log(f"in-process Archive.search x {INPROCESS_QUERIES} ...")
    from newsidx.archive import Archive

    archive = Archive(str(cli.index))
    archive.search(COMMON_WORD)  # imports and first open, not counted
    times = []
    for number in range(INPROCESS_QUERIES):
        query = INPROCESS_WORDS[number % len(INPROCESS_WORDS)]
        start = time.perf_counter()
        try:
            archive.search(query)
        except Exception as exc:  # noqa: BLE001 - any error here is a failure of newsidx
            raise ToolFailure(f"Archive.search({query!r}) raised {type(exc).__name__}: {exc}") from exc
        times.append(time.perf_counter() - start)
    results["inprocess_search"] = {"queries": INPROCESS_QUERIES, "distinct": len(INPROCESS_WORDS),
                                   "median": statistics.median(times), "p95": percentile(times, 95)}


def measure_show(cli: Cli, runs: int, results: dict) -> None:
    _, data = cli.run_json("search", COMMON_WORD, "--json", "--limit", "1", ok=(0,), timeout=120)
    article_id = data["hits"][0]["id"]
    log(f"show {article_id} x {runs} ...")
    cli.run("show", article_id, timeout=120)  # warm-up; raises ToolFailure if show is broken
    times = [cli.run("show", article_id, timeout=120)[0] for _ in range(runs)]
    results["show"] = {"id": article_id, "median": statistics.median(times), "p95": percentile(times, 95)}


# --------------------------------------------------------------------------- report


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def print_table(results: dict) -> None:
    rows: list[tuple[str, str, str, str]] = []

    def section(title: str) -> None:
        rows.append((title, "", "", "#"))

    def row(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
        rows.append((name, value, target, verdict(ok)))

    c = results["corpus"]
    section(f"Corpus: {c['files']} files ({mib(c['bytes'])}, {c['kind']}), {c['cores']} cores")
    if "first_ingest" in results:
        f = results["first_ingest"]
        r = f["report"]
        section("1. First ingest (CLI, one run)")
        row("wall time", secs(f["seconds"]))
        row("throughput", f"{f['files_per_s']:.0f} files/s")
        row("index size", f"{mib(f['index_bytes'])} ({f['index_bytes'] / max(c['bytes'], 1):.1f}x corpus)")
        row("reported", f"added {r['added']}, duplicate {r['duplicate']}, failed {r['failed']}")
    if "jobs" in results:
        j = results["jobs"]
        section(f"   --jobs on a {j['files']}-file subset (median of {j['repeats']})")
        row("--jobs 1", f"{secs(j['jobs_1_seconds'])}  ({j['jobs_1_files_per_s']:.0f} files/s)")
        row(f"default ({j['cores']} cores)", f"{secs(j['default_seconds'])}  ({j['default_files_per_s']:.0f} files/s)")
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
        row("updated", str(r["updated"]), "= 10", r["updated"] == EDITED)
        same_hash = r["unchanged"] - (c["files"] - t["touched"])
        row("unchanged, all files", str(r["unchanged"]), f"= {c['files'] - EDITED}",
            r["unchanged"] == c["files"] - EDITED)
        row("  of them touched, same hash", str(same_hash), f">= {t['touched'] - EDITED}",
            same_hash >= t["touched"] - EDITED)
        row("added / duplicate / failed", f"{r['added']} / {r['duplicate']} / {r['failed']}")
    if "cli_search" in results:
        s = results["cli_search"]
        section(f"4a. CLI search end to end, `newsidx search ... --json` ({s['runs']} runs each)")
        for q in s["queries"]:
            name = f"{q['label']}: {' '.join(q['args'])}"
            row(name if len(name) <= 46 else name[:45] + "…", f"med {ms(q['median'])}  p95 {ms(q['p95'])}  ({q['total']} hits)",
                "p95 < 300 ms", q["p95"] < TARGET_SEARCH_P95_S)
        row("all queries", f"med {ms(s['median_all'])}  p95 {ms(s['p95_all'])}",
            "p95 < 300 ms", s["p95_all"] < TARGET_SEARCH_P95_S)
    if "inprocess_search" in results:
        p = results["inprocess_search"]
        section(f"4b. Archive.search in-process ({p['queries']} queries, {p['distinct']} distinct)")
        row("latency", f"med {ms(p['median'])}  p95 {ms(p['p95'])}")
    if "startup" in results:
        u = results["startup"]
        section(f"4c. Start-up ({STARTUP_RUNS} runs)")
        row("newsidx --version", f"med {ms(u['version_median'])}  p95 {ms(u['version_p95'])}")
        row("python -c pass", f"med {ms(u['python_median'])}")
        if "version_no_pyc_median" in u:
            row("newsidx --version, PYTHONDONTWRITEBYTECODE=1", f"med {ms(u['version_no_pyc_median'])}")
    section("5. show (CLI)")
    if "show" in results:
        row(f"newsidx show {results['show']['id']}", f"med {ms(results['show']['median'])}  "
            f"p95 {ms(results['show']['p95'])}")
    else:
        row("newsidx show ID", "not measured (see failures)")

    width = max(len(r[0]) for r in rows if r[3] != "#") + 2
    vwidth = max((len(r[1]) for r in rows if r[3] not in ("#", "")), default=10) + 2
    print()
    for name, value, target, mark in rows:
        if mark == "#":
            print(f"\n{name}")
            continue
        line = f"  {name:<{width}}{value:<{vwidth}}"
        if target or mark:
            line += f"{target:<14}{mark}"
        print(line.rstrip())
    print()
    m = results["machine"]
    print(f"load average before {m['load_before']}, after {m['load_after']}; "
          f"{m['cores']} cores; python {m['python']}; total bench time {results['bench_seconds']:.0f} s")
    for failure in results["failures"]:
        print(f"FAILED: {failure}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=None, help=f"corpus size (default {DEFAULT_FILES})")
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_FILES} files and fewer repeats: a sanity run")
    ap.add_argument("--keep", action="store_true", help="keep the index and working copy of the corpus")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared",
                    help="the shared/ folder holding tools/make_corpus.py (default ../shared)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsidx-bench",
                    help="where generated corpora are kept between runs")
    ap.add_argument("--subset", type=int, default=None,
                    help=f"files for the --jobs comparison (default {SUBSET_FILES}, quick {QUICK_SUBSET_FILES})")
    ap.add_argument("--repeats", type=int, default=1,
                    help="runs of each --jobs variant (median reported; default 1)")
    ap.add_argument("--runs", type=int, default=None, help=f"runs per CLI search query (default {CLI_RUNS})")
    args = ap.parse_args(argv)

    global PYCACHE
    PYCACHE = args.cache / "pycache"
    files = args.files or (QUICK_FILES if args.quick else DEFAULT_FILES)
    subset = min(files, args.subset or (QUICK_SUBSET_FILES if args.quick else SUBSET_FILES))
    runs = args.runs or (8 if args.quick else CLI_RUNS)
    exe = find_newsidx()
    results: dict = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "load_before": load(),
                    "newsidx": exe},
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
        try:
            cli = measure_first_ingest(exe, corpus, work, results)
            measure_jobs(exe, cache_corpus, all_files, subset, args.repeats, work, results)
            measure_reingest(cli, corpus, 3 if args.quick else 5, results)
            measure_touch_edit(cli, corpus, all_files, results)
            measure_search(cli, runs, results)
        except (ToolFailure, subprocess.TimeoutExpired) as exc:
            results["failures"].append(str(exc))
        if "first_ingest" in results:
            try:
                measure_show(cli, 3 if args.quick else SHOW_RUNS, results)
            except (ToolFailure, subprocess.TimeoutExpired, KeyError, IndexError) as exc:
                results["failures"].append(f"show: {exc}")
        results["corpus"]["cache"] = str(cache_corpus)
    finally:
        if args.keep:
            log(f"kept: index {work / 'index'}, corpus copy {work / 'corpus'}")
            results["kept"] = str(work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_after"] = load()
    results["bench_seconds"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        print_table(results)
    return 1 if results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
