"""Choosing the headline: the title-like line about the body, just above it.

Candidates are the non-empty lines in a window above the body's first line
(and any top-level heading before it), except bylines, date stamps and lines
of strong boilerplate vocabulary, which are never headlines. Each is
described by shallow evidence (``candidate_evidence`` names each piece) and
ranked by a learned linear score (``model.json``: a conditional logit fitted
by ``tools/train_extraction.py`` so that the gold headline outranks its
page's other candidates): length (a headline has a handful
to a few dozen words), shape (no sentence-final full stop, no menu separators
or breadcrumb arrows, not a date or byline, not boilerplate), markdown heading
marks, distance to the body (nearer is better; dates, credits and widgets in
between do not count), repetition (pages print the title twice: once in a
<title>-like line, often with a site-name suffix, once above the article) and,
most telling, how many of its words the body uses (``body_overlap``): a
headline announces what the body tells, while the titles of other stories,
section names and widgets mostly do not. Some evidence only shows by
comparison with the other candidates (``compare_candidates``): how far a
line's body overlap falls short of the best, whether it is the title-shaped
line nearest the body. Menu runs (a line among short unpunctuated lines),
link-heavy neighbours, a widget word opening the line ("Watch", "More",
"Listen") and a photo credit on the line or under it (``credits_a_photo``: a
caption) speak against a candidate; capitals are weighed as the train pages,
given some headlines in capitals, taught.

Three arrangements around the headline are recognised. A standfirst, pull quote
or photo caption set under the headline is longer than the title-shaped line
above it (``below_a_title``); a title-shaped line may also stand above a
candidate past a byline or date (``title_above_past_metadata``). A topic label
above the headline is repeated inside it ("Dancing With the Stars" over "X
leaves 'Dancing with the Stars'", ``labels_a_line_below``).

Each candidate loses a site name joined by a separator (" - BBC News",
" | Reuters"): a trailing segment with site words, a domain, or words printed
again in the page's furniture (outside the body: a name in the article, as
after a quote, is no site name); a leading segment only with site words or a
domain, since a leading label printed elsewhere is usually a section or series
name that belongs to the headline. Markdown marks and share-tool tails ("Save
Email Print") are already gone (``lines``).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from newsidx.extract import vocabulary as vocab
from newsidx.extract.bylines import agency_name, opens_like_a_credit
from newsidx.extract.dates import find_dates
from newsidx.extract.features import clipped_score, headline_row
from newsidx.extract.lines import Line, comparison_key
from newsidx.extract.model import ExtractionModel, shipped_model

# role words are matched against the lower-cased line: a case-insensitive
# alternation costs twice as much
_ROLE_WORDS = re.compile(vocab.CREDIT_ROLE_PATTERN)
_CREDIT_LINE = re.compile(vocab.CREDIT_LINE_PATTERN, re.I)
_SENTENCE_FULL_STOP = re.compile(r"[a-z0-9\"”'’)][.]$")
_BREADCRUMB = re.compile(vocab.BREADCRUMB_PATTERN)
_TEASER_LINK = re.compile(vocab.TEASER_LINK_PATTERN, re.I)
_NOT_IN_NAMES = re.compile(vocab.NOT_IN_NAMES_PATTERN)
_PHOTO_CREDIT = re.compile(vocab.PHOTO_CREDIT_PATTERN, re.I)
# The first lines of a dump, where a <title>-like line stands: a bound of two
# headline features (near_page_top, title_echo), so it stays with them.
_PAGE_TOP_LINES = 3
_KEY = attrgetter("key")


def page_phrases(lines: Sequence[Line]) -> str:
    """The lines' comparison keys, one a line, each padded with spaces, so
    that ``phrase_count`` counts whole words only."""
    # one join of the keys (read by attrgetter in C), not an f-string per line
    return " " + " \n ".join(map(_KEY, lines)) + " " if lines else ""


def phrase_count(text: str, page_keys: str) -> int:
    """How often ``text`` (as whole words) appears in ``page_phrases``."""
    key = comparison_key(text)
    return page_keys.count(f" {key} ") if key else 0


def _looks_like_site_name(segment: str, page_keys: str, leading: bool = False) -> bool:
    """A short segment naming a site: site words ("News", "Times"), a domain,
    or, after the headline, words printed again elsewhere on the page (a
    masthead, a copyright line). A leading segment printed elsewhere is more
    often a section or series label, which belongs to the headline."""
    words = segment.split()
    if not words or len(words) > vocab.SITE_NAME_MAX_WORDS:
        return False
    tokens = {t for t in comparison_key(segment).split()}
    if tokens & vocab.SITE_NAME_WORDS or "." in segment:
        return True
    return not leading and phrase_count(segment, page_keys) >= 2


def strip_site_suffix(text: str, page_keys: str = "") -> str:
    """Remove a trailing (or leading) site name joined by a separator.

    ``page_keys`` is the page as ``page_phrases``."""
    for sep in vocab.SITE_SUFFIX_SEPARATORS:
        if sep not in text:
            continue
        head, _, tail = text.rpartition(sep)
        if len(head.split()) >= vocab.HEADLINE_MIN_WORDS and _looks_like_site_name(tail, page_keys):
            return strip_site_suffix(head.strip(), page_keys)
        first, _, rest = text.partition(sep)
        if (len(rest.split()) >= vocab.LEADING_SITE_NAME_MIN_REST_WORDS and sep != " : "
                and _looks_like_site_name(first, page_keys, leading=True)):
            return strip_site_suffix(rest.strip(), page_keys)
    return text


def _is_credit(line: Line) -> bool:
    """A byline, an agency credit or a writer's role line: not a headline. The
    article's credit, not a photo's ("Jane Rowe/AFP", "Getty Images" under a
    caption): what follows a headline is the article's."""
    text = line.text
    if _names_a_photo_credit(text):
        return False
    if opens_like_a_credit(text) or agency_name(text) or _ROLE_WORDS.search(text.lower()) or _CREDIT_LINE.search(text):
        return True
    tokens = text.replace(",", " ").split()
    # "Trevor Daugherty", "Rowe and Hale": names only, not all in capitals
    return (vocab.NAME_LINE_MIN_WORDS <= len(tokens) <= vocab.NAME_LINE_MAX_WORDS
            and line.stopword_ratio <= vocab.NAME_LINE_MAX_STOPWORD_RATIO and not _NOT_IN_NAMES.search(text)
            and all(t[0].isupper() or t.lower() in ("and", "&") for t in tokens)
            and not text.isupper())


