"""Choosing the headline: the title-like line nearest above the body.

Candidates are the non-empty lines in a window above the body's first line.
Each is scored on shallow evidence: length (a headline has a handful to a few
dozen words), shape (no sentence-final full stop, no menu separators, not a
date or byline, not boilerplate), markdown heading marks, distance to the body
(nearer is better) and repetition (pages print the title twice: once in a
<title>-like line, often with a site-name suffix, once above the article).
The best candidate loses any site-name suffix (" - BBC News", " | Reuters")
and markdown marks (already removed by ``lines``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsidx.extract import vocabulary as vocab
from newsidx.extract.bylines import agency_name
from newsidx.extract.lines import Line

_DATE_LIKE = re.compile(
    r"^(?:[\w ]{0,30}:\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|\d{1,2}:\d\d)",
    re.I,
)
_BYLINE = re.compile(r"^(by|from|posted by|written by|reporting by|words by|author|source)\b", re.I)
_ROLE_LINE = re.compile(vocab.CREDIT_LINE_PATTERN, re.I)
_SENTENCE_FULL_STOP = re.compile(r"[a-z0-9\"”'’)][.]$")
_NORMALISE = re.compile(r"[\W_]+")
_BREADCRUMB = re.compile(vocab.BREADCRUMB_PATTERN)
# characters that a line of personal names does not contain
_NOT_IN_NAMES = re.compile(r"[\d:;!?\"“”()]")


def _key(text: str) -> str:
    """Comparison key: lower case, punctuation and spaces folded."""
    return _NORMALISE.sub(" ", text.lower()).strip()


def _looks_like_site_name(segment: str, page_keys: str) -> bool:
    words = segment.split()
    if not words or len(words) > 6:
        return False
    tokens = {t for t in _key(segment).split()}
    if tokens & vocab.SITE_NAME_WORDS or "." in segment:
        return True
    # a segment repeated elsewhere on the page (masthead, copyright line)
    return page_keys.count(_key(segment)) >= 2


def strip_site_suffix(text: str, page_keys: str = "") -> str:
    """Remove a trailing (or leading) site name joined by a separator."""
    for sep in vocab.SITE_SUFFIX_SEPARATORS:
        if sep not in text:
            continue
        head, _, tail = text.rpartition(sep)
        if len(head.split()) >= 2 and _looks_like_site_name(tail, page_keys):
            return strip_site_suffix(head.strip(), page_keys)
        first, _, rest = text.partition(sep)
        if len(rest.split()) >= 3 and _looks_like_site_name(first, page_keys) and sep != " : ":
            return strip_site_suffix(rest.strip(), page_keys)
    return text


def _is_credit(line: Line) -> bool:
    """A byline, an agency credit or a writer's role line: not a headline."""
    text = line.text
    if _BYLINE.match(text) or agency_name(text) or _ROLE_LINE.search(text):
        return True
    tokens = text.replace(",", " ").split()
    # "Trevor Daugherty", "KEVIN SCHOFIELD and GERRY BRAIDEN": names only
    return (2 <= len(tokens) <= 5 and line.stopword_ratio <= 0.2 and not _NOT_IN_NAMES.search(text)
            and all(t[0].isupper() or t.lower() in ("and", "&") for t in tokens)
            and not text.isupper() and len(tokens) <= 3)


def _is_metadata(line: Line) -> bool:
    """Lines that sit between a headline and its article: dates, credits, widgets."""
    return (line.section_break or line.boilerplate > 0 or line.ui_ratio >= vocab.UI_LINE_RATIO
            or _is_credit(line) or line.words <= 2)


_TOKEN = re.compile(r"[^\W_]+")


def _stem(token: str) -> str:
    """A crude stem: inflections of one word ("strengthens", "strengthened") share it."""
    return token[:vocab.HEADLINE_STEM_CHARS]


def content_stems(text: str) -> list[str]:
    """Stems of the content words (not stop words) of a text, lower case."""
    return [_stem(t) for t in _TOKEN.findall(text.lower()) if t not in vocab.STOPWORDS]


def body_overlap(text: str, body_stems: set[str]) -> float:
    """Share of a line's content words that the article body uses too.

    A headline announces what the body tells: most of its words recur there.
    Titles of other stories, widgets and section names mostly do not.
    """
    stems = content_stems(text)
    if not stems or not body_stems:
        return 0.0
    return sum(1 for s in stems if s in body_stems) / len(stems)


def _is_menu(line: Line) -> bool:
    """A menu or breadcrumb trail: "Home | News | Sport", "Home > World News"."""
    return line.menu_separators >= 2 or bool(_BREADCRUMB.search(line.text))


def _is_title_shaped(line: Line, body_stems: set[str]) -> bool:
    """A line that could head the article: a few words, not a sentence, about the body."""
    return (line.words >= vocab.STANDFIRST_TITLE_MIN_WORDS and not line.sentence_end
            and not line.section_break and line.boilerplate == 0 and not _is_menu(line)
            and body_overlap(line.text, body_stems) >= vocab.STANDFIRST_TITLE_MIN_OVERLAP)


