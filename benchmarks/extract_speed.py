"""Time extraction: ``extract_bytes`` over a folder of page dumps.

Usage (from the repository root)::

    python benchmarks/extract_speed.py [DIR]

DIR defaults to ``../shared/eval/dev`` when it exists, else ``corpus/``; every
``*.txt`` under it (recursively) is read into memory first, so only extraction
is timed. Each page is extracted once to warm up, then timed over three rounds
(the fastest round of each page counts), each as if it were the first page of
its site: extraction measures a line once per process, so the lines met on
earlier pages (a site's menus and footers) are forgotten before every timed
call (``pipeline.forget_earlier_pages``). Prints the page count, the mean and
95th-percentile milliseconds per page, and the slowest page; then the mean in process CPU time and the
machine's load average, since wall-clock figures on a shared machine move with
what else is running.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsidx.extract import extract_bytes  # noqa: E402
from newsidx.extract.pipeline import forget_earlier_pages  # noqa: E402

ROUNDS = 3


def default_dir() -> Path:
    dev = ROOT.parent / "shared" / "eval" / "dev"
    return dev if dev.is_dir() else ROOT / "corpus"


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else default_dir()
    pages = [(str(p), p.read_bytes(), p.stat().st_mtime) for p in sorted(folder.rglob("*.txt"))]
    if not pages:
        print(f"no .txt files under {folder}", file=sys.stderr)
        return 2
    for path, data, mtime in pages:
        extract_bytes(data, path, mtime)
    times = []
    cpu_total = 0.0
    for path, data, mtime in pages:
        best = best_cpu = float("inf")
        for _ in range(ROUNDS):
            forget_earlier_pages()
            start, start_cpu = time.perf_counter(), time.process_time()
            extract_bytes(data, path, mtime)
            best = min(best, time.perf_counter() - start)
            best_cpu = min(best_cpu, time.process_time() - start_cpu)
        times.append((best * 1000, path))
        cpu_total += best_cpu * 1000
    ms = sorted(t for t, _ in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    slowest = max(times)
    size = sum(len(data) for _, data, _ in pages) / len(pages) / 1024
    print(f"folder: {folder}")
    print(f"pages: {len(pages)}  (mean size {size:.1f} KiB)")
    print(f"mean: {statistics.fmean(ms):.2f} ms/page  p95: {p95:.2f} ms  "
          f"slowest: {slowest[0]:.2f} ms ({Path(slowest[1]).name})")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"cpu: mean {cpu_total / len(pages):.2f} ms/page (process time)  load average: {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
