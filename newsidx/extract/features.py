"""Feature vectors for the learned line and headline models.

The shallow features of each line (``lines.Line``) say what a line is on its
own; the body classifier also needs to know where it stands. So each line's
vector adds its neighbours' features, how often the page repeats it, and its
position relative to the densest region of prose (the run that the
hand-weighted content score picks, ``body.densest_region``).

These functions are the single definition of the features: the training
script (``tools/train_extraction.py``) and extraction both call them, so a
model's weights always meet the features they were fitted on. The order of
names in ``BODY_FEATURES`` and ``HEADLINE_FEATURES`` is the order of the
vector; ``model.json`` records the names it was fitted on and is checked
against them on load.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsidx.extract import vocabulary as vocab
from newsidx.extract.bylines import find_dateline
from newsidx.extract.lines import Line

# how far the content score may swing either way before it stops telling more
_SCORE_CLIP = 6.0
# how many lines either side make a line's neighbourhood
_NEIGHBOURHOOD = 3

_OWN_FEATURES = (
    "log_words", "sentence_end", "sentence_marks", "stopword_ratio", "title_case", "menu_separators",
    "link_share", "list_item", "heading", "boilerplate", "code_like", "ui_ratio", "section_break",
    "teaser_ending", "blank_before", "no_letters", "content_score", "short_no_sentence_end", "opens_with_dateline",
)

BODY_FEATURES = _OWN_FEATURES + (
    "prev_score", "next_score", "prev_log_words", "next_log_words", "prev_sentence_end",
    "next_sentence_end", "neighbourhood_prose_share", "neighbourhood_link_share", "repeated_on_page",
    "in_dense_region", "log_lines_before_region", "log_lines_after_region", "region_log_words",
    "in_comment_zone", "in_announced_link_list", "relative_position",
)


def _clip(value: float, limit: float) -> float:
    return max(-limit, min(limit, value))


def clipped_score(line: Line) -> float:
    """The line's hand-weighted content score, bounded: beyond the bound it tells no more."""
    return _clip(line.score, _SCORE_CLIP)


def own_features(line: Line) -> list[float]:
    """What a line is on its own evidence, in ``_OWN_FEATURES`` order."""
    return [
        math.log1p(line.words),
        float(line.sentence_end),
        float(min(line.sentence_marks, 4)),
        line.stopword_ratio,
        line.title_case_ratio if line.words >= 3 else 0.0,
        float(min(line.menu_separators, 3)),
        line.link_share,
        float(line.is_list),
        float(line.heading > 0),
        min(line.boilerplate, 6.0),
        float(line.code_like),
        line.ui_ratio,
        float(line.section_break),
        float(line.text.endswith(vocab.TEASER_ENDINGS)),
        float(line.blank_before),
        float(not any(c.isalpha() for c in line.text)),
        clipped_score(line),
        float(line.words < vocab.NO_SENTENCE_END_MAX_WORDS and not line.sentence_end),
        float(line.words >= vocab.SHORT_LINE_WORDS and find_dateline(line.text)[0] is not None),
    ]


@dataclass(frozen=True)
class PageLayout:
    """Where the page's prose is, as found before any model runs."""

    region: tuple[int, int]        # the densest run of prose (start, end exclusive)
    comment_zone: int | None       # position of the comment header closing the article
    announced_lists: set[int]      # lines of a link list announced by a header


def body_feature_rows(lines: Sequence[Line], layout: PageLayout) -> list[list[float]]:
    """One vector (``BODY_FEATURES`` order) per line.

    A link list announced as an aside ("Related readings:" and its entries)
    stands outside the flow of the text: the lines around it are each other's
    neighbours, so the paragraphs before such a box are not mistaken for
    teasers of other stories.
    """
    count = len(lines)
    own = [own_features(line) for line in lines]
    key_counts = Counter(line.key for line in lines)
    flow = [pos for pos in range(count) if pos not in layout.announced_lists]
    place_in_flow = {pos: i for i, pos in enumerate(flow)}
    start, end = layout.region
    region_words = sum(line.words for line in lines[start:end])
    rows = []
    for pos, line in enumerate(lines):
        here = place_in_flow.get(pos)
        if here is None:  # inside an announced list: its neighbours are the list's lines
            hood = [i for i in range(max(0, pos - _NEIGHBOURHOOD), min(count, pos + _NEIGHBOURHOOD + 1)) if i != pos]
            before = lines[pos - 1] if pos > 0 else None
            after = lines[pos + 1] if pos + 1 < count else None
        else:
            hood = [flow[i] for i in range(max(0, here - _NEIGHBOURHOOD), min(len(flow), here + _NEIGHBOURHOOD + 1))
                    if i != here]
            before = lines[flow[here - 1]] if here > 0 else None
            after = lines[flow[here + 1]] if here + 1 < len(flow) else None
        hood_words = sum(lines[i].words for i in hood) or 1
        hood_prose = sum(lines[i].words for i in hood if lines[i].score >= vocab.CONTENT_SCORE_THRESHOLD)
        hood_links = sum(lines[i].link_share for i in hood) / max(1, len(hood))
        rows.append(own[pos] + [
            clipped_score(before) if before else 0.0,
            clipped_score(after) if after else 0.0,
            math.log1p(before.words) if before else 0.0,
            math.log1p(after.words) if after else 0.0,
            float(before.sentence_end) if before else 0.0,
            float(after.sentence_end) if after else 0.0,
            hood_prose / hood_words,
            hood_links,
            float(key_counts[line.key] > 1),
            float(start <= pos < end),
            math.log1p(start - pos) if pos < start else 0.0,
            math.log1p(pos - end + 1) if pos >= end else 0.0,
            math.log1p(region_words),
            float(layout.comment_zone is not None and pos >= layout.comment_zone),
            float(pos in layout.announced_lists),
            pos / count,
        ])
    return rows


# Evidence about a headline candidate, computed by ``headline.candidate_evidence``
# (a name it does not report counts as 0).
HEADLINE_FEATURES = (
    "substantive_lines_between", "log_lines_between", "log_words", "log_words_squared", "two_words",
    "heading_1", "heading_2", "heading_other", "full_stop", "sentence_marks", "open_ending",
    "boilerplate", "menu", "link", "list_item", "section_name", "date_line", "credit", "ui_words",
    "title_echo", "repeated", "metadata_follows", "title_case", "body_overlap", "lede_overlap", "below_a_title", "above_a_standfirst",
    "label_of_a_line_below", "in_short_line_run", "neighbour_link_share", "stopword_ratio",
    "content_score", "site_name_stripped", "near_page_top", "capitals", "opens_with_ui_word",
    # relative to the page's other candidates (headline.compare_candidates)
    "overlap_below_best", "best_overlap", "nearest_title_shaped",
)


def headline_row(evidence: dict[str, float]) -> list[float]:
    """A candidate's evidence as a vector in ``HEADLINE_FEATURES`` order."""
    return [evidence.get(name, 0.0) for name in HEADLINE_FEATURES]
