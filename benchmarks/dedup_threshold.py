"""Measure near-duplicate similarities on real articles to justify the threshold.

Usage (from the repository root)::

    python benchmarks/dedup_threshold.py [BBC_DIR]

BBC_DIR holds one folder per section of ``*.txt`` files (headline on the first
line, then the body); it defaults to ``../shared/data/bbc`` beside the repository.

Prints:

1. the time to compute one signature (600-word body and corpus average);
2. similarities of lightly edited copies of every article, per kind of edit;
3. the most similar pairs of *different* files within each section (where
   different stories on one topic are most alike), with their headlines, and
   the shingle-size comparison (exact Jaccard for 2- to 5-word shingles);
4. how often unrelated and same-section pairs share an LSH band key.

Takes about a minute on one core.
"""

from __future__ import annotations

import itertools
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from newsidx import dedup  # noqa: E402

DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "bbc"
SHINGLE_SIZES = (2, 3, 4, 5)
TOP_PAIRS_PER_SECTION = 30
RANDOM_PAIRS = 20_000


@dataclass(frozen=True)
class Story:
    section: str
    name: str
    headline: str
    body: str


def load_stories(data_dir: Path) -> list[Story]:
    stories = []
    for path in sorted(data_dir.glob("*/*.txt")):
        headline, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        stories.append(Story(path.parent.name, path.name, headline.strip(), body.strip()))
    return stories


# --- edits a republisher makes ------------------------------------------------

def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]


def with_other_headline(story: Story, rng: random.Random, others: list[Story]) -> str:
    """The extractor kept a (different) headline line at the top of the body."""
    return rng.choice(others).headline + "\n\n" + story.body


def with_agency_dateline(story: Story, rng: random.Random, others: list[Story]) -> str:
    return "LONDON, Jan. 5 (Reuters) - " + story.body


def with_byline(story: Story, rng: random.Random, others: list[Story]) -> str:
    """A credit line normalisation does not remove."""
    return "By Jane Smith, Reuters correspondent\n\n" + story.body


def without_last_paragraph(story: Story, rng: random.Random, others: list[Story]) -> str:
    return "\n\n".join(paragraphs(story.body)[:-1])


def without_last_two_paragraphs(story: Story, rng: random.Random, others: list[Story]) -> str:
    return "\n\n".join(paragraphs(story.body)[:-2])


def with_sentence_reworded(story: Story, rng: random.Random, others: list[Story]) -> str:
    """Rewrite one sentence: a third of its words replaced, one word dropped."""
    sentences = re.split(r"(?<=[.!?])\s+", story.body)
    index = rng.randrange(len(sentences))
    words = sentences[index].split()
    reworded = [f"{w}x" if rng.random() < 1 / 3 else w for w in words]
    if len(reworded) > 3:
        del reworded[rng.randrange(len(reworded))]
    sentences[index] = " ".join(reworded)
    return " ".join(sentences)


def with_typography_changed(story: Story, rng: random.Random, others: list[Story]) -> str:
    """Curly quotes, en dashes, single line breaks, doubled spaces."""
    text = re.sub(r'"(\w)', "\u201c\\1", story.body).replace('"', "\u201d")
    text = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    return text.replace("\n\n", "\n").replace(". ", ".  ")


def with_all_light_edits(story: Story, rng: random.Random, others: list[Story]) -> str:
    edited = story
    for edit in (without_last_paragraph, with_sentence_reworded, with_typography_changed,
                 with_byline, with_agency_dateline, with_other_headline):
        edited = Story(story.section, story.name, story.headline, edit(edited, rng, others))
    return edited.body


LIGHT_EDITS = (with_other_headline, with_agency_dateline, with_byline, without_last_paragraph,
               with_sentence_reworded, with_typography_changed, with_all_light_edits)
HEAVIER_EDITS = (without_last_two_paragraphs,)


# --- reporting -----------------------------------------------------------------

def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def describe(values: list[float]) -> str:
    return (f"n={len(values):6d}  min={min(values):.3f}  p1={percentile(values, 0.01):.3f}  "
            f"p5={percentile(values, 0.05):.3f}  median={statistics.median(values):.3f}  "
            f"max={max(values):.3f}")


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def time_signatures(stories: list[Story]) -> None:
    print("== signature timing")
    typical = min(stories, key=lambda s: abs(len(s.body.split()) - 600))
    repeats = 200
    start = time.perf_counter()
    for _ in range(repeats):
        dedup.signature(typical.body)
    per_call = (time.perf_counter() - start) / repeats
    print(f"{len(typical.body.split())}-word body: {per_call * 1e3:.3f} ms per signature")
    start = time.perf_counter()
    for story in stories:
        dedup.signature(story.body)
    elapsed = time.perf_counter() - start
    words = statistics.mean(len(s.body.split()) for s in stories)
    print(f"whole corpus ({len(stories)} bodies, mean {words:.0f} words): "
          f"{elapsed / len(stories) * 1e3:.3f} ms per signature\n")


