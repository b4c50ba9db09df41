#!/usr/bin/env python3
"""Extraction on clean articles: what it keeps of pages with nothing to throw away.

Usage (from the repository root)::

    python tools/eval_clean_articles.py [DIR]

DIR defaults to ../shared/data/bbc: BBC News articles (MIT licence), one
``.txt`` per article, its title on the first line and its paragraphs after.
There is no furniture on these pages, so the title is the gold headline and
everything after it the gold body. Body recall shows what extraction drops
of an article's own text (short paragraphs, lists, a question for a title);
the evaluation splits, where most of a page is furniture, say far less
about that. Scored as ../shared/eval/score.py scores bodies: bags of
lower-case words, summed over all pages. Prints the figures and the
articles kept least of.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsidx.extract import extract_bytes  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "data" / "bbc"
WORD = re.compile(r"\w+")
WORST_SHOWN = 5


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower()))


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    files = sorted(folder.rglob("*.txt"))
    if not files:
        print(f"no .txt files under {folder}", file=sys.stderr)
        return 2
    headlines = gold_total = found_total = shared_total = 0
    recalls = []
    for path in files:
        data = path.read_bytes()
        title, _, rest = data.decode("utf-8", "replace").strip().partition("\n")
        article = extract_bytes(data, str(path))
        headlines += article.headline.split() == title.split()
        gold, found = words(rest), words(article.body)
        shared = sum((gold & found).values())
        gold_total += sum(gold.values())
        found_total += sum(found.values())
        shared_total += shared
        recalls.append((shared / max(1, sum(gold.values())), path))
    print(f"clean articles: {len(files)} under {folder}")
    print(f"headline exact={headlines / len(files):.3f}  body recall={shared_total / gold_total:.4f}  "
          f"precision={shared_total / max(1, found_total):.4f}")
    print("kept least of: " + ", ".join(f"{path.relative_to(folder)} {recall:.2f}"
                                         for recall, path in sorted(recalls)[:WORST_SHOWN]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
