"""Time extraction on hostile page shapes at two sizes: growth must stay linear.

Usage (from the repository root)::

    python benchmarks/extract_worst_case.py [KIB]

Each shape (a line of a thousand opening brackets, a line of a thousand
dates, one endless wrapped paragraph...) is built at KIB kibibytes (default
256) and at twice that, and extracted once each. A pattern that rescans the
rest of a line from every match takes four times as long at twice the size;
linear work takes twice as long. Prints the seconds for both sizes and their
ratio, and exits 1 if any ratio is above 3 (the ratio of a size doubling is
timed on one machine in one run, so noise moves it, not the machine's speed).
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
MAX_RATIO = 3.0


def timed(text: str) -> float:
    start = time.perf_counter()
    extract(text)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    size = int(argv[1]) * 1024 if len(argv) > 1 else 256 * 1024
    worst = 0.0
    print(f"{'shape':42s} {size // 1024:>6d} KiB {2 * size // 1024:>6d} KiB  ratio")
    for name, (unit, tail) in SHAPES.items():
        small = timed(unit * (size // len(unit)) + tail)
        large = timed(unit * (2 * size // len(unit)) + tail)
        ratio = large / small if small else 1.0
        worst = max(worst, ratio)
        print(f"{name:42s} {small:8.3f} s {large:8.3f} s  {ratio:5.2f}")
    print(f"worst ratio {worst:.2f} (linear 2, quadratic 4; limit {MAX_RATIO})")
    return 1 if worst > MAX_RATIO else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