def report_edited_copies(stories: list[Story]) -> dict[str, list[float]]:
    print("== lightly edited copies vs original: estimated similarity (and band-key hit rate)")
    by_section: dict[str, list[Story]] = {}
    for story in stories:
        by_section.setdefault(story.section, []).append(story)
    exact_by_size: dict[int, list[float]] = {size: [] for size in SHINGLE_SIZES}
    all_light: list[float] = []
    for edit in LIGHT_EDITS + HEAVIER_EDITS:
        estimates, found = [], 0
        for story in stories:
            if len(paragraphs(story.body)) < 4:
                continue  # trimming would remove most of a very short story
            rng = random.Random(f"{edit.__name__}/{story.name}")
            others = [s for s in by_section[story.section] if s is not story]
            copy = edit(story, rng, others)
            sig_original, sig_copy = dedup.signature(story.body), dedup.signature(copy)
            estimates.append(dedup.similarity(sig_original, sig_copy))
            found += bool(set(dedup.band_keys(sig_original)) & set(dedup.band_keys(sig_copy)))
            if edit in LIGHT_EDITS:
                for size in SHINGLE_SIZES:
                    exact_by_size[size].append(jaccard(dedup.shingle_hashes(story.body, size),
                                                       dedup.shingle_hashes(copy, size)))
        if edit in LIGHT_EDITS:
            all_light.extend(estimates)
        label = edit.__name__ + ("  (heavier, for reference)" if edit in HEAVIER_EDITS else "")
        print(f"{label}\n    {describe(estimates)}  band hit {found / len(estimates):.4f}")
    print(f"ALL LIGHT EDITS\n    {describe(all_light)}\n")
    return {f"edited copies, exact J, {size}-word shingles": v for size, v in exact_by_size.items()}


def report_similar_pairs(stories: list[Story]) -> tuple[list[float], dict[str, list[float]]]:
    print(f"== different files, same section: the {TOP_PAIRS_PER_SECTION} most similar pairs "
          "per section (exact Jaccard of 3-word shingles)")
    shingles = {id(s): dedup.shingle_hashes(s.body, dedup.SHINGLE_WORDS) for s in stories}
    top_pairs: list[tuple[float, Story, Story]] = []
    for section in sorted({s.section for s in stories}):
        members = [s for s in stories if s.section == section]
        scored = [(jaccard(shingles[id(a)], shingles[id(b)]), a, b)
                  for a, b in itertools.combinations(members, 2)]
        scored.sort(key=lambda item: item[0], reverse=True)
        top_pairs.extend(scored[:TOP_PAIRS_PER_SECTION])
    top_pairs.sort(key=lambda item: item[0], reverse=True)

    identical = [p for p in top_pairs if dedup.content_hash(p[1].body) == dedup.content_hash(p[2].body)]
    distinct = [p for p in top_pairs if p not in identical]
    print(f"{len(identical)} pairs have the same normalised body under two headlines "
          "(the BBC set's own republished copies; content_hash groups them)")
    print("pairs with different bodies, most similar first (exact J, estimated J, headlines):")
    estimates = []
    for exact, a, b in distinct:
        estimate = dedup.similarity(dedup.signature(a.body), dedup.signature(b.body))
        estimates.append(estimate)
        if exact >= 0.15:
            print(f"  {exact:.3f}  {estimate:.3f}  {a.section:13s} {a.headline[:38]:38s} | "
                  f"{b.headline[:38]}")
    print(f"all {len(distinct)} pairs, estimated J:\n    {describe(estimates)}\n")

    exact_by_size = {
        f"top different pairs, exact J, {size}-word shingles": [
            jaccard(dedup.shingle_hashes(a.body, size), dedup.shingle_hashes(b.body, size))
            for _, a, b in distinct
        ]
        for size in SHINGLE_SIZES
    }
    return estimates, exact_by_size


def report_shingle_sizes(distributions: dict[str, list[float]]) -> None:
    print("== shingle size: edited copies (want high) vs most similar different pairs (want low)")
    for label in sorted(distributions, key=lambda k: (k.split(",")[-1], k)):
        values = distributions[label]
        print(f"{label:50s} min={min(values):.3f}  p1={percentile(values, 0.01):.3f}  "
              f"p95={percentile(values, 0.95):.3f}  max={max(values):.3f}")
    print()


def report_band_collisions(stories: list[Story]) -> None:
    print("== LSH candidates: pairs sharing at least one band key")
    rng = random.Random(7)
    signatures = {id(s): dedup.signature(s.body) for s in stories}
    keys = {id(s): set(dedup.band_keys(signatures[id(s)])) for s in stories}
    sample = [tuple(rng.sample(stories, 2)) for _ in range(RANDOM_PAIRS)]
    estimates = [dedup.similarity(signatures[id(a)], signatures[id(b)]) for a, b in sample]
    collisions = sum(bool(keys[id(a)] & keys[id(b)]) for a, b in sample)
    print(f"random pairs: estimated J {describe(estimates)}")
    print(f"random pairs sharing a band key: {collisions}/{RANDOM_PAIRS}")
    same_section = colliding = 0
    for section in sorted({s.section for s in stories}):
        members = [s for s in stories if s.section == section]
        for a, b in itertools.combinations(members, 2):
            same_section += 1
            colliding += bool(keys[id(a)] & keys[id(b)])
    print(f"same-section pairs sharing a band key: {colliding}/{same_section} "
          "(includes the identical and updated-version pairs above)")
    print("theoretical P(share a key) at J = " + ", ".join(
        f"{j}: {dedup.candidate_probability(j):.4f}" for j in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)))


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA_DIR
    stories = load_stories(data_dir)
    if not stories:
        sys.exit(f"no */*.txt articles under {data_dir}")
    print(f"{len(stories)} articles from {data_dir}; threshold "
          f"{dedup.NEAR_DUPLICATE_THRESHOLD}, {dedup.SHINGLE_WORDS}-word shingles, "
          f"{dedup.BANDS} bands x {dedup.ROWS_PER_BAND} rows\n")
    time_signatures(stories)
    distributions = report_edited_copies(stories)
    _, pair_distributions = report_similar_pairs(stories)
    report_shingle_sizes({**distributions, **pair_distributions})
    report_band_collisions(stories)


if __name__ == "__main__":
    main()