def _is_metadata(line: Line, credit: bool) -> bool:
    """Lines that sit between a headline and its article: dates, credits, widgets."""
    return (line.section_break or line.boilerplate > 0 or line.ui_ratio >= vocab.UI_LINE_RATIO
            or credit or line.words <= vocab.METADATA_MAX_WORDS)


def distinct_content_stems(lines: Sequence[Line]) -> set[str]:
    """The distinct ``Line.stems`` of some lines (the body, its lede)."""
    return {stem for line in lines for stem in line.stems}


def body_overlap(line: Line, body_stems: set[str]) -> float:
    """Share of a line's content words that the article body uses too.

    A headline announces what the body tells: most of its words recur there.
    Titles of other stories, widgets and section names mostly do not.
    """
    stems = line.stems
    if not stems or not body_stems:
        return 0.0
    return sum(1 for s in stems if s in body_stems) / len(stems)


def _is_menu(line: Line) -> bool:
    """A menu or breadcrumb trail: "Home | News | Sport", "Home > World News"."""
    return line.menu_separators >= vocab.MENU_MIN_SEPARATORS or bool(_BREADCRUMB.search(line.text))


def _is_section_name(line: Line) -> bool:
    """A few words in capitals: "WORLD", "LOCAL NEWS", a kicker like "BLACK DEATH FEARS"."""
    return line.words <= vocab.SECTION_NAME_MAX_WORDS and line.text.isupper()


def _is_title_shaped(line: Line, body_stems: set[str]) -> bool:
    """A line that could head the article: a few words, not a sentence, about the body."""
    return (line.words >= vocab.STANDFIRST_TITLE_MIN_WORDS and not line.sentence_end
            and not _is_section_name(line)
            and not line.section_break and line.boilerplate == 0 and not _is_menu(line)
            and body_overlap(line, body_stems) >= vocab.STANDFIRST_TITLE_MIN_OVERLAP)


def below_a_title(lines: Sequence[Line], pos: int, metadata: Sequence[bool],
                  body_stems: set[str]) -> bool:
    """Whether the line at ``pos`` is a standfirst, a pull quote or a caption
    set under the headline: the nearest substantive line above it (dates,
    credits and widgets skipped) is a shorter title-shaped line about the body
    that is not a label inside it ("Dancing With the Stars" above
    "X eliminated from 'Dancing with the Stars'") nor a teaser followed by its
    "Read more" link."""
    line = lines[pos]
    for above in range(pos - 1, max(-1, pos - 1 - vocab.STANDFIRST_REACH), -1):
        if _TEASER_LINK.match(lines[above].text):
            return False  # the line above is an item in a list of other stories
        if metadata[above]:
            continue
        upper = lines[above]
        return (upper.words < line.words and _is_title_shaped(upper, body_stems)
                and f" {upper.key} " not in f" {line.key} ")
    return False


