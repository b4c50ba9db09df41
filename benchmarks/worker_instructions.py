"""Count the instructions an ingest worker spends per page, under valgrind.

Usage (from the repository root)::

    python benchmarks/worker_instructions.py CORPUS [--pages 300] [--warm 200]

What one ingest worker does to a file (``newsidx.ingest.read_and_extract``:
read, hash, extract, fingerprint, analyse, then pickle the outcome for the
writing process) is run on ``--pages`` files of CORPUS after ``--warm`` others
(a worker's caches are warm after its first pages). The count is taken twice
under ``valgrind --tool=callgrind``, with and without the measured pages, and
the difference divided by the pages: start-up and warming cancel out. On this
shared machine wall-clock differences of a few per cent drown in noise;
instruction counts repeat to the thousandth, so two versions of the code are
compared by running this script in each checkout on the same files.

Needs valgrind; without it, prints process CPU time per page instead.
"""

from __future__ import annotations

import argparse
import pickle
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_pages(files: list[Path], warm: int) -> float:
    """Process the files as a worker does; return the CPU seconds of those after ``warm``."""
    from newsidx.ingest import ExtractTask, read_and_extract

    tasks = [ExtractTask(str(path), 0, 0, None, 1 << 30) for path in files]
    for task in tasks[:warm]:
        read_and_extract(task)
    started = time.process_time()
    for task in tasks[warm:]:
        pickle.dumps(read_and_extract(task), protocol=pickle.HIGHEST_PROTOCOL)
    return time.process_time() - started


def instructions(corpus: str, pages: int, warm: int) -> int:
    """Instructions of this script's ``--run`` mode on ``pages`` measured pages."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
               __file__, corpus, "--pages", str(pages), "--warm", str(warm), "--run"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--warm", type=int, default=200)
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)  # the measured child
    args = parser.parse_args()
    files = sorted(Path(args.corpus).rglob("*.txt"))
    if len(files) < args.warm + args.pages:
        sys.exit(f"{args.corpus}: {len(files)} files, fewer than --warm + --pages")
    # The warm-up pages are the corpus's first, the measured ones from its middle.
    middle = len(files) // 2
    chosen = files[:args.warm] + files[middle:middle + args.pages]
    if args.run:
        run_pages(chosen, args.warm)
        return
    if shutil.which("valgrind") is None:
        seconds = run_pages(chosen, args.warm)
        print(f"valgrind not found; CPU time: {seconds / args.pages * 1e3:.2f} ms per page "
              f"({args.pages} pages after {args.warm})")
        return
    per_page = (instructions(args.corpus, args.pages, args.warm)
                - instructions(args.corpus, 0, args.warm)) / args.pages
    print(f"{per_page / 1e6:.2f} M instructions per page ({args.pages} pages after {args.warm}, "
          f"{ROOT.name} at {ROOT})")


if __name__ == "__main__":
    main()
