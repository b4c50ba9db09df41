"""Finding the article body among a dump's lines.

Two steps. First the layout, by the hand-weighted content score
(``lines.content_score``): ``densest_region`` is the contiguous run of lines
with the largest total worth (a maximum-sum subarray; a prose line is worth
its length, any other line costs a penalty growing with its length), and on
the way it finds the comment header that closes the article ("12 Comments",
``comment_zone_start``; prose after it is worth only a fraction) and link
lists announced inside the article ("Related readings:" and the short lines
under it, ``boxed_link_lists``).

Then the learned line classifier (``model.json``, fitted by
``tools/train_extraction.py``) gives each line a probability of being body
from what the line is (``features.own_features``) and where it stands:
its neighbours, how often the page repeats it, its position relative to
the densest region, the comment zone and the announced lists.
A second pass (``second_pass``, ``features.context_feature_rows``) judges
each line again from the first pass's probabilities of the lines around it,
the first pass's run and how much of the body's vocabulary the line uses: a
list item, subheading or one-line quote among body lines is body, the same
shape among menus is not.
``select_body`` takes the maximum-sum run over those probabilities and keeps
the lines in it that are likely body, plus the lines between two of them
(a subheading, a list) unless one is furniture on its own evidence: strong
boilerplate vocabulary ("Read more", copyright, photo credits), code debris,
comment signatures, widget words; and a list that a kept line announces
("The new rules are:"). Once the byline is known, ``without_closing_bio``
takes away an author's biography closing the body ("Jane Rowe is a senior
reporter at ...", or any short paragraph opening with the byline's name).

Why a run and not just the likely lines: prose comes in runs, menus and link
lists in runs of their own, so a teaser paragraph in a feed of other stories
is left out with the feed even when its own shape says prose. What tells the
article's own paragraphs across a list or a photo from a feed is what they
speak of (``same_story``): the run crosses a gap cheaply when the likely
lines either side share content words, and an announced list is kept when
it shares them with the lines above it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsidx.extract import vocabulary as vocab
from newsidx.extract.features import PageLayout, body_feature_rows, context_feature_rows, lists_announced_by_body
from newsidx.extract.lines import Line, comparison_key, is_furniture, may_join_body
from newsidx.extract.model import ExtractionModel, shipped_model

_LIST_HEADER = re.compile(vocab.LIST_HEADER_PATTERN, re.I)
_AUTHOR_BIO = re.compile(vocab.AUTHOR_BIO_PATTERN)
_WIRE_CREDIT = re.compile(vocab.WIRE_CREDIT_PATTERN, re.I)
_COMMENT_HEADER = re.compile("|".join(f"(?:{p})" for p in vocab.COMMENT_HEADER_PATTERNS), re.I)


def line_value(line: Line) -> float:
    """What including a line in the body is worth (negative: a cost)."""
    w = vocab.WEIGHTS
    if line.section_break:
        return -w["section_break_cost"]
    if line.score >= vocab.CONTENT_SCORE_THRESHOLD:
        return line.words * w["content_gain"]
    return -min(w["noise_cost_cap"], w["noise_cost_base"] + w["noise_cost_per_word"] * line.words)


def best_run(values: Sequence[float]) -> tuple[int, int]:
    """Start and end (exclusive) of the maximum-sum run; (0, 0) if none is positive."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, value in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _is_list_header(line: Line) -> bool:
    return (line.words <= vocab.LIST_HEADER_MAX_WORDS and not line.sentence_end and line.boilerplate > 0
            and bool(_LIST_HEADER.match(line.text)))


def _is_list_entry(line: Line) -> bool:
    """A short title-like line, as in a list of links to other stories."""
    return line.score < vocab.CONTENT_SCORE_THRESHOLD or (line.words <= vocab.LIST_ENTRY_MAX_WORDS and not line.sentence_end)


def _is_content(line: Line | None) -> bool:
    return line is not None and line.score >= vocab.CONTENT_SCORE_THRESHOLD


def boxed_link_lists(lines: Sequence[Line]) -> set[int]:
    """Positions of link lists set into the article text: a header such as
    "Related readings:" right after a paragraph, and the entries under it."""
    found: set[int] = set()
    in_link_list = False
    for pos, line in enumerate(lines):
        if in_link_list and _is_list_entry(line) and not line.section_break:
            found.add(pos)
            continue
        in_link_list = pos > 0 and _is_content(lines[pos - 1]) and _is_list_header(line)
        if in_link_list:
            found.add(pos)
    return found


