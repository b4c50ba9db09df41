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
from newsidx.extract.lines import Line

_DATE_LIKE = re.compile(
    r"^(?:[\w ]{0,30}:\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?"
    r"(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|\d{1,2}:\d\d)",
    re.I,
)
_BYLINE = re.compile(r"^(by|from|posted by|written by|reporting by|words by)\s+\S", re.I)
_SENTENCE_FULL_STOP = re.compile(r"[a-z0-9\"”'’)][.]$")
_NORMALISE = re.compile(r"[\W_]+")


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


def _candidate_score(line: Line, distance: int, repeats: int) -> float:
    score = 2.0 - 0.35 * distance
    if line.words < 3:
        score -= 1.5
    if line.words > 20:
        score -= 0.1 * (line.words - 20)
    if line.heading:
        score += {1: 3.0, 2: 2.0}.get(line.heading, 1.0)
    if _SENTENCE_FULL_STOP.search(line.text) and line.sentence_marks == 0 and line.words > 12:
        score -= 1.0  # a one-sentence paragraph more likely than a headline
    if line.sentence_marks > 0:
        score -= 1.5 * line.sentence_marks
    if line.text.endswith(":") or line.text.endswith(vocab.TEASER_ENDINGS):
        score -= 3.0
    if line.boilerplate:
        score -= 3.0
    if line.menu_separators >= 2:
        score -= 2.0
    if line.link_share > 0.5:
        score -= 1.0
    if line.is_list:
        score -= 1.0
    if line.text.isupper() and line.words <= 4:
        score -= 2.0  # section names: "WORLD", "LOCAL NEWS"
    if repeats:
        score += 2.0
    if line.words >= 4 and line.title_case_ratio >= 0.6:
        score += 0.5
    return score


def find_headline(lines: Sequence[Line], body_start: int) -> tuple[str, int | None]:
    """The headline text and its position in ``lines`` (None if not found)."""
    keys = [_key(line.text) for line in lines]
    page_keys = "\n".join(keys)
    best: tuple[float, int] | None = None
    first = max(0, body_start - vocab.HEADLINE_WINDOW)
    for pos in range(body_start - 1, first - 1, -1):
        line = lines[pos]
        if not vocab.HEADLINE_MIN_WORDS <= line.words <= vocab.HEADLINE_MAX_WORDS:
            continue
        if _DATE_LIKE.match(line.text) or _BYLINE.match(line.text) or line.code_like:
            continue
        key = _key(strip_site_suffix(line.text, page_keys))
        repeats = sum(1 for other, other_key in zip(lines, keys)
                      if other is not line and key and key in other_key
                      and len(other.text) <= 2 * len(line.text) + 40)
        score = _candidate_score(line, body_start - 1 - pos, repeats)
        if best is None or score > best[0]:
            best = (score, pos)
    if best is None or best[0] < -2.0:
        return "", None
    return strip_site_suffix(lines[best[1]].text, page_keys), best[1]