def below_a_title(lines: Sequence[Line], pos: int, metadata: Sequence[bool],
                  body_stems: set[str]) -> bool:
    """Whether the line at ``pos`` is a standfirst, a pull quote or a caption
    set under the headline: the nearest substantive line above it is a shorter
    title-shaped line about the body that is not a label inside it
    ("Dancing With the Stars" above "X eliminated from 'Dancing with the Stars'")."""
    line = lines[pos]
    for above in range(pos - 1, max(-1, pos - 1 - vocab.STANDFIRST_REACH), -1):
        if metadata[above] and not _is_title_shaped(lines[above], body_stems):
            continue
        upper = lines[above]
        return (upper.words < line.words and _is_title_shaped(upper, body_stems)
                and _key(upper.text) not in _key(line.text))
    return False


def _candidate_score(lines: Sequence[Line], pos: int, body_start: int, title_echo: bool,
                     repeats: int, metadata: Sequence[bool], substantive_before: Sequence[int],
                     body_stems: set[str]) -> float:
    line = lines[pos]
    w = vocab.HEADLINE_WEIGHTS
    # distance counts the substantive lines between the candidate and the body
    substantive = substantive_before[body_start] - substantive_before[pos + 1]
    distance = w["per_substantive_line"] * substantive + w["per_line"] * (body_start - pos - 1)
    score = w["base"] + max(w["max_distance_penalty"], distance)
    if line.words < 3:
        score += w["two_words"]
    elif 4 <= line.words <= 16:
        score += w["typical_length"]
    if line.words > 20:
        score += w["per_word_over_20"] * (line.words - 20)
    score += w["heading"].get(line.heading, w["heading_other"]) if line.heading else 0.0
    if _SENTENCE_FULL_STOP.search(line.text):
        score += w["full_stop"]
    score += w["per_sentence_mark"] * line.sentence_marks
    if line.text.endswith(":") or line.text.endswith(vocab.TEASER_ENDINGS):
        score += w["open_ending"]
    if line.boilerplate:
        score += w["boilerplate"]
    if _is_menu(line):
        score += w["menu"]
    if line.link_share > 0.5:
        score += w["link"]
    if line.is_list:
        score += w["list_item"]
    if line.text.isupper() and line.words <= 4:
        score += w["section_name"]
    if line.section_break:
        score += w["date_line"]
    if metadata[pos] and _is_credit(line):
        score += w["credit"]
    if line.ui_ratio >= vocab.UI_LINE_RATIO:
        score += w["ui_words"]
    if title_echo:
        score += w["title_echo"]
    elif repeats:
        score += w["repeated"]
    if any(metadata[i] and (lines[i].section_break or _is_credit(lines[i]))
           for i in range(pos + 1, min(len(lines), pos + 4))):
        score += w["metadata_follows"]
    if line.words >= 4 and line.title_case_ratio >= 0.6:
        score += w["title_case"]
    if body_stems:
        score += w["body_overlap"] * (body_overlap(line.text, body_stems) - w["body_overlap_expected"])
        if below_a_title(lines, pos, metadata, body_stems):
            score += w["below_a_title"]
    return score


def find_headline(lines: Sequence[Line], body_start: int,
                  body: Sequence[Line] = ()) -> tuple[str, int | None]:
    """The headline text and its position in ``lines`` (None if not found).

    ``body`` is the article body's lines; when given, candidates whose words
    recur in it are preferred.
    """
    body_stems = {s for line in body for s in content_stems(line.text)}
    keys = [_key(line.text) for line in lines]
    page_keys = "\n".join(keys)
    best: tuple[float, int] | None = None
    first = max(0, body_start - vocab.HEADLINE_WINDOW)
    metadata = [_is_metadata(line) if pos >= first else False for pos, line in enumerate(lines)]
    substantive_before = [0]
    for flag in metadata:
        substantive_before.append(substantive_before[-1] + (not flag))
    # a top-level heading anywhere before the body is a candidate too
    positions = list(range(body_start - 1, first - 1, -1))
    positions += [pos for pos in range(first) if lines[pos].heading == 1]
    for pos in positions:
        line = lines[pos]
        if not vocab.HEADLINE_MIN_WORDS <= line.words <= vocab.HEADLINE_MAX_WORDS or line.code_like:
            continue
        key = _key(strip_site_suffix(line.text, page_keys))
        if len(key) < 8:
            continue
        # the same words printed elsewhere: once is the line itself
        repeats = page_keys.count(key) - 1
        title_echo = repeats > 0 and pos >= 1 and any(key in other for other in keys[:min(3, pos)])
        score = _candidate_score(lines, pos, body_start, title_echo, repeats, metadata,
                                 substantive_before, body_stems)
        if best is None or score > best[0]:
            best = (score, pos)
    if best is None or best[0] < vocab.HEADLINE_MIN_SCORE:
        return "", None
    return strip_site_suffix(lines[best[1]].text, page_keys), best[1]