def is_comment_header(line: Line) -> bool:
    """A header opening reader comments: "12 Comments", "Have your say"."""
    return (line.words <= vocab.COMMENT_HEADER_MAX_WORDS and bool(_COMMENT_HEADER.match(line.text))
            and " ".join(line.text.lower().strip(" :").split()) not in vocab.AMBIGUOUS_COMMENT_HEADERS)


def comment_zone_start(lines: Sequence[Line], values: Sequence[float]) -> int | None:
    """Position of the comment header that closes the article, if any: the
    first one that follows a run of prose worth at least COMMENT_ZONE_MIN_RUN.

    A "Comments (3)" link among the widgets above the article does not count:
    no article text precedes it yet.
    """
    total = 0.0
    for pos, line in enumerate(lines):
        if total >= vocab.COMMENT_ZONE_MIN_RUN and is_comment_header(line):
            return pos
        total = max(0.0, total + values[pos])
    return None


def densest_region(lines: Sequence[Line]) -> tuple[tuple[int, int], PageLayout]:
    """The run of lines the hand-weighted content score picks, and the layout
    evidence found on the way (comment zone, announced link lists).

    A link list boxed into the article ("Related readings:" and its entries)
    costs little to cross: its header announces it as an aside. Prose after
    the comment header that closes the article is worth little.
    """
    in_lists = boxed_link_lists(lines)
    aside_cost = -vocab.WEIGHTS["link_list_entry_cost"]
    values = [aside_cost if pos in in_lists else line_value(line) for pos, line in enumerate(lines)]
    zone = comment_zone_start(lines, values)
    if zone is not None:
        factor = vocab.WEIGHTS["comment_zone_factor"]
        values[zone:] = [v * factor if v > 0 else v for v in values[zone:]]
    region = best_run(values)
    return region, PageLayout(region=region, comment_zone=zone, announced_lists=in_lists)


def first_pass(lines: Sequence[Line], model: ExtractionModel) -> tuple[list[float], PageLayout]:
    """The first pass: each line's probability of being body from what it is
    and where it stands (``features.body_feature_rows``); and the page layout."""
    _, layout = densest_region(lines)
    return model.body.probabilities(body_feature_rows(lines, layout)), layout


def first_run(lines: Sequence[Line], first: Sequence[float], layout: PageLayout, thresholds: dict) -> tuple[int, int]:
    """The body run the first pass alone would give (start, end exclusive)."""
    start, end = best_run(run_values(lines, first, layout, thresholds))
    likely = [p >= thresholds["body_keep"] and not is_furniture(line) for line, p in zip(lines, first)]
    return _opening_above(likely, start, int(thresholds["opening_max_gap"])), end


def second_pass(lines: Sequence[Line], first: Sequence[float], layout: PageLayout,
                model: ExtractionModel) -> list[float]:
    """Each line judged again from the first pass's probabilities of the lines
    around it (``features.context_feature_rows``)."""
    run = first_run(lines, first, layout, model.thresholds)
    return model.context.probabilities(context_feature_rows(lines, first, run))


def body_probabilities(lines: Sequence[Line], model: ExtractionModel) -> tuple[list[float], PageLayout]:
    """For each line, the learned probability that it is article body (both
    passes); and the page layout."""
    first, layout = first_pass(lines, model)
    return second_pass(lines, first, layout, model), layout


def run_values(lines: Sequence[Line], probabilities: Sequence[float], layout: PageLayout,
               thresholds: dict) -> list[float]:
    """What including each line in the body run is worth (negative: a cost).

    A line likely to be body is worth its length, in full once the model is
    sure of it and less before; any other line costs a penalty growing with
    its length, in full once the model is as sure it is not body (so a lone
    subheading or caption between paragraphs is crossed, a block of
    furniture is not). A link list announced as an aside costs little to
    cross, and so does a gap between likely lines that speak of the same
    things (``same_story_gaps``: a list, an advertisement, a photo and its
    caption inside the article, where the paragraphs after it may be less
    sure than those before); lines after the comment header that closes the
    article are worth a fraction of their length; a comment signature or a
    time-stamped line ends the run (as in ``densest_region``).
    """
    keep, sure = thresholds["body_keep"], thresholds["body_sure"]
    base, per_word, cap = thresholds["noise_cost_base"], thresholds["noise_cost_per_word"], thresholds["noise_cost_cap"]
    aside_cost = -vocab.WEIGHTS["link_list_entry_cost"]
    span = sure - keep
    values = [-vocab.WEIGHTS["section_break_cost"] if line.section_break
              else line.words * (1.0 if p - keep >= span else (p - keep) / span) if p >= keep
              else aside_cost if pos in layout.announced_lists
              else -min(cap, base + per_word * line.words) * (1.0 if keep - p >= span else (keep - p) / span)
              for pos, (line, p) in enumerate(zip(lines, probabilities))]
    likely = [p >= keep and not is_furniture(line) for line, p in zip(lines, probabilities)]
    for gap in same_story_gaps(lines, likely, layout, thresholds):
        values[gap.start:gap.stop] = [aside_cost] * len(gap)
    if layout.comment_zone is not None:
        factor = vocab.WEIGHTS["comment_zone_factor"]
        values[layout.comment_zone:] = [v * factor if v > 0 else v for v in values[layout.comment_zone:]]
    return values


