"""Measure near-duplicate similarities on real articles to justify the threshold.

Usage (from the repository root)::

    python benchmarks/dedup_threshold.py [BBC_DIR]

BBC_DIR holds one folder per section of ``*.txt`` files (headline on the first
line, then the body); it defaults to ``../shared/data/bbc`` beside the repository.

Prints:

1. the time to compute one signature (600-word body and corpus average);
2. similarities of lightly edited copies of every article, per kind of edit;
3. the most similar pairs of *different* files within each section (where
   different stories on one topic are most alike), with their headlines;
4. the shingle-size comparison (exact Jaccard, 2- to 5-word shingles);
5. a threshold sweep: copies found vs different stories wrongly grouped;
6. how often unrelated and same-section pairs share an LSH band key.

Takes about two minutes on one core.
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


def sentences(body: str) -> list[str]:
    return re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", body.strip())


def with_other_headline(story: Story, rng: random.Random, others: list[Story]) -> str:
    """The extractor kept a (different) headline line at the top of the body."""
    return rng.choice(others).headline + "\n\n" + story.body


def with_agency_dateline(story: Story, rng: random.Random, others: list[Story]) -> str:
    return "LONDON, Jan. 5 (Reuters) - " + story.body


def with_byline(story: Story, rng: random.Random, others: list[Story]) -> str:
    """A credit line normalisation does not remove."""
    return "By Jane Smith, Reuters correspondent\n\n" + story.body


def without_final_paragraph(story: Story, rng: random.Random, others: list[Story]) -> str:
    """Drop the last one or two sentences: a wire paragraph.

    The BBC files have lost most paragraph breaks (a blank-line "paragraph"
    holds several real ones, median 30% of the words), so a wire-style final
    paragraph is simulated as the final sentence or two.
    """
    return " ".join(sentences(story.body)[: -rng.choice((1, 2))])


def without_last_file_paragraph(story: Story, rng: random.Random, others: list[Story]) -> str:
    """Drop the last blank-line-separated block: often a third of the story."""
    return "\n\n".join(paragraphs(story.body)[:-1])


def first_half_only(story: Story, rng: random.Random, others: list[Story]) -> str:
    words = story.body.split()
    return " ".join(words[: len(words) // 2])


def reword_one_sentence(story: Story, rng: random.Random, replaced_fraction: float) -> str:
    """Replace ``replaced_fraction`` of the words of one sentence (at least two)
    and drop one word."""
    all_sentences = sentences(story.body)
    index = rng.randrange(len(all_sentences))
    words = all_sentences[index].split()
    how_many = min(len(words), max(2, round(replaced_fraction * len(words))))
    replaced = set(rng.sample(range(len(words)), how_many))
    reworded = [f"{word}x" if position in replaced else word for position, word in enumerate(words)]
    if len(reworded) > 3:
        del reworded[rng.randrange(len(reworded))]
    all_sentences[index] = " ".join(reworded)
    return " ".join(all_sentences)


def with_sentence_reworded(story: Story, rng: random.Random, others: list[Story]) -> str:
    """Two words of one sentence replaced and one dropped ("said" -> "told")."""
    return reword_one_sentence(story, rng, replaced_fraction=0.0)


def with_sentence_rewritten(story: Story, rng: random.Random, others: list[Story]) -> str:
    """A third of the words of one sentence replaced."""
    return reword_one_sentence(story, rng, replaced_fraction=1 / 3)


def with_typography_changed(story: Story, rng: random.Random, others: list[Story]) -> str:
    """Curly quotes, en dashes, single line breaks, doubled spaces."""
    text = re.sub(r'"(\w)', "\u201c\\1", story.body).replace('"', "\u201d")
    text = text.replace("'", "\u2019").replace(" - ", " \u2013 ")
    return text.replace("\n\n", "\n").replace(". ", ".  ")


def with_all_light_edits(story: Story, rng: random.Random, others: list[Story]) -> str:
    edited = story
    for edit in (without_final_paragraph, with_sentence_reworded, with_typography_changed,
                 with_byline, with_agency_dateline, with_other_headline):
        edited = Story(story.section, story.name, story.headline, edit(edited, rng, others))
    return edited.body


LIGHT_EDITS = (with_other_headline, with_agency_dateline, with_byline, without_final_paragraph,
               with_sentence_reworded, with_typography_changed, with_all_light_edits)
HEAVIER_EDITS = (with_sentence_rewritten, without_last_file_paragraph, first_half_only)


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


@dataclass(frozen=True)
class EditOutcome:
    estimate: float  # estimated Jaccard similarity of copy and original
    shares_band_key: bool  # the index query would find the original


def found_at(outcomes: list[EditOutcome], threshold: float) -> float:
    """Fraction of copies that would be grouped with their original."""
    return sum(o.shares_band_key and o.estimate >= threshold for o in outcomes) / len(outcomes)


def report_edited_copies(
    stories: list[Story],
) -> tuple[dict[str, list[EditOutcome]], dict[str, list[float]]]:
    print("== edited copies vs original: estimated similarity, and how often they share a band key")
    by_section: dict[str, list[Story]] = {}
    for story in stories:
        by_section.setdefault(story.section, []).append(story)
    outcomes: dict[str, list[EditOutcome]] = {}
    exact_by_size: dict[int, list[float]] = {size: [] for size in SHINGLE_SIZES}
    for edit in LIGHT_EDITS + HEAVIER_EDITS:
        outcomes[edit.__name__] = []
        for story in stories:
            rng = random.Random(f"{edit.__name__}/{story.name}")
            copy = edit(story, rng, [s for s in by_section[story.section] if s is not story])
            sig_original, sig_copy = dedup.signature(story.body), dedup.signature(copy)
            outcomes[edit.__name__].append(EditOutcome(
                dedup.similarity(sig_original, sig_copy),
                bool(set(dedup.band_keys(sig_original)) & set(dedup.band_keys(sig_copy))),
            ))
            if edit in LIGHT_EDITS:
                for size in SHINGLE_SIZES:
                    exact_by_size[size].append(jaccard(dedup.shingle_hashes(story.body, size),
                                                       dedup.shingle_hashes(copy, size)))
        results = outcomes[edit.__name__]
        share_rate = sum(o.shares_band_key for o in results) / len(results)
        label = edit.__name__ + ("  (heavier, for reference)" if edit in HEAVIER_EDITS else "")
        print(f"{label}\n    {describe([o.estimate for o in results])}  "
              f"band key shared {share_rate:.4f}")
    print()
    return outcomes, {f"edited copies, {size}-word shingles": v for size, v in exact_by_size.items()}


@dataclass(frozen=True)
class SimilarPair:
    exact: float  # Jaccard similarity of the 3-word shingle sets
    estimate: float  # from the signatures
    first: Story
    second: Story


def report_similar_pairs(stories: list[Story]) -> tuple[list[SimilarPair], dict[str, list[float]]]:
    print(f"== different files, same section: the {TOP_PAIRS_PER_SECTION} most similar pairs "
          "per section (exact Jaccard of 3-word shingles)")
    shingles = {id(s): dedup.shingle_hashes(s.body, dedup.SHINGLE_WORDS) for s in stories}
    top: list[tuple[float, Story, Story]] = []
    for section in sorted({s.section for s in stories}):
        members = [s for s in stories if s.section == section]
        scored = [(jaccard(shingles[id(a)], shingles[id(b)]), a, b)
                  for a, b in itertools.combinations(members, 2)]
        scored.sort(key=lambda item: item[0], reverse=True)
        top.extend(scored[:TOP_PAIRS_PER_SECTION])
    top.sort(key=lambda item: item[0], reverse=True)

    same_body = [(a, b) for _, a, b in top if dedup.body_hash(a.body) == dedup.body_hash(b.body)]
    print(f"{len(same_body)} pairs have the same normalised body under two headlines "
          "(the BBC set's own republished copies: body_hash groups them)")
    pairs = [
        SimilarPair(exact, dedup.similarity(dedup.signature(a.body), dedup.signature(b.body)), a, b)
        for exact, a, b in top
        if (a, b) not in same_body
    ]
    print("pairs with different bodies, most similar first (exact J, estimated J, headlines):")
    for pair in pairs:
        if pair.exact >= 0.15:
            print(f"  {pair.exact:.3f}  {pair.estimate:.3f}  {pair.first.section:13s} "
                  f"{pair.first.headline[:38]:38s} | {pair.second.headline[:38]}")
    print(f"all {len(pairs)} pairs, estimated J:\n    {describe([p.estimate for p in pairs])}\n")

    exact_by_size = {
        f"most similar different pairs, {size}-word shingles": [
            jaccard(dedup.shingle_hashes(p.first.body, size), dedup.shingle_hashes(p.second.body, size))
            for p in pairs
        ]
        for size in SHINGLE_SIZES
    }
    return pairs, exact_by_size


def report_shingle_sizes(distributions: dict[str, list[float]]) -> None:
    print("== shingle size, exact Jaccard: light edits (want high) vs the most similar "
          "different pairs (want low)")
    for label in sorted(distributions, key=lambda k: (k.split(",")[-1], k)):
        values = distributions[label]
        print(f"{label:50s} p1={percentile(values, 0.01):.3f}  p5={percentile(values, 0.05):.3f}  "
              f"median={statistics.median(values):.3f}  p90={percentile(values, 0.90):.3f}")
    print()


def report_threshold_sweep(outcomes: dict[str, list[EditOutcome]], pairs: list[SimilarPair]) -> None:
    print("== threshold sweep: copies grouped with their original (band key shared and "
          "estimate >= threshold) vs different-body pairs grouped")
    single_edits = [o for edit in LIGHT_EDITS if edit is not with_all_light_edits
                    for o in outcomes[edit.__name__]]
    combined = outcomes[with_all_light_edits.__name__]
    print("threshold  single light edit  all light edits  trim to 1st half  different pairs grouped")
    for threshold in (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        grouped = sum(p.estimate >= threshold for p in pairs)
        marker = "  <- NEAR_DUPLICATE_THRESHOLD" if threshold == dedup.NEAR_DUPLICATE_THRESHOLD else ""
        print(f"{threshold:9.2f}  {found_at(single_edits, threshold):17.4f}  "
              f"{found_at(combined, threshold):15.4f}  "
              f"{found_at(outcomes[first_half_only.__name__], threshold):16.4f}  "
              f"{grouped:3d} of {len(pairs)}{marker}")
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
    outcomes, edited_by_size = report_edited_copies(stories)
    pairs, pairs_by_size = report_similar_pairs(stories)
    report_shingle_sizes({**edited_by_size, **pairs_by_size})
    report_threshold_sweep(outcomes, pairs)
    report_band_collisions(stories)


if __name__ == "__main__":
    main()