def _above_a_standfirst(page: HeadlineContext, pos: int) -> bool:
    """Whether the next substantive line below ``pos`` is a standfirst, pull
    quote or caption set under it (``below_a_title``): the line at ``pos`` is
    then the title it stands under."""
    for below in range(pos + 1, min(len(page.lines), pos + 1 + vocab.STANDFIRST_REACH)):
        if not page.metadata[below]:
            return below_a_title(page.lines, below, page.metadata, page.body_stems)
    return False


def title_above_past_metadata(lines: Sequence[Line], pos: int, metadata: Sequence[bool],
                              body_stems: set[str]) -> bool:
    """Whether a title-shaped line about the body stands above the line at
    ``pos`` with dates, credits or widgets between them (``below_a_title``
    asks the same with no metadata needed, of a shorter title). Which of the
    two is the headline, the kicker-and-title or title-and-standfirst pair,
    the ranker weighs: a byline between them tells it something that
    adjacency does not."""
    past_metadata = False
    for above in range(pos - 1, max(-1, pos - 1 - vocab.STANDFIRST_REACH), -1):
        if metadata[above]:
            past_metadata = True
            continue
        return past_metadata and _is_title_shaped(lines[above], body_stems)
    return False


def credits_a_photo(lines: Sequence[Line], pos: int) -> bool:
    """Whether the line at ``pos``, or the line right under it, credits a
    photo ("Photo: Jane Rowe", "Getty Images", "Rowe/AFP"): a caption."""
    return (_names_a_photo_credit(lines[pos].text)
            or (pos + 1 < len(lines) and lines[pos + 1].words <= vocab.PHOTO_CREDIT_LINE_MAX_WORDS
                and _names_a_photo_credit(lines[pos + 1].text)))


@functools.lru_cache(maxsize=4096)
def _names_a_photo_credit(text: str) -> bool:
    # Asked of a line as a candidate, as the line under the candidate above it
    # and as a credit after one: kept per text, and the site's credit lines
    # recur on every page. The pattern tries every alternative at every
    # character: a look for its keywords first, which most lines lack, costs a
    # tenth of that.
    lowered = text.lower()
    return any(map(lowered.__contains__, vocab.PHOTO_CREDIT_KEYWORDS)) and bool(_PHOTO_CREDIT.search(text))


def forget_photo_credits() -> None:
    """Forget the lines looked at on earlier pages (see ``pipeline.forget_earlier_pages``)."""
    _names_a_photo_credit.cache_clear()


def labels_a_line_below(lines: Sequence[Line], pos: int, keys: Sequence[str]) -> bool:
    """Whether the line at ``pos`` is a topic label repeated inside a longer
    line just below it ("Dancing With the Stars" over the headline naming it).
    ``keys`` are the lines as ``page_phrases`` (whole-word comparison keys)."""
    return any(keys[pos] in keys[below] and lines[below].words > lines[pos].words
               for below in range(pos + 1, min(len(lines), pos + 1 + vocab.LABEL_REACH)))


@dataclass
class HeadlineContext:
    """What the evidence about each candidate is measured against."""

    lines: Sequence[Line]
    body_start: int
    window_start: int             # the first line looked at above the body
    metadata: list[bool]          # dates, credits, widgets (in the window only)
    credit: list[bool]            # bylines, agencies, name lines: the article's, not a photo's (in the window only)
    substantive_before: list[int]  # non-metadata lines before each position
    body_stems: set[str]          # content-word stems of the body
    lede_stems: set[str]          # content-word stems of the body's opening lines
    page_keys: str                # the page as page_phrases
    furniture_keys: str           # the lines outside the body as page_phrases
    keys: list[str]               # each line as page_phrases

    @classmethod
    def of(cls, lines: Sequence[Line], body_start: int, body: Sequence[Line]) -> HeadlineContext:
        first = max(0, body_start - vocab.HEADLINE_WINDOW)
        credit = [False] * len(lines)
        metadata = [False] * len(lines)
        # credits and metadata matter from the window's top to just below the body start
        for pos in range(first, min(len(lines), body_start + vocab.METADATA_BELOW_BODY_START)):
            credit[pos] = _is_credit(lines[pos])
            metadata[pos] = _is_metadata(lines[pos], credit[pos])
        substantive_before = [0]
        for flag in metadata:
            substantive_before.append(substantive_before[-1] + (not flag))
        page_keys = page_phrases(lines)
        in_body = {id(line) for line in body}
        furniture_keys = page_phrases([line for line in lines if id(line) not in in_body])
        return cls(lines=lines, body_start=body_start, window_start=first, metadata=metadata, credit=credit,
                   substantive_before=substantive_before,
                   body_stems=distinct_content_stems(body),
                   lede_stems=distinct_content_stems(body[:vocab.LEDE_LINES]),
                   page_keys=page_keys, furniture_keys=furniture_keys, keys=page_keys.split("\n"))


