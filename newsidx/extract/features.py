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

No feature reads a line's share of link text, nor whether it looks like
code: the training pages are dumps without link markup (one line in 29,670
holds any) and with hardly any script debris (8 lines), so such a weight
would be fitted on next to nothing and then weigh heavily on a user's
markdown dump, where every menu and share button is a link. The
hand-weighted content score still counts both against a line, and code
debris is never body (``lines.is_furniture``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate, repeat
from dataclasses import dataclass

from newsidx.extract import vocabulary as vocab
from newsidx.extract.bylines import find_dateline
from newsidx.extract.lines import Line, may_join_body

# how far the content score may swing either way before it stops telling more
_SCORE_CLIP = 6.0
# how many lines either side make a line's neighbourhood
_NEIGHBOURHOOD = 3

_OWN_FEATURES = (
    "log_words", "sentence_end", "sentence_marks", "stopword_ratio", "title_case", "menu_separators",
    "list_item", "heading", "boilerplate", "ui_ratio", "section_break",
    "teaser_ending", "blank_before", "no_letters", "content_score", "short_no_sentence_end", "opens_with_dateline",
    "credit_tail",
)

BODY_FEATURES = _OWN_FEATURES + (
    "prev_score", "next_score", "prev_log_words", "next_log_words", "prev_sentence_end",
    "next_sentence_end", "neighbourhood_prose_share", "repeated_on_page",
    "in_dense_region", "log_lines_before_region", "log_lines_after_region", "region_log_words",
    "in_comment_zone", "in_announced_link_list", "relative_position",
)


def _clip(value: float, limit: float) -> float:
    # comparisons rather than min() and max(): called for every line, thrice
    return -limit if value < -limit else limit if value > limit else value


def clipped_score(line: Line) -> float:
    """The line's hand-weighted content score, bounded: beyond the bound it tells no more."""
    return _clip(line.score, _SCORE_CLIP)


_SCORE_AT = _OWN_FEATURES.index("content_score")
_LOG_WORDS_AT = _OWN_FEATURES.index("log_words")
_SENTENCE_END_AT = _OWN_FEATURES.index("sentence_end")
_NO_NEIGHBOUR = [0.0] * len(_OWN_FEATURES)  # at the page's edges


def own_features(line: Line) -> list[float]:
    """What a line is on its own evidence, in ``_OWN_FEATURES`` order."""
    # caps as conditional expressions, not min(): called for every line of every page
    marks, separators, boilerplate = line.sentence_marks, line.menu_separators, line.boilerplate
    return [
        math.log1p(line.words),
        float(line.sentence_end),
        float(marks if marks < 4 else 4),
        line.stopword_ratio,
        line.title_case_ratio if line.words >= 3 else 0.0,
        float(separators if separators < 3 else 3),
        float(line.is_list),
        float(line.heading > 0),
        boilerplate if boilerplate < 6.0 else 6.0,
        line.ui_ratio,
        float(line.section_break),
        float(line.teaser_ending),
        float(line.blank_before),
        float(not line.has_letters),
        clipped_score(line),
        float(line.words < vocab.NO_SENTENCE_END_MAX_WORDS and not line.sentence_end),
        float(line.words >= vocab.SHORT_LINE_WORDS and find_dateline(line.text)[0] is not None),
        float(line.credit_tail),
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
    # Neighbourhood sums as differences of running totals, in page order (for
    # the lines of an announced list) and in flow order (for all others).
    # Most pages announce no list: then the two orders are one.
    page_totals = _NeighbourhoodTotals(lines)
    flow_totals = page_totals if len(flow) == count else _NeighbourhoodTotals([lines[pos] for pos in flow])
    start, end = layout.region
    region_words = sum(line.words for line in lines[start:end])
    log_region_words = math.log1p(region_words)
    comment_zone = layout.comment_zone
    rows = []
    for pos, line in enumerate(lines):
        here = place_in_flow.get(pos)
        if here is None:  # inside an announced list: its neighbours are the list's lines
            hood_words, hood_prose = page_totals.around(pos)
            before = pos - 1 if pos > 0 else None
            after = pos + 1 if pos + 1 < count else None
        else:
            hood_words, hood_prose = flow_totals.around(here)
            before = flow[here - 1] if here > 0 else None
            after = flow[here + 1] if here + 1 < len(flow) else None
        # the neighbours' own features, read from their rows
        previous = own[before] if before is not None else _NO_NEIGHBOUR
        following = own[after] if after is not None else _NO_NEIGHBOUR
        row = own[pos] + [
            previous[_SCORE_AT],
            following[_SCORE_AT],
            previous[_LOG_WORDS_AT],
            following[_LOG_WORDS_AT],
            previous[_SENTENCE_END_AT],
            following[_SENTENCE_END_AT],
            hood_prose / (hood_words or 1),
            float(key_counts[line.key] > 1),
            float(start <= pos < end),
            math.log1p(start - pos) if pos < start else 0.0,
            math.log1p(pos - end + 1) if pos >= end else 0.0,
            log_region_words,
            float(comment_zone is not None and pos >= comment_zone),
            float(here is None),
            pos / count,
        ]
        rows.append(row)
    return rows


class _NeighbourhoodTotals:
    """Running totals over a sequence of lines, for the sums over a line's
    neighbourhood (up to ``_NEIGHBOURHOOD`` lines either side, itself left
    out) in constant time."""

    def __init__(self, lines: Sequence[Line]):
        self.count = len(lines)
        self.words = list(accumulate((line.words for line in lines), initial=0))
        self.prose = list(accumulate((line.words if line.score >= vocab.CONTENT_SCORE_THRESHOLD else 0
                                      for line in lines), initial=0))

    def around(self, pos: int) -> tuple[int, int]:
        """Words, and words of prose lines, of the neighbours of line ``pos``."""
        lo, hi = max(0, pos - _NEIGHBOURHOOD), min(self.count, pos + _NEIGHBOURHOOD + 1)
        words, prose = self.words, self.prose
        own_words = words[pos + 1] - words[pos]
        own_prose = prose[pos + 1] - prose[pos]
        return words[hi] - words[lo] - own_words, prose[hi] - prose[lo] - own_prose


# The second pass: what the first pass made of the lines around. A line the
# first pass doubts (a list item, a subheading, a one-line quote) is judged
# again by the company it keeps.
CONTEXT_FEATURES = (
    "first_logit", "log_words", "sentence_end", "list_item", "heading", "short_no_sentence_end",
    "prev_probability", "next_probability", "neighbourhood_probability", "body_above", "body_below",
    "between_body_lines", "in_first_run", "log_lines_outside_first_run", "body_vocabulary_between",
    "short_between_body_lines", "announced_by_body_colon", "list_item_between_body_lines",
)
# first-pass logits beyond this tell no more
_LOGIT_CLIP = 8.0
# a first-pass probability from which a line's words count as the body's vocabulary
_VOCABULARY_PROBABILITY = 0.8


def _logit(p: float) -> float:
    if p <= 0.0:
        return -_LOGIT_CLIP
    if p >= 1.0:
        return _LOGIT_CLIP
    return _clip(math.log(p / (1.0 - p)), _LOGIT_CLIP)


def _doubtful_shape(line: Line) -> bool:
    """A line prose rarely looks like, but articles hold: list item, subheading, short unpunctuated line."""
    return line.is_list or line.heading > 0 or (line.words < vocab.NO_SENTENCE_END_MAX_WORDS and not line.sentence_end)


def context_feature_rows(lines: Sequence[Line], first: Sequence[float], first_run: tuple[int, int]) -> list[list[float]]:
    """One vector (``CONTEXT_FEATURES`` order) per line, from the first pass's
    probabilities ``first`` and the body run it gave (``first_run``: start, end
    exclusive).

    ``body_vocabulary_between`` is the share of a line's content words that
    lines the first pass is sure of (other than the line itself) use, for a
    line between likely body lines: a list item or subheading of the article
    speaks of what the article speaks of, the furniture around it mostly not.
    Above the body it would speak for the headline, which does the same.
    ``announced_by_body_colon``: the line is in a list a likely body line
    announces (``lists_announced_by_body``).
    """
    count = len(lines)
    stems = [set(line.stems) for line in lines]
    sure = [p >= _VOCABULARY_PROBABILITY for p in first]
    used = Counter(stem for pos in range(count) if sure[pos] for stem in stems[pos])
    # A stem counts as shared when a sure line other than this one uses it:
    # any sure line for a line that is not sure itself, a second one for a
    # sure line.
    used_by_one, used_by_two = set(used), {stem for stem, lines_using in used.items() if lines_using > 1}
    run_start, run_end = first_run
    doubtful = [_doubtful_shape(line) for line in lines]
    announced = [False] * count
    for _, announced_list in lists_announced_by_body(lines, first):
        announced[announced_list.start:announced_list.stop] = [True] * len(announced_list)
    log1p = math.log1p
    # Probabilities are never negative, so lines missing at the page's edges
    # can be zeros: a neighbourhood is then always two plain slices. (Adding
    # a zero leaves a sum as it was, and a zero is never more than the
    # largest probability.) Each neighbourhood figure is taken for all lines
    # at once, by map() over shifted copies of the padded list: C loops
    # instead of two slices, two max() and two sum() calls per line.
    padded = [0.0] * _NEIGHBOURHOOD + list(first) + [0.0] * _NEIGHBOURHOOD
    shifted = [padded[offset:] for offset in range(2 * _NEIGHBOURHOOD + 1)]  # shifted[k][pos]: padded[pos + k]
    left, right = shifted[:_NEIGHBOURHOOD], shifted[_NEIGHBOURHOOD + 1:]
    previous, following = shifted[_NEIGHBOURHOOD - 1], shifted[_NEIGHBOURHOOD + 1]
    aboves = list(map(max, *left))
    belows = list(map(max, *right))
    # summed left to right, the line itself left out: sum(right, sum(left)) per line
    hood_sums = map(sum, zip(*right), map(sum, zip(*left)))
    rows = []
    for pos, (line, above, below, hood_sum) in enumerate(zip(lines, aboves, belows, hood_sums)):
        between = min(above, below)
        own_stems = stems[pos]
        if own_stems:
            shared = own_stems & (used_by_two if sure[pos] else used_by_one)
            vocabulary = len(shared) / len(own_stems)
        else:
            vocabulary = 0.0
        outside = run_start - pos if pos < run_start else pos - run_end + 1 if pos >= run_end else 0
        rows.append([
            _logit(first[pos]),
            log1p(line.words),
            float(line.sentence_end),
            float(line.is_list),
            float(line.heading > 0),
            float(line.words < vocab.NO_SENTENCE_END_MAX_WORDS and not line.sentence_end),
            previous[pos],   # 0.0 above the first line
            following[pos],  # 0.0 below the last
            # lines missing at the page's edges count as not body: a line
            # with body on one side only (a headline above a bare article) is
            # not surrounded by it
            hood_sum / (2 * _NEIGHBOURHOOD),
            above,
            below,
            between,
            float(outside == 0 and run_end > run_start),
            log1p(outside),
            vocabulary * between,
            between * doubtful[pos],
            float(announced[pos]),
            between * line.is_list,
        ])
    return rows


def lists_announced_by_body(lines: Sequence[Line], probabilities: Sequence[float]) -> list[tuple[int, range]]:
    """The lists a body paragraph announces, each as (position of the
    announcing line, positions of the list's lines): the lines of a doubtful
    shape (list items, short lines) under a line ending in a colon that
    ``probabilities`` take for body. A colon line right under a body line
    ("The main changes are:") announces the list too, and opens it, when it
    reads as a clause rather than a label ("Share this:", "Top Stories of
    2007:"). A list ends at the first line that is not of a doubtful shape,
    or is furniture or widget words; a colon line with nothing under it
    announces nothing."""
    found = []
    announcer = None   # the body line announcing the list under way
    items_from = 0     # where the list's items start (after its own colon line)
    for pos, line in enumerate([*lines, None]):
        if announcer is not None and line is not None and _doubtful_shape(line) and may_join_body(line):
            continue
        if announcer is not None and pos > items_from:
            found.append((announcer, range(announcer + 1, pos)))
        announcer = None
        if line is None or not line.text.endswith(":"):
            continue
        if probabilities[pos] >= 0.5:
            announcer, items_from = pos, pos + 1
        elif pos > 0 and probabilities[pos - 1] >= 0.5 and _reads_as_clause(line):
            announcer, items_from = pos - 1, pos + 1
    return found


def _reads_as_clause(line: Line) -> bool:
    """Words that could open a sentence's list, not a label: a stop word,
    not Title Case, not furniture or widget words."""
    title_case = line.words >= vocab.TITLE_CASE_MIN_WORDS and line.title_case_ratio > vocab.TITLE_CASE_RATIO
    return line.stopword_ratio > 0 and not title_case and may_join_body(line)


# Evidence about a headline candidate, computed by ``headline.candidate_evidence``
# (a name it does not report counts as 0).
HEADLINE_FEATURES = (
    "substantive_lines_between", "log_lines_between", "log_words", "log_words_squared", "two_words",
    "heading_1", "heading_2", "heading_other", "full_stop", "sentence_marks", "open_ending",
    "boilerplate", "menu", "list_item", "section_name", "holds_a_date",
    "credit", "ui_words",
    "title_echo", "repeated", "metadata_follows", "title_case", "body_overlap", "lede_overlap", "below_a_title", "above_a_standfirst",
    "label_of_a_line_below", "in_short_line_run", "stopword_ratio",
    "content_score", "site_name_stripped", "near_page_top", "capitals", "opens_with_ui_word",
    "title_above_past_metadata", "credits_a_photo",
    # relative to the page's other candidates (headline.compare_candidates)
    "overlap_below_best", "best_overlap", "nearest_title_shaped",
)


def headline_row(evidence: dict[str, float]) -> list[float]:
    """A candidate's evidence as a vector in ``HEADLINE_FEATURES`` order."""
    return list(map(evidence.get, HEADLINE_FEATURES, repeat(0.0)))
