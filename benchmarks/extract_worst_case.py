"""Time extraction on hostile page shapes at two sizes: growth must stay linear.

Usage (from the repository root)::

    python benchmarks/extract_worst_case.py [KIB]

Each shape (a line of a thousand opening brackets, a line of a thousand
dates, one endless wrapped paragraph...) is built at KIB kibibytes (default
128) and at four times that, and extracted twice each (the faster run
counts). A pattern that rescans the rest of a line from every match takes
sixteen times as long at four times the size; linear work takes four times as
long. Prints the seconds for both sizes and their ratio, and exits 1 if any
ratio is above 8 (both sizes are timed on one machine in one run, so the
ratio does not depend on the machine's speed, and noise moves it by far less
than the factor between linear and quadratic).
Files of up to 8 MiB are ingested by default, so a shape that is quadratic
here is an ingest that never ends.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsidx.extract import extract  # noqa: E402

# each shape: a unit repeated to the size wanted
SHAPES = {
    "opening brackets, then a link": ("[", "](https://example.org)"),
    "link labels cut across lines": ("[a\n", "b](https://example.org)"),
    "dates on one line": ("Sep 8, 2008 ", ""),
    "dates in another language, one a line": ("3. März 2021\n", ""),
    "one wrapped paragraph": ("the harbour ferry will run more often from May \n", ""),
    "lynx link numbers": ("[1]a ", ""),
    "numbered items": ("3. ", ""),
    "parentheses": ("(", ")"),
}
GROWTH = 4
MAX_RATIO = 8.0


def timed(text: str) -> float:
    """The faster of two runs: a neighbour's burst on a shared machine should
    not pass for growth."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        extract(text)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> int:
    size = int(argv[1]) * 1024 if len(argv) > 1 else 128 * 1024
    worst = 0.0
    print(f"{'shape':42s} {size // 1024:>6d} KiB {GROWTH * size // 1024:>6d} KiB  ratio")
    for name, (unit, tail) in SHAPES.items():
        small = timed(unit * (size // len(unit)) + tail)
        large = timed(unit * (GROWTH * size // len(unit)) + tail)
        ratio = large / small if small else 1.0
        worst = max(worst, ratio)
        print(f"{name:42s} {small:8.3f} s {large:8.3f} s  {ratio:5.2f}")
    print(f"worst ratio {worst:.2f} (linear {GROWTH}, quadratic {GROWTH ** 2}; limit {MAX_RATIO:g})")
    return 1 if worst > MAX_RATIO else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