def _is_never_a_headline(line: Line) -> bool:
    """A byline ("By Jane Rowe"), a date stamp or a comment signature.

    Boilerplate vocabulary is evidence the model weighs, not a veto: "Top
    judge clashes with ministers" and "Honda wins copyright ruling" open or
    speak like furniture ("Top stories", "Copyright ...")."""
    return opens_like_a_credit(line.text) or line.section_break


def _in_short_line_run(lines: Sequence[Line], pos: int) -> bool:
    """Whether the lines on both sides are short and unpunctuated, as in a
    menu, a list of section names or a list of other stories' titles."""
    def short(i: int) -> bool:
        return 0 <= i < len(lines) and lines[i].words <= vocab.MENU_ITEM_MAX_WORDS and not lines[i].sentence_end
    return short(pos - 1) and short(pos + 1) and (short(pos - 2) or short(pos + 2))


def candidate_evidence(page: HeadlineContext, pos: int, title: str, title_echo: bool,
                       repeats: int) -> dict[str, float]:
    """The evidence about the line at ``pos`` being the headline, by name
    (``features.HEADLINE_FEATURES``; a name left out counts as 0). The model
    weighs it (``model.json``, fitted by ``tools/train_extraction.py``)."""
    lines, credit = page.lines, page.credit
    line = lines[pos]
    # distance counts the substantive lines between the candidate and the body
    substantive = page.substantive_before[page.body_start] - page.substantive_before[pos + 1]
    found = {"substantive_lines_between": float(min(substantive, vocab.HEADLINE_DISTANCE_CAP)),
             "log_lines_between": math.log1p(max(0, page.body_start - pos - 1)),
             "stopword_ratio": line.stopword_ratio,
             "content_score": clipped_score(line)}
    # length as a smooth bump (log and its square): headlines run from a few words to a few dozen
    log_words = math.log(line.words)
    found["log_words"], found["log_words_squared"] = log_words, log_words * log_words
    if line.words < 3:
        found["two_words"] = 1.0
    if line.heading:
        found[{1: "heading_1", 2: "heading_2"}.get(line.heading, "heading_other")] = 1.0
    if _SENTENCE_FULL_STOP.search(line.text):
        found["full_stop"] = 1.0
    if line.sentence_marks:
        found["sentence_marks"] = float(line.sentence_marks)
    if line.text.endswith(":") or line.teaser_ending:
        found["open_ending"] = 1.0
    if line.boilerplate:
        found["boilerplate"] = line.boilerplate
    if _is_menu(line):
        found["menu"] = 1.0
    if line.is_list:
        found["list_item"] = 1.0
    if _is_section_name(line):
        found["section_name"] = 1.0
    if line.text.isupper():
        found["capitals"] = 1.0
    if find_dates(line, pos):
        # a whole date (day, month, year) in a line that is no time stamp
        # (those are never candidates): a byline or a "Posted in ... on" line;
        # headlines name years, rarely days
        found["holds_a_date"] = 1.0
    if credit[pos]:
        found["credit"] = 1.0
    if line.ui_ratio >= vocab.UI_LINE_RATIO:
        found["ui_words"] = 1.0
    if title_echo:
        found["title_echo"] = 1.0
    elif repeats:
        found["repeated"] = 1.0
    if title != line.text:
        found["site_name_stripped"] = 1.0
    if pos < _PAGE_TOP_LINES:
        found["near_page_top"] = 1.0
    if any(lines[i].section_break or credit[i] for i in range(pos + 1, min(len(lines), pos + 4))):
        found["metadata_follows"] = 1.0
    if line.words >= 4 and line.title_case_ratio >= 0.6:
        found["title_case"] = 1.0
    if _in_short_line_run(lines, pos):
        found["in_short_line_run"] = 1.0
    if page.body_stems:
        found["body_overlap"] = body_overlap(line, page.body_stems)
        # a headline announces what the opening paragraph tells first
        found["lede_overlap"] = body_overlap(line, page.lede_stems)
        if below_a_title(lines, pos, page.metadata, page.body_stems):
            found["below_a_title"] = 1.0
        if _above_a_standfirst(page, pos):
            found["above_a_standfirst"] = 1.0
        if title_above_past_metadata(lines, pos, page.metadata, page.body_stems):
            found["title_above_past_metadata"] = 1.0
    if credits_a_photo(lines, pos):
        found["credits_a_photo"] = 1.0
    if labels_a_line_below(lines, pos, page.keys):
        found["label_of_a_line_below"] = 1.0
    first_word = line.key.split(" ", 1)[0]
    if first_word in vocab.UI_WORDS:
        found["opens_with_ui_word"] = 1.0
    return found


