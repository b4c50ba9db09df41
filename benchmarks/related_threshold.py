"""Measure related-article scores on real articles to justify the threshold of `show`.

Usage (from the repository root)::

    python benchmarks/related_threshold.py [BBC_DIR] [--index DIR] [--sample N]

BBC_DIR holds one folder per section (business, entertainment, politics,
sport, tech) of ``*.txt`` files; it defaults to ``../shared/data/bbc`` beside
the repository. The set is ingested into ``--index`` (default
``/tmp/newsidx-related-bbc``; reused when it is already there). For a sample
of articles (every one by default) the related query of ``show`` is run with
no threshold, and each of the top :data:`CANDIDATES` hits is labelled by
whether it comes from the same section.

Section is a coarse stand-in for "on the same topic": two sport pieces may be
about different sports, but a politics piece is not about the same thing as a
film review. A threshold that keeps mostly same-section hits, and keeps them
for most articles that have any, is what ``show`` wants.

Prints:

1. score percentiles of same-section and other-section hits;
2. a sweep: for each threshold, the hits kept, the share from the same
   section (precision), the share of same-section candidates kept, and the
   articles left with no related coverage;
3. the cross-section hits that pass the chosen threshold, with headlines, to
   check by hand.

Takes about half a minute on one core (ingest included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from newsidx import summary  # noqa: E402
from newsidx.archive import Archive  # noqa: E402
from newsidx.index import ArticleIndex  # noqa: E402
from newsidx.index.related import CANDIDATES, RELATED_MIN_SCORE  # noqa: E402

DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "bbc"
THRESHOLDS = (0.0, 0.05, 0.08, 0.10, 0.12, 0.15, 0.18, 0.20, 0.25, 0.30, 0.40)


def section_of(path: str) -> str:
    return Path(path).parent.name


def measure(index_dir: str, sample: int | None):
    """(article id, its section, [(score, same section, other id, other headline)]) per article."""
    rows = []
    with ArticleIndex.open(index_dir).searcher() as searcher:
        ids = sorted(stored.id for stored in searcher.all_articles())
        sections = {article_id: section_of(searcher.get(article_id).path) for article_id in ids}
        if sample:
            ids = ids[:: max(1, len(ids) // sample)][:sample]
        started = time.perf_counter()
        for article_id in ids:
            article = searcher.get(article_id)
            terms = summary.key_terms(article.body, searcher.document_frequency, searcher.article_count())
            related = searcher.related(article, terms, limit=CANDIDATES, min_score=0.0)
            rows.append((article_id, sections[article_id],
                         [(r.score, sections[r.article.id] == sections[article_id], r.article.id,
                           r.article.headline) for r in related]))
        elapsed = time.perf_counter() - started
    return rows, elapsed


def percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "n/a"
    cuts = statistics.quantiles(values, n=20)
    return "  ".join(f"p{p}={cuts[p // 5 - 1]:.3f}" for p in (5, 25, 50, 75, 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", default=str(DEFAULT_DATA_DIR))
    parser.add_argument("--index", default="/tmp/newsidx-related-bbc")
    parser.add_argument("--sample", type=int, default=None, help="articles to query (default: all)")
    args = parser.parse_args()
    if not os.path.isdir(args.data_dir):
        sys.exit(f"no BBC set at {args.data_dir}")
    report = Archive(args.index).ingest([args.data_dir], jobs=1)
    print(f"index {args.index}: {report.added} added, {report.unchanged} unchanged")

    rows, elapsed = measure(args.index, args.sample)
    hits = [hit for _, _, related in rows for hit in related]
    same = [score for score, is_same, _, _ in hits if is_same]
    other = [score for score, is_same, _, _ in hits if not is_same]
    print(f"{len(rows)} articles queried in {elapsed:.1f} s ({1000 * elapsed / len(rows):.1f} ms each), "
          f"top {CANDIDATES} candidates each: {len(same)} same-section, {len(other)} other-section hits")
    print(f"same section   {percentiles(same)}")
    print(f"other section  {percentiles(other)}")
    print()
    print("threshold   kept  same-section share  same-section kept  articles with none")
    for threshold in THRESHOLDS:
        kept = [(s, is_same) for s, is_same, _, _ in hits if s >= threshold]
        kept_same = sum(1 for _, is_same in kept if is_same)
        top5_none = sum(1 for _, _, related in rows if not related or related[0][0] < threshold)
        precision = kept_same / len(kept) if kept else 1.0
        recall = kept_same / len(same) if same else 0.0
        marker = "  <- RELATED_MIN_SCORE" if abs(threshold - RELATED_MIN_SCORE) < 1e-9 else ""
        print(f"{threshold:9.2f}  {len(kept):5d}  {precision:18.3f}  {recall:17.3f}  "
              f"{top5_none:5d} ({top5_none / len(rows):.0%}){marker}")
    print()
    crossing = sorted(((score, article_id, section, other_id, headline)
                       for article_id, section, related in rows
                       for score, is_same, other_id, headline in related
                       if not is_same and score >= RELATED_MIN_SCORE), reverse=True)
    print(f"other-section hits at or above {RELATED_MIN_SCORE}: {len(crossing)} (highest 25)")
    headlines = {}
    with ArticleIndex.open(args.index).searcher() as searcher:
        for score, article_id, section, other_id, headline in crossing[:25]:
            if article_id not in headlines:
                headlines[article_id] = searcher.get(article_id).headline
            print(f"  {score:.3f}  {section:13} {headlines[article_id][:45]:45}  ->  {headline[:45]}")


if __name__ == "__main__":
    main()