def select_body(lines: Sequence[Line], probabilities: Sequence[float], layout: PageLayout,
                thresholds: dict, first: Sequence[float] | None = None) -> tuple[int, int, list[Line]]:
    """The body from line probabilities: the maximum-sum run (``run_values``),
    started earlier when likely body lines stand just above it (an opening
    paragraph parted from the rest by a caption), and in it the lines likely
    to be body and the lines between two of them (a subheading, a list, a
    one-line quote: at most ``gap_max_lines`` in a row), and a list that a
    kept line announces ("The new rules are:") when it speaks of the same
    things, even where it runs past the run's end; never furniture on its
    own evidence (strong boilerplate vocabulary, code, widget words). Right
    under the last kept line, a list that speaks of the same things and the
    credits closing a wire story are the article's too. Given the first
    pass's probabilities (``first``), the run also takes in paragraphs of the
    same story beyond a block of furniture at either end
    (``paragraphs_beyond``), with a lone subheading between two of them.
    """
    start, end = best_run(run_values(lines, probabilities, layout, thresholds))
    # A list announced as an aside ("Related readings:") is never body, however
    # much its headline-like lines read like the article's prose.
    likely = [p >= thresholds["body_keep"] and not is_furniture(line) and pos not in layout.announced_lists
              for pos, (line, p) in enumerate(zip(lines, probabilities))]
    start = _opening_above(likely, start, int(thresholds["opening_max_gap"]))
    keep = likely[:]
    likely_in_run = [start <= pos < end and is_likely for pos, is_likely in enumerate(likely)]
    for gap in gaps_between(likely_in_run, int(thresholds["gap_max_lines"])):
        # the gap is filled whole or not at all: a list or a quote kept in
        # part reads worse than one left out
        if all(may_join_body(lines[pos]) and pos not in layout.announced_lists for pos in gap):
            keep[gap.start:gap.stop] = [True] * len(gap)
    for announcer, announced in lists_announced_by_body(lines, probabilities):
        if start <= announcer < end and keep[announcer] and _continues_story(lines, keep, start, announcer,
                                                                             announced, layout, thresholds):
            keep[announced.start:announced.stop] = [True] * len(announced)
            end = max(end, announced.stop)
    closing = _list_under_the_body(lines, keep, start, end, layout)
    if closing and _continues_story(lines, keep, start, closing.start - 1, closing, layout, thresholds):
        keep[closing.start:closing.stop] = [True] * len(closing)
        end = max(end, closing.stop)
    credits = _wire_credits_under_the_body(lines, keep, start, end)
    if credits:
        keep[credits.start:credits.stop] = [True] * len(credits)
        end = max(end, credits.stop)
    if first is not None:
        start, end = paragraphs_beyond(lines, first, layout, keep, start, end, thresholds)
        # the paragraphs taken in beyond come without the subheadings between them
        for pos in range(start + 1, end - 1):
            if (not keep[pos] and keep[pos - 1] and keep[pos + 1] and _is_heading_shaped(lines[pos])
                    and may_join_body(lines[pos]) and pos not in layout.announced_lists):
                keep[pos] = True
    return start, end, [lines[pos] for pos in range(start, end) if keep[pos]]


def _list_under_the_body(lines: Sequence[Line], keep: Sequence[bool], start: int, end: int,
                         layout: PageLayout) -> range | None:
    """The list items (two or more) right under the run's last kept line, if
    none of them is furniture or mostly a link: the article's own closing
    list (the winners, the terms of a sentence) when they speak of what it
    speaks of; links to other stories are a list of their own."""
    last = _last_kept(keep, start, end)
    if last is None:
        return None
    pos = last + 1
    while (pos < len(lines) and lines[pos].is_list and may_join_body(lines[pos])
           and lines[pos].link_share <= vocab.LINK_HEAVY_SHARE and pos not in layout.announced_lists
           and not keep[pos]):
        pos += 1
    return range(last + 1, pos) if pos - last - 1 >= 2 else None


def _last_kept(keep: Sequence[bool], start: int, end: int) -> int | None:
    return next((pos for pos in range(end - 1, start - 1, -1) if keep[pos]), None)