# evidence that a candidate is not shaped like a title
_NOT_TITLE_SHAPED = ("two_words", "full_stop", "credit", "holds_a_date", "menu", "boilerplate", "ui_words")


def compare_candidates(candidates: Sequence[HeadlineCandidate]) -> None:
    """Add the evidence that only comparison shows: how far a candidate's body
    overlap falls short of the best candidate's, and whether it is the
    title-shaped line nearest the body (three words or more, no full stop,
    not a credit, date, menu or widget)."""
    if not candidates:
        return
    best = max(c.evidence.get("body_overlap", 0.0) for c in candidates)
    nearest_found = False
    for candidate in candidates:  # nearest the body first
        evidence = candidate.evidence
        overlap = evidence.get("body_overlap", 0.0)
        evidence["overlap_below_best"] = best - overlap
        evidence["best_overlap"] = float(overlap == best and best > 0)
        if not nearest_found and not any(evidence.get(name) for name in _NOT_TITLE_SHAPED):
            evidence["nearest_title_shaped"] = 1.0
            nearest_found = True


@dataclass(frozen=True)
class HeadlineCandidate:
    position: int
    title: str                    # the line without a site name or share-tool tail
    evidence: dict[str, float]


def headline_candidates(lines: Sequence[Line], body_start: int,
                        body: Sequence[Line] = ()) -> list[HeadlineCandidate]:
    """The lines that could be the headline, with the evidence about each:
    the lines in a window above the body, and any top-level heading before it."""
    page = HeadlineContext.of(lines, body_start, body)
    first = page.window_start
    positions = list(range(body_start - 1, first - 1, -1))
    positions += [pos for pos in range(first) if lines[pos].heading == 1]
    found = []
    for pos in positions:
        line = lines[pos]
        if not vocab.HEADLINE_MIN_WORDS <= line.words <= vocab.HEADLINE_MAX_WORDS or line.code_like:
            continue
        if _is_never_a_headline(line):
            continue
        # a site name is printed again in the page's furniture (masthead,
        # copyright), not in the article: "- Hughes" after a quote is the speaker
        title = strip_site_suffix(line.text, page.furniture_keys)
        key = line.key if title == line.text else comparison_key(title)
        if len(key) < vocab.HEADLINE_MIN_KEY_CHARS:
            continue
        # the same words printed elsewhere: once is the line itself
        repeats = page.page_keys.count(f" {key} ") - 1
        title_echo = repeats > 0 and pos >= 1 and any(key in other for other in page.keys[:min(_PAGE_TOP_LINES, pos)])
        found.append(HeadlineCandidate(pos, title, candidate_evidence(page, pos, title, title_echo, repeats)))
    compare_candidates(found)
    return found


def find_headline(lines: Sequence[Line], body_start: int, body: Sequence[Line] = (),
                  model: ExtractionModel | None = None) -> tuple[str, int | None]:
    """The headline text and its position in ``lines`` (None if not found):
    the candidate the model ranks highest.

    ``body`` is the article body's lines; when given, candidates whose words
    recur in it are preferred. ``model``: the shipped one unless given.
    """
    model = model or shipped_model()
    best: tuple[float, HeadlineCandidate] | None = None
    for candidate in headline_candidates(lines, body_start, body):
        score = model.headline.logit(headline_row(candidate.evidence))
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None:
        return "", None
    return best[1].title, best[1].position
