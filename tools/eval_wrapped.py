#!/usr/bin/env python3
"""Extraction on hard-wrapped dumps: the evaluation pages re-wrapped to a width.

Usage (from the repository root)::

    python tools/eval_wrapped.py [SPLIT_DIR] [--width 78] [--indent 0]

SPLIT_DIR defaults to ../shared/eval/dev. Every line of every page is
stripped and wrapped as a fixed-width dump wraps it (html2text's default
width is 78; ``lynx -dump`` wraps at 79 with paragraphs indented by three
columns: ``--width 79 --indent 3``), the wrapped page is extracted, and the
predictions are scored against the split's gold with the evaluation scorer.
Compare with the same split as dumped: the closer, the less a user's choice
of converter costs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import textwrap
from pathlib import Path

from train_extraction import ROOT, SCORE

from newsidx.extract import extract


def wrapped(text: str, width: int, indent: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        out.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent,
                                 break_long_words=False) if line else [""])
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval" / "dev")
    parser.add_argument("--width", type=int, default=78)
    parser.add_argument("--indent", type=int, default=0)
    args = parser.parse_args(argv[1:])
    pages = sorted(args.split.glob("*.txt"))
    if not pages:
        print(f"no pages in {args.split}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as out:
        for page in pages:
            text = page.read_text(encoding="utf-8", errors="replace")
            article = extract(wrapped(text, args.width, " " * args.indent))
            prediction = {"headline": article.headline, "date": article.date, "body": article.body}
            Path(out, page.stem + ".json").write_text(json.dumps(prediction), encoding="utf-8")
        print(f"{args.split}, every line wrapped at {args.width} columns (indent {args.indent}):")
        SCORE.main(["score.py", str(args.split), out])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