def _wire_credits_under_the_body(lines: Sequence[Line], keep: Sequence[bool], start: int, end: int) -> range | None:
    """The credit lines a wire story closes with, right under its last kept
    line: "(Reporting by Jane Rowe; Editing by Tom Reilly)". They are the
    story's own text, though a line of names in brackets reads as furniture."""
    last = _last_kept(keep, start, end)
    if last is None:
        return None
    pos = last + 1
    while (pos < len(lines) and pos - last <= vocab.WIRE_CREDIT_MAX_LINES
           and lines[pos].words <= vocab.WIRE_CREDIT_MAX_WORDS and _WIRE_CREDIT.search(lines[pos].text)):
        pos += 1
    return range(last + 1, pos) if pos > last + 1 else None


def gaps_between(anchors: Sequence[bool], max_gap: int) -> list[range]:
    """The runs of at most ``max_gap`` lines that are not anchors, with an
    anchor right above and right below."""
    gaps = []
    last = None
    for pos, is_anchor in enumerate(anchors):
        if is_anchor:
            if last is not None and 0 < pos - last - 1 <= max_gap:
                gaps.append(range(last + 1, pos))
            last = pos
    return gaps


def same_story_gaps(lines: Sequence[Line], likely: Sequence[bool], layout: PageLayout,
                    thresholds: dict) -> list[range]:
    """The gaps between likely body lines (``gaps_between``, at most
    ``gap_max_lines``) that the article runs across: no comment signature or
    time stamp in them, no announced aside, and the likely lines either side
    of the gap (up to ``SAME_STORY_LINES`` each) speak of the same things
    (``same_story``), as an article's paragraphs do across a list or a
    photo; the teasers in a feed of other stories do not."""
    anchors = [pos for pos, is_likely in enumerate(likely) if is_likely]
    reach, share = vocab.SAME_STORY_LINES, thresholds["same_story_share"]
    found = []
    for gap in gaps_between(likely, int(thresholds["gap_max_lines"])):
        if any(lines[pos].section_break or pos in layout.announced_lists for pos in gap):
            continue
        below = bisect.bisect_left(anchors, gap.stop)
        if same_story(lines, anchors[max(0, below - reach):below], anchors[below:below + reach], share):
            found.append(gap)
    return found


def _continues_story(lines: Sequence[Line], keep: Sequence[bool], start: int, announcer: int, announced: range,
                     layout: PageLayout, thresholds: dict) -> bool:
    """A list a kept body line announces is the article's when no line of it
    is an announced aside and it speaks of what the kept lines just above it
    speak of (``same_story``): "The new rules are:" and the rules, not
    "Read on:" and the titles of other stories."""
    if any(pos in layout.announced_lists for pos in announced):
        return False
    above = [pos for pos in range(max(start, announcer + 1 - vocab.SAME_STORY_LINES), announcer + 1) if keep[pos]]
    return same_story(lines, above, announced, thresholds["same_story_share"])


def same_story(lines: Sequence[Line], these: Sequence[int], those: Sequence[int], share: float) -> bool:
    """Two groups of lines speak of the same things: at least ``share`` of
    the content words (stems) of the group with fewer occur in the other."""
    these_stems = {stem for pos in these for stem in lines[pos].stems}
    those_stems = {stem for pos in those for stem in lines[pos].stems}
    if not these_stems or not those_stems:
        return False
    return len(these_stems & those_stems) >= share * min(len(these_stems), len(those_stems))


