#!/usr/bin/env python3
"""Extraction on the evaluation pages as other dumps or other sites would give them.

Usage (from the repository root)::

    python tools/eval_variants.py [SPLIT_DIR] --wrap 78 [--indent 0]
    python tools/eval_variants.py [SPLIT_DIR] --headline-tail " | Save | Share | Print"
    python tools/eval_variants.py [SPLIT_DIR] --headline-upper

SPLIT_DIR defaults to ../shared/eval/dev. Each page is extracted as dumped
and changed, and both sets of predictions are scored against the split's
gold with the evaluation scorer. The gold stays as it is: the change is one
extraction should see through.

- ``--wrap WIDTH``: every line stripped and wrapped as a fixed-width dump
  wraps it (html2text's default width is 78; ``lynx -dump`` wraps at 79 with
  paragraphs indented by three columns: ``--wrap 79 --indent 3``).
- ``--headline-tail TEXT``: TEXT glued after the gold headline wherever the
  page has it on a line of its own, as some sites print share tools after
  the title (pages without such a line are left out of the score).
- ``--headline-upper``: the gold headline's line in capitals, as some sites
  print titles (the same pages).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

from train_extraction import ROOT, SCORE, with_headline_changed

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
    change = parser.add_mutually_exclusive_group(required=True)
    change.add_argument("--wrap", type=int, metavar="WIDTH")
    change.add_argument("--headline-tail", metavar="TEXT")
    change.add_argument("--headline-upper", action="store_true")
    parser.add_argument("--indent", type=int, default=0)
    args = parser.parse_args(argv[1:])
    pages = sorted(args.split.glob("*.txt"))
    if not pages:
        print(f"no pages in {args.split}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as gold, tempfile.TemporaryDirectory() as as_dumped, \
            tempfile.TemporaryDirectory() as changed_out:
        for page in pages:
            text = page.read_text(encoding="utf-8", errors="replace")
            if args.wrap:
                changed = wrapped(text, args.wrap, " " * args.indent)
            else:
                headline = json.loads(page.with_suffix(".json").read_text(encoding="utf-8")).get("headline") or ""
                changed = with_headline_changed(text, headline.strip(), args.headline_tail or "",
                                                args.headline_upper)
                if changed is None:
                    continue
            shutil.copy(page.with_suffix(".json"), gold)
            for folder, version in ((as_dumped, text), (changed_out, changed)):
                article = extract(version)
                prediction = {"headline": article.headline, "date": article.date, "body": article.body}
                Path(folder, page.stem + ".json").write_text(json.dumps(prediction), encoding="utf-8")
        scored = len(list(Path(gold).glob("*.json")))
        change_said = (f"every line wrapped at {args.wrap} columns (indent {args.indent})" if args.wrap
                       else "the headline in capitals" if args.headline_upper
                       else f"{args.headline_tail!r} after the headline")
        print(f"{args.split}, {scored} pages as dumped:")
        SCORE.main(["score.py", gold, as_dumped])
        print(f"the same pages, {change_said}:")
        SCORE.main(["score.py", gold, changed_out])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