def paragraphs_beyond(lines: Sequence[Line], first: Sequence[float], layout: PageLayout, keep: list[bool],
                      start: int, end: int, thresholds: dict) -> tuple[int, int]:
    """The run (start, end exclusive) grown over the article's paragraphs that
    a block of furniture parts from it: the opening paragraph under the
    byline with a sidebar ("Skip to next paragraph", links to other stories)
    between it and the rest, the last paragraph after an advertisement.

    The second pass doubts such a paragraph for the company it keeps, so it
    is judged here by the first pass (likely body, ``first``) and its own
    shape: it ends like a sentence and reads as prose (content score at
    least ``BEYOND_MIN_SCORE``), at most ``gap_max_lines`` lines from the
    run, with no long sentence between (a line of prose in the gap would be
    a teaser, a caption or another story's text), no comment signature or
    time stamp and not past the comment header; and it speaks of what the
    run's nearest kept lines speak of (``same_story`` at ``BEYOND_SHARE``).
    The paragraph's likely neighbours away from the run come with it, and
    the run grows again from there. The furniture in between stays out:
    ``keep`` is set for the paragraphs only.
    """
    limit = len(lines) if layout.comment_zone is None else layout.comment_zone
    max_gap, likely = int(thresholds["gap_max_lines"]), thresholds["body_keep"]

    def is_likely(pos: int) -> bool:
        return first[pos] >= likely and not is_furniture(lines[pos]) and pos not in layout.announced_lists

    def is_paragraph(pos: int) -> bool:
        return is_likely(pos) and lines[pos].sentence_end and lines[pos].score >= vocab.BEYOND_MIN_SCORE

    for step in (-1, 1):
        while True:
            edge = start if step < 0 else end - 1
            pos = edge + step
            # walk the gap up to the first such paragraph
            while 0 <= pos < limit and abs(pos - edge) - 1 <= max_gap and not is_paragraph(pos):
                line = lines[pos]
                if line.section_break or (line.sentence_end and line.words >= vocab.LONG_LINE_WORDS):
                    break
                pos += step
            if not (0 <= pos < limit and abs(pos - edge) - 1 <= max_gap and is_paragraph(pos)):
                break
            block = []
            while 0 <= pos < limit and is_likely(pos):
                block.append(pos)
                pos += step
            inside = range(edge, end) if step < 0 else range(edge, start - 1, -1)
            nearest = [at for at in inside if keep[at]][:vocab.SAME_STORY_LINES]
            if not same_story(lines, block, nearest, vocab.BEYOND_SHARE):
                break
            for at in block:
                keep[at] = True
            start, end = (block[-1], end) if step < 0 else (start, block[-1] + 1)
    return start, end


def _opening_above(likely: Sequence[bool], start: int, max_gap: int) -> int:
    """Where the run starts once the likely body lines just above it are
    taken in: an opening paragraph parted from the rest by a caption or an
    advertisement (at most ``max_gap`` other lines between)."""
    pos, gap = start - 1, 0
    while pos >= 0 and gap <= max_gap:
        if likely[pos]:
            start, gap = pos, 0
        else:
            gap += 1
        pos -= 1
    return start


def without_closing_bio(body: Sequence[Line], author: str | None = None) -> list[Line]:
    """The body without the paragraphs about its writer that close it: a short
    paragraph that reads as one ("Jane Rowe is a senior reporter at ...") or
    that opens with the byline's name (``author``), whatever it goes on to
    say (each writer's, for "Jane Rowe and Tom Reilly"); and the heading right
    above such a paragraph ("About the author")."""
    kept = list(body)
    # full names only: a body may well close on a sentence opening with a first name alone
    names = tuple(comparison_key(name) + " " for name in _BYLINE_NAMES.split(author or "")
                  if len(name.split()) >= 2)
    while len(kept) > 1 and _is_author_bio(kept[-1], names):
        kept.pop()
        if len(kept) > 1 and _is_heading_shaped(kept[-1]):
            kept.pop()
    return kept


# what parts the writers' names in a byline ("Jane Rowe, Tom Reilly and Ann Holt")
_BYLINE_NAMES = re.compile(r"\s*(?:,|&|\band\b)\s*")


def _is_author_bio(line: Line, name_keys: tuple[str, ...]) -> bool:
    if line.words > vocab.AUTHOR_BIO_MAX_WORDS:
        return False
    return bool(_AUTHOR_BIO.match(line.text)) or line.key.startswith(name_keys)


def _is_heading_shaped(line: Line) -> bool:
    return line.words < vocab.NO_SENTENCE_END_MAX_WORDS and not line.sentence_end


def learned_body(lines: Sequence[Line], model: ExtractionModel) -> tuple[int, int, list[Line], PageLayout]:
    """The body as the model finds it, (start, end, kept lines), and the page
    layout: both passes, then ``select_body``. Empty on a page the model
    finds no body in (``find_body`` then falls back)."""
    first, layout = first_pass(lines, model)
    probabilities = second_pass(lines, first, layout, model)
    return *select_body(lines, probabilities, layout, model.thresholds, first), layout


def find_body(lines: Sequence[Line], model: ExtractionModel | None = None) -> tuple[int, int, list[Line]]:
    """The body as (start, end) positions in ``lines`` and its kept lines
    (``model``: the shipped one unless given)."""
    model = model or shipped_model()
    start, end, kept, layout = learned_body(lines, model)
    if not kept:
        # The model learned from pages with menus, teasers and footers around
        # the article; a bare page (one paragraph, nothing else) gives its
        # context features nothing to go on. The densest run of prose stands.
        start, end = layout.region
        kept = [line for line in lines[start:end] if _is_content(line) and not is_furniture(line)]
    return start, end, kept
